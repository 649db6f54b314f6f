package dev.redao.runtime.internal;

import dev.redao.runtime.RedisUnavailableException;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.internal.StoreConnection.ScriptCall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The unique values of a partitioned model ({@code @Model(partitions)} with {@code @Unique}
 * fields): the entry of value v lives in the partition of v's CRC16, not in the object's, so a
 * write of one object claims each value in its partition first, writes the object before the
 * claims' deadline, then confirms the claims as unique entries and releases the values the
 * object gave up (docs/partitioned-models.md, "the claim protocol", says why this is safe when a
 * client stops at any step). The claims of a save go in one pipeline, as do its confirmations
 * and releases: a save costs two round trips more than a model's that is not partitioned, plus
 * one to reserve a new object's id; a delete one more.
 *
 * @param <T> the model
 * @param <ID> its id type
 */
final class PartitionedUniques<T, ID> {
    /** The reason of the {@link RedisUnavailableException} of a write that missed its claims' deadline. */
    static final String EXPIRED = "CLAIM-EXPIRED";

    private static final Script CLAIM = LuaSource.script("unique.claim", "unique/claim.lua");
    private static final Script CONFIRM = LuaSource.script("unique.confirm", "unique/confirm.lua");
    private static final Script RELEASE = LuaSource.script("unique.release", "unique/release.lua");
    private static final Script HOLDER = Script.reading("unique.holder", LuaSource.code("unique/holder.lua"));
    /** How long a claim holds before its write must be done, at the least. */
    private static final long MIN_CLAIM_MILLIS = 5_000;
    /**
     * How long past its deadline a claim is still taken at face value: more than twice any clock
     * difference between two nodes, which NTP keeps to milliseconds.
     */
    private static final long GRACE_MILLIS = 5_000;
    /** A write whose claims expired is tried again this many times. */
    private static final int ATTEMPTS = 3;

    private final ModelEngine<T, ID> model;
    private final ModelSchema<ID> schema;

    PartitionedUniques(ModelEngine<T, ID> model) {
        this.model = model;
        this.schema = model.schema();
    }

    /** A value being claimed: the field's position and name, the value, the keys of its partition. */
    private record Claim(int field, String name, byte[] value, List<byte[]> keys) {}

    /**
     * Saves one object (its {@code fields} only, null for all), claiming the unique values it
     * writes.
     */
    T save(T object, boolean[] fields) {
        T prepared = withId(object);
        ID id = model.idOf(prepared);
        boolean reserved = model.idOf(object) == null && schema.idType().assignedByServer();
        try {
            return save(prepared, id, fields);
        } catch (RuntimeException e) {
            if (reserved) { // a refused save leaves the counter as it was
                try {
                    IdReservation.giveBack(model, model.partitionOf(id), id);
                } catch (RuntimeException notGivenBack) {
                    e.addSuppressed(notGivenBack);
                }
            }
            throw e;
        }
    }

    private T save(T prepared, ID id, boolean[] fields) {
        byte[] idBytes = schema.idType().encodeBytes(id);
        FieldWriter w = model.encode(prepared);
        List<Claim> claims = new ArrayList<>();
        for (int f = 1; f < schema.fields().size(); f++) {
            if (schema.stored().get(f - 1).unique() && (fields == null || fields[f]) && w.values[f] != null) {
                claims.add(claim(f, w.values[f]));
            }
        }
        for (int attempt = 1; ; attempt++) {
            String deadline = claimAll(claims, id, idBytes);
            WriteCall call = new WriteCall(model.connection());
            ModelWrites<T, ID> writes = call.of(model);
            writes.claimedUntil(deadline);
            writes.save(prepared, fields);
            try {
                call.execute();
            } catch (RedisUnavailableException e) {
                giveUp(claims, idBytes);
                if (e.reason().equals(EXPIRED) && attempt < ATTEMPTS) {
                    continue;
                }
                throw e;
            } catch (RuntimeException e) {
                giveUp(claims, idBytes);
                throw e;
            }
            List<ScriptCall> after = new ArrayList<>();
            for (Claim c : claims) {
                after.add(new ScriptCall(CONFIRM, c.keys(), List.of(idBytes, c.value())));
            }
            after.addAll(releasesOfReplaced(writes.uniqueValuesHad(0), w, fields, idBytes));
            if (!after.isEmpty()) {
                model.connection().evalAll(after);
            }
            return writes.saved().get(0);
        }
    }

