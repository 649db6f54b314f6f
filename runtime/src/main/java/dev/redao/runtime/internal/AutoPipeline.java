package dev.redao.runtime.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Automatic pipelining of the scripts and direct reads that callers run at the same time
 * (docs/async.md): the calls wait in one queue, and whichever caller finds a lane free sends
 * everything queued as one pipeline per server (reads and writes on separate connections, so that
 * a read never waits behind a write the server holds back), reads the replies in order and hands
 * each to its caller. A lone call finds a lane free and goes out at once, on its own thread, as it
 * would without this; calls that arrive while every lane is busy go together in the next
 * pipeline. No thread of its own: the callers take turns (a leader, then the others it served, as
 * in flat combining), so a pipeline never waits for a thread to wake.
 *
 * <p>Each call keeps its own script, so its own atomicity. A thread's calls run in the order it
 * made them, since each waits for its reply. A connection is borrowed for each pipeline and given
 * back, so the lanes share the store's pool with everything else.
 */
final class AutoPipeline {
    /** The most calls one pipeline takes: larger ones wait for the next. */
    private static final int MOST_PER_PIPELINE = 512;
    /** How long a waiting caller sleeps before it looks again, should a wake-up be missed. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final StoreConnection connection;
    private final Deployment deployment;
    private final Semaphore lanes;
    private final ConcurrentLinkedQueue<Call> queue = new ConcurrentLinkedQueue<>();
    private final CommandObjects commands = new CommandObjects(RedisProtocol.RESP2);

    AutoPipeline(StoreConnection connection, Deployment deployment, int lanes) {
        this.connection = connection;
        this.deployment = deployment;
        this.lanes = new Semaphore(lanes);
    }

    /**
     * One call, a script's or a command's, and, once its pipeline is read, its reply or failure.
     * A script's command is made when it is sent, which decides between its text and its SHA-1.
     */
    private static final class Call {
        final Script script;
        final List<byte[]> keys;
        final List<byte[]> args;
        /** A command's: the command, the key it names, its model (null for none), for the error. */
        final CommandObject<?> command;
        final byte[] key;
        final String model;
        /** Whether the call only reads, and may run again: a command's (the DAO's reads), or a read-only script's. */
        final boolean reads;
        final Thread caller = Thread.currentThread();
        Object reply;
        RuntimeException failure;
        volatile boolean done;

        Call(Script script, List<byte[]> keys, List<byte[]> args) {
            this.script = script;
            this.keys = keys;
            this.args = args;
            this.command = null;
            this.key = keys.isEmpty() ? null : keys.get(0);
            this.model = null;
            this.reads = script.readOnly();
        }

        Call(CommandObject<?> command, byte[] key, String model) {
            this.script = null;
            this.keys = null;
            this.args = null;
            this.command = command;
            this.key = key;
            this.model = model;
            this.reads = true;
        }

        void reply(Object value) {
            reply = value;
            finish();
        }

        void fail(RuntimeException e) {
            failure = e;
            finish();
        }

        private void finish() {
            done = true;
            LockSupport.unpark(caller);
        }
    }

    /** Runs a script, in a pipeline with the calls of other threads made meanwhile. */
    Object eval(Script script, List<byte[]> keys, List<byte[]> args) {
        return run(new Call(script, keys, args));
    }

    /** Runs a command on {@code key} (of {@code model}, null for none), as {@link #eval} runs a script. */
    @SuppressWarnings("unchecked")
    <R> R command(CommandObject<R> command, byte[] key, String model) {
        return (R) run(new Call(command, key, model));
    }

    private Object run(Call call) {
        queue.add(call);
        while (!call.done) {
            if (lanes.tryAcquire()) {
                try {
                    List<Call> batch = take();
                    if (!batch.isEmpty()) {
                        send(batch);
                    }
                } finally {
                    lanes.release();
                }
                wakeNext();
            } else {
                // a leader sends this call, or wakes this thread to lead once its lane is free
                LockSupport.parkNanos(this, RECHECK_NANOS);
            }
        }
        if (call.failure != null) {
            throw call.failure;
        }
        return call.reply;
    }

