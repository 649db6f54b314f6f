package dev.redao.test.internal;

import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.internal.ModelEngine;
import dev.redao.runtime.internal.ModelSchema;
import dev.redao.runtime.internal.SharedSecrets;
import dev.redao.runtime.internal.StoreConnection;
import dev.redao.test.ConsistencyReport.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Checks that the keys Redao keeps for a model agree with each other and with the model
 * (docs/design.md, "Key layout"), whatever sequence of writes produced them. The model is known
 * through its DAO: which fields are unique or indexed and how, its ordering, partitions and id
 * type come from the schema the processor wrote, and the score each field should have from the
 * DAO's own reading and writing of the object.
 *
 * <p>Per model:
 * <ol>
 * <li>objects: each {@code obj:<id>} hash holds its id in its id field, is in the id set, and reads
 *     back as the model; each id in the id set has a hash;
 * <li>unique hashes {@code uni:<f>}: each entry value&rarr;id names a live object holding that value;
 *     each live object's value has the entry naming it; no value is held twice; as many entries as
 *     distinct values held;
 * <li>set indexes {@code idx:<f>:<v>}: not empty; each member is live and holds v; each live object
 *     with a value is in the set of that value (and, by the former, in no other);
 * <li>sorted indexes {@code idx:<f>}: exactly the live ids holding a value, each with the score a
 *     save gives it;
 * <li>lexicographic indexes {@code lex:<f>}: exactly {@code value\0id} of each live object holding a
 *     value, all at score 0;
 * <li>compound indexes {@code cidx:<f1>:<f2>:<v>} (of {@code @Model(indexes)}): exactly the live ids
 *     holding v in f1 and a value in f2, each scored as the sorted index of f2 scores it;
 * <li>structure fields {@code st:<f>:<id>}: each belongs to a live object (one goes with its
 *     object);
 * <li>an ordered model's id set scores each object by its ordering field, &plusmn;inf without one;
 * <li>no other key of the model exists, each key has the type its kind demands, and none has a time
 *     to live but the temporary keys of an all-or-nothing batch ({@code tmp:*}, {@code claim:*}),
 *     which must have one. The id counter {@code ids} may exist;
 * <li>an expiring model's deadlines {@code exp}: each member is a live id. An object past its
 *     deadline keeps its keys until a write of the model purges it, and they are checked as any
 *     live object's, but for its unique values, which another object may have taken since.
 * </ol>
 *
 * <p>A partitioned model is checked partition by partition (docs/partitioned-models.md): each
 * object in the partition of its id (a numeric id mod N, any other id's CRC16 mod N); the unique
 * entry of a value in the partition of the value's CRC16 mod N, and invariant 2 over all
 * partitions together; and a claim {@code claim:<f>:<v>} is a problem, since a write that
 * completed leaves none (one that stopped part-way leaves claims for the next writer of the value
 * to resolve).
 *
 * <p>Reads are plain commands: a SCAN of the model's keys on each server that holds data, then a
 * pipeline of reads. They are not atomic, so check when no writer is running.
 */
public final class KeyLayoutChecker {
    private static final int SCAN_COUNT = 1000;

    private KeyLayoutChecker() {}

    /** Every problem in the keys of the DAO's model, in its store's namespace. */
    public static List<Problem> problems(ModelDao<?, ?> dao) {
        ModelEngine<?, ?> engine = SharedSecrets.core().engine(dao);
        Model m = new Model(engine);
        StoreConnection connection = engine.connection();
        if (m.partitions == 1) {
            Run run = new Run(m, connection, engine.keys(0).base(), -1, List.of());
            return run.check();
        }
        List<String> bases = new ArrayList<>();
        for (int p = 0; p < m.partitions; p++) {
            bases.add(engine.keys(p).base());
        }
        List<Problem> out = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        for (int p = 0; p < m.partitions; p++) {
            Run run = new Run(m, connection, bases.get(p), p, bases);
            out.addAll(run.check());
            runs.add(run);
        }
        // invariant 2 over every partition: the entries of all, the objects of all
        Run all = runs.get(0);
        for (Run run : runs.subList(1, runs.size())) {
            all.live.putAll(run.live);
            run.uniques.forEach((field, entries) -> all.uniques.computeIfAbsent(field, f -> new TreeMap<>()).putAll(entries));
        }
        all.problems.clear();
        m.unique.forEach(all::checkUnique);
        out.addAll(all.problems);
        return out;
    }

    /** The model's name of a DAO. */
    public static String modelName(ModelDao<?, ?> dao) {
        return SharedSecrets.core().engine(dao).schema().name();
    }

    /** What the schema says of the model, as the checks need it. */
    static final class Model {
        final ModelEngine<?, ?> engine;
        final String name;
        final String idField;
        final boolean numericIds;
        final int partitions;
        final Set<String> unique = new LinkedHashSet<>();
        final Set<String> sets = new LinkedHashSet<>();
        final Set<String> lex = new LinkedHashSet<>();
        final Set<String> sorted = new LinkedHashSet<>();
        /** Each compound index as {@code "<first>:<second>"}, the part of its keys' names before the value. */
        final Set<String> compound = new LinkedHashSet<>();
        final Set<String> structures = new LinkedHashSet<>();
        /** The {@code @Model(ordering)} field, or null. */
        final String orderField;
        final boolean descending;
        final boolean expiring;
        /** Every stored field's position in {@link ModelSchema#fields()}: the id at 0. */
        final Map<String, Integer> positions = new HashMap<>();
        final List<String> fields;

        Model(ModelEngine<?, ?> engine) {
            this.engine = engine;
            ModelSchema<?> schema = engine.schema();
            this.name = schema.name();
            this.fields = schema.fields();
            this.idField = fields.get(0);
            this.numericIds = schema.idType().assignedByServer();
            this.partitions = schema.partitions();
            for (ModelSchema.StoredField f : schema.stored()) {
                if (f.unique()) {
                    unique.add(f.name());
                }
                if (f.setIndex()) {
                    sets.add(f.name());
                }
                if (f.prefixIndex()) {
                    lex.add(f.name());
                }
                if (f.sortedIndex()) {
                    sorted.add(f.name());
                }
            }
            for (ModelSchema.CompoundIndex c : schema.compoundIndexes()) {
                compound.add(fields.get(c.first()) + ":" + fields.get(c.second()));
            }
            structures.addAll(schema.structures());
            this.orderField = schema.ordered() ? fields.get(schema.orderingField()) : null;
            this.descending = schema.orderingDescending();
            this.expiring = schema.expiring();
            for (int i = 0; i < fields.size(); i++) {
                positions.put(fields.get(i), i);
            }
        }
    }

    // ---- one key space's check (a model, or a partition of one): read every key, then compare

    private static final class Run {
        private final Model m;
        private final StoreConnection connection;
        private final String base;
        /** The partition this run reads of a partitioned model; -1 for a model that is not partitioned. */
        private final int partition;
        /** A partitioned model's base key of each partition; empty for a model that is not partitioned. */
        private final List<String> bases;
        private final List<Problem> problems = new ArrayList<>();

        // what Redis holds, by kind of key; TreeMaps so that problems come in a stable order
        private final Map<String, Double> liveIds = new TreeMap<>(); // scores are NaN for a plain set
        /** Each structure field's key, by the id of the object it belongs to. */
        private final Map<String, String> structureKeys = new TreeMap<>();
        private final Map<String, Map<String, String>> hashes = new TreeMap<>();   // id -> obj hash
        private final Map<String, Map<byte[], byte[]>> rawHashes = new HashMap<>(); // id -> obj hash as stored
        private final Map<String, Map<String, String>> uniques = new TreeMap<>();  // field -> value -> id
        private final Map<String, Map<String, Set<String>>> setIndexes = new TreeMap<>(); // field -> value -> ids
        private final Map<String, Map<String, Double>> sortedIndexes = new TreeMap<>();   // field -> id -> score
        private final Map<String, Map<String, Double>> lexIndexes = new TreeMap<>();      // field -> member -> score
        private final Map<String, Map<String, Map<String, Double>>> compoundIndexes = new TreeMap<>(); // f1:f2 -> value -> id -> score
        /** The objects the indexes must describe: hashes whose id is live. */
        private final Map<String, Map<String, String>> live = new TreeMap<>();
        /** Per live object, the score a save gives each field, by position; absent when the object does not read back. */
        private final Map<String, byte[][]> scores = new HashMap<>();
        /** An expiring model's deadlines, id to server ms. */
        private final Map<String, Double> deadlines = new TreeMap<>();
        /** The ids past their deadline, by the server's clock when the keys were read. */
        private final Set<String> expired = new TreeSet<>();

        Run(Model m, StoreConnection connection, String base, int partition, List<String> bases) {
            this.m = m;
            this.connection = connection;
            this.base = base;
            this.partition = partition;
            this.bases = bases;
        }

        /** The checks of this key space; a partition's unique entries are checked with the others' after. */
        List<Problem> check() {
            connection.forEachMaster(this::read);
            checkObjects();
            if (partition < 0) {
                m.unique.forEach(this::checkUnique);
            }
            m.sets.forEach(this::checkSetIndex);
            m.sorted.forEach(this::checkSortedIndex);
            m.lex.forEach(this::checkLexIndex);
            m.compound.forEach(this::checkCompoundIndex);
            if (m.orderField != null) {
                checkOrdering();
            }
            structureKeys.forEach((key, id) -> {
                if (!liveIds.containsKey(id)) {
                    problem(key, id, null, "structure field of an id that is not a live object");
                }
            });
            deadlines.keySet().forEach(id -> {
                if (!liveIds.containsKey(id)) {
                    problem(base + ":exp", id, null, "deadline of an id that is not live");
                }
            });
            return problems;
        }

        // -- reading; also invariant 7: every key is of a kind the model has, with its type and no TTL

        /** The keys of this key space that one server holds (all of them live on the server of its hash tag). */
        private void read(Jedis jedis) {
            Set<String> keys = scan(jedis);
            if (keys.isEmpty()) {
                return;
            }
            Map<String, Response<String>> types = new TreeMap<>();
            Map<String, Response<Long>> ttls = new TreeMap<>();
            try (Pipeline pipeline = jedis.pipelined()) {
                for (String key : keys) {
                    types.put(key, pipeline.type(key));
                    ttls.put(key, pipeline.pttl(key));
                }
                pipeline.sync();
            }
            List<Runnable> after = new ArrayList<>();
            try (Pipeline pipeline = jedis.pipelined()) {
                for (String key : keys) {
                    classify(pipeline, key, types.get(key).get(), ttls.get(key).get(), after);
                }
                pipeline.sync();
            }
            after.forEach(Runnable::run);
            if (!deadlines.isEmpty()) {
                List<String> time = jedis.time();
                double now = Long.parseLong(time.get(0)) * 1000.0 + Long.parseLong(time.get(1)) / 1000;
                deadlines.forEach((id, deadline) -> {
                    if (deadline <= now) {
                        expired.add(id);
                    }
                });
            }
        }

        private Set<String> scan(Jedis jedis) {
            Set<String> keys = new TreeSet<>();
            ScanParams params = new ScanParams().match(glob(base) + ":*").count(SCAN_COUNT);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return keys;
        }

        /**
         * Decides what kind of key this is, reports a wrong type or time to live, and queues its
         * read in the pipeline; {@code after} gets what to do with the reply once it is there.
         */
        private void classify(Pipeline pipeline, String key, String type, long ttl, List<Runnable> after) {
            String rest = key.substring(base.length() + 1);
            if (rest.startsWith("tmp:")) {
                // an all-or-nothing batch's table of new unique values: it expires at the batch's deadline
                if (ttl < 0) {
                    problem(key, null, null, "temporary key without a time to live (type " + type + ")");
                }
                return;
            }
            if (rest.startsWith("claim:")) {
                checkClaim(pipeline, key, rest, type, ttl, after);
                return;
            }
            if (ttl >= 0) {
                problem(key, null, null, "has a time to live (" + ttl + " ms): Redao's keys never expire, and this one"
                        + " would vanish without the keys that go with it");
            }
            if (rest.equals("id")) {
                if (expectType(key, type, m.orderField != null ? "zset" : "set")) {
                    if (type.equals("zset")) {
                        Response<List<Tuple>> members = pipeline.zrangeWithScores(key, 0, -1);
                        after.add(() -> liveIds.putAll(zset(members.get())));
                    } else {
                        Response<Set<String>> members = pipeline.smembers(key);
                        after.add(() -> members.get().forEach(id -> liveIds.put(id, Double.NaN)));
                    }
                }
            } else if (rest.equals("exp") && m.expiring) {
                if (expectType(key, type, "zset")) {
                    Response<List<Tuple>> members = pipeline.zrangeWithScores(key, 0, -1);
                    after.add(() -> deadlines.putAll(zset(members.get())));
                }
            } else if (rest.equals("ids")) {
                expectType(key, type, "string"); // the id counter
            } else if (rest.equals("schema")) {
                expectType(key, type, "hash"); // the stored schema: its version and layout
            } else if (rest.startsWith("obj:")) {
                if (expectType(key, type, "hash")) {
                    String id = rest.substring("obj:".length());
                    Response<Map<byte[], byte[]>> fields = pipeline.hgetAll(key.getBytes(StandardCharsets.UTF_8));
                    after.add(() -> {
                        Map<String, String> text = new TreeMap<>();
                        fields.get().forEach((f, v) -> text.put(utf8(f), utf8(v)));
                        hashes.put(id, text);
                        rawHashes.put(id, fields.get());
                    });
                }
            } else if (rest.startsWith("uni:") && m.unique.contains(rest.substring(4))) {
                if (expectType(key, type, "hash")) {
                    String field = rest.substring(4);
                    Response<Map<String, String>> entries = pipeline.hgetAll(key);
                    after.add(() -> readUniqueEntries(key, field, entries.get()));
                }
            } else if (rest.startsWith("lex:") && m.lex.contains(rest.substring(4))) {
                if (expectType(key, type, "zset")) {
                    Response<List<Tuple>> members = pipeline.zrangeWithScores(key, 0, -1);
                    after.add(() -> lexIndexes.put(rest.substring(4), zset(members.get())));
                }
            } else if (rest.startsWith("idx:") && m.sorted.contains(rest.substring(4))) {
                if (expectType(key, type, "zset")) {
                    Response<List<Tuple>> members = pipeline.zrangeWithScores(key, 0, -1);
                    after.add(() -> sortedIndexes.put(rest.substring(4), zset(members.get())));
                }
            } else if (rest.startsWith("cidx:") && compoundOf(rest) != null) {
                String pair = compoundOf(rest);
                String value = rest.substring("cidx:".length() + pair.length() + 1);
                if (expectType(key, type, "zset")) {
                    Response<List<Tuple>> members = pipeline.zrangeWithScores(key, 0, -1);
                    after.add(() -> compoundIndexes.computeIfAbsent(pair, c -> new TreeMap<>()).put(value, zset(members.get())));
                }
            } else if (rest.startsWith("st:") && rest.indexOf(':', 3) > 0
                    && m.structures.contains(rest.substring(3, rest.indexOf(':', 3)))) {
                structureKeys.put(key, rest.substring(rest.indexOf(':', 3) + 1));
            } else if (rest.startsWith("idx:") && rest.indexOf(':', 4) > 0
                    && m.sets.contains(rest.substring(4, rest.indexOf(':', 4)))) {
                // field names hold no ':', values may: the value is everything after the field
                String field = rest.substring(4, rest.indexOf(':', 4));
                String value = rest.substring(rest.indexOf(':', 4) + 1);
                if (expectType(key, type, "set")) {
                    Response<Set<String>> members = pipeline.smembers(key);
                    after.add(() -> setIndexes.computeIfAbsent(field, f -> new TreeMap<>()).put(value, new TreeSet<>(members.get())));
                }
            } else {
                problem(key, null, null, "key of no kind model " + m.name + " has (type " + type + ")");
            }
        }

        /** The compound index ({@code "<first>:<second>"}) of a key's name after the base, {@code cidx:<first>:<second>:<value>}; null for none of the model's. */
        private String compoundOf(String rest) {
            int first = rest.indexOf(':', "cidx:".length());
            int second = first < 0 ? -1 : rest.indexOf(':', first + 1);
            if (second < 0) {
                return null;
            }
            String pair = rest.substring("cidx:".length(), second);
            return m.compound.contains(pair) ? pair : null;
        }

        /**
         * A claim on a unique value. A partitioned model's is left by a write that stopped part-way
         * (a completed one confirms or gives up each of its claims); another model's is an
         * all-or-nothing batch's, which expires at the batch's deadline.
         */
        private void checkClaim(Pipeline pipeline, String key, String rest, String type, long ttl, List<Runnable> after) {
            int colon = rest.indexOf(':', "claim:".length());
            String field = colon < 0 ? "" : rest.substring("claim:".length(), colon);
            if (!m.unique.contains(field)) {
                problem(key, null, null, "key of no kind model " + m.name + " has (type " + type + ")");
                return;
            }
            if (!expectType(key, type, "string")) {
                return;
            }
            if (partition >= 0) {
                Response<String> claim = pipeline.get(key);
                after.add(() -> problem(key, null, claim.get(), "claim left (by a write that stopped part-way, or is still running)"));
            } else if (ttl < 0) {
                Response<String> claim = pipeline.get(key);
                after.add(() -> problem(key, claim.get(), null, "batch claim without a time to live"));
            }
        }

        private void readUniqueEntries(String key, String field, Map<String, String> entries) {
            uniques.put(field, entries);
            if (partition >= 0) {
                entries.forEach((value, id) -> {
                    if (partitionOf(value) != partition) {
                        problem(key, id, value, "unique entry in partition " + partition + ", not in its value's " + partitionOf(value));
                    }
                });
            }
        }

        private boolean expectType(String key, String type, String wanted) {
            if (!type.equals(wanted)) {
                problem(key, null, null, "holds a " + type + " where a " + wanted + " belongs");
                return false;
            }
            return true;
        }

        private static Map<String, Double> zset(List<Tuple> members) {
            Map<String, Double> out = new TreeMap<>();
            for (Tuple t : members) {
                out.put(t.getElement(), t.getScore());
            }
            return out;
        }

        // -- 1. objects and the id set

        private void checkObjects() {
            hashes.forEach((id, h) -> {
                String key = objKey(id);
                if (!id.equals(h.get(m.idField))) {
                    problem(key, id, h.get(m.idField), "object hash's " + m.idField + " field differs from its key's id");
                }
                if (partition >= 0 && idPartition(id) != partition) {
                    problem(key, id, null, "object in partition " + partition + ", not in its id's " + idPartition(id));
                }
                if (liveIds.containsKey(id)) {
                    live.put(id, h);
                    readBack(id, key);
                } else {
                    problem(key, id, null, "object hash whose id is not in the id set " + idSetKey());
                }
            });
            for (String id : liveIds.keySet()) {
                if (!hashes.containsKey(id)) {
                    problem(idSetKey(), id, null, "live id without an object hash " + objKey(id));
                }
            }
        }

        /** Reads the object as its DAO does and writes it back as a save would, for the scores its fields get. */
        private void readBack(String id, String key) {
            byte[][] values = new byte[m.fields.size()][];
            rawHashes.get(id).forEach((f, v) -> {
                Integer position = m.positions.get(utf8(f));
                if (position != null) {
                    values[position] = v;
                }
            });
            try {
                scores.put(id, m.engine.savedScores(Arrays.asList(values)));
            } catch (RedaoException e) {
                problem(key, id, null, "object does not read back as a " + m.name + ": " + e.getMessage());
            }
        }

        // -- 2. unique hashes

        private void checkUnique(String field) {
            String hash = partition < 0 ? base + ":uni:" + field : "uni:" + field + " of every partition";
            Map<String, String> entries = uniques.getOrDefault(field, Map.of());
            entries.forEach((value, id) -> {
                String key = uniKey(field, value);
                if (!live.containsKey(id)) {
                    problem(key, id, value, "unique entry names an id that is not a live object");
                } else if (!value.equals(live.get(id).get(field))) {
                    problem(key, id, value, "unique entry names an object whose " + field + " is "
                            + show(live.get(id).get(field)));
                }
            });
            Map<String, List<String>> holders = new TreeMap<>();
            live.forEach((id, h) -> {
                String value = h.get(field);
                if (expired.contains(id) && !id.equals(entries.get(value))) {
                    return; // an expired object's value is free, and another object may hold it now
                }
                if (value != null) {
                    holders.computeIfAbsent(value, v -> new ArrayList<>()).add(id);
                    String entry = entries.get(value);
                    String key = uniKey(field, value);
                    if (!id.equals(entry)) {
                        problem(key, id, value, entry == null ? "live object's " + field + " has no unique entry"
                                : "live object's " + field + " has its unique entry naming id " + entry);
                    }
                }
            });
            holders.forEach((value, ids) -> {
                if (ids.size() > 1) {
                    problem(uniKey(field, value), String.join(",", ids), value, "unique " + field + " held by several live objects");
                }
            });
            if (entries.size() != holders.size()) {
                problem(hash, null, null, "unique hash has " + entries.size() + " entries for " + holders.size()
                        + " distinct values held");
            }
        }

        /** The unique hash that holds the entry of a value: the model's, or a partitioned model's in the value's partition. */
        private String uniKey(String field, String value) {
            if (partition < 0) {
                return base + ":uni:" + field;
            }
            return bases.get(partitionOf(value)) + ":uni:" + field;
        }

        /** The partition of a unique value's entry: its CRC16 mod N. */
        private int partitionOf(String value) {
            return JedisClusterCRC16.getCRC16(value.getBytes(StandardCharsets.UTF_8)) % m.partitions;
        }

        /** The partition of an object: a numeric id mod N, another id's CRC16 mod N. */
        private int idPartition(String id) {
            if (m.numericIds) {
                try {
                    return (int) Math.floorMod(Long.parseLong(id), (long) m.partitions);
                } catch (NumberFormatException notNumeric) {
                    return -1; // no partition is that of an id the model cannot have
                }
            }
            return JedisClusterCRC16.getCRC16(id.getBytes(StandardCharsets.UTF_8)) % m.partitions;
        }

        // -- 3. set indexes

        private void checkSetIndex(String field) {
            Map<String, Set<String>> index = setIndexes.getOrDefault(field, Map.of());
            index.forEach((value, ids) -> {
                String key = base + ":idx:" + field + ":" + value;
                if (ids.isEmpty()) { // Redis deletes an emptied set: one can only be planted
                    problem(key, null, value, "empty index set");
                }
                for (String id : ids) {
                    if (!live.containsKey(id)) {
                        problem(key, id, value, "index set names an id that is not a live object");
                    } else if (!value.equals(live.get(id).get(field))) {
                        // this also covers "in the set of another value than its own"
                        problem(key, id, value, "index set holds an object whose " + field + " is "
                                + show(live.get(id).get(field)));
                    }
                }
            });
            live.forEach((id, h) -> {
                String value = h.get(field);
                if (value != null && !index.getOrDefault(value, Set.of()).contains(id)) {
                    problem(base + ":idx:" + field + ":" + value, id, value,
                            "live object is missing from the index set of its " + field);
                }
            });
        }

        // -- 4. sorted indexes

        private void checkSortedIndex(String field) {
            String key = base + ":idx:" + field;
            Map<String, Double> index = sortedIndexes.getOrDefault(field, Map.of());
            index.forEach((id, score) -> {
                Map<String, String> h = live.get(id);
                if (h == null) {
                    problem(key, id, null, "sorted index names an id that is not a live object (score " + score + ")");
                } else if (h.get(field) == null) {
                    problem(key, id, null, "sorted index holds an object whose " + field + " is absent (score " + score + ")");
                } else {
                    expectScore(key, id, field, h.get(field), score, "sorted index");
                }
            });
            live.forEach((id, h) -> {
                if (h.get(field) != null && !index.containsKey(id)) {
                    problem(key, id, h.get(field), "live object with a " + field + " is missing from the sorted index");
                }
            });
        }

        /** Compares a score with the one a save gives the object's field; nothing to compare with for an object that does not read back. */
        private void expectScore(String key, String id, String field, String text, double score, String what) {
            byte[][] saved = scores.get(id);
            if (saved == null) {
                return;
            }
            byte[] expectedText = saved[m.positions.get(field)];
            if (expectedText == null || expectedText.length == 0) {
                problem(key, id, text, "the value has no score a save would write");
                return;
            }
            double expected = Double.parseDouble(new String(expectedText, StandardCharsets.US_ASCII));
            // Double.compare: exact, and +inf/-inf equal themselves
            if (Double.compare(expected, score) != 0) {
                problem(key, id, text, what + " scores the object " + score + ", expected " + expected);
            }
        }

        // -- 5. lexicographic indexes

        private void checkLexIndex(String field) {
            String key = base + ":lex:" + field;
            Map<String, Double> index = lexIndexes.getOrDefault(field, Map.of());
            Set<String> expected = new TreeSet<>();
            live.forEach((id, h) -> {
                if (h.get(field) != null) {
                    expected.add(h.get(field) + "\0" + id);
                }
            });
            index.forEach((member, score) -> {
                int nul = member.lastIndexOf('\0');
                String value = nul < 0 ? member : member.substring(0, nul);
                String id = nul < 0 ? null : member.substring(nul + 1);
                if (!expected.contains(member)) {
                    problem(key, id, value, "lex member matches no live object's " + field);
                }
                if (score != 0) {
                    problem(key, id, value, "lex member has score " + score + ", not 0");
                }
            });
            for (String member : expected) {
                if (!index.containsKey(member)) {
                    int nul = member.lastIndexOf('\0');
                    problem(key, member.substring(nul + 1), member.substring(0, nul), "live object's lex member is missing");
                }
            }
        }

        // -- compound indexes

        private void checkCompoundIndex(String pair) {
            String first = pair.substring(0, pair.indexOf(':'));
            String second = pair.substring(pair.indexOf(':') + 1);
            Map<String, Map<String, Double>> index = compoundIndexes.getOrDefault(pair, Map.of());
            index.forEach((value, members) -> {
                String key = base + ":cidx:" + pair + ":" + value;
                if (members.isEmpty()) { // Redis deletes an emptied sorted set: one can only be planted
                    problem(key, null, value, "empty compound index key");
                }
                members.forEach((id, score) -> {
                    Map<String, String> h = live.get(id);
                    if (h == null) {
                        problem(key, id, value, "compound index names an id that is not a live object (score " + score + ")");
                    } else if (!value.equals(h.get(first))) {
                        problem(key, id, value, "compound index holds an object whose " + first + " is " + show(h.get(first)));
                    } else if (h.get(second) == null) {
                        problem(key, id, value, "compound index holds an object whose " + second + " is absent (score " + score + ")");
                    } else {
                        expectScore(key, id, second, value, score, "compound index");
                    }
                });
            });
            live.forEach((id, h) -> {
                String value = h.get(first);
                if (value != null && h.get(second) != null && !index.getOrDefault(value, Map.of()).containsKey(id)) {
                    problem(base + ":cidx:" + pair + ":" + value, id, value, "live object with a " + second
                            + " is missing from the compound index of its " + first);
                }
            });
        }

        // -- 6. the id set's scores of an ordered model

        private void checkOrdering() {
            live.forEach((id, h) -> {
                String text = h.get(m.orderField);
                double score = liveIds.get(id);
                if (text == null) {
                    double expected = m.descending ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                    if (score != expected) {
                        problem(idSetKey(), id, null, "id set scores an object without " + m.orderField + " "
                                + score + ", expected " + expected);
                    }
                } else {
                    expectScore(idSetKey(), id, m.orderField, text, score, "id set (ordered by " + m.orderField + ")");
                }
            });
        }

        // -- reporting

        private String objKey(String id) {
            return base + ":obj:" + id;
        }

        private String idSetKey() {
            return base + ":id";
        }

        private void problem(String key, String id, String value, String what) {
            problems.add(new Problem(m.name, key, id, value, what));
        }

        /** A value quoted, its NUL (the lex separator) visible; "-" for none. */
        private static String show(String value) {
            return value == null ? "-" : '"' + value.replace("\0", "\\0") + '"';
        }

        /** The base key as a glob: glob characters escaped (braces are not special). */
        private static String glob(String s) {
            return s.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
        }

        private static String utf8(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
