package dev.redao.runtime.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * each to its caller. A lone call (nothing queued, a lane free) goes out at once, on its own
 * thread, as the store sends a call without pipelining; calls that arrive while every lane is
 * busy go together in the next pipeline. No thread of its own: the callers take turns (a leader,
 * then the others it served, as in flat combining), so a pipeline never waits for a thread to
 * wake.
 *
 * <p>A call that no thread waits for ({@link #later}: an asynchronous call that is one script or
 * one command) is completed by the thread that read its reply, once that thread has given its lane
 * back, so a completion never holds up a pipeline. A thread of the store's asynchronous calls
 * leads for such calls, and leads again for the calls their completions made, which wait for it
 * rather than wake another thread: a chain of calls then costs no hand-off between threads. Should
 * a callback block before its thread leads, the watch ({@link #watch}) sends another thread.
 *
 * <p>Each call keeps its own script, so its own atomicity. A thread's blocking calls run in the
 * order it made them, since each waits for its reply. A connection is borrowed for each pipeline
 * and given back, so the lanes share the store's pool with everything else.
 */
final class AutoPipeline {
    /** The most calls one pipeline takes: larger ones wait for the next. */
    private static final int MOST_PER_PIPELINE = 512;
    /** How long a waiting caller sleeps before it looks again, should a wake-up be missed. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How long a call no thread waits for may stay queued with a lane free before the watch sends a thread to lead. */
    private static final long RESCUE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long the watch stays once no call has been left to a thread that completes calls. */
    private static final long WATCH_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** The pipeline whose calls this thread is completing, if it is: the calls made meanwhile wait for it to lead. */
    private static final ThreadLocal<AutoPipeline> COMPLETING = new ThreadLocal<>();
    private static final AtomicInteger WATCHES = new AtomicInteger();

    private final StoreConnection connection;
    private final Deployment deployment;
    private final Semaphore lanes;
    private final ConcurrentLinkedQueue<Call> queue = new ConcurrentLinkedQueue<>();
    private final CommandObjects commands = new CommandObjects(RedisProtocol.RESP2);
    /** Whether a thread of the store's is on its way to lead for the calls no thread waits for. */
    private final AtomicBoolean leaderDue = new AtomicBoolean();
    /** Whether the watch's thread is running, and when a call was last left to a thread that completes calls. */
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile long lastLeft;

    AutoPipeline(StoreConnection connection, Deployment deployment, int lanes) {
        this.connection = connection;
        this.deployment = deployment;
        this.lanes = new Semaphore(lanes);
    }

    /**
     * What becomes of the reply of a call that no thread waits for: run once, with the reply (as
     * the call's builder made it) or the failure (as the call alone would throw it).
     */
    @FunctionalInterface
    interface Completion {
        void complete(Object reply, RuntimeException failure);
    }

    /**
     * One call, a script's or a command's, and, once its pipeline is read, its reply or failure.
     * A script's command is made when it is sent, which decides between its text and its SHA-1.
     */
    static final class Call {
        final Script script;
        final List<byte[]> keys;
        final List<byte[]> args;
        /** A command's: the command, the key it names, its model (null for none), for the error. */
        final CommandObject<?> command;
        final byte[] key;
        final String model;
        /** Whether the call only reads, and may run again: a command's (the DAO's reads), or a read-only script's. */
        final boolean reads;
        /** For a call no thread waits for: what its reply becomes, and the threads that may run that. */
        final Completion then;
        final Executor threads;
        /** The thread to wake when the reply is in: the caller's, or one that waits for a call made with {@link #later}. */
        volatile Thread waiter;
        /** When a call made with {@link #later} was queued, for the watch. */
        long queuedAt;
        Object reply;
        RuntimeException failure;
        volatile boolean done;

        Call(Script script, List<byte[]> keys, List<byte[]> args) {
            this(script, keys, args, null, null);
            this.waiter = Thread.currentThread();
        }

        Call(Script script, List<byte[]> keys, List<byte[]> args, Completion then, Executor threads) {
            this.script = script;
            this.keys = keys;
            this.args = args;
            this.command = null;
            this.key = keys.isEmpty() ? null : keys.get(0);
            this.model = null;
            this.reads = script.readOnly();
            this.then = then;
            this.threads = threads;
        }

        Call(CommandObject<?> command, byte[] key, String model) {
            this(command, key, model, null, null);
            this.waiter = Thread.currentThread();
        }

        Call(CommandObject<?> command, byte[] key, String model, Completion then, Executor threads) {
            this.script = null;
            this.keys = null;
            this.args = null;
            this.command = command;
            this.key = key;
            this.model = model;
            this.reads = true;
            this.then = then;
            this.threads = threads;
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
            // the caller of a blocking call returns now; one waiting for a call made with later
            // waits for the completion, which wakes it (see PipelinedFuture)
            if (then == null) {
                LockSupport.unpark(waiter);
            }
        }

        /** Wakes a thread that waits for this call made with {@link #later}, once its future is complete. */
        void completed() {
            Thread w = waiter;
            if (w != null && w != Thread.currentThread()) {
                LockSupport.unpark(w);
            }
        }

        /** Runs the completion of a call no thread waits for; a completion's own failure stays in it. */
        void complete() {
            try {
                then.complete(reply, failure);
            } catch (RuntimeException | Error ignored) {
                // a completion completes a future, which keeps its callbacks' failures: nothing else reaches here
            }
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

    /**
     * Queues a call that no thread waits for and returns at once: the thread that reads its reply
     * runs its completion ({@link Call#then}) once it has given its lane back. A thread of
     * {@code threads} is sent to lead if a lane is free; if none is, the leader that frees one sees
     * the call.
     */
    Call later(Script script, List<byte[]> keys, List<byte[]> args, Completion then, Executor threads) {
        return queued(new Call(script, keys, args, then, threads));
    }

    /** As {@link #later(Script, List, List, Completion, Executor)}, for a command on {@code key} of {@code model}. */
    Call later(CommandObject<?> command, byte[] key, String model, Completion then, Executor threads) {
        return queued(new Call(command, key, model, then, threads));
    }

    private Call queued(Call call) {
        call.queuedAt = System.nanoTime();
        queue.add(call);
        if (COMPLETING.get() == this) {
            // a callback made it: this thread leads once its callbacks are done (completeThenLead),
            // which saves waking another. Should the callback wait for the call, the watch sends one
            watch(call.queuedAt);
        } else if (lanes.availablePermits() > 0) {
            leaderDue(call.threads);
        }
        return call;
    }

    /**
     * Keeps the watch's thread running while callbacks leave calls to their thread: every
     * {@link #RESCUE_NANOS} it sends a thread of the store's to lead if the oldest call has waited
     * that long with a lane free, which only happens when a callback blocks (on the call it made,
     * say) before its thread could lead. It stops once no call has been left for a while.
     */
    private void watch(long now) {
        lastLeft = now;
        if (!watching.get() && watching.compareAndSet(false, true)) {
            Thread watch = new Thread(this::watchLoop, "redao-pipeline-watch-" + WATCHES.incrementAndGet());
            watch.setDaemon(true);
            watch.start();
        }
    }

    private void watchLoop() {
        while (true) {
            LockSupport.parkNanos(this, RESCUE_NANOS);
            Call oldest = queue.peek();
            long now = System.nanoTime();
            if (oldest != null && oldest.then != null && oldest.waiter == null && now - oldest.queuedAt >= RESCUE_NANOS
                    && lanes.availablePermits() > 0) {
                leaderDue(oldest.threads);
            }
            long seen = lastLeft;
            if (now - seen > WATCH_IDLE_NANOS && queue.isEmpty()) {
                watching.set(false);
                // a call left since then may have seen the watch still running: stay for it
                if (lastLeft == seen || !watching.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }

    /**
     * Waits until {@code future}, of a call made with {@link #later}, is complete, leading pipelines
     * meanwhile as a blocking caller does; if this thread reads the call's reply, it runs the
     * call's completion too, so the caller that waits saves the hand-offs between threads.
     */
    void await(Call call, Future<?> future) {
        call.waiter = Thread.currentThread();
        while (!future.isDone()) {
            if (Thread.currentThread().isInterrupted()) {
                // the wait ends (get() throws): the call is left to a thread of the store's
                call.waiter = null;
                if (!call.done) {
                    leaderDue(call.threads);
                }
                return;
            }
            if (!call.done && lanes.tryAcquire()) {
                List<Call> batch = lead();
                if (batch.remove(call)) {
                    handOver(batch);
                    call.complete();
                } else {
                    handOver(batch);
                }
            } else {
                // the call's completion wakes this thread, or a leader once its lane is free
                LockSupport.parkNanos(this, RECHECK_NANOS);
            }
        }
    }

    private Object run(Call call) {
        if (queue.isEmpty() && lanes.tryAcquire()) {
            // A lone call goes at once, as the store sends a call without pipelining, which spares
            // it the batch's bookkeeping; calls made meanwhile queue, and the next leader takes them.
            try {
                return call.script != null ? connection.evalAlone(call.script, call.keys, call.args, null)
                        : connection.commandAlone(call.command, call.key, call.model);
            } finally {
                lanes.release();
                wakeNext();
            }
        }
        queue.add(call);
        while (!call.done) {
            if (lanes.tryAcquire()) {
                handOver(lead());
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

    /** With a lane taken: sends what is queued, gives the lane back and gets the next leader going; the calls it sent. */
    private List<Call> lead() {
        List<Call> batch;
        try {
            batch = take();
            if (!batch.isEmpty()) {
                send(batch);
            }
        } finally {
            lanes.release();
        }
        wakeNext();
        return batch;
    }

    /** After a lane is given back: the caller of the oldest call waiting leads next, or a thread of the store's for a call no thread waits for. */
    private void wakeNext() {
        Call next = queue.peek();
        if (next == null) {
            return;
        }
        Thread waiter = next.waiter;
        if (waiter != null) {
            LockSupport.unpark(waiter);
        } else {
            leaderDue(next.threads);
        }
    }

    /** Sends a thread of {@code threads} to lead, unless one is on its way already. */
    private void leaderDue(Executor threads) {
        if (!leaderDue.compareAndSet(false, true)) {
            return;
        }
        try {
            threads.execute(() -> {
                leaderDue.set(false);
                Call next = queue.peek();
                // a caller that waits for the oldest call leads itself: taking its lane would cost
                // it a wake-up when its call completes
                if (next != null && next.waiter == null) {
                    completeThenLead(List.of());
                }
            });
        } catch (RejectedExecutionException closed) {
            // the store's threads are shut down as the store closes: this thread leads instead
            leaderDue.set(false);
            completeThenLead(List.of());
        }
    }

    /**
     * A blocking caller's thread read these replies: the completions of the calls no thread waits
     * for go to a thread of the store's, not held up by the caller's own work.
     */
    private void handOver(List<Call> batch) {
        List<Call> completions = null;
        for (Call c : batch) {
            if (c.then != null) {
                if (completions == null) {
                    completions = new ArrayList<>();
                }
                completions.add(c);
            }
        }
        if (completions != null) {
            List<Call> finished = completions;
            try {
                finished.get(0).threads.execute(() -> completeThenLead(finished));
            } catch (RejectedExecutionException closed) {
                completeThenLead(finished);
            }
        }
    }

    /**
     * On a thread of the store's: runs the completions of {@code finished}, then leads for the
     * calls they made, and for any other, while a lane is free, completing each pipeline's calls
     * in turn.
     */
    private void completeThenLead(List<Call> finished) {
        AutoPipeline outer = COMPLETING.get();
        COMPLETING.set(this);
        try {
            while (true) {
                for (Call c : finished) {
                    if (c.then != null) {
                        c.complete();
                    } // a blocking caller's call was woken when its reply came
                }
                if (queue.isEmpty() || !lanes.tryAcquire()) {
                    return; // a lane is taken, and its leader sees what is queued when it gives the lane back
                }
                finished = lead();
            }
        } finally {
            if (outer == null) {
                COMPLETING.remove();
            } else {
                COMPLETING.set(outer);
            }
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
