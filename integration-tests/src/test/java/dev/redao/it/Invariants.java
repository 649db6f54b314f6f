package dev.redao.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.redao.it.partition.PartitionTags;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.internal.Scores;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Checks that the keys Redao keeps for a model agree with each other, whatever sequence of writes
 * produced them: for tests to call after concurrent or otherwise tricky runs.
 *
 * <p>Redis knows nothing of Redao's models, so the checker is told what each one has, by a
 * {@link Model} spec declared once and reused (the specs of this module's models are below):
 *
 * <pre>{@code
 * Invariants.Model member = Invariants.model("member")
 *         .unique("email", "handle").sets("country").lex("country").sorted("age");
 * Invariants.of(store, ns).check(member);             // or several models in one call
 * }</pre>
 *
 * <p>What is checked, per model (docs/design.md, "Key layout"):
 * <ol>
 * <li>objects: each {@code obj:<id>} hash has its id field equal to {@code <id>} and its id in the
 *     id set; each id in the id set has a hash;
 * <li>unique hashes {@code uni:<f>}: each entry value&rarr;id names a live object holding that value;
 *     each live object's value has the entry naming it; no value is held twice; as many entries as
 *     distinct values held;
 * <li>set indexes {@code idx:<f>:<v>}: not empty; each member is live and holds v; each live object
 *     with a value is in the set of that value (and, by the former, in no other);
 * <li>sorted indexes {@code idx:<f>}: exactly the live ids holding a value, each with its score;
 * <li>lexicographic indexes {@code lex:<f>}: exactly {@code value\0id} of each live object holding a
 *     value, all at score 0;
 * <li>an ordered model's id set scores each object by its ordering field, &plusmn;inf without one;
 * <li>no other key of the model exists: in particular no temporary query key ({@code tmp:*}) was
 *     left behind, and each key has the type its kind demands. The id counter {@code ids} may exist.
 * </ol>
 *
 * <p>A partitioned model ({@link Model#partitioned}) is checked partition by partition, each as a
 * model of its own, with these differences (docs/partitioned-models.md): each object is in the
 * partition of its id (a numeric id mod N, else its text's CRC16 mod N); the unique entry of a value
 * is in the partition of the value's CRC16 mod N, whichever partition holds its object, and
 * invariant 2 holds over all partitions together; and a claim key {@code claim:<f>:<v>} is a
 * problem: a write that completed leaves none, so check after writes that did (one that stopped
 * part-way leaves claims for the next writer of the value to resolve).
 *
 * <p>Reads are plain commands (KEYS on the model's pattern, then one read per key), fine in tests
 * where the namespace is the test's own; they are not atomic, so call the checker when no writer
 * is running. Every problem is collected, not only the first, so that one failed run shows all the
 * damage; each names the model, key, id and value concerned ("-" where one does not apply).
 */
public final class Invariants {

    // ---- specs of the models of this module, for any test to reuse

    /** {@link dev.redao.it.model.Member}: a String set index with {@code prefix = true} has a lex index too. */
    public static final Model MEMBER = model("member")
            .unique("email", "handle").sets("country").lex("country").sorted("age");

    /** {@link dev.redao.it.model.Account}: a record with a {@code @Version} (stored, never indexed). */
    public static final Model ACCOUNT = model("account")
            .unique("email").sets("country").lex("country").sorted("age");

    /**
     * {@link dev.redao.it.model.Profile}: a class with a String id and a boxed {@code @Version};
     * its indexed city has no {@code prefix = true}, so no lex index.
     */
    public static final Model PROFILE = model("profile")
            .unique("handle").sets("city").sorted("score");

    /** {@link dev.redao.it.model.Ticket}: a class with public fields; an enum has no lex index. */
    public static final Model TICKET = model("ticket")
            .unique("code").sets("color").sorted("priority");

    /** {@link dev.redao.it.query.Task}: ordered by descending score; due scores as epoch millis. */
    public static final Model TASK = model("qtask")
            .ordered("score", true).sorted("score").sorted("due", scoredBy(t -> Scores.of(Instant.parse(t))))
            .sets("owner");

    /** {@link dev.redao.it.model.Gadget}: every kind of index key, ordered by descending rank. */
    public static final Model GADGET = model("gadget")
            .unique("sku", "code").sets("color").lex("color").sorted("size").ordered("rank", true);

    /**
     * {@link dev.redao.it.model.Login}: partitioned over 4 hash tags, its two unique fields' entries
     * in the partitions of their values.
     */
    public static final Model LOGIN = model("login").unique("email", "nick").sets("country").partitioned(4);

    // ---- the API

    private final RedisStore store;
    private final String namespace;

    private Invariants(RedisStore store, String namespace) {
        this.store = store;
        this.namespace = namespace;
    }

    /** A checker of the models of {@code namespace} (e.g. a test's {@code ns}) on this store. */
    public static Invariants of(RedisStore store, String namespace) {
        return new Invariants(store, namespace);
    }

    /** A spec of model {@code name} (its {@code @Model} name), with no index yet, id field {@code id}. */
    public static Model model(String name) {
        return new Model(name, "", "id", Set.of(), Set.of(), Set.of(), Map.of(), null, false, null, 1);
    }

    /**
     * A score function made from the runtime's own conversion, for fields whose score is not their
     * text read as a double: {@code scoredBy(t -> Scores.of(Instant.parse(t)))}. (A float field
     * needs {@code t -> (double) Float.parseFloat(t)}, since its score is the float widened.)
     */
    public static ToDoubleFunction<String> scoredBy(Function<String, byte[]> scores) {
        return text -> Double.parseDouble(new String(scores.apply(text), StandardCharsets.US_ASCII));
    }

    /** Fails (AssertionFailedError) listing every problem found in these models; passes if none. */
    public void check(Model... models) {
        List<String> problems = problems(models);
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 50);
            String more = problems.size() > shown ? "\n  ... and " + (problems.size() - shown) + " more" : "";
            fail("Redis invariants broken (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + "):\n  " + String.join("\n  ", problems.subList(0, shown)) + more);
        }
    }

    /** Every problem found in these models, as check() would report them. */
    public List<String> problems(Model... models) {
        return store.execute(jedis -> {
            List<String> out = new ArrayList<>();
            for (Model m : models) {
                if (m.partitions > 1) {
                    out.addAll(checkPartitioned(jedis, m));
                } else {
                    out.addAll(new Run(jedis, m, RedisTestSupport.nsKey(namespace, m.group.isEmpty() ? "{" + m.name + "}" : "{" + m.group + "}:" + m.name)).check());
                }
            }
            return out;
        });
    }

    /** Each partition on its own, then the unique entries of all of them together. */
    private List<String> checkPartitioned(UnifiedJedis jedis, Model m) {
        List<String> out = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        for (int p = 0; p < m.partitions; p++) {
            bases.add(PartitionTags.base(namespace, m.name, p, m.partitions));
        }
        List<Run> runs = new ArrayList<>();
        for (int p = 0; p < m.partitions; p++) {
            Run run = new Run(jedis, m, bases, p);
            out.addAll(run.check());
            runs.add(run);
        }
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

    /**
     * What a model has, immutable: each method returns a changed copy, so that a spec can be a
     * constant and tests derive variants from it.
     */
    public static final class Model {
        final String name;
        final String group;
        final String idField;
        final Set<String> unique;
        final Set<String> sets;
        final Set<String> lex;
        final Map<String, ToDoubleFunction<String>> sorted;
        final String orderField;
        final boolean descending;
        final ToDoubleFunction<String> orderScore;
        final int partitions;

        private Model(String name, String group, String idField, Set<String> unique, Set<String> sets, Set<String> lex,
                      Map<String, ToDoubleFunction<String>> sorted, String orderField, boolean descending,
                      ToDoubleFunction<String> orderScore, int partitions) {
            this.name = name;
            this.group = group;
            this.idField = idField;
            this.unique = unique;
            this.sets = sets;
            this.lex = lex;
            this.sorted = sorted;
            this.orderField = orderField;
            this.descending = descending;
            this.orderScore = orderScore;
            this.partitions = partitions;
        }

        /**
         * {@code @Model(partitions = n)}: the keys are under each partition's hash tag, and the
         * unique entries in the partitions of their values (see the class comment).
         */
        public Model partitioned(int n) {
            return new Model(name, group, idField, unique, sets, lex, sorted, orderField, descending, orderScore, n);
        }

        /** {@code @Model(group)}: the keys are {@code {<ns><group>}:<name>:...}. */
        public Model group(String group) {
            return new Model(name, group, idField, unique, sets, lex, sorted, orderField, descending, orderScore, partitions);
        }

        /** The name of the {@code @Id} field, which the object hash holds too (default {@code id}). */
        public Model idField(String field) {
            return new Model(name, group, field, unique, sets, lex, sorted, orderField, descending, orderScore, partitions);
        }

        /** {@code @Unique} fields: {@code uni:<f>} hashes. */
        public Model unique(String... fields) {
            return new Model(name, group, idField, plus(unique, fields), sets, lex, sorted, orderField, descending, orderScore, partitions);
        }

        /** Set-indexed fields (strings, enums, booleans, UUIDs, chars): {@code idx:<f>:<value>} sets. */
        public Model sets(String... fields) {
            return new Model(name, group, idField, unique, plus(sets, fields), lex, sorted, orderField, descending, orderScore, partitions);
        }

        /** Fields with a lexicographic index (Strings with {@code @Indexed(prefix = true)}): {@code lex:<f>}. */
        public Model lex(String... fields) {
            return new Model(name, group, idField, unique, sets, plus(lex, fields), sorted, orderField, descending, orderScore, partitions);
        }

        /** Sorted-indexed fields whose score is their stored text as a double (numbers). */
        public Model sorted(String... fields) {
            Model m = this;
            for (String f : fields) {
                m = m.sorted(f, Double::parseDouble);
            }
            return m;
        }

        /** A sorted-indexed field whose score is computed from its stored text (dates, times, floats). */
        public Model sorted(String field, ToDoubleFunction<String> score) {
            Map<String, ToDoubleFunction<String>> s = new LinkedHashMap<>(sorted);
            s.put(field, score);
            return new Model(name, group, idField, unique, sets, lex, Map.copyOf(s), orderField, descending, orderScore, partitions);
        }

        /** {@code @Model(ordering = "field")} or {@code "-field"} (descending), a numeric field. */
        public Model ordered(String field, boolean descending) {
            return ordered(field, descending, Double::parseDouble);
        }

        /** As {@link #ordered(String, boolean)}, the score computed from the stored text. */
        public Model ordered(String field, boolean descending, ToDoubleFunction<String> score) {
            return new Model(name, group, idField, unique, sets, lex, sorted, field, descending, score, partitions);
        }

        private static Set<String> plus(Set<String> set, String... more) {
            Set<String> s = new LinkedHashSet<>(set);
            s.addAll(Arrays.asList(more));
            return Set.copyOf(s);
        }

        @Override
        public String toString() {
            return "Model[" + name + ", unique " + unique + ", sets " + sets + ", lex " + lex + ", sorted "
                    + sorted.keySet() + (orderField == null ? "" : ", ordered " + (descending ? "-" : "") + orderField)
                    + (partitions > 1 ? ", " + partitions + " partitions" : "") + "]";
        }
    }

    // ---- one model's check: read every key of the model, then compare

    private static final class Run {
        private final UnifiedJedis jedis;
        private final Model m;
        private final String base;
        /** The partition this run reads of a partitioned model; -1 for a model that is not partitioned. */
        private final int partition;
        /** A partitioned model's base key of each partition; empty for a model that is not partitioned. */
        private final List<String> bases;
        private final List<String> problems = new ArrayList<>();

        // what Redis holds, by kind of key; TreeMaps so that problems come in a stable order
        private final Map<String, Double> liveIds = new TreeMap<>(); // scores are NaN for a plain set
        private final Map<String, Map<String, String>> hashes = new TreeMap<>();   // id -> obj hash
        private final Map<String, Map<String, String>> uniques = new TreeMap<>();  // field -> value -> id
        private final Map<String, Map<String, Set<String>>> setIndexes = new TreeMap<>(); // field -> value -> ids
        private final Map<String, Map<String, Double>> sortedIndexes = new TreeMap<>();   // field -> id -> score
        private final Map<String, Map<String, Double>> lexIndexes = new TreeMap<>();      // field -> member -> score
        /** The objects the indexes must describe: hashes whose id is live. */
        private final Map<String, Map<String, String>> live = new TreeMap<>();

        Run(UnifiedJedis jedis, Model m, String base) {
            this(jedis, m, base, -1, List.of());
        }

        Run(UnifiedJedis jedis, Model m, List<String> bases, int partition) {
            this(jedis, m, bases.get(partition), partition, bases);
        }

        private Run(UnifiedJedis jedis, Model m, String base, int partition, List<String> bases) {
            this.jedis = jedis;
            this.m = m;
            this.base = base;
            this.partition = partition;
            this.bases = bases;
        }

        /** The checks of this key space; a partition's unique entries are checked with the others' after. */
        List<String> check() {
            read();
            checkObjects();
            if (partition < 0) {
                m.unique.forEach(this::checkUnique);
            }
            m.sets.forEach(this::checkSetIndex);
            m.sorted.forEach(this::checkSortedIndex);
            m.lex.forEach(this::checkLexIndex);
            if (m.orderField != null) {
                checkOrdering();
            }
            return problems;
        }

        // -- reading; also invariant 7: every key is of a kind the model has, with its type

        private void read() {
            for (String key : new TreeSet<>(jedis.keys(glob(base) + ":*"))) {
                String rest = key.substring(base.length() + 1);
                String type = jedis.type(key);
                if (rest.equals("id")) {
                    if (expectType(key, type, m.orderField != null ? "zset" : "set")) {
                        if (type.equals("zset")) {
                            liveIds.putAll(zset(key));
                        } else {
                            jedis.smembers(key).forEach(id -> liveIds.put(id, Double.NaN));
                        }
                    }
                } else if (rest.equals("ids")) {
                    expectType(key, type, "string"); // the id counter
                } else if (rest.startsWith("obj:")) {
                    if (expectType(key, type, "hash")) {
                        hashes.put(rest.substring("obj:".length()), jedis.hgetAll(key));
                    }
                } else if (rest.startsWith("tmp:")) {
                    problem(key, null, null, "temporary query key left behind (type " + type + ")");
                } else if (rest.startsWith("uni:") && m.unique.contains(rest.substring(4))) {
                    if (expectType(key, type, "hash")) {
                        Map<String, String> entries = jedis.hgetAll(key);
                        uniques.put(rest.substring(4), entries);
                        if (partition >= 0) {
                            entries.forEach((value, id) -> {
                                if (partitionOf(value) != partition) {
                                    problem(key, id, value, "unique entry in partition " + partition + ", not in its value's "
                                            + partitionOf(value));
                                }
                            });
                        }
                    }
                } else if (partition >= 0 && rest.startsWith("claim:")) {
                    problem(key, null, jedis.get(key), "claim left (by a write that stopped part-way, or is still running)");
                } else if (rest.startsWith("lex:") && m.lex.contains(rest.substring(4))) {
                    if (expectType(key, type, "zset")) {
                        lexIndexes.put(rest.substring(4), zset(key));
                    }
                } else if (rest.startsWith("idx:") && m.sorted.containsKey(rest.substring(4))) {
                    if (expectType(key, type, "zset")) {
                        sortedIndexes.put(rest.substring(4), zset(key));
                    }
                } else if (rest.startsWith("idx:") && rest.indexOf(':', 4) > 0
                        && m.sets.contains(rest.substring(4, rest.indexOf(':', 4)))) {
                    // field names hold no ':', values may: the value is everything after the field
                    String field = rest.substring(4, rest.indexOf(':', 4));
                    String value = rest.substring(rest.indexOf(':', 4) + 1);
                    if (expectType(key, type, "set")) {
                        setIndexes.computeIfAbsent(field, f -> new TreeMap<>()).put(value, new TreeSet<>(jedis.smembers(key)));
                    }
                } else {
                    problem(key, null, null, "key of no kind " + m + " has (type " + type + ")");
                }
            }
        }

        private boolean expectType(String key, String type, String wanted) {
            if (!type.equals(wanted)) {
                problem(key, null, null, "holds a " + type + " where a " + wanted + " belongs");
                return false;
            }
            return true;
        }

        private Map<String, Double> zset(String key) {
            Map<String, Double> out = new TreeMap<>();
            for (Tuple t : jedis.zrangeWithScores(key, 0, -1)) {
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
            return JedisClusterCRC16.getCRC16(value) % m.partitions;
        }

        /** The partition of an object: a numeric id mod N, another id's CRC16 mod N. */
        private int idPartition(String id) {
            try {
                return (int) Math.floorMod(Long.parseLong(id), (long) m.partitions);
            } catch (NumberFormatException notNumeric) {
                return JedisClusterCRC16.getCRC16(id) % m.partitions;
            }
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

        private void checkSortedIndex(String field, ToDoubleFunction<String> scoreOf) {
            String key = base + ":idx:" + field;
            Map<String, Double> index = sortedIndexes.getOrDefault(field, Map.of());
            index.forEach((id, score) -> {
                Map<String, String> h = live.get(id);
                if (h == null) {
                    problem(key, id, null, "sorted index names an id that is not a live object (score " + score + ")");
                } else if (h.get(field) == null) {
                    problem(key, id, null, "sorted index holds an object whose " + field + " is absent (score " + score + ")");
                } else {
                    expectScore(key, id, h.get(field), score, scoreOf, "sorted index");
                }
            });
            live.forEach((id, h) -> {
                if (h.get(field) != null && !index.containsKey(id)) {
                    problem(key, id, h.get(field), "live object with a " + field + " is missing from the sorted index");
                }
            });
        }

        private void expectScore(String key, String id, String text, double score, ToDoubleFunction<String> scoreOf,
                                 String what) {
            double expected;
            try {
                expected = scoreOf.applyAsDouble(text);
            } catch (RuntimeException e) {
                problem(key, id, text, "cannot compute the expected score: " + e);
                return;
            }
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
                    expectScore(idSetKey(), id, text, score, m.orderScore, "id set (ordered by " + m.orderField + ")");
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
            problems.add(m.name + ": " + what + " [key " + key.replace("\0", "\\0") + ", id " + (id == null ? "-" : id)
                    + ", value " + show(value) + "]");
        }

        /** A value quoted, its NUL (the lex separator) visible; "-" for none. */
        private static String show(String value) {
            return value == null ? "-" : '"' + value.replace("\0", "\\0") + '"';
        }

        /** The base key as a KEYS pattern: glob characters escaped (braces are not special). */
        private static String glob(String s) {
            return s.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
        }
    }
}
