package dev.redao.runtime.tools;

import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.Codecs;
import dev.redao.runtime.internal.Metrics;
import dev.redao.runtime.internal.Namespaces;
import dev.redao.runtime.internal.RedisErrors;
import dev.redao.runtime.internal.StoreConnection;
import dev.redao.runtime.messaging.PubSub;
import dev.redao.runtime.metrics.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * Many independent commands on keys of the store's namespace, sent to Redis in one round trip.
 * Get one from {@link RedisStore#pipeline()}:
 * <pre>{@code
 * try (Pipeline p = store.pipeline()) {
 *     Reply<Long> deleted = p.del("session:1", "session:2", "session:3");
 *     Reply<Long> visits = p.incr("visits");
 *     p.sync();                      // one round trip on one pooled connection
 *     deleted.get();                 // how many of the three existed
 * }
 * }</pre>
 *
 * <p><b>Names.</b> Key names, and the channel of {@link #publish}, are names inside the namespace,
 * by the rule of {@link Keyspace#key}: {@code session:1} is {@code <namespace>:session:1}, and a
 * name that starts with <code>{</code> gets the namespace inside the braces. Values, fields and
 * members are sent as they are, in UTF-8. A null, text with an unpaired surrogate (which has no
 * UTF-8 form), a NaN score or an empty list of keys or members is an
 * {@link dev.redao.runtime.InvalidArgumentException} when the command is queued.
 *
 * <p><b>Sending.</b> Queuing a command sends nothing; {@link #sync()} borrows one connection from
 * the store's pool, writes every command queued since the last sync, reads every reply and
 * returns the connection. A pipeline may be synced again after more commands are queued: each
 * sync is one round trip. It is not a transaction: other clients' commands may run between the
 * pipeline's, and each command succeeds or fails on its own (use a script or a DAO method when
 * several writes must be atomic).
 *
 * <p><b>Errors.</b> A command that Redis refuses (such as {@code WRONGTYPE} on a key of another
 * type) does not stop the others, nor {@code sync()}: its {@link Reply#get()} throws a
 * {@link RedaoException} naming the command and the key. A connection that fails during
 * {@code sync()} makes it throw {@link RedaoConnectionException} naming the address, and so does
 * every reply of that batch (the commands may or may not have been applied).
 *
 * <p><b>Closing.</b> {@link #close()} without a sync discards the commands queued since the last
 * sync: they were never sent, and their replies throw {@link IllegalStateException}. No
 * connection is held between syncs, so a pipeline that is never closed leaks nothing but its
 * queue; closing it says you are done, and makes further use fail.
 *
 * <p>Not thread-safe: one thread queues and syncs.
 */
public final class Pipeline implements AutoCloseable {
    private final StoreConnection store;
    private final String namespace;
    private List<Queued<?, ?>> queued = new ArrayList<>();
    private boolean closed;

    /** A queued command: how to send it on a Jedis pipeline, how to read Jedis's reply, and the reply it fills. */
    private record Queued<J, T>(Function<AbstractPipeline, Response<J>> send, Function<J, T> convert,
            Reply<T> reply) {
        /** Fills the reply; false if no reply came (a cluster pipeline whose connection to a node failed). */
        boolean complete(Response<?> response, String address) {
            Object value;
            try {
                value = response.get();
            } catch (JedisDataException e) { // Redis's error reply to this command
                reply.fail(RedisErrors.command(address, e, reply.command(), null));
                return true;
            } catch (IllegalStateException e) { // Jedis read no reply for it
                reply.fail(new RedaoConnectionException(address, e));
                return false;
            }
            @SuppressWarnings("unchecked") // the response is the one send() returned
            J raw = (J) value;
            reply.complete(raw == null ? null : convert.apply(raw));
            return true;
        }
    }

    Pipeline(StoreConnection store) {
        this.store = store;
        this.namespace = store.namespace();
    }

    // ---- keys

    /**
     * DEL: deletes the keys; the reply is how many existed.
     *
     * @param keys the key names, inside the namespace
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> del(String... keys) {
        String[] k = keys("DEL", keys);
        return queue("DEL on " + describe(k), p -> p.del(k));
    }

    /**
     * UNLINK: as {@link #del}, with memory reclaimed in the background.
     *
     * @param keys the key names, inside the namespace
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> unlink(String... keys) {
        String[] k = keys("UNLINK", keys);
        return queue("UNLINK on " + describe(k), p -> p.unlink(k));
    }

    /**
     * EXISTS: how many of the keys exist (a key named twice counts twice).
     *
     * @param keys the key names, inside the namespace
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> exists(String... keys) {
        String[] k = keys("EXISTS", keys);
        return queue("EXISTS on " + describe(k), p -> p.exists(k));
    }

    /**
     * PEXPIRE: the key expires after {@code ttl} (millisecond precision). The reply is false if the
     * key does not exist.
     *
     * @param key the key name, inside the namespace
     * @param ttl the time to live
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Boolean> expire(String key, Duration ttl) {
        String k = key(key);
        long millis = millis("expire", ttl);
        return queue("PEXPIRE on " + describe(k), p -> p.pexpire(k, millis), n -> n == 1L);
    }

    // ---- strings

    /**
     * GET: the value, or null if the key does not exist.
     *
     * @param key the key name, inside the namespace
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<String> get(String key) {
        String k = key(key);
        return queue("GET on " + describe(k), p -> p.get(k));
    }

    /**
     * SET: stores the value, removing any expiry the key had.
     *
     * @param key the key name, inside the namespace
     * @param value the value
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Void> set(String key, String value) {
        String k = key(key);
        text("set", "value", value);
        return queue("SET on " + describe(k), p -> p.set(k, value), ok -> null);
    }

    /**
     * SET with PX: stores the value, to expire after {@code ttl} (millisecond precision).
     *
     * @param key the key name, inside the namespace
     * @param value the value
     * @param ttl the time to live
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Void> set(String key, String value, Duration ttl) {
        String k = key(key);
        text("set", "value", value);
        long millis = millis("set", ttl);
        return queue("SET on " + describe(k), p -> p.set(k, value, SetParams.setParams().px(millis)), ok -> null);
    }

    /**
     * INCR: the value after adding one (a missing key counts as 0).
     *
     * @param key the key name, inside the namespace
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> incr(String key) {
        String k = key(key);
        return queue("INCR on " + describe(k), p -> p.incr(k));
    }

    /**
     * INCRBY: the value after adding {@code by}.
     *
     * @param key the key name, inside the namespace
     * @param by what to add
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> incrBy(String key, long by) {
        String k = key(key);
        return queue("INCRBY on " + describe(k), p -> p.incrBy(k, by));
    }

    // ---- hashes

    /**
     * HGET: the field's value, or null.
     *
     * @param key the key name, inside the namespace
     * @param field the hash field
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<String> hget(String key, String field) {
        String k = key(key);
        text("hget", "field", field);
        return queue("HGET on " + describe(k), p -> p.hget(k, field));
    }

    /**
     * HSET: the reply is 1 if the field is new, 0 if it was overwritten.
     *
     * @param key the key name, inside the namespace
     * @param field the hash field
     * @param value the value
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> hset(String key, String field, String value) {
        String k = key(key);
        text("hset", "field", field);
        text("hset", "value", value);
        return queue("HSET on " + describe(k), p -> p.hset(k, field, value));
    }

    /**
     * HSET of several fields; the reply is how many were new.
     *
     * @param key the key name, inside the namespace
     * @param fields the hash fields
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> hset(String key, Map<String, String> fields) {
        String k = key(key);
        Arguments.requireNonNull(fields, "fields", "hset");
        if (fields.isEmpty()) {
            throw new InvalidArgumentException("fields", "hset needs at least one field");
        }
        fields.forEach((field, value) -> {
            text("hset", "a field of fields", field);
            text("hset", "the value of field '" + field + "'", value);
        });
        Map<String, String> copy = Map.copyOf(fields); // later changes to the map are not sent
        return queue("HSET on " + describe(k), p -> p.hset(k, copy));
    }

    /**
     * HDEL: how many of the fields existed.
     *
     * @param key the key name, inside the namespace
     * @param fields the hash fields
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> hdel(String key, String... fields) {
        String k = key(key);
        String[] f = values("hdel", "field", fields);
        return queue("HDEL on " + describe(k), p -> p.hdel(k, f));
    }

    /**
     * HGETALL: every field and value (empty if the key does not exist).
     *
     * @param key the key name, inside the namespace
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Map<String, String>> hgetAll(String key) {
        String k = key(key);
        return queue("HGETALL on " + describe(k), p -> p.hgetAll(k));
    }

    // ---- sets

    /**
     * SADD: how many of the members were new.
     *
     * @param key the key name, inside the namespace
     * @param members the members
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> sadd(String key, String... members) {
        String k = key(key);
        String[] m = values("sadd", "member", members);
        return queue("SADD on " + describe(k), p -> p.sadd(k, m));
    }

    /**
     * SREM: how many of the members were there.
     *
     * @param key the key name, inside the namespace
     * @param members the members
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> srem(String key, String... members) {
        String k = key(key);
        String[] m = values("srem", "member", members);
        return queue("SREM on " + describe(k), p -> p.srem(k, m));
    }

    /**
     * SMEMBERS: every member (empty if the key does not exist).
     *
     * @param key the key name, inside the namespace
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Set<String>> smembers(String key) {
        String k = key(key);
        return queue("SMEMBERS on " + describe(k), p -> p.smembers(k));
    }

    // ---- sorted sets

    /**
     * ZADD: 1 if the member is new, 0 if only its score changed.
     *
     * @param key the key name, inside the namespace
     * @param score the member's score
     * @param member the member
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> zadd(String key, double score, String member) {
        String k = key(key);
        text("zadd", "member", member);
        notNaN("zadd", "score", score);
        return queue("ZADD on " + describe(k), p -> p.zadd(k, score, member));
    }

    /**
     * ZADD of several members with their scores; the reply is how many were new.
     *
     * @param key the key name, inside the namespace
     * @param scores each member with its score
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> zadd(String key, Map<String, Double> scores) {
        String k = key(key);
        Arguments.requireNonNull(scores, "scores", "zadd");
        if (scores.isEmpty()) {
            throw new InvalidArgumentException("scores", "zadd needs at least one member");
        }
        scores.forEach((member, score) -> {
            text("zadd", "a member of scores", member);
            notNaN("zadd", "the score of member '" + member + "'", Arguments.requireNonNull(score,
                    "the score of member '" + member + "'", "zadd"));
        });
        Map<String, Double> copy = Map.copyOf(scores);
        return queue("ZADD on " + describe(k), p -> p.zadd(k, copy));
    }

    /**
     * ZREM: how many of the members were there.
     *
     * @param key the key name, inside the namespace
     * @param members the members
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> zrem(String key, String... members) {
        String k = key(key);
        String[] m = values("zrem", "member", members);
        return queue("ZREM on " + describe(k), p -> p.zrem(k, m));
    }

    /**
     * ZRANGEBYSCORE: the members scored {@code min..max} inclusive (infinities allowed), lowest first.
     *
     * @param key the key name, inside the namespace
     * @param min the lowest score, included
     * @param max the highest score, included
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<List<String>> zrangeByScore(String key, double min, double max) {
        String k = key(key);
        notNaN("zrangeByScore", "min", min);
        notNaN("zrangeByScore", "max", max);
        return queue("ZRANGEBYSCORE on " + describe(k), p -> p.zrangeByScore(k, min, max));
    }

    // ---- lists

    /**
     * LPUSH: the length of the list after pushing the values at its head, one by one.
     *
     * @param key the key name, inside the namespace
     * @param values the values
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> lpush(String key, String... values) {
        String k = key(key);
        String[] v = values("lpush", "value", values);
        return queue("LPUSH on " + describe(k), p -> p.lpush(k, v));
    }

    /**
     * RPUSH: the length of the list after appending the values.
     *
     * @param key the key name, inside the namespace
     * @param values the values
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> rpush(String key, String... values) {
        String k = key(key);
        String[] v = values("rpush", "value", values);
        return queue("RPUSH on " + describe(k), p -> p.rpush(k, v));
    }

    /**
     * LRANGE: the elements at {@code start..stop} inclusive; negative indexes count from the end.
     *
     * @param key the key name, inside the namespace
     * @param start the first index, from 0; negative counts from the end
     * @param stop the last index, included; negative counts from the end
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<List<String>> lrange(String key, long start, long stop) {
        String k = key(key);
        return queue("LRANGE on " + describe(k), p -> p.lrange(k, start, stop));
    }

    // ---- pub/sub

    /**
     * PUBLISH on a channel of the namespace, named as by {@link PubSub#publish(String, String)};
     * the reply is how many subscribed connections received the message.
     *
     * @param channel the channel, inside the namespace
     * @param message the message
     * @return the reply, which holds its value after {@link #sync()}
     */
    public Reply<Long> publish(String channel, String message) {
        String c = key(channel);
        text("publish", "message", message);
        return queue("PUBLISH on channel '" + c + "'", p -> p.publish(c, message));
    }

    // ---- sending

    /**
     * Sends every command queued since the last sync in one round trip, on one connection of the
     * store's pool, and fills their replies. Returns normally even if Redis refused some of the
     * commands (their replies throw). Does nothing if nothing is queued.
     *
     * @throws RedaoConnectionException if Redis cannot be reached or the connection fails; the
     *     replies of this batch throw it too
     * @throws IllegalStateException if the pipeline is closed
     */
    public void sync() {
        checkOpen();
        if (queued.isEmpty()) {
            return;
        }
        Metrics metrics = store.metrics();
        if (metrics == null) {
            syncNow();
        } else {
            metrics.run("none", Operation.PIPELINE, this::syncNow);
        }
    }

    private void syncNow() {
        List<Queued<?, ?>> batch = queued;
        queued = new ArrayList<>();
        String address = store.url().address();
        try {
            store.execute(jedis -> {
                // the pipeline holds a connection (one per node of a cluster) until it is closed
                try (AbstractPipeline pipeline = store.pipelined()) {
                    List<Response<?>> responses = new ArrayList<>(batch.size());
                    for (Queued<?, ?> q : batch) {
                        responses.add(q.send().apply(pipeline));
                    }
                    pipeline.sync(); // one flush, then every reply read; error replies are kept per command
                    boolean answered = true;
                    for (int i = 0; i < batch.size(); i++) {
                        answered &= batch.get(i).complete(responses.get(i), address);
                    }
                    if (!answered) {
                        throw new RedaoConnectionException(address, new IllegalStateException(
                                "a server of the cluster sent no reply to some of the commands"));
                    }
                }
                return null;
            });
        } catch (RedaoConnectionException e) {
            for (Queued<?, ?> q : batch) {
                q.reply().fail(new RedaoConnectionException(e.address(), e.getCause()));
            }
            throw e;
        } catch (RedaoException e) { // the server refused the batch as a whole, such as a new connection
            for (Queued<?, ?> q : batch) {
                if (!q.reply().isDone()) {
                    q.reply().fail(e);
                }
            }
            throw e;
        } catch (RuntimeException e) { // such as a closed store: no reply will come
            for (Queued<?, ?> q : batch) {
                if (!q.reply().isDone()) {
                    q.reply().fail(new RedaoException(q.reply().command() + " failed: the pipeline's sync() failed: " + e, e));
                }
            }
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new RedaoException("the pipeline's sync() failed: " + e, e);
        }
    }

    /** {@return how many commands are queued and not yet sent} */
    public int queued() {
        return queued.size();
    }

    /**
     * Discards the commands queued since the last {@link #sync()} (they are never sent; their
     * replies throw {@link IllegalStateException}) and makes further use of the pipeline fail.
     * Idempotent. Holds no connection, so there is none to return.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Queued<?, ?> q : queued) {
            q.reply().discard();
        }
        queued = List.of();
    }

    private <T> Reply<T> queue(String command, Function<AbstractPipeline, Response<T>> send) {
        return queue(command, send, Function.identity());
    }

    /** Queues a command whose Jedis reply is converted (a null reply stays null). */
    private <J, T> Reply<T> queue(String command, Function<AbstractPipeline, Response<J>> send,
            Function<J, T> convert) {
        checkOpen();
        Reply<T> reply = new Reply<>(command);
        queued.add(new Queued<>(send, convert, reply));
        return reply;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the pipeline is closed");
        }
    }

    private String key(String name) {
        return Namespaces.namespaced(namespace, name);
    }

    private String[] keys(String command, String[] names) {
        Arguments.requireNonNull(names, "keys", command);
        if (names.length == 0) {
            throw new InvalidArgumentException("keys", command + " needs at least one key");
        }
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = key(names[i]);
        }
        if (!store.inOneSlot(Arrays.asList(out))) {
            throw new CrossSlotException(command + " on " + describe(out) + " names keys of several hash slots, which"
                    + " a Redis Cluster pipeline cannot send as one command; nothing was queued. Give the keys one"
                    + " hash tag, such as {cart}:a and {cart}:b, or queue one " + command + " per key");
        }
        return out;
    }

    private static String[] values(String command, String what, String[] values) {
        Arguments.requireNoNulls(values, what + "s", command);
        if (values.length == 0) {
            throw new InvalidArgumentException(what + "s", command + " needs at least one " + what);
        }
        for (int i = 0; i < values.length; i++) {
            text(command, what + "s[" + i + "]", values[i]);
        }
        return values.clone(); // later changes to the caller's array are not sent
    }

    /** A text argument: not null, and with a UTF-8 form, which Jedis would otherwise replace by '?'. */
    private static void text(String command, String argument, String value) {
        Codecs.requireUtf8Form(Arguments.requireNonNull(value, argument, command), argument, command);
    }

    private static long millis(String command, Duration ttl) {
        Arguments.requireNonNull(ttl, "ttl", command);
        if (ttl.isNegative() || ttl.toMillis() < 1) {
            throw new InvalidArgumentException("ttl", command + ": the time to live must be at least 1 ms: " + ttl);
        }
        return ttl.toMillis();
    }

    private static void notNaN(String command, String argument, double v) {
        if (Double.isNaN(v)) {
            throw new InvalidArgumentException(argument, command + ": " + argument + " is NaN");
        }
    }

    private static String describe(String key) {
        return "key '" + key + "'";
    }

    private static String describe(String[] keys) {
        return keys.length == 1 ? describe(keys[0]) : "keys " + Arrays.toString(keys);
    }
}
