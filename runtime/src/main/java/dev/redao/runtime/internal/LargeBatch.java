package dev.redao.runtime.internal;

import dev.redao.runtime.BatchMode;
import dev.redao.runtime.ModelDao;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link ModelDao#saveAll(java.util.Collection, BatchMode)} with {@link BatchMode#ALL_OR_NOTHING}
 * for a batch larger than one script: the steps of the model's batch.lua, each in scripts of at
 * most {@link ModelDao#BATCH_SIZE} objects. Every unique value is claimed before any object is
 * written, and the claims are given up again if one is refused, so a unique conflict anywhere in
 * the batch leaves Redis as it was (but for the id counter, which does not go back).
 */
final class LargeBatch {
    /**
     * How long claims protect their values if the client stops before finishing: long enough for
     * any batch that is still running (a minute, plus a millisecond per object), short enough that
     * a crashed client's values come free again.
     */
    private static final long CLAIM_TTL_MS = 60_000;
    /** A claim as the claim script returns it: field, value, id. */
    private static final int CLAIM = 3;
    /** Claims given up per finish script: two commands each, cheaper than a save. */
    private static final int CLAIMS_PER_FINISH = 1_000;

    private LargeBatch() {}

    static <T, ID> List<T> saveAll(ModelEngine<T, ID> model, List<? extends T> objects) {
        StoreConnection store = model.connection();
        ModelSchema<ID> schema = model.schema();
        boolean[] hadNoId = new boolean[objects.size()];
        for (int i = 0; i < hadNoId.length; i++) {
            hadNoId[i] = model.idOf(objects.get(i)) == null;
        }
        List<T> prepared = IdReservation.withIds(model, objects);
        List<List<T>> chunks = ModelEngine.chunks(prepared);
        byte[] token = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE).getBytes(StandardCharsets.US_ASCII);
        byte[] ttl = Codecs.encode(CLAIM_TTL_MS + objects.size());
        List<byte[]> keys = List.of(model.keys().idSet(), model.keys().counter());
        byte[] firstFresh = firstFresh(model, hadNoId, prepared);

        List<byte[]> claims = new ArrayList<>();
        try {
            for (List<T> chunk : chunks) {
                List<byte[]> args = new ArrayList<>(List.of(token, ttl, Codecs.encode((long) chunk.size())));
                appendObjects(model, chunk, args);
                store.eval(WriteScripts.batchStep(schema, WriteScripts.BatchStep.REGISTER), keys, args);
            }
            for (List<T> chunk : chunks) {
                List<byte[]> args = new ArrayList<>(List.of(token, ttl, firstFresh, Codecs.encode((long) chunk.size())));
                appendObjects(model, chunk, args);
                List<?> reply = (List<?>) store.eval(WriteScripts.batchStep(schema, WriteScripts.BatchStep.CLAIM), keys, args);
                if ((Long) reply.get(0) == 0L) {
                    throw new ModelWrites<>(model).refusal(reply.subList(2, reply.size()));
                }
                for (Object claim : (List<?>) reply.get(1)) {
                    claims.add((byte[]) claim);
                }
            }
        } catch (RuntimeException e) {
            finish(model, keys, token, claims, e);
            forgetIds(model, objects, hadNoId, prepared);
            throw e;
        }
        // the values are claimed, so what can still stop a script here is a version or a key that
        // changed since the claims: the objects before it stay saved, and hold their values in
        // the unique hashes, so every claim can go, whether the objects were written or not
        List<T> saved;
        try {
            saved = model.saveInChunks(prepared, 0);
        } catch (RuntimeException e) {
            finish(model, keys, token, claims, e);
            throw e;
        }
        finish(model, keys, token, claims, null);
        return saved;
    }

    /** The first id reserved from the counter, which the claim checks names no object yet; empty for none. */
    private static <T, ID> byte[] firstFresh(ModelEngine<T, ID> model, boolean[] hadNoId, List<T> prepared) {
        if (model.schema().idType().assignedByServer()) {
            for (int i = 0; i < hadNoId.length; i++) {
                if (hadNoId[i]) {
                    return model.schema().idType().encodeBytes(model.idOf(prepared.get(i)));
                }
            }
        }
        return new byte[0];
    }

    /** A class instance got its id in place: a batch that wrote nothing takes it back. */
    private static <T, ID> void forgetIds(ModelEngine<T, ID> model, List<? extends T> objects, boolean[] hadNoId, List<T> prepared) {
        for (int i = 0; i < hadNoId.length; i++) {
            if (hadNoId[i] && prepared.get(i) == objects.get(i)) {
                model.withId(objects.get(i), null);
            }
        }
    }

    private static <T, ID> void appendObjects(ModelEngine<T, ID> model, List<T> chunk, List<byte[]> args) {
        ModelWrites<T, ID> writes = new ModelWrites<>(model);
        for (T object : chunk) {
            writes.save(object, model.loadedFields(object));
        }
        writes.appendSaves(args);
    }

    /**
     * Deletes the batch's claims that still name their objects, and its temporary hashes. On a
     * failure path, an error here is added to the original one rather than hiding it: the claims
     * and hashes then expire at the deadline.
     */
    private static <T, ID> void finish(ModelEngine<T, ID> model, List<byte[]> keys, byte[] token,
                                       List<byte[]> claims, RuntimeException failure) {
        Script step = WriteScripts.batchStep(model.schema(), WriteScripts.BatchStep.FINISH);
        try {
            int i = 0;
            do {
                List<byte[]> args = new ArrayList<>();
                args.add(token);
                args.addAll(claims.subList(i, Math.min(claims.size(), i + CLAIM * CLAIMS_PER_FINISH)));
                model.connection().eval(step, keys, args);
                i += CLAIM * CLAIMS_PER_FINISH;
            } while (i < claims.size());
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }
}
