package dev.redao.runtime.internal;

import dev.redao.runtime.IdsExhaustedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Gives every object of a batch split over several scripts its id before the first script: a
 * claim names the object by id, and a numeric id must not be handed out twice across scripts.
 * Numeric ids are reserved from the model's counter in one call, above every explicit id of the
 * batch, so that a new object never takes the place of one the batch names.
 */
final class IdReservation {
    /** KEYS[1]: the id counter. ARGV: how many ids, the largest explicit id of the batch. Returns the last id reserved. */
    private static final Script RESERVE = LuaSource.script("ids.reserve", "ids/reserve.lua");
    /** KEYS[1]: the id counter. ARGV: the count reserved last. */
    private static final Script GIVE_BACK = LuaSource.script("ids.give_back", "ids/give_back.lua");

    private IdReservation() {}

    /** The objects, each with an id: its own, a reserved numeric one, or a random UUID. */
    static <T, ID> List<T> withIds(ModelEngine<T, ID> model, List<? extends T> objects) {
        return withIds(model, 0, objects);
    }

    /**
     * As {@link #withIds(ModelEngine, List)}, for objects of one partition of a partitioned model:
     * its counter counts c for the id c * partitions + partition (see common.lua's idOfCount).
     */
    static <T, ID> List<T> withIds(ModelEngine<T, ID> model, int partition, List<? extends T> objects) {
        int parts = model.partitions();
        ModelSchema<ID> schema = model.schema();
        int fresh = 0;
        long largestExplicit = 0;
        for (T object : objects) {
            ID id = model.idOf(object);
            if (id == null) {
                fresh++;
            } else if (id instanceof Number n) {
                largestExplicit = Math.max(largestExplicit, n.longValue() / parts);
            }
        }
        long next = 0;
        if (fresh > 0 && schema.idType().assignedByServer()) {
            next = reserve(model, partition, fresh, largestExplicit) - fresh + 1;
        }
        List<T> out = new ArrayList<>(objects.size());
        for (T object : objects) {
            if (model.idOf(object) != null) {
                out.add(object);
            } else if (schema.idType().assignedByServer()) {
                out.add(model.withId(object, schema.idType().decode(Long.toString(next++ * parts + partition))));
            } else {
                out.add(model.withId(object, schema.idType().newId()));
            }
        }
        return out;
    }

    /**
     * Gives back the numeric id of one object reserved with {@link #withIds(ModelEngine, int, List)}
     * whose write was refused, if no other id was taken from the counter since: so that a refused
     * save leaves the counter as it was.
     */
    static <T, ID> void giveBack(ModelEngine<T, ID> model, int partition, ID id) {
        long count = (((Number) id).longValue() - partition) / model.partitions();
        model.connection().eval(GIVE_BACK, List.of(model.keys(partition).counter()), List.of(Codecs.encode(count)));
    }

    /** Whether any object of the batch names a numeric id (which the counter must then pass). */
    static <T, ID> boolean mixesExplicitAndNewIds(ModelEngine<T, ID> model, List<? extends T> objects) {
        boolean explicit = false;
        boolean fresh = false;
        for (T object : objects) {
            if (model.idOf(object) == null) {
                fresh = true;
            } else {
                explicit = true;
            }
        }
        return explicit && fresh && model.schema().idType().assignedByServer();
    }

    /**
     * The last of {@code count} counts taken from the counter of a partition, all above
     * {@code floor}; checked to give ids that fit the id type.
     */
    private static <T, ID> long reserve(ModelEngine<T, ID> model, int partition, int count, long floor) {
        byte[] counter = model.keys(partition).counter();
        long last;
        if (floor == 0) {
            last = model.connection().execute(jedis -> {
                try {
                    return jedis.incrBy(counter, count);
                } catch (JedisDataException e) { // what an error means depends on the key being an id counter
                    throw RedisErrors.idCounter(model.connection().url().address(), e, new String(counter, StandardCharsets.UTF_8));
                }
            }, counter);
        } else {
            Object reply = model.connection().eval(RESERVE, List.of(counter),
                    List.of(Codecs.encode((long) count), Codecs.encode(floor)));
            last = Long.parseLong(new String((byte[]) reply, StandardCharsets.US_ASCII));
        }
        try {
            model.schema().idType().decode(Long.toString(Math.multiplyExact(last, (long) model.partitions()) + partition));
        } catch (NumberFormatException | ArithmeticException e) {
            String reason = "the next " + count + " ids of " + model.schema().name() + " do not fit its id type (last " + last + ")";
            throw new IdsExhaustedException(reason, reason + "; no object was written", e);
        }
        return last;
    }
}
