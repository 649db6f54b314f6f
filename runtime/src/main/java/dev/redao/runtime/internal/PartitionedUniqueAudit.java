package dev.redao.runtime.internal;

import dev.redao.runtime.audit.Finding;
import dev.redao.runtime.audit.Outcome;
import dev.redao.runtime.audit.ProblemKind;
import dev.redao.runtime.internal.StoreConnection.ScriptCall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The audit of a partitioned model's unique values ({@link PartitionedUniques}): the entry of a
 * value lives in the value's partition, its object in the object's, so no one script sees both.
 * The audit reads them in turn, batch by batch: the objects' values that a scan step found, the
 * entries that a walk of a unique hash found. A problem found that way may be a write that ran
 * between the two reads, so each is read again before it is reported.
 *
 * <p>A repair settles each problem under a claim on the value, as a save of the object the entry
 * should name would claim it (docs/design.md, "Audit and repair"): {@code audit/fence.lua} claims
 * it, the objects are read, and {@code audit/unfence.lua} writes the entry only if the claim is
 * still the repair's. While it stands no other object can take the value, and a save of that
 * object itself replaces the claim, which makes the repair leave the value alone.
 *
 * @param <ID> the model's id type
 */
final class PartitionedUniqueAudit<ID> {
    private final ModelAudit<?, ID> audit;
    private final int partitions;
    private final List<Expectation> expected = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<Left> claims = new ArrayList<>();

    PartitionedUniqueAudit(ModelAudit<?, ID> audit) {
        this.audit = audit;
        this.partitions = audit.model.partitions();
    }

    /** The partition of a unique value's entry: its CRC16 mod N, as {@link PartitionedUniques} places it. */
    static int partitionOfValue(byte[] value, int partitions) {
        return JedisClusterCRC16.getCRC16(value) % partitions;
    }

    /** A live object of partition p holds value v of field f: its entry must name it. */
    private record Expectation(int p, int f, byte[] value, byte[] id) {}

    /** An entry of the unique hash of field f in partition q names id. */
    private record Entry(int q, int f, byte[] value, byte[] id) {}

    /** A claim of partition q past its deadline and grace. */
    private record Left(int q, int f, byte[] value, byte[] holder, byte[] key, byte[] text, Finding finding) {}

    /** What the reads found: all is well, the entry is missing (or names a holder without the value), a duplicate, or unknown. */
    private enum Verdict { SOUND, MISSING, DUPLICATE, STALE, UNKNOWN }

    /** A verdict and the holder the value's entry named. */
    private record Judged(Verdict verdict, byte[] holder) {}

    void expect(int p, int f, byte[] value, byte[] id) {
        expected.add(new Expectation(p, f, value, id));
    }

    void entry(int q, int f, byte[] value, byte[] id) {
        entries.add(new Entry(q, f, value, id));
    }

    void leftClaim(int q, int f, byte[] value, byte[] holder, byte[] key, byte[] text, String description) {
        Finding finding = new Finding(ProblemKind.LEFT_CLAIM, ModelAudit.utf8(key), ModelAudit.utf8(holder),
                ModelAudit.utf8(value), description, audit.repair ? Outcome.NOT_REPAIRED : Outcome.FOUND);
        if (!audit.repair) {
            audit.ledger.record(finding);
            return;
        }
        claims.add(new Left(q, f, value, holder, key, text, finding));
    }

    /** Settles what the last step found (at most a step's worth, so reads stay bounded). */
    void flush() {
        if (!expected.isEmpty()) {
            List<Expectation> batch = List.copyOf(expected);
            expected.clear();
            checkExpectations(batch);
        }
        if (!entries.isEmpty()) {
            List<Entry> batch = List.copyOf(entries);
            entries.clear();
            checkEntries(batch);
        }
        if (!claims.isEmpty()) {
            List<Left> batch = List.copyOf(claims);
            claims.clear();
            settleClaims(batch);
        }
    }

    // ---- objects' values: each has its entry