    /** After a lane is given back: the caller of the oldest call waiting leads next. */
    private void wakeNext() {
        Call next = queue.peek();
        if (next != null) {
            LockSupport.unpark(next.caller);
        }
    }

    private List<Call> take() {
        List<Call> batch = new ArrayList<>();
        for (Call c; batch.size() < MOST_PER_PIPELINE && (c = queue.poll()) != null; ) {
            batch.add(c);
        }
        return batch;
    }

    /**
     * Sends a batch: one pipeline per server, all written before any is read, so that on a
     * cluster the servers work at once. Every call gets its reply or its failure, whatever fails.
     */
    private void send(List<Call> batch) {
        Map<Route, Lane> byServer = new LinkedHashMap<>();
        List<Refused> refused = new ArrayList<>();
        try {
            route(batch, byServer, refused);
            for (Lane lane : byServer.values()) {
                lane.write();
            }
            for (Lane lane : byServer.values()) {
                lane.read(refused);
            }
            if (byServer.values().stream().anyMatch(lane -> lane.broken != null)) {
                connection.refresh(); // a failover, or a server gone: ask who holds what
            }
        } catch (RuntimeException unexpected) {
            for (Call c : batch) {
                if (!c.done) {
                    c.fail(unexpected);
                }
            }
        } finally {
            for (Lane lane : byServer.values()) {
                lane.jedis.close();
            }
        }
        // sent again once the batch's connections are back in the pool, where these calls find one
        for (Refused r : refused) {
            answer(r);
        }
    }

    /**
     * Where a call goes: its server, and whether it only reads. Reads and writes go on separate
     * connections, so that a read never waits behind a write the server holds back (CLIENT PAUSE
     * WRITE, as during a failover), which a read would not wait for without pipelining.
     */
    private record Route(HostAndPort server, boolean reads) {}

    /**
     * A call that got no reply, or a refusal that sending it alone may cure: answered after the
     * batch, once its connections are back in the pool (see {@link Lane#read}).
     */
    private record Refused(Call call, JedisException why, String address) {}

    /**
     * A call whose connection failed. On a cluster a read goes again on its own, as the store
     * sends a read there without pipelining: the cluster client rides out a failover within the
     * timeout. Elsewhere, and for a write (which may have run), the call fails as it would alone.
     */
    private void notSent(Call c, JedisException e, String address, List<Refused> refused) {
        if (c.reads && connection.readsRetried()) {
            refused.add(new Refused(c, e, address));
        } else {
            c.fail(failure(c, e, address));
        }
    }

    /**
     * A script not cached there (NOSCRIPT) or a slot that moved (MOVED, ASK) did not run, and a
     * read whose connection failed may run again: the call goes once more on its own, as the store
     * sends a call without pipelining. Any other refusal is the call's failure.
     */
    private void answer(Refused r) {
        Call c = r.call();
        if (c.done) {
            return; // failed with its batch
        }
        try {
            if (!(r.why() instanceof JedisDataException refusal)) {
                c.reply(c.script != null ? connection.evalAlone(c.script, c.keys, c.args, null) : connection.commandAlone(c.command, c.key, c.model));
            } else if (refusal instanceof JedisNoScriptException || refusal instanceof JedisMovedDataException
                    || refusal instanceof JedisAskDataException) {
                c.reply(connection.evalAlone(c.script, c.keys, c.args, refusal));
            } else {
                c.reply(connection.refused(c.script, c.keys, c.args, refusal, r.address()));
            }
        } catch (RuntimeException failed) {
            c.fail(failed);
        }
    }