    /** Deletes one object, then releases its unique values; whether it existed. */
    boolean delete(ID id) {
        WriteCall call = new WriteCall(model.connection());
        ModelWrites<T, ID> writes = call.of(model);
        writes.claimedUntil("");
        writes.delete(id);
        call.execute();
        byte[] idBytes = schema.idType().encodeBytes(id);
        // its id, then its values; nothing for an id that named no object
        List<?> had = writes.deletedUniqueValues().isEmpty() ? List.of() : writes.deletedUniqueValues().get(0);
        List<ScriptCall> releases = new ArrayList<>();
        int u = 1;
        for (int f = 1; f < schema.fields().size(); f++) {
            if (schema.stored().get(f - 1).unique()) {
                if (u < had.size() && had.get(u) instanceof byte[] value) {
                    releases.add(release(claim(f, value), idBytes, "entry"));
                }
                u++;
            }
        }
        if (!releases.isEmpty()) {
            model.connection().evalAll(releases);
        }
        return writes.deleted() > 0;
    }

    /** The object that holds a unique value: the one its entry, or an unconfirmed claim, names, if it has the value. */
    Optional<T> getByUnique(String field, byte[] value) {
        int f = schema.fields().indexOf(field);
        Object holder = model.connection().eval(HOLDER, claim(f, value).keys(), List.of(value));
        if (!(holder instanceof byte[] id)) {
            return Optional.empty();
        }
        ID decoded;
        try {
            decoded = schema.idType().decode(id);
        } catch (RuntimeException notAnId) { // an entry written by hand: no object of this model has the value
            return Optional.empty();
        }
        return model.getIfHolds(decoded, f, value);
    }

    /** A new object gets its id before its values are claimed: a claim names the object. */
    private T withId(T object) {
        if (model.idOf(object) != null) {
            return object;
        }
        if (!schema.idType().assignedByServer()) {
            return model.withId(object, schema.idType().newId());
        }
        return IdReservation.withIds(model, model.nextPartition(), List.of(object)).get(0);
    }

    private Claim claim(int f, byte[] value) {
        ModelKeys keys = model.keys(JedisClusterCRC16.getCRC16(value) % model.partitions());
        String name = schema.fields().get(f);
        byte[] claimKey = concat((keys.base() + ":claim:" + name + ":").getBytes(StandardCharsets.UTF_8), value);
        return new Claim(f, name, value, List.of((keys.base() + ":uni:" + name).getBytes(StandardCharsets.UTF_8), claimKey));
    }