    private void checkExpectations(List<Expectation> batch) {
        List<Judged> first = judgeExpectations(batch);
        List<Expectation> suspects = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (first.get(i).verdict() == Verdict.MISSING || first.get(i).verdict() == Verdict.DUPLICATE) {
                suspects.add(batch.get(i));
            }
        }
        if (suspects.isEmpty()) {
            return;
        }
        // read again: a write between the two reads of the first look is no problem
        List<Judged> second = judgeExpectations(suspects);
        List<Expectation> missing = new ArrayList<>();
        List<Judged> missingJudged = new ArrayList<>();
        for (int i = 0; i < suspects.size(); i++) {
            Expectation e = suspects.get(i);
            Judged j = second.get(i);
            if (j.verdict() == Verdict.DUPLICATE) {
                audit.problem(ProblemKind.DUPLICATE_UNIQUE_VALUE, audit.uniKey(q(e.value()), e.f()),
                        ModelAudit.utf8(j.holder()) + "," + ModelAudit.utf8(e.id()), ModelAudit.utf8(e.value()),
                        "unique " + audit.field(e.f()) + " held by several live objects; the entry names " + ModelAudit.utf8(j.holder()));
            } else if (j.verdict() == Verdict.MISSING) {
                if (audit.repair) {
                    missing.add(e);
                    missingJudged.add(j);
                } else {
                    audit.ledger.record(missingFinding(e, j.holder(), Outcome.FOUND));
                }
            }
        }
        if (!missing.isEmpty()) {
            repairMissing(missing, missingJudged);
        }
    }

    private Finding missingFinding(Expectation e, byte[] holder, Outcome outcome) {
        String what = holder == null ? "live object's " + audit.field(e.f()) + " has no unique entry"
                : "live object's " + audit.field(e.f()) + " has its unique entry naming " + ModelAudit.utf8(holder)
                        + ", which does not hold it";
        return new Finding(ProblemKind.MISSING_UNIQUE_ENTRY, ModelAudit.utf8(audit.uniKey(q(e.value()), e.f())),
                ModelAudit.utf8(e.id()), ModelAudit.utf8(e.value()), what, outcome);
    }

    /** The entry and claim of each value, then whether the object and the entry's holder hold it. */
    private List<Judged> judgeExpectations(List<Expectation> batch) {
        List<Object> looked = lookups(batch.stream().map(e -> new int[] {q(e.value()), e.f()}).toList(),
                batch.stream().map(Expectation::value).toList());
        List<Hold> holds = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Expectation e = batch.get(i);
            holds.add(new Hold(e.id(), e.f(), e.value()));
            List<?> entryAndClaim = (List<?>) looked.get(i);
            if (entryAndClaim.get(0) instanceof byte[] holder && !Arrays.equals(holder, e.id())) {
                holds.add(new Hold(holder, e.f(), e.value()));
            }
        }
        Boolean[] held = holds(holds);
        List<Judged> out = new ArrayList<>();
        int h = 0;
        for (int i = 0; i < batch.size(); i++) {
            Expectation e = batch.get(i);
            List<?> entryAndClaim = (List<?>) looked.get(i);
            Object entry = entryAndClaim.get(0);
            Object claim = entryAndClaim.get(1);
            Boolean objectHas = held[h++];
            Boolean holderHas = null;
            if (entry instanceof byte[] holder && !Arrays.equals(holder, e.id())) {
                holderHas = held[h++];
            }
            if (objectHas == null || ModelAudit.isUnknown(entry) || ModelAudit.isUnknown(claim) || !objectHas) {
                out.add(new Judged(Verdict.UNKNOWN, null)); // a key of the wrong type, or the object changed
            } else if (entry instanceof byte[] holder && Arrays.equals(holder, e.id())) {
                out.add(new Judged(Verdict.SOUND, null));
            } else if (claim != null) {
                out.add(new Judged(Verdict.UNKNOWN, null)); // a write is taking the value, or left a claim (reported on its own)
            } else if (entry == null) {
                out.add(new Judged(Verdict.MISSING, null));
            } else if (holderHas == null) {
                out.add(new Judged(Verdict.UNKNOWN, null));
            } else {
                out.add(new Judged(holderHas ? Verdict.DUPLICATE : Verdict.MISSING, (byte[]) entry));
            }
        }
        return out;
    }

    /**
     * Each missing entry under a claim: fence.lua claims the value for the object, the object (and
     * the holder the entry names) are read, and unfence.lua writes the entry if the claim is still
     * the repair's, whatever happened, giving the claim up.
     */
    private void repairMissing(List<Expectation> batch, List<Judged> judged) {
        List<Object> fences = fences(batch.stream().map(e -> new Object[] {q(e.value()), e.f(), e.value(), e.id()}).toList());
        List<Hold> holds = new ArrayList<>();
        List<Integer> fenced = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Expectation e = batch.get(i);
            List<?> reply = (List<?>) fences.get(i);
            if (!"fenced".equals(ModelAudit.utf8((byte[]) reply.get(0)))) {
                audit.ledger.record(ModelAudit.outcome(missingFinding(e, judged.get(i).holder(), Outcome.NOT_REPAIRED), reply.get(0)));
                continue;
            }
            fenced.add(i);
            holds.add(new Hold(e.id(), e.f(), e.value()));
            if (reply.get(2) instanceof byte[] entry && !Arrays.equals(entry, e.id())) {
                holds.add(new Hold(entry, e.f(), e.value()));
            }
        }
        Boolean[] held = holds(holds);
        List<ScriptCall> unfences = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        // what the repair decided regardless of how the claim went (null: the unfence's reply says)
        List<Finding> decided = new ArrayList<>();
        int h = 0;
        for (int i : fenced) {
            Expectation e = batch.get(i);
            List<?> reply = (List<?>) fences.get(i);
            byte[] text = (byte[]) reply.get(1);
            byte[] entry = reply.get(2) instanceof byte[] b ? b : null;
            boolean otherHolder = entry != null && !Arrays.equals(entry, e.id());
            Boolean objectHas = held[h++];
            Boolean holderHas = otherHolder ? held[h++] : Boolean.FALSE;
            Finding finding = missingFinding(e, otherHolder ? entry : null, Outcome.NOT_REPAIRED);
            String action = "none";
            Finding verdict = null;
            if (objectHas == null || holderHas == null) {
                verdict = ModelAudit.outcome(finding, ModelAudit.bytes("wrongtype"));
            } else if (!objectHas || !otherHolder && entry != null) {
                verdict = ModelAudit.outcome(finding, ModelAudit.bytes("gone")); // the object gave the value up, or has its entry now
            } else if (holderHas) {
                verdict = new Finding(ProblemKind.DUPLICATE_UNIQUE_VALUE, finding.key(), ModelAudit.utf8(entry) + ","
                        + ModelAudit.utf8(e.id()), finding.value(), "unique " + audit.field(e.f())
                        + " held by several live objects; the entry names " + ModelAudit.utf8(entry), Outcome.NOT_REPAIRED);
            } else {
                action = "set";
            }
            findings.add(finding);
            decided.add(verdict);
            unfences.add(new ScriptCall(AuditScripts.UNFENCE, claimKeys(q(e.value()), e.f(), e.value()), List.of(text,
                    ModelAudit.bytes(action), e.id(), e.value(), otherHolder ? entry : new byte[0])));
        }
        List<Object> replies = run(unfences); // every claim goes, whatever was decided
        for (int k = 0; k < findings.size(); k++) {
            audit.ledger.record(decided.get(k) != null ? decided.get(k) : ModelAudit.outcome(findings.get(k), replies.get(k)));
        }
    }

    // ---- entries: each names an object that holds its value

    private void checkEntries(List<Entry> batch) {
        List<Boolean> first = judgeEntries(batch);
        List<Entry> suspects = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (Boolean.FALSE.equals(first.get(i))) {
                suspects.add(batch.get(i));
            }
        }
        if (suspects.isEmpty()) {
            return;
        }
        List<Entry> stale = new ArrayList<>();
        if (audit.repair) {
            stale.addAll(suspects); // the repair reads again under its claim
        } else {
            List<Boolean> second = judgeEntries(suspects);
            for (int i = 0; i < suspects.size(); i++) {
                if (Boolean.FALSE.equals(second.get(i))) {
                    audit.ledger.record(staleFinding(suspects.get(i), Outcome.FOUND));
                }
            }
            return;
        }
        repairStale(stale);
    }

    private Finding staleFinding(Entry e, Outcome outcome) {
        return new Finding(ProblemKind.STALE_UNIQUE_ENTRY, ModelAudit.utf8(audit.uniKey(e.q(), e.f())), ModelAudit.utf8(e.id()),
                ModelAudit.utf8(e.value()), "unique entry names an id that is not a live object holding the value", outcome);
    }

    /** For each entry: true if it still names its id and that object holds the value, false if not, null if unknown. */
    private List<Boolean> judgeEntries(List<Entry> batch) {
        List<Object> looked = lookups(batch.stream().map(e -> new int[] {e.q(), e.f()}).toList(),
                batch.stream().map(Entry::value).toList());
        Boolean[] held = holds(batch.stream().map(e -> new Hold(e.id(), e.f(), e.value())).toList());
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Object entry = ((List<?>) looked.get(i)).get(0);
            if (!(entry instanceof byte[] named) || !Arrays.equals(named, batch.get(i).id()) || held[i] == null) {
                out.add(null); // gone or changed since the walk read it, or unknown
            } else {
                out.add(held[i]);
            }
        }
        return out;
    }

    private void repairStale(List<Entry> batch) {
        List<Object> fences = fences(batch.stream().map(e -> new Object[] {e.q(), e.f(), e.value(), e.id()}).toList());
        List<Integer> fenced = new ArrayList<>();
        List<Hold> holds = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Entry e = batch.get(i);
            List<?> reply = (List<?>) fences.get(i);
            if (!"fenced".equals(ModelAudit.utf8((byte[]) reply.get(0)))) {
                audit.ledger.record(ModelAudit.outcome(staleFinding(e, Outcome.NOT_REPAIRED), reply.get(0)));
                continue;
            }
            fenced.add(i);
            holds.add(new Hold(e.id(), e.f(), e.value()));
        }
        Boolean[] held = holds(holds);
        List<ScriptCall> unfences = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (int k = 0; k < fenced.size(); k++) {
            Entry e = batch.get(fenced.get(k));
            List<?> reply = (List<?>) fences.get(fenced.get(k));
            boolean stillNames = reply.get(2) instanceof byte[] entry && Arrays.equals(entry, e.id());
            String action = stillNames && Boolean.FALSE.equals(held[k]) ? "del" : "none";
            findings.add(staleFinding(e, Outcome.NOT_REPAIRED));
            unfences.add(new ScriptCall(AuditScripts.UNFENCE, claimKeys(e.q(), e.f(), e.value()),
                    List.of((byte[]) reply.get(1), ModelAudit.bytes(action), e.id(), e.value(), new byte[0])));
        }
        List<Object> replies = run(unfences);
        for (int k = 0; k < findings.size(); k++) {
            audit.ledger.record(ModelAudit.outcome(findings.get(k), replies.get(k)));
        }
    }

    // ---- claims left past their deadline

    private void settleClaims(List<Left> batch) {
        Boolean[] held = holds(batch.stream().map(c -> new Hold(c.holder(), c.f(), c.value())).toList());
        List<ScriptCall> settles = new ArrayList<>();
        List<Left> sent = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Left c = batch.get(i);
            if (held[i] == null) {
                audit.ledger.record(ModelAudit.outcome(c.finding(), ModelAudit.bytes("wrongtype")));
                continue;
            }
            sent.add(c);
            settles.add(new ScriptCall(AuditScripts.SETTLE, List.of(audit.uniKey(c.q(), c.f()), c.key()),
                    List.of(c.text(), c.holder(), Codecs.encode(held[i] ? 1 : 0), c.value())));
        }
        List<Object> replies = run(settles);
        for (int i = 0; i < sent.size(); i++) {
            audit.ledger.record(ModelAudit.outcome(sent.get(i).finding(), replies.get(i)));
        }
    }

    // ---- reads and claims, batched per partition

    /** Whether an object holds a value of field f. */
    private record Hold(byte[] id, int f, byte[] value) {}

    /** The partition of a value's entry. */
    private int q(byte[] value) {
        return partitionOfValue(value, partitions);
    }

    /**
     * For each (partition, field) and value, the entry and claim in that partition (lookup.lua):
     * one script per partition and {@link ModelAudit#STEP} values, all in one pipeline.
     */
    private List<Object> lookups(List<int[]> where, List<byte[]> values) {
        Map<Integer, List<Integer>> byPartition = new TreeMap<>();
        for (int i = 0; i < where.size(); i++) {
            byPartition.computeIfAbsent(where.get(i)[0], p -> new ArrayList<>()).add(i);
        }
        return Arrays.asList(inPartitions(audit.scripts.lookup(), byPartition, where.size(), (i, args) -> {
            args.add(ModelAudit.pos(where.get(i)[1]));
            args.add(values.get(i));
        }));
    }

    /**
     * Runs {@code script} over items grouped by partition: one script per partition and
     * {@link ModelAudit#STEP} items, each adding its arguments, all in one pipeline. Returns each
     * item's element of its script's reply (the reply's first element is the list of them), by
     * item; null for an item in no partition.
     */
    private Object[] inPartitions(Script script, Map<Integer, List<Integer>> byPartition, int items,
                                  BiConsumer<Integer, List<byte[]>> argumentsOf) {
        List<ScriptCall> calls = new ArrayList<>();
        List<List<Integer>> positions = new ArrayList<>();
        byPartition.forEach((p, all) -> {
            for (int from = 0; from < all.size(); from += ModelAudit.STEP) {
                List<Integer> chunk = all.subList(from, Math.min(all.size(), from + ModelAudit.STEP));
                List<byte[]> args = new ArrayList<>();
                for (int i : chunk) {
                    argumentsOf.accept(i, args);
                }
                calls.add(new ScriptCall(script, audit.idSetKeys(p), args));
                positions.add(chunk);
            }
        });
        Object[] out = new Object[items];
        List<Object> replies = run(calls);
        for (int c = 0; c < calls.size(); c++) {
            List<?> each = (List<?>) ((List<?>) replies.get(c)).get(0);
            audit.ledger.step(each.size());
            for (int k = 0; k < each.size(); k++) {
                out[positions.get(c).get(k)] = each.get(k);
            }
        }
        return out;
    }

    /** Whether each object holds its value (holds.lua, in the objects' partitions); null for unknown. */
    private Boolean[] holds(List<Hold> holds) {
        Boolean[] out = new Boolean[holds.size()];
        Map<Integer, List<Integer>> byPartition = new TreeMap<>();
        for (int i = 0; i < holds.size(); i++) {
            int p = audit.partitionOf(holds.get(i).id());
            if (p < 0) {
                out[i] = false; // no id of the model: no object of it holds anything
            } else {
                byPartition.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            }
        }
        Object[] answers = inPartitions(audit.scripts.holds(), byPartition, holds.size(), (i, args) -> {
            Hold h = holds.get(i);
            args.add(h.id());
            args.add(ModelAudit.pos(h.f()));
            args.add(h.value());
        });
        for (int i = 0; i < answers.length; i++) {
            if (answers[i] != null) {
                long answer = (Long) answers[i];
                out[i] = answer < 0 ? null : answer == 1;
            }
        }
        return out;
    }

    /** A claim on each value (partition, field, value, the object it is for) with fence.lua; its reply per value. */
    private List<Object> fences(List<Object[]> claims) {
        long ttl = Math.max(PartitionedUniques.MIN_CLAIM_MILLIS, 2L * audit.connection.url().timeoutMillis());
        List<ScriptCall> calls = new ArrayList<>();
        for (Object[] c : claims) {
            int q = (Integer) c[0];
            calls.add(new ScriptCall(AuditScripts.FENCE, claimKeys(q, (Integer) c[1], (byte[]) c[2]),
                    List.of((byte[]) c[3], (byte[]) c[2], Codecs.encode(ttl))));
        }
        return run(calls);
    }

    private List<byte[]> claimKeys(int q, int f, byte[] value) {
        return List.of(audit.uniKey(q, f), audit.claimKey(q, f, value));
    }

    /** Scripts of several partitions, in one pipeline (on a cluster, each node's share at once); each counts as a step. */
    private List<Object> run(List<ScriptCall> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        List<Object> replies = audit.connection.evalAll(calls);
        for (ScriptCall c : calls) {
            if (c.script() == AuditScripts.FENCE || c.script() == AuditScripts.UNFENCE || c.script() == AuditScripts.SETTLE) {
                audit.ledger.step(1);
            }
        }
        return replies;
    }
}