    /** Groups the calls by the server of their keys' slot and by reads and writes, borrowing one connection for each group. */
    private void route(List<Call> batch, Map<Route, Lane> byServer, List<Refused> refused) {
        Map<Integer, Lane> bySlot = new LinkedHashMap<>();
        boolean cluster = connection.spreadsOverSlots();
        for (Call c : batch) {
            int slot = cluster && c.key != null ? JedisClusterCRC16.getSlot(c.key) : 0;
            // a slot's reads and writes: the slot's number, or its complement (which no slot is)
            int group = c.reads ? slot : ~slot;
            Lane lane = bySlot.get(group);
            if (lane == null) {
                Jedis jedis;
                try {
                    jedis = deployment.borrowForSlot(slot);
                } catch (JedisException e) {
                    connection.refresh(); // a failover, or a server gone: ask who holds what
                    notSent(c, e, connection.url().address(), refused);
                    continue;
                }
                HostAndPort server = jedis.getConnection().getHostAndPort();
                Route route = new Route(server, c.reads);
                lane = byServer.get(route);
                if (lane == null) {
                    lane = new Lane(jedis, server);
                    byServer.put(route, lane);
                } else {
                    jedis.close(); // a connection to that server is borrowed already
                }
                bySlot.put(group, lane);
            }
            lane.calls.add(c);
        }
    }

    /** One server's share of a batch, on one borrowed connection. */
    private final class Lane {
        final Jedis jedis;
        final String address;
        final List<Call> calls = new ArrayList<>();
        final List<CommandObject<?>> sent = new ArrayList<>();
        /** The failure of the connection while writing, which every call of the lane gets. */
        JedisException broken;

        Lane(Jedis jedis, HostAndPort server) {
            this.jedis = jedis;
            this.address = server.toString();
        }

        void write() {
            Connection conn = jedis.getConnection();
            try {
                for (Call c : calls) {
                    CommandObject<?> command = c.script != null ? scriptCommand(c) : c.command;
                    sent.add(command);
                    conn.sendCommand(command.getArguments());
                }
                conn.getMany(0); // flushes what is buffered and reads nothing yet: every server works at once
            } catch (JedisException e) {
                broken = e;
            }
        }

        /** Reads the replies; a call refused in a way that sending it alone may cure goes to {@code refused}. */
        void read(List<Refused> refused) {
            List<Object> replies = null;
            if (broken == null) {
                try {
                    replies = jedis.getConnection().getMany(sent.size());
                } catch (JedisException e) {
                    broken = e;
                }
            }
            for (int i = 0; i < calls.size(); i++) {
                Call c = calls.get(i);
                if (broken != null) {
                    notSent(c, connection.lost(broken, address), address, refused);
                    continue;
                }
                Object reply = replies.get(i);
                if (reply instanceof JedisDataException e) {
                    if (c.script == null) {
                        c.fail(failure(c, e, address));
                    } else {
                        refused.add(new Refused(c, e, address));
                    }
                    continue;
                }
                if (c.script != null) {
                    connection.sentText(c.script);
                }
                try {
                    c.reply(sent.get(i).getBuilder().build(reply));
                } catch (RuntimeException unreadable) {
                    c.fail(unreadable);
                }
            }
        }
    }

    /** What a call that failed throws, as it would had it gone alone. */
    private RuntimeException failure(Call c, JedisException e, String address) {
        return c.script != null ? RedisErrors.script(address, e, c.script) : connection.commandFailure(e, c.key, c.model);
    }

    /** The command that runs a script's call: its text the first time the store sends it, its SHA-1 after. */
    private CommandObject<Object> scriptCommand(Call c) {
        boolean text = !connection.textSent(c.script);
        if (connection.readOnlyCall(c.script)) {
            return text ? commands.evalReadonly(c.script.text(), c.keys, c.args) : commands.evalshaReadonly(c.script.sha(), c.keys, c.args);
        }
        return text ? commands.eval(c.script.text(), c.keys, c.args) : commands.evalsha(c.script.sha(), c.keys, c.args);
    }
}
