package dev.redao.runtime.internal;

import dev.redao.runtime.IdsExhaustedException;
import dev.redao.runtime.internal.StoreConnection.ScriptCall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

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
        int fresh = fresh(model, objects);
        long last = 0;
        if (fresh > 0 && model.schema().idType().assignedByServer()) {
            last = reserve(model, partition, fresh, largestExplicit(model, objects));
        }
        return assign(model, partition, objects, last - fresh + 1);
    }

    /**
     * As {@link #withIds(ModelEngine, int, List)} for the objects of several partitions, by
     * partition: the counters that need no floor move in one pipeline (on a cluster, each master's
     * share at once), the others (a partition whose objects name numeric ids too) one by one.
     */
    static <T, ID> Map<Integer, List<T>> withIds(ModelEngine<T, ID> model, Map<Integer, ? extends List<? extends T>> byPartition) {
        Map<Integer, Long> last = new TreeMap<>();
        List<Integer> plain = new ArrayList<>();
        if (model.schema().idType().assignedByServer()) {
            for (Map.Entry<Integer, ? extends List<? extends T>> e : byPartition.entrySet()) {
                int fresh = fresh(model, e.getValue());
                long floor = largestExplicit(model, e.getValue());
                if (fresh > 0 && floor > 0) {
                    last.put(e.getKey(), reserve(model, e.getKey(), fresh, floor));
                } else if (fresh > 0) {
                    plain.add(e.getKey());
                }
            }
            last.putAll(reserveEach(model, plain, byPartition));
        }
        Map<Integer, List<T>> out = new LinkedHashMap<>();
        byPartition.forEach((p, objects) ->
                out.put(p, assign(model, p, objects, last.getOrDefault(p, 0L) - fresh(model, objects) + 1)));
        return out;
    }

    /** How many of the objects have no id yet. */
    private static <T, ID> int fresh(ModelEngine<T, ID> model, List<? extends T> objects) {
        int fresh = 0;
        for (T object : objects) {
            if (model.idOf(object) == null) {
                fresh++;
            }
        }
        return fresh;
    }

    /** The largest count that an explicit numeric id of the objects stands for (0 for none). */
    private static <T, ID> long largestExplicit(ModelEngine<T, ID> model, List<? extends T> objects) {
        long largest = 0;
        for (T object : objects) {
            if (model.idOf(object) instanceof Number n) {
                largest = Math.max(largest, n.longValue() / model.partitions());
            }
        }
        return largest;
    }

    /** The objects, each with an id: its own, the numeric ones from count {@code next} on, or a random UUID. */
    private static <T, ID> List<T> assign(ModelEngine<T, ID> model, int partition, List<? extends T> objects, long next) {
        int parts = model.partitions();
        ModelSchema<ID> schema = model.schema();
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

    /**
     * Gives back the numeric ids of objects reserved with {@link #withIds} whose writes did not
     * happen, each only if no other id was taken from its counter since: per partition from the
     * highest down, all in one pipeline, so that a batch refused from some object on leaves each
     * counter where its last saved object put it. An id below one that was kept stays taken.
     */
    static <T, ID> void giveBack(ModelEngine<T, ID> model, List<ID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        int parts = model.partitions();
        List<ScriptCall> calls = new ArrayList<>(ids.size());
        ids.stream()
                .map(id -> ((Number) id).longValue())
                .sorted(Comparator.<Long>comparingLong(id -> Math.floorMod(id, parts)).thenComparing(Comparator.reverseOrder()))
                .forEach(id -> {
                    int partition = (int) Math.floorMod(id, (long) parts);
                    calls.add(new ScriptCall(GIVE_BACK, List.of(model.keys(partition).counter()),
                            List.of(Codecs.encode((id - partition) / parts))));
                });
        model.connection().evalAll(calls);
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
     * The last count taken from each partition's counter for its fresh objects, with one INCRBY
     * per partition, all in one pipeline; checked as {@link #reserve} checks them.
     */
    private static <T, ID> Map<Integer, Long> reserveEach(ModelEngine<T, ID> model, List<Integer> partitions,
                                                          Map<Integer, ? extends List<? extends T>> byPartition) {
        Map<Integer, Long> out = new TreeMap<>();
        if (partitions.size() == 1) {
            int p = partitions.get(0);
            out.put(p, reserve(model, p, fresh(model, byPartition.get(p)), 0));
            return out;
        }
        if (partitions.isEmpty()) {
            return out;
        }
        StoreConnection connection = model.connection();
        String counter = "";
        try (AbstractPipeline pipeline = connection.pipelined()) {
            List<Response<Long>> replies = new ArrayList<>(partitions.size());
            for (int p : partitions) {
                replies.add(pipeline.incrBy(model.keys(p).counter(), fresh(model, byPartition.get(p))));
            }
            pipeline.sync();
            for (int i = 0; i < partitions.size(); i++) {
                counter = new String(model.keys(partitions.get(i)).counter(), StandardCharsets.UTF_8);
                out.put(partitions.get(i), replies.get(i).get()); // a partition's error reply is thrown here
            }
        } catch (JedisException e) {
            throw RedisErrors.idCounter(connection.url().address(), e, counter);
        }
        for (int p : partitions) {
            checkFits(model, p, fresh(model, byPartition.get(p)), out.get(p));
        }
        return out;
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
        checkFits(model, partition, count, last);
        return last;
    }

    /** Refuses counts whose ids do not fit the id type. */
    private static <T, ID> void checkFits(ModelEngine<T, ID> model, int partition, int count, long last) {
        try {
            model.schema().idType().decode(Long.toString(Math.multiplyExact(last, (long) model.partitions()) + partition));
        } catch (NumberFormatException | ArithmeticException e) {
            String reason = "the next " + count + " ids of " + model.schema().name() + " do not fit its id type (last " + last + ")";
            throw new IdsExhaustedException(reason, reason + "; no object was written", e);
        }
    }
}