    /**
     * Claims every value, all at once in one pipeline (on a cluster, the partitions' masters in
     * parallel), then again those whose partition named a holder to check, once it is checked;
     * returns the earliest deadline ("" for no claim).
     *
     * @throws UniqueViolationException for a value another object has or is taking; the values
     *     claimed are given up
     */
    private String claimAll(List<Claim> claims, ID id, byte[] idBytes) {
        long ttl = Math.max(MIN_CLAIM_MILLIS, 2L * model.connection().url().timeoutMillis());
        String earliest = "";
        List<Claim> claimed = new ArrayList<>();
        List<Claim> pending = claims;
        // per claim: the holder checked last ('' for none) and whether it has the value
        Map<Claim, byte[]> checked = new HashMap<>();
        Map<Claim, Boolean> has = new HashMap<>();
        while (!pending.isEmpty()) {
            List<ScriptCall> calls = new ArrayList<>();
            for (Claim c : pending) {
                calls.add(new ScriptCall(CLAIM, c.keys(), List.of(idBytes, c.value(), Codecs.encode(ttl),
                        Codecs.encode(GRACE_MILLIS), checked.getOrDefault(c, new byte[0]),
                        Codecs.encode(has.getOrDefault(c, false) ? 1 : 0))));
            }
            List<Object> replies;
            try {
                replies = model.connection().evalAll(calls);
            } catch (RuntimeException e) { // which claims were made is unknown: each is given up
                giveUpAfter(e, claims, idBytes);
                throw e;
            }
            List<Claim> again = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                Claim c = pending.get(i);
                List<?> reply = (List<?>) replies.get(i);
                String kind = ModelWrites.utf8(reply.get(0));
                if (kind.equals("claimed")) {
                    claimed.add(c);
                    String deadline = ModelWrites.utf8(reply.get(1));
                    earliest = earliest.isEmpty() || Long.parseLong(deadline) < Long.parseLong(earliest) ? deadline : earliest;
                    continue;
                }
                byte[] holder = (byte[]) reply.get(1);
                if (kind.equals("check") && !Arrays.equals(holder, checked.get(c))) {
                    again.add(c);
                    checked.put(c, holder);
                    continue;
                }
                giveUp(claimedOrPending(claimed, pending, i), idBytes);
                throw new UniqueViolationException(schema.name(), c.name(), ModelWrites.utf8(c.value()), idOrText(holder));
            }
            for (Claim c : again) {
                try {
                    has.put(c, holds(checked.get(c), c));
                } catch (RuntimeException e) { // a corrupt holder, or a server that stopped answering
                    giveUpAfter(e, claimed, idBytes);
                    throw e;
                }
            }
            pending = again;
        }
        return earliest;
    }

    /** The claims made so far, with those of this round after the refused one, which may have been made too. */
    private static List<Claim> claimedOrPending(List<Claim> claimed, List<Claim> pending, int refused) {
        List<Claim> out = new ArrayList<>(claimed);
        out.addAll(pending.subList(refused + 1, pending.size()));
        return out;
    }

    /** Gives the claims up after a failure, which stays the one reported. */
    private void giveUpAfter(RuntimeException failure, List<Claim> claims, byte[] idBytes) {
        try {
            giveUp(claims, idBytes);
        } catch (RuntimeException notGivenUp) {
            failure.addSuppressed(notGivenUp);
        }
    }

    /** Whether the object an entry or a claim names has the value; an id of no object of this model (written by hand) has nothing. */
    private boolean holds(byte[] holder, Claim c) {
        ID id;
        try {
            id = schema.idType().decode(holder);
        } catch (RuntimeException notAnId) {
            return false;
        }
        return model.holds(id, c.field(), c.value());
    }

    private Object idOrText(byte[] holder) {
        try {
            return schema.idType().decode(holder);
        } catch (RuntimeException notAnId) {
            return ModelWrites.utf8(holder);
        }
    }

    /** After a refused write: the claims go, the entries the object held before stay. */
    private void giveUp(List<Claim> claims, byte[] idBytes) {
        List<ScriptCall> releases = new ArrayList<>();
        for (Claim c : claims) {
            releases.add(release(c, idBytes, "claim"));
        }
        if (!releases.isEmpty()) {
            model.connection().evalAll(releases);
        }
    }

    /** After a save: the releases of the unique values the object had and no longer has. */
    private List<ScriptCall> releasesOfReplaced(List<?> had, FieldWriter now, boolean[] fields, byte[] idBytes) {
        List<ScriptCall> releases = new ArrayList<>();
        int u = 0;
        for (int f = 1; f < schema.fields().size(); f++) {
            if (schema.stored().get(f - 1).unique()) {
                boolean written = fields == null || fields[f];
                if (written && u < had.size() && had.get(u) instanceof byte[] old && !Arrays.equals(old, now.values[f])) {
                    releases.add(release(claim(f, old), idBytes, "entry"));
                }
                u++;
            }
        }
        return releases;
    }

    private ScriptCall release(Claim c, byte[] idBytes, String what) {
        return new ScriptCall(RELEASE, c.keys(), List.of(idBytes, c.value(), what.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
