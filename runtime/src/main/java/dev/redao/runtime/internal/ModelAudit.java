package dev.redao.runtime.internal;

import dev.redao.runtime.CorruptValueException;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.audit.AuditReport;
import dev.redao.runtime.audit.Finding;
import dev.redao.runtime.audit.Outcome;
import dev.redao.runtime.audit.ProblemKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link ModelDao#audit()} and {@link ModelDao#repair()}: every rule of a model's key layout
 * (docs/design.md, "Key layout") checked in bounded steps, each one script on one partition's
 * keys, the cursor kept here between them (docs/design.md, "Audit and repair").
 *
 * <ol>
 * <li>The objects: a SCAN of the model's keys, {@link #KEYS_STEP} at a time. Each object hash is checked
 *     in the same script against the id set and every entry its values call for (set, sorted,
 *     compound and lex indexes, an ordered model's id set, unique entries), and its fields come
 *     back to be decoded and scored here, as a save scores them. The SCAN also finds the set and
 *     compound index keys, whose members are walked next, and the temporary keys, which must have
 *     a time to live.
 * <li>The entries, from their side: the id set, each sorted and lex index and each unique hash,
 *     walked with SSCAN, ZSCAN and HSCAN: each entry must name a live object that has its value.
 * <li>A partitioned model's unique values, whose entries live in the values' partitions: checked
 *     by {@link PartitionedUniqueAudit}, across partitions.
 * </ol>
 *
 * <p>A repair fixes the problems of each step right after it, in scripts of at most {@link #STEP}
 * fixes ({@code audit/repair.lua}), each of which reads again what it fixes: another client's
 * write since the step read the keys is never undone.
 *
 * @param <T> the model
 * @param <ID> its id type
 */
public final class ModelAudit<T, ID> {
    /**
     * The most entries or fixes one script of an audit handles, and twice the keys a step of the
     * walk over the model's keys looks at (an object's checks cost a few entries' worth).
     */
    public static final int STEP = 200;
    /** The keys a step of the walk over the model's keys looks at. */
    public static final int KEYS_STEP = STEP / 2;
    /** The most SCAN calls of one step, for a database where the model's keys are few among many. */
    static final int SCAN_CALLS = 8;
    /** The time to live a repair gives a temporary key that has none: a batch's deadline is about this. */
    static final long TEMPORARY_TTL_MILLIS = 60_000;
    /** How many times a repair reads again an object whose values keep changing under it. */
    static final int RECHECKS = 3;
    private static final byte[] START = {'0'};
    private static final byte[] NONE = {};

    final ModelEngine<T, ID> model;
    final ModelSchema<ID> schema;
    final StoreConnection connection;
    final AuditScripts scripts;
    final boolean repair;
    final AuditLedger ledger;
    private final int[] sets;
    private final int[] sorted;
    private final int[] lex;
    /** The compound indexes, by their position in the scripts' COMPOUND less one. */
    private final List<ModelSchema.CompoundIndex> compound;
    /** The unique fields whose entries live with the objects (every one of a model that is not partitioned). */
    private final int[] unique;
    /** A partitioned model's unique fields, whose entries live in the values' partitions. */
    private final int[] claimed;
    /** Every position the repair of an object not in the id set compares: as repair.lua's indexed. */
    private final int[] indexed;
    private final PartitionedUniqueAudit<ID> uniques;
    /** Keys of the wrong type already reported: each script notes them again. */
    private final Set<String> wrongTypes = new HashSet<>();

    private ModelAudit(ModelEngine<T, ID> model, boolean repair) {
        this.model = model;
        this.schema = model.schema();
        this.connection = model.connection();
        this.scripts = AuditScripts.of(schema);
        this.repair = repair;
        this.ledger = new AuditLedger(schema.name(), repair);
        List<ModelSchema.StoredField> stored = schema.stored();
        this.sets = positions(stored, ModelSchema.StoredField::setIndex);
        this.sorted = positions(stored, ModelSchema.StoredField::sortedIndex);
        this.lex = positions(stored, ModelSchema.StoredField::prefixIndex);
        this.compound = schema.compoundIndexes();
        this.unique = schema.partitioned() ? new int[0] : positions(stored, ModelSchema.StoredField::unique);
        this.claimed = schema.partitioned() ? positions(stored, ModelSchema.StoredField::unique) : new int[0];
        List<Integer> all = new ArrayList<>();
        for (int[] list : List.of(sets, sorted, lex, unique, new int[] {schema.orderingField()})) {
            for (int f : list) {
                if (f > 0 && !all.contains(f)) {
                    all.add(f);
                }
            }
        }
        this.indexed = all.stream().mapToInt(Integer::intValue).toArray();
        this.uniques = claimed.length > 0 ? new PartitionedUniqueAudit<>(this) : null;
    }

    /** {@link ModelDao#audit()}: reports, changes nothing. */
    public static <T, ID> AuditReport audit(ModelEngine<T, ID> model) {
        return new ModelAudit<>(model, false).run();
    }

    /** {@link ModelDao#repair()}: reports, and fixes what can be fixed. */
    public static <T, ID> AuditReport repair(ModelEngine<T, ID> model) {
        return new ModelAudit<>(model, true).run();
    }

    /** Every script of a model's audit and repair, for tools that list scripts (the benchmarks write them out). */
    public static List<Script> scripts(ModelSchema<?> model) {
        AuditScripts s = AuditScripts.of(model);
        return List.of(s.scan(), s.entries(), s.repair(), s.holds(), s.lookup(), AuditScripts.FENCE, AuditScripts.UNFENCE,
                AuditScripts.SETTLE);
    }

    private AuditReport run() {
        for (int p = 0; p < model.partitions(); p++) {
            walkKeys(p);
            walkEntries(p, "ids", 0);
            if (schema.expiring()) {
                walkEntries(p, "deadlines", 0);
            }
            for (int f : sorted) {
                walkEntries(p, "sorted", f);
            }
            for (int f : lex) {
                walkEntries(p, "lex", f);
            }
            for (int f : unique) {
                walkEntries(p, "unique", f);
            }
            for (int f : claimed) {
                walkEntries(p, "pairs", f);
            }
        }
        return ledger.report();
    }

    // ---- 1. the model's keys, and each object

    private void walkKeys(int p) {
        List<byte[]> keys = idSetKeys(p);
        String base = model.keys(p).base();
        byte[] cursor = START;
        do {
            List<?> r = (List<?>) connection.eval(scripts.scan(), keys,
                    List.of(cursor, Codecs.encode(KEYS_STEP), Codecs.encode(SCAN_CALLS)));
            cursor = (byte[]) r.get(0);
            long now = Long.parseLong(utf8((byte[]) r.get(1)));
            ledger.step((Long) r.get(2));
            Fixes fixes = new Fixes(p);
            List<?> objects = (List<?>) r.get(3);
            ledger.objects(objects.size());
            for (Object o : objects) {
                checkObject(p, base, (List<?>) o, fixes);
            }
            for (Object key : (List<?>) r.get(5)) {
                problem(fixes, ProblemKind.TEMPORARY_KEY_WITHOUT_TTL, (byte[]) key, null, null,
                        "temporary key without a time to live", "expire", (byte[]) key, Codecs.encode(TEMPORARY_TTL_MILLIS));
            }
            List<?> claims = (List<?>) r.get(6);
            for (int i = 0; i < claims.size(); i += 2) {
                leftClaim(p, base, (byte[]) claims.get(i), (byte[]) claims.get(i + 1), now);
            }
            wrongTypes((List<?>) r.get(7));
            for (Object key : (List<?>) r.get(8)) {
                problem(fixes, ProblemKind.UNUSED_INDEX_KEY, (byte[]) key, null, null,
                        "key of an index, unique hash or deadlines the model does not have", "unlink", (byte[]) key);
            }
            List<?> orphans = (List<?>) r.get(10);
            for (int i = 0; i < orphans.size(); i += 2) {
                problem(fixes, ProblemKind.ORPHAN_STRUCTURE, (byte[]) orphans.get(i), utf8((byte[]) orphans.get(i + 1)), null,
                        "structure field of an object that does not exist", "orphan", (byte[]) orphans.get(i),
                        (byte[]) orphans.get(i + 1));
            }
            recheck(p, base, fixes.apply(false));
            if (uniques != null) {
                uniques.flush();
            }
            walkKeysFound(p, "sets", (List<?>) r.get(4));
            walkKeysFound(p, "cidx", (List<?>) r.get(9));
        } while (!isStart(cursor));
    }

    /**
     * Objects whose values changed between the step that read them and their repair: a save of an
     * object that is not in the id set moves its entries and leaves it out of the id set, so it
     * still needs the repair. Each is read and repaired again, at most {@link #RECHECKS} times.
     */
    private void recheck(int p, String base, List<byte[]> keys) {
        for (int round = 1; !keys.isEmpty(); round++) {
            List<byte[]> args = new ArrayList<>(List.of(START, Codecs.encode(KEYS_STEP), Codecs.encode(SCAN_CALLS)));
            args.addAll(keys);
            List<?> r = (List<?>) connection.eval(scripts.scan(), idSetKeys(p), args);
            ledger.step((Long) r.get(2));
            Fixes fixes = new Fixes(p);
            for (Object o : (List<?>) r.get(3)) {
                checkObject(p, base, (List<?>) o, fixes);
            }
            wrongTypes((List<?>) r.get(7));
            keys = fixes.apply(round == RECHECKS);
        }
    }

    /** The checks of one object of a scan step (see scan.lua for the record). */
    private void checkObject(int p, String base, List<?> o, Fixes fixes) {
        byte[] id = (byte[]) o.get(0);
        Object live = o.get(1);
        @SuppressWarnings("unchecked")
        List<byte[]> row = (List<byte[]>) o.get(2);
        String idText = utf8(id);
        byte[] key = concat(bytes(base + ":obj:"), id);
        String idName = schema.fields().get(0);
        byte[] stored = row.get(0);
        if (stored == null) {
            if (row.stream().anyMatch(Objects::nonNull)) {
                problem(ProblemKind.CORRUPT_OBJECT, key, idText, null, "object hash has no field '" + idName
                        + "' but holds fields of " + schema.name() + "; delete " + idText + " to remove it");
            }
            return; // a hash that holds no field of the model is no object
        }
        if (!Arrays.equals(stored, id)) {
            problem(ProblemKind.CORRUPT_OBJECT, key, idText, utf8(stored), "object hash holds '" + utf8(stored)
                    + "' in its field '" + idName + "'; delete " + idText + " to remove it");
            return;
        }
        if (schema.partitioned()) {
            int home = partitionOf(id);
            if (home != p) {
                problem(ProblemKind.WRONG_PARTITION, key, idText, null, "object in partition " + p + ", not in its id's "
                        + (home < 0 ? "(it is no id of " + schema.name() + ")" : Integer.toString(home)));
                return;
            }
        }
        byte[][] scores = null;
        try {
            scores = model.savedScores(row);
        } catch (RedaoException e) {
            problem(ProblemKind.UNDECODABLE_VALUE, key, idText, e instanceof CorruptValueException c ? c.value() : null,
                    "object does not read back as a " + schema.name() + ": " + e.getMessage());
        } catch (RuntimeException e) { // the model's own constructor refused the values read
            problem(ProblemKind.UNDECODABLE_VALUE, key, idText, null, "object does not read back as a " + schema.name()
                    + ": its constructor refused the stored values (" + e + ")");
        }
        if (isUnknown(live)) {
            return; // the id set holds the wrong type: reported
        }
        if (!(live instanceof byte[] || Long.valueOf(1).equals(live))) { // not in the id set
            notInIdSet(p, key, id, row, scores, fixes);
            return;
        }
        if (schema.ordered()) {
            checkOrdering(p, id, row, scores, score((byte[]) live), fixes);
        }
        // an object past its deadline holds no unique value (another may have taken it) until a write purges it
        boolean expired = !Long.valueOf(0).equals(o.get(3));
        int at = 4;
        for (int f : sets) {
            Object member = o.get(at++);
            byte[] v = row.get(f);
            if (v != null && Long.valueOf(0).equals(member)) {
                problem(fixes, ProblemKind.MISSING_INDEX_ENTRY, setKey(p, f, v), idText, utf8(v), "live object is missing from the"
                        + " index set of its " + field(f), "sadd", pos(f), v, id);
            }
        }
        for (int f : sorted) {
            Object score = o.get(at++);
            byte[] v = row.get(f);
            if (v != null && !isUnknown(score)) {
                checkScore(fixes, sortedKey(p, f), id, f, v, scores, (byte[]) score);
            }
        }
        for (int f : lex) {
            Object score = o.get(at++);
            byte[] v = row.get(f);
            if (v == null || isUnknown(score)) {
                continue;
            }
            if (score == null) {
                problem(fixes, ProblemKind.MISSING_INDEX_ENTRY, lexKey(p, f), idText, utf8(v), "live object's lex member is missing",
                        "lexadd", pos(f), v, id);
            } else if (score((byte[]) score) != 0) {
                problem(fixes, ProblemKind.WRONG_INDEX_SCORE, lexKey(p, f), idText, utf8(v), "lex member has score "
                        + utf8((byte[]) score) + ", not 0", "lexadd", pos(f), v, id);
            }
        }
        for (int f : unique) {
            Object holder = o.get(at++);
            Object has = o.get(at++);
            Object claim = o.get(at++);
            byte[] v = row.get(f);
            if (v != null && !expired) {
                checkUnique(fixes, p, id, f, v, holder, has, claim);
            }
        }
        for (int c = 0; c < compound.size(); c++) {
            Object score = o.get(at++);
            byte[] v = row.get(compound.get(c).first());
            byte[] w = row.get(compound.get(c).second());
            if (v != null && w != null && !isUnknown(score)) {
                checkCompoundScore(fixes, p, c, id, v, w, scores, (byte[]) score);
            }
        }
        if (uniques != null) {
            for (int f : claimed) {
                if (row.get(f) != null) {
                    uniques.expect(p, f, row.get(f), id);
                }
            }
        }
    }

    /** An object hash whose id is not in the id set: restored with its entries, if its values allow. */
    private void notInIdSet(int p, byte[] key, byte[] id, List<byte[]> row, byte[][] scores, Fixes fixes) {
        String idText = utf8(id);
        String what = "object hash whose id is not in the id set " + utf8(idSet(p));
        if (scores == null) {
            problem(ProblemKind.OBJECT_NOT_IN_ID_SET, key, idText, null, what + "; it does not decode, so it is not restored");
            return;
        }
        for (int f : claimed) {
            if (row.get(f) != null) {
                problem(ProblemKind.OBJECT_NOT_IN_ID_SET, key, idText, null, what + "; its unique values live in other"
                        + " partitions, so it is not restored: save it again, or delete it");
                return;
            }
        }
        List<byte[]> args = new ArrayList<>();
        args.add(id);
        args.add(schema.ordered() ? orderingScore(row, scores) : NONE);
        int n = 0;
        List<byte[]> triples = new ArrayList<>();
        for (int f : indexed) {
            if (row.get(f) != null) {
                triples.add(pos(f));
                triples.add(row.get(f));
                triples.add(scores[f] == null ? NONE : scores[f]);
                n++;
            }
        }
        args.add(Codecs.encode(n));
        args.addAll(triples);
        problem(fixes, ProblemKind.OBJECT_NOT_IN_ID_SET, key, idText, null, what, "restore", args.toArray(byte[][]::new));
    }

    /** An ordered model's id set scores each object by its ordering field, as a save does. */
    private void checkOrdering(int p, byte[] id, List<byte[]> row, byte[][] scores, double actual, Fixes fixes) {
        if (scores == null) {
            return; // nothing to compare with: reported as undecodable
        }
        int f = schema.orderingField();
        byte[] expected = orderingScore(row, scores);
        if (Double.compare(score(expected), actual) != 0) {
            byte[] v = row.get(f);
            problem(fixes, ProblemKind.WRONG_INDEX_SCORE, idSet(p), utf8(id), v == null ? null : utf8(v), "id set (ordered by "
                    + field(f) + ") scores the object " + actual + ", a save gives " + utf8(expected), "order",
                    Codecs.encode(v == null ? 0 : 1), v == null ? NONE : v, expected, id);
        }
    }

    private byte[] orderingScore(List<byte[]> row, byte[][] scores) {
        int f = schema.orderingField();
        if (row.get(f) != null) {
            return scores[f];
        }
        return bytes(schema.orderingDescending() ? "-inf" : "+inf");
    }

    /** A sorted index's score of an object with a value in field f. */
    private void checkScore(Fixes fixes, byte[] key, byte[] id, int f, byte[] v, byte[][] scores, byte[] score) {
        String idText = utf8(id);
        if (scores == null) {
            if (score == null) { // nothing to score it with: reported as undecodable too
                problem(ProblemKind.MISSING_INDEX_ENTRY, key, idText, utf8(v), "live object's " + field(f)
                        + " is missing from the sorted index; its value does not decode, so it has no score");
            }
            return;
        }
        byte[] expected = scores[f];
        if (score == null) {
            problem(fixes, ProblemKind.MISSING_INDEX_ENTRY, key, idText, utf8(v), "live object's " + field(f)
                    + " is missing from the sorted index", "zadd", pos(f), v, expected, id);
        } else if (Double.compare(score(expected), score(score)) != 0) {
            problem(fixes, ProblemKind.WRONG_INDEX_SCORE, key, idText, utf8(v), "sorted index scores the object "
                    + utf8(score) + ", a save gives " + utf8(expected), "zadd", pos(f), v, expected, id);
        }
    }

    /**
     * A compound index's entry of a live object with value v in its first field and w in its
     * second: in the key of v, scored as the second field's sorted index scores w.
     */
    private void checkCompoundScore(Fixes fixes, int p, int c, byte[] id, byte[] v, byte[] w, byte[][] scores, byte[] score) {
        byte[] key = cidxKey(p, c, v);
        String idText = utf8(id);
        String second = field(compound.get(c).second());
        if (scores == null) {
            if (score == null) { // nothing to score it with: reported as undecodable too
                problem(ProblemKind.MISSING_INDEX_ENTRY, key, idText, utf8(v), "live object is missing from the compound"
                        + " index " + compoundName(c) + "; its values do not decode, so it has no score");
            }
            return;
        }
        byte[] expected = scores[compound.get(c).second()];
        if (score == null) {
            problem(fixes, ProblemKind.MISSING_INDEX_ENTRY, key, idText, utf8(v), "live object is missing from the compound"
                    + " index " + compoundName(c), "cadd", pos(c + 1), v, w, expected, id);
        } else if (Double.compare(score(expected), score(score)) != 0) {
            problem(fixes, ProblemKind.WRONG_INDEX_SCORE, key, idText, utf8(v), "compound index scores the object "
                    + utf8(score) + ", a save gives " + utf8(expected) + " (its " + second + " " + utf8(w) + ")", "cadd",
                    pos(c + 1), v, w, expected, id);
        }
    }

    /** The unique entry of value v of a live object (a model that is not partitioned: the entry is in the same script). */
    private void checkUnique(Fixes fixes, int p, byte[] id, int f, byte[] v, Object holder, Object has, Object claim) {
        if (isUnknown(holder) || isUnknown(has) || isUnknown(claim)) {
            return;
        }
        if (holder instanceof byte[] h && Arrays.equals(h, id)) {
            return;
        }
        if (claim != null) {
            return; // a running all-or-nothing batch claims the value: its write decides the entry
        }
        byte[] key = uniKey(p, f);
        String idText = utf8(id);
        if (holder == null) {
            problem(fixes, ProblemKind.MISSING_UNIQUE_ENTRY, key, idText, utf8(v), "live object's " + field(f)
                    + " has no unique entry", "uset", pos(f), v, id);
        } else if (Long.valueOf(1).equals(has)) {
            problem(ProblemKind.DUPLICATE_UNIQUE_VALUE, key, utf8((byte[]) holder) + "," + idText, utf8(v),
                    "unique " + field(f) + " held by several live objects; the entry names " + utf8((byte[]) holder));
        } else {
            problem(fixes, ProblemKind.MISSING_UNIQUE_ENTRY, key, idText, utf8(v), "live object's " + field(f)
                    + " has its unique entry naming " + utf8((byte[]) holder) + ", which does not hold it", "uset", pos(f), v, id);
        }
    }

    /** A partitioned model's claim (see unique/claim.lua): a problem once past its deadline and grace. */
    private void leftClaim(int p, String base, byte[] key, byte[] text, long now) {
        String claim = utf8(text);
        PartitionedUniques.ClaimText parsed = PartitionedUniques.ClaimText.parse(claim);
        if (parsed == null) {
            problem(ProblemKind.LEFT_CLAIM, key, null, claim, "claim that is no '<id> <deadline> <save>': no writer wrote it;"
                    + " it keeps others from the value until a writer of the value settles it");
            return;
        }
        long deadline = parsed.deadline();
        if (now <= deadline + PartitionedUniques.GRACE_MILLIS) {
            return; // a write is taking the value now
        }
        byte[] rest = Arrays.copyOfRange(key, bytes(base + ":claim:").length, key.length);
        int colon = indexOf(rest, (byte) ':');
        int f = colon < 0 ? -1 : schema.fields().indexOf(new String(rest, 0, colon, StandardCharsets.UTF_8));
        if (f <= 0 || !isClaimed(f)) {
            return; // no claim of this model's unique fields
        }
        byte[] value = Arrays.copyOfRange(rest, colon + 1, rest.length);
        byte[] holder = bytes(parsed.holder());
        uniques.leftClaim(p, f, value, holder, key, text, "claim left by a write of " + parsed.holder()
                + " that stopped part-way (" + (now - deadline) + " ms past its deadline)");
    }

    private boolean isClaimed(int f) {
        for (int c : claimed) {
            if (c == f) {
                return true;
            }
        }
        return false;
    }

    // ---- 2. entries, from their side

    /**
     * The members of the set index keys ({@code walk} "sets") or compound index keys ("cidx") a
     * scan step found, {@link #STEP} at a time.
     */
    private void walkKeysFound(int p, String walk, List<?> found) {
        Deque<Object[]> queue = new ArrayDeque<>();
        for (int i = 0; i < found.size(); i += 2) {
            queue.add(new Object[] {((Long) found.get(i)).intValue(), found.get(i + 1), START});
        }
        while (!queue.isEmpty()) {
            List<byte[]> args = new ArrayList<>(List.of(bytes(walk), Codecs.encode(STEP)));
            int sent = 0;
            for (Object[] set : queue) {
                if (sent++ == STEP) {
                    break;
                }
                args.add(pos((Integer) set[0]));
                args.add((byte[]) set[1]);
                args.add((byte[]) set[2]);
            }
            List<?> r = step(p, args);
            long finished = (Long) r.get(0);
            for (int i = 0; i < finished; i++) {
                queue.poll();
            }
            byte[] cursor = (byte[]) r.get(1);
            if (!isStart(cursor) && !queue.isEmpty()) {
                queue.peek()[2] = cursor;
            }
            Fixes fixes = new Fixes(p);
            for (Object t : (List<?>) r.get(3)) {
                List<?> finding = (List<?>) t;
                if (walk.equals("sets")) {
                    setFinding(p, finding, fixes);
                } else {
                    compoundFinding(p, finding, fixes);
                }
            }
            wrongTypes((List<?>) r.get(4));
            fixes.apply();
        }
    }

    private void setFinding(int p, List<?> finding, Fixes fixes) {
        byte[] key = (byte[]) finding.get(1);
        int f = fieldOfSetKey(p, key);
        byte[] id = (byte[]) finding.get(2);
        byte[] v = (byte[]) finding.get(3);
        String what = "dead".equals(utf8((byte[]) finding.get(0))) ? "index set names an id that is not a live object"
                : "index set holds an object whose " + field(f) + " is " + shown(finding.get(4));
        problem(fixes, ProblemKind.STALE_INDEX_ENTRY, key, utf8(id), utf8(v), what, "srem", pos(f), v, id);
    }

    /** A stale member of a compound index key (see entries.lua, walk "cidx"). */
    private void compoundFinding(int p, List<?> finding, Fixes fixes) {
        byte[] key = (byte[]) finding.get(1);
        int c = compoundOfKey(p, key);
        byte[] id = (byte[]) finding.get(2);
        byte[] v = (byte[]) finding.get(3);
        String what = switch (utf8((byte[]) finding.get(0))) {
            case "dead" -> "compound index names an id that is not a live object";
            case "nosecond" -> "compound index holds an object whose " + field(compound.get(c).second()) + " is absent";
            default -> "compound index holds an object whose " + field(compound.get(c).first()) + " is " + shown(finding.get(4));
        };
        problem(fixes, ProblemKind.STALE_INDEX_ENTRY, key, utf8(id), utf8(v), what, "crem", pos(c + 1), v, id);
    }

    /** The compound index (a position of {@link #compound}) of a key {@code <base>:cidx:<first>:<second>:<value>}. */
    private int compoundOfKey(int p, byte[] key) {
        for (int c = 0; c < compound.size(); c++) {
            byte[] prefix = cidxKey(p, c, NONE);
            if (key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
                return c;
            }
        }
        throw new IllegalStateException("no compound index of " + schema.name() + " has the key " + utf8(key));
    }

    /** The field of a set index key {@code <base>:idx:<field>:<value>}. */
    private int fieldOfSetKey(int p, byte[] key) {
        String rest = new String(key, StandardCharsets.ISO_8859_1).substring(bytes(model.keys(p).base() + ":idx:").length);
        String name = new String(rest.substring(0, rest.indexOf(':')).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return schema.fields().indexOf(name);
    }

    /** A walk over one kind of entry (see entries.lua), {@link #STEP} entries per script. */
    private void walkEntries(int p, String walk, int f) {
        byte[] cursor = START;
        do {
            List<byte[]> args = new ArrayList<>(List.of(bytes(walk), Codecs.encode(STEP)));
            if (f > 0) {
                args.add(pos(f));
            }
            args.add(cursor);
            List<?> r = step(p, args);
            cursor = (byte[]) r.get(1);
            Fixes fixes = new Fixes(p);
            for (Object t : (List<?>) r.get(3)) {
                entryFinding(p, walk, f, (List<?>) t, fixes);
            }
            wrongTypes((List<?>) r.get(4));
            fixes.apply();
            if (uniques != null) {
                uniques.flush();
            }
        } while (!isStart(cursor));
    }

    private List<?> step(int p, List<byte[]> args) {
        List<?> r = (List<?>) connection.eval(scripts.entries(), idSetKeys(p), args);
        long read = (Long) r.get(2);
        ledger.step(read);
        ledger.entries(read);
        return r;
    }

    private void entryFinding(int p, String walk, int f, List<?> t, Fixes fixes) {
        String what = utf8((byte[]) t.get(0));
        byte[] key = (byte[]) t.get(1);
        byte[] id = (byte[]) t.get(2);
        byte[] v = (byte[]) t.get(3);
        boolean dead = what.equals("dead");
        switch (walk) {
            case "ids" -> problem(fixes, ProblemKind.ID_WITHOUT_OBJECT, key, utf8(id), null, "live id without an object hash "
                    + model.keys(p).base() + ":obj:" + utf8(id), "idrem", id);
            case "deadlines" -> problem(fixes, ProblemKind.STALE_INDEX_ENTRY, key, utf8(id), null,
                    "deadline of an id that is not a live object", "exprem", id);
            case "sorted" -> problem(fixes, ProblemKind.STALE_INDEX_ENTRY, key, utf8(id), null, dead
                    ? "sorted index names an id that is not a live object"
                    : "sorted index holds an object whose " + field(f) + " is absent", "zrem", pos(f), id);
            case "lex" -> {
                byte[] member = v == null ? id : lexMember(v, id);
                problem(fixes, ProblemKind.STALE_INDEX_ENTRY, key, v == null ? null : utf8(id), utf8(v == null ? id : v), dead
                        ? "lex member matches no live object's " + field(f)
                        : "lex member names an object whose " + field(f) + " is " + shown(t.get(4)), "lexrem", pos(f), member);
            }
            case "unique" -> problem(fixes, ProblemKind.STALE_UNIQUE_ENTRY, key, utf8(id), utf8(v), dead
                    ? "unique entry names an id that is not a live object"
                    : "unique entry names an object whose " + field(f) + " is " + shown(t.get(4)), "udel", pos(f), v, id);
            case "pairs" -> {
                int home = PartitionedUniqueAudit.partitionOfValue(v, model.partitions());
                if (home != p) {
                    problem(fixes, ProblemKind.STALE_UNIQUE_ENTRY, key, utf8(id), utf8(v), "unique entry in partition " + p
                            + ", not in its value's " + home + ", where no one reads it", "udelraw", pos(f), v, id);
                } else {
                    uniques.entry(p, f, v, id);
                }
            }
            default -> throw new IllegalStateException(walk);
        }
    }

    // ---- reporting and fixing

    /** A problem that no repair fixes: reported as found (an audit) or not repaired (a repair). */
    void problem(ProblemKind kind, byte[] key, String id, String value, String description) {
        problem(kind, utf8(key), id, value, description);
    }

    void problem(ProblemKind kind, String key, String id, String value, String description) {
        ledger.record(new Finding(kind, key, id, value, description, repair ? Outcome.NOT_REPAIRED : Outcome.FOUND));
    }

    /** A problem with its fix: an operation of repair.lua and its arguments, made only by a repair. */
    private void problem(Fixes fixes, ProblemKind kind, byte[] key, String id, String value, String description, String op,
                         byte[]... args) {
        Finding finding = new Finding(kind, utf8(key), id, value, description, repair ? Outcome.NOT_REPAIRED : Outcome.FOUND);
        if (!repair) {
            ledger.record(finding);
            return;
        }
        fixes.add(finding, op, args);
    }

    private void wrongTypes(List<?> flat) {
        for (int i = 0; i < flat.size(); i += 2) {
            String key = utf8((byte[]) flat.get(i));
            if (wrongTypes.add(key)) {
                problem(ProblemKind.WRONG_TYPE, key, null, null, "key holds a " + utf8((byte[]) flat.get(i + 1))
                        + ", which is not the type Redao writes there");
            }
        }
    }

    /** What a repair did with a finding, from the reply of its fix (see repair.lua, unfence.lua, settle.lua). */
    static Finding outcome(Finding f, Object reply) {
        if (reply instanceof List<?> held) { // {'held', field, holder} or {'held', holder}
            String holder = utf8((byte[]) held.get(held.size() - 1));
            if (f.kind() == ProblemKind.MISSING_UNIQUE_ENTRY) {
                String field = held.size() > 2 ? utf8((byte[]) held.get(1)) : "value";
                return new Finding(ProblemKind.DUPLICATE_UNIQUE_VALUE, f.key(), holder + "," + f.id(), f.value(), "unique " + field
                        + " held by several live objects; the entry names " + holder, Outcome.NOT_REPAIRED);
            }
            return f.with(Outcome.NOT_REPAIRED, f.description() + "; not repaired: object " + holder + " holds "
                    + (held.size() > 2 ? "its " + utf8((byte[]) held.get(1)) : "the value"));
        }
        String word = reply instanceof byte[] b ? utf8(b) : String.valueOf(reply);
        return switch (word) {
            case "fixed" -> f.with(Outcome.REPAIRED, f.description());
            case "gone" -> f.with(Outcome.RESOLVED, f.description() + "; gone before the repair got to it (another write)");
            case "busy" -> f.with(Outcome.NOT_REPAIRED, f.description() + "; not repaired: a running write claims the value,"
                    + " run repair again once it is done");
            case "wrongtype" -> f.with(Outcome.NOT_REPAIRED, f.description() + "; not repaired: a key it would write holds"
                    + " the wrong type");
            case "changed" -> f.with(Outcome.NOT_REPAIRED, f.description() + "; not repaired: its values kept changing while"
                    + " the repair read them, run repair again");
            default -> f.with(Outcome.NOT_REPAIRED, f.description() + "; not repaired: " + word);
        };
    }

    /** The fixes of one step in one partition, sent in scripts of at most {@link #STEP}. */
    private final class Fixes {
        private final int partition;
        private final List<Finding> findings = new ArrayList<>();
        private final List<List<byte[]>> ops = new ArrayList<>();

        Fixes(int partition) {
            this.partition = partition;
        }

        void add(Finding finding, String op, byte[]... args) {
            List<byte[]> call = new ArrayList<>(args.length + 1);
            call.add(bytes(op));
            call.addAll(Arrays.asList(args));
            findings.add(finding);
            ops.add(call);
        }

        /**
         * Makes the fixes; returns the keys of the objects whose values changed before their
         * restore, to read again (their findings are not counted yet), unless {@code last}.
         */
        List<byte[]> apply(boolean last) {
            List<byte[]> changed = new ArrayList<>();
            for (int from = 0; from < ops.size(); from += STEP) {
                int to = Math.min(ops.size(), from + STEP);
                List<byte[]> args = new ArrayList<>();
                ops.subList(from, to).forEach(args::addAll);
                List<?> replies = (List<?>) connection.eval(scripts.repair(), idSetKeys(partition), args);
                ledger.step(to - from);
                for (int i = from; i < to; i++) {
                    Object reply = replies.get(i - from);
                    if (!last && reply instanceof byte[] b && utf8(b).equals("changed")) {
                        // only a restore replies "changed"; its first argument is the object's id
                        changed.add(concat(bytes(model.keys(partition).base() + ":obj:"), ops.get(i).get(1)));
                    } else {
                        ledger.record(outcome(findings.get(i), reply));
                    }
                }
            }
            return changed;
        }

        void apply() {
            apply(true);
        }
    }

    // ---- keys and values

    List<byte[]> idSetKeys(int p) {
        return List.of(model.keys(p).idSet());
    }

    private byte[] idSet(int p) {
        return model.keys(p).idSet();
    }

    private byte[] setKey(int p, int f, byte[] v) {
        return concat(bytes(model.keys(p).base() + ":idx:" + field(f) + ":"), v);
    }

    private byte[] sortedKey(int p, int f) {
        return bytes(model.keys(p).base() + ":idx:" + field(f));
    }

    /** A compound index as findings name it: {@code (country, age)}. */
    private String compoundName(int c) {
        return "(" + field(compound.get(c).first()) + ", " + field(compound.get(c).second()) + ")";
    }

    private byte[] cidxKey(int p, int c, byte[] v) {
        ModelSchema.CompoundIndex index = compound.get(c);
        return concat(bytes(model.keys(p).base() + ":cidx:" + field(index.first()) + ":" + field(index.second()) + ":"), v);
    }

    private byte[] lexKey(int p, int f) {
        return bytes(model.keys(p).base() + ":lex:" + field(f));
    }

    byte[] uniKey(int p, int f) {
        return bytes(model.keys(p).base() + ":uni:" + field(f));
    }

    byte[] claimKey(int p, int f, byte[] v) {
        return concat(bytes(model.keys(p).base() + ":claim:" + field(f) + ":"), v);
    }

    String field(int f) {
        return schema.fields().get(f);
    }

    /** The partition of a stored id; -1 for text that is no id of the model. */
    int partitionOf(byte[] id) {
        try {
            return model.partitionOf(schema.idType().decode(id));
        } catch (RuntimeException notAnId) {
            return -1;
        }
    }

    static byte[] pos(int f) {
        return Codecs.encode(f);
    }

    private static byte[] lexMember(byte[] v, byte[] id) {
        byte[] out = Arrays.copyOf(v, v.length + 1 + id.length);
        System.arraycopy(id, 0, out, v.length + 1, id.length);
        return out;
    }

    /** A score as Redis writes it ({@code inf} and {@code -inf} included) or as a save gives it. */
    static double score(byte[] text) {
        String s = new String(text, StandardCharsets.US_ASCII).trim();
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** A value as findings quote it; false (nil) from a script is "absent". */
    private static String shown(Object value) {
        return value instanceof byte[] b ? '"' + utf8(b) + '"' : "absent";
    }

    /** A script's "no answer": a key of the wrong type, reported on its own. */
    static boolean isUnknown(Object reply) {
        return reply instanceof Long l && l == -1;
    }

    static boolean isStart(byte[] cursor) {
        return cursor.length == 1 && cursor[0] == '0';
    }

    static String utf8(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int[] positions(List<ModelSchema.StoredField> stored, java.util.function.Predicate<ModelSchema.StoredField> which) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            if (which.test(stored.get(i))) {
                out.add(i + 1);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
