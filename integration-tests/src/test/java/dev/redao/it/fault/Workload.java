package dev.redao.it.fault;

import static org.junit.jupiter.api.Assertions.fail;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUnavailableException;
import dev.redao.runtime.Saved;
import dev.redao.runtime.ServerException;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.query.Field;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A mixed workload on {@link Member}s, run by several threads while a test injects a fault, with
 * a ledger of what each call did, checked against Redis afterwards.
 *
 * <p>Each thread writes: new objects, whole replacements, partial updates (of the unique fields
 * too), deletes, {@code saveAll} batches and transactions; the unique values come from a small
 * pool that every thread draws from, so that they collide. Each thread reads: by id, by unique
 * value, all of its objects at once, and queries on a set index, a lexicographic index and a sorted
 * index. A racing workload ({@link #withSharedIds()}) also saves and deletes a few ids that every
 * thread writes.
 *
 * <p><b>The ledger.</b> A thread writes only the objects it created (and the shared ids, which
 * the ledger treats apart), so it knows what each of them must hold: after an acknowledged write,
 * exactly what it wrote; after a refused one (a unique violation, or an error that says the call
 * was not run), what it held before. A call that may have run although it failed (a
 * {@link RedaoConnectionException} whose {@code writeMayHaveRun()}) makes its objects uncertain: the
 * thread writes them no more, and afterwards each must hold either its state before the call or its
 * state after it, the same for every object of the call, which is a script's atomicity seen from
 * outside. Every write stamps its objects' {@code name} with a tag of its own, so that an object
 * whose id the caller never learnt (a new object of an uncertain call) is recognised, and an object
 * that no acknowledged or uncertain write explains (a refused write that ran) is found.
 *
 * <p><b>Reads</b> are checked as they return: a thread's own objects read back as it last wrote
 * them, by id, by unique value and in query results, and every query result matches its filter.
 *
 * <p><b>Failures.</b> A call may fail only with a {@link RedaoException} of a type the case
 * allows ({@link UniqueViolationException} always); any other throwable, or a read or reply that
 * contradicts the ledger, is recorded and fails the run at {@link #stop()}.
 */
final class Workload {
    /** The colliding unique values: this many e-mails and handles for every thread. */
    private static final int EMAILS = 6;
    private static final int HANDLES = 6;
    private static final String[] COUNTRIES = {"DE", "FR", "IT", "ES", "DK", null};
    /** A thread deletes rather than creates once it holds this many objects: the data stays small. */
    private static final int OWNED_MAX = 24;
    /** Ids 1..SHARED_IDS, written by every thread of a racing workload. */
    static final long SHARED_IDS = 12;
    /** How long a call may take after stop() before the run counts as hung: far above any timeout the cases set. */
    private static final long STOP_WAIT_SECONDS = 30;
    /** How long an await may take before the workload counts as stuck. */
    private static final long AWAIT_SECONDS = 60;
    private static final int VIOLATIONS_KEPT = 20;

    private final RedisStore store;
    private final String namespace;
    private final MemberDao dao;
    private final int threadCount;
    private final long seed;
    private final List<Class<?>> allowed = new ArrayList<>(List.of(UniqueViolationException.class));
    /** Failure types a read may throw; null: those writes may throw. */
    private List<Class<?>> readsAllowed;
    private boolean sharedIds;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final AtomicLong violationCount = new AtomicLong();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    /** Which thread a server-assigned id went to: an id handed out twice is a violation. */
    private final Map<Long, Integer> assigned = new ConcurrentHashMap<>();
    /** Every object a racing thread tried to save under each shared id. */
    private final Map<Long, Set<Member>> sharedAttempts = new ConcurrentHashMap<>();
    private final List<Worker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param store the store under test, whose namespace is {@code namespace}
     * @param seed makes each thread's choices repeatable (the interleaving is not)
     */
    Workload(RedisStore store, String namespace, int threads, long seed) {
        this.store = store;
        this.namespace = namespace;
        this.dao = new MemberDao(store);
        this.threadCount = threads;
        this.seed = seed;
    }

    /** Failure types the fault may cause, besides {@link UniqueViolationException}; subclasses included. */
    Workload allowing(Class<?>... types) {
        allowed.addAll(Arrays.asList(types));
        return this;
    }

    /**
     * Failure types the fault may cause reads, where they differ from those of writes: none, for a
     * fault that refuses writes only.
     */
    Workload readsAllowing(Class<?>... types) {
        readsAllowed = List.of(types);
        return this;
    }

    /** Threads also save and delete ids 1..{@value #SHARED_IDS}, which all of them write: a race on ids too. */
    Workload withSharedIds() {
        sharedIds = true;
        return this;
    }

    void start() {
        if (sharedIds) {
            // the shared ids exist before the threads start, so the counter has moved past them
            // (a given id moves it) and no new object is ever assigned one of them
            for (long id = 1; id <= SHARED_IDS; id++) {
                Member m = new Member(id, null, null, "DE", 0, "seed-" + id);
                sharedAttempts.computeIfAbsent(id, i -> ConcurrentHashMap.newKeySet()).add(m);
                dao.save(m);
            }
        }
        running.set(true);
        for (int i = 0; i < threadCount; i++) {
            Worker worker = new Worker(i, new Random(seed * 1000 + i));
            Thread thread = new Thread(worker, "fault-workload-" + i);
            thread.setDaemon(true);
            workers.add(worker);
            threads.add(thread);
            thread.start();
        }
    }

    // ---- progress, for the test to pace its fault by

    long acknowledged() {
        return acknowledged.get();
    }

    /** How many calls failed with an exception whose description (see {@link #describe}) starts with {@code prefix}. */
    long failures(String prefix) {
        return failures.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().sum()).sum();
    }

    /** Waits until {@code more} more calls have returned or thrown. */
    void awaitCalls(long more) {
        long target = calls.get() + more;
        await(more + " more calls", () -> calls.get() >= target);
    }

    /** Waits until {@code more} more writes have been acknowledged. */
    void awaitAcknowledged(long more) {
        long target = acknowledged.get() + more;
        await(more + " more acknowledged writes", () -> acknowledged.get() >= target);
    }

    /** Waits until {@code count} has grown by {@code more}. */
    void awaitGrowth(String what, LongSupplier count, long more) {
        long target = count.getAsLong() + more;
        await(what, () -> count.getAsLong() >= target);
    }

    /**
     * Polls {@code done} until it holds; fails if a thread died or a minute passed. Once a call
     * has gone wrong it throws {@link Aborted} instead, so that the test stops its fault at once
     * and reports what went wrong.
     */
    void await(String what, Supplier<Boolean> done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        while (!done.get()) {
            if (violationCount.get() > 0) {
                throw new Aborted("while waiting for " + what + ", a call went wrong");
            }
            if (threads.stream().anyMatch(t -> !t.isAlive())) {
                stopQuietly();
                fail("a workload thread ended while waiting for " + what + ": " + violationReport());
            }
            if (System.nanoTime() > deadline) {
                stopQuietly();
                fail("gave up waiting for " + what + " after " + AWAIT_SECONDS + " s: " + this);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Thrown by the awaits once a call has gone wrong: waiting on would only delay the report. */
    static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted(String message) {
            super(message);
        }
    }

    private void stopQuietly() {
        running.set(false);
    }

    /** Stops the threads without checking anything, when the test has failed already; waits for them a little. */
    void abandon() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Tells the threads to stop and waits for them: a call that has not returned
     * {@value #STOP_WAIT_SECONDS} s later hangs, which fails the run with its stack. What the calls
     * did wrong is reported by {@link #problems()}.
     */
    void stop() {
        running.set(false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (thread.isAlive()) {
                StringBuilder stack = new StringBuilder();
                for (StackTraceElement frame : thread.getStackTrace()) {
                    stack.append("\n    at ").append(frame);
                }
                threads.forEach(Thread::interrupt);
                fail("a call has not returned " + STOP_WAIT_SECONDS + " s after the workload was told to stop: "
                        + thread.getName() + stack);
            }
        }
    }

    private String violationReport() {
        return violationCount.get() + " call(s) went wrong, the first ones:\n" + String.join("\n", violations) + "\n" + this;
    }

    /** What the run did: calls, acknowledged writes and each kind of failure, for reports and messages. */
    @Override
    public String toString() {
        Map<String, Long> counts = new TreeMap<>();
        failures.forEach((k, v) -> counts.put(k, v.sum()));
        return threadCount + " threads, " + calls.get() + " calls, " + acknowledged.get() + " acknowledged writes, failures "
                + counts;
    }

    // ---- the check afterwards

    /**
     * What went wrong, once the threads have stopped and the fault is gone: the calls that threw
     * what the case does not allow or read what contradicts the ledger, then what Redis holds
     * against the ledger: every object a thread knows holds exactly what its last acknowledged
     * write wrote (a deleted one is gone); every uncertain call ran whole or not at all; every
     * object in Redis is explained by an acknowledged or uncertain write; every shared id holds one
     * of the objects saved under it. Empty if all is well.
     *
     * @param checker a store of the workload's namespace to read Redis with: one of its own, since
     *     the fault may have left the pool of the store under test with dead connections
     */
    List<String> problems(RedisStore checker) {
        String idSet = RedisTestSupport.nsKey(namespace, "{member}") + ":id";
        List<Long> ids = checker.execute(jedis -> jedis.smembers(idSet)).stream().map(Long::valueOf).sorted().toList();
        Map<Long, Member> actual = new LinkedHashMap<>();
        for (Member m : new MemberDao(checker).getAll(ids)) {
            actual.put(m.id(), m);
        }
        List<String> problems = new ArrayList<>();
        if (violationCount.get() > 0) {
            problems.add(violationCount.get() + " call(s) went wrong, the first ones:\n" + String.join("\n", violations));
        }
        if (actual.size() != ids.size()) {
            problems.add("the id set holds " + ids.size() + " ids but getAll found " + actual.size() + " objects");
        }
        Set<Long> known = new HashSet<>();
        List<Op> uncertain = new ArrayList<>();
        for (Worker w : workers) {
            w.live.forEach((id, expected) -> {
                known.add(id);
                Member now = actual.get(id);
                if (!expected.equals(now)) {
                    problems.add("id " + id + " (thread " + w.index + ") holds " + now + " where its last acknowledged write left "
                            + expected + (now == null ? ": an acknowledged write was lost" : ""));
                }
            });
            for (Long id : w.gone) {
                known.add(id);
                if (actual.containsKey(id)) {
                    problems.add("id " + id + " (thread " + w.index + ") holds " + actual.get(id)
                            + " after an acknowledged delete");
                }
            }
            for (Op op : w.uncertain) {
                op.targets.stream().map(t -> t.id).filter(Objects::nonNull).forEach(known::add);
                uncertain.add(op);
            }
        }
        if (sharedIds) {
            for (long id = 1; id <= SHARED_IDS; id++) {
                known.add(id);
                Member now = actual.get(id);
                if (now != null && !sharedAttempts.getOrDefault(id, Set.of()).contains(now)) {
                    problems.add("shared id " + id + " holds " + now + ", which no thread saved under it");
                }
            }
        }
        // objects whose id no thread learnt: each must be a new object of an uncertain call
        Map<String, Member> unexplained = new HashMap<>();
        actual.forEach((id, m) -> {
            if (!known.contains(id)) {
                Member other = unexplained.put(String.valueOf(m.name()), m);
                if (other != null) {
                    problems.add("two objects carry the tag of one write: " + other + " and " + m);
                }
            }
        });
        for (Op op : uncertain) {
            List<String> outcomes = new ArrayList<>();
            Set<Boolean> ran = new HashSet<>();
            for (Target t : op.targets) {
                if (t.id == null) {
                    Member found = unexplained.remove(t.after.name());
                    if (found != null && !found.equals(t.after.withId(found.id()))) {
                        problems.add(op + ": its new object was stored as " + found);
                    }
                    ran.add(found != null);
                    outcomes.add((found != null ? "created " + found.id() : "not created") + " " + t.after.name());
                } else {
                    Member now = actual.get(t.id);
                    if (Objects.equals(now, t.after)) {
                        ran.add(true);
                        outcomes.add(t.id + " as after");
                    } else if (Objects.equals(now, t.before)) {
                        ran.add(false);
                        outcomes.add(t.id + " as before");
                    } else {
                        problems.add(op + ": id " + t.id + " holds " + now + ", neither its state before the call "
                                + t.before + " nor after it " + t.after);
                    }
                }
            }
            if (ran.size() > 1) {
                problems.add(op + " was applied in part: " + outcomes);
            }
        }
        Map<String, String> refused = new HashMap<>();
        workers.forEach(w -> refused.putAll(w.refused));
        unexplained.values().forEach(m -> problems.add("object " + m + " was written by no acknowledged or uncertain write"
                + (refused.containsKey(m.name()) ? ": by a call that threw " + refused.get(m.name()) + ", which said it was refused"
                        : "")));
        if (actual.isEmpty()) {
            problems.add("the workload left no object to check");
        }
        return problems;
    }

    // ---- failures

    enum Outcome { REFUSED, UNCERTAIN }

    /** The kind of failure, as counted: the class, and for a server's error its reason. */
    static String describe(Throwable e) {
        String name = e.getClass().getSimpleName();
        if (e instanceof RedaoConnectionException c) {
            return name + (c.writeMayHaveRun() ? " (write may have run)" : "");
        }
        if (e instanceof ServerException s) {
            return name + " " + String.valueOf(s.reason()).split(" ", 2)[0]; // the error code: BUSY, LOADING, OOM
        }
        return name;
    }

    /** What kind of call failed: a write, a read of objects (by id, unique value, count), a query. */
    enum Call { WRITE, READ, QUERY }

    private Outcome failed(Throwable e, Call call) {
        failures.computeIfAbsent((call == Call.WRITE ? "" : call.name().toLowerCase(Locale.ROOT) + ": ") + describe(e),
                k -> new LongAdder()).increment();
        List<Class<?>> types = allowed;
        if (call != Call.WRITE && readsAllowed != null) {
            types = readsAllowed;
        }
        if (!(e instanceof RedaoException re) || types.stream().noneMatch(type -> type.isInstance(e))) {
            violation("a " + call.name().toLowerCase(Locale.ROOT) + " threw " + describe(e)
                    + ", which this case does not allow", e);
            return Outcome.UNCERTAIN;
        }
        if (re instanceof RedisUnavailableException && !re.isRetryable()) {
            violation(describe(e) + " is not retryable", e);
        }
        if (!(re instanceof UniqueViolationException)) {
            // a caller backs off before it tries again; the server may be gone for a while
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        // a call refused by the server (BUSY, LOADING, OOM, a unique value taken) or never sent was
        // not run; one cut off after it was sent may have run
        return re instanceof RedaoConnectionException c && c.writeMayHaveRun() ? Outcome.UNCERTAIN : Outcome.REFUSED;
    }

    private void violation(String what, Throwable e) {
        violationCount.incrementAndGet();
        if (violations.size() < VIOLATIONS_KEPT) {
            String trace = "";
            if (e != null) {
                StringWriter out = new StringWriter();
                e.printStackTrace(new PrintWriter(out));
                trace = "\n" + out.toString().lines().limit(12).collect(Collectors.joining("\n"));
            }
            violations.add("[" + Thread.currentThread().getName() + "] " + what + trace);
        }
    }

    // ---- the ledger's records

    /** One object a write touches: its id (null for a new object), and its state before and after (null = absent). */
    private record Target(Long id, Member before, Member after) {}

    /** One write call, kept while its outcome is uncertain. */
    private record Op(String what, List<Target> targets) {
        @Override
        public String toString() {
            return what + " " + targets;
        }
    }

    // ---- one thread

    private final class Worker implements Runnable {
        final int index;
        final Random rnd;
        long opNo;
        /** The objects this thread created and knows for sure, by id: exactly what Redis must hold. */
        final Map<Long, Member> live = new LinkedHashMap<>();
        /** Ids of this thread's objects deleted for sure. */
        final Set<Long> gone = new HashSet<>();
        /** Calls that may have run: their objects are no longer written. */
        final List<Op> uncertain = new ArrayList<>();
        /** The tags of refused writes' new objects, with what was thrown: none of them may be found in Redis. */
        final Map<String, String> refused = new HashMap<>();

        Worker(int index, Random rnd) {
            this.index = index;
            this.rnd = rnd;
        }

        @Override
        public void run() {
            while (running.get()) {
                String tag = "t" + index + "-" + (++opNo);
                try {
                    step(tag);
                } catch (Throwable e) { // a bug of the workload itself, or an Error: it must not pass silently
                    violation("the workload failed at " + tag, e);
                    return;
                }
            }
        }

        private void step(String tag) {
            int dice = rnd.nextInt(100);
            if (live.isEmpty() || dice < 16 && live.size() < OWNED_MAX) {
                create(tag);
            } else if (dice < 24) {
                delete(tag);
            } else if (dice < 32) {
                replace(tag);
            } else if (dice < 50) {
                partialUpdate(tag);
            } else if (dice < 56) {
                saveAll(tag);
            } else if (dice < 62) {
                transaction(tag);
            } else if (dice < 72 && sharedIds) {
                sharedWrite(tag);
            } else {
                read();
            }
        }

        // -- values

        private String email() {
            return rnd.nextInt(10) < 4 ? "e" + rnd.nextInt(EMAILS) + "@x" : null;
        }

        private String handle(String tag) {
            int d = rnd.nextInt(10);
            return d < 4 ? "h" + rnd.nextInt(HANDLES) : d < 8 ? "u-" + tag : null;
        }

        private String country() {
            return COUNTRIES[rnd.nextInt(COUNTRIES.length)];
        }

        private Member fresh(Long id, String tag) {
            return new Member(id, email(), handle(tag), country(), rnd.nextInt(100), tag);
        }

        private Long anyLive() {
            List<Long> ids = new ArrayList<>(live.keySet());
            return ids.get(rnd.nextInt(ids.size()));
        }

        // -- calls

        /** Runs a write; returns its result, or null if it failed (an uncertain write's objects are set apart). */
        private <R> R write(Op op, Supplier<R> call) {
            try {
                R result = call.get();
                acknowledged.incrementAndGet();
                return result;
            } catch (Throwable e) {
                if (failed(e, Call.WRITE) == Outcome.UNCERTAIN) {
                    for (Target t : op.targets) {
                        if (t.id != null) {
                            live.remove(t.id);
                            gone.remove(t.id);
                        }
                    }
                    uncertain.add(op);
                } else {
                    String thrown = describe(e) + (e instanceof UniqueViolationException u ? " (holder id " + u.holderId() + ")" : "");
                    op.targets.stream().filter(t -> t.id == null).forEach(t -> refused.put(t.after.name(), thrown));
                }
                return null;
            } finally {
                calls.incrementAndGet();
            }
        }

        /** Runs a read; returns its result, or null if it failed. */
        private <R> R read(Supplier<R> call) {
            return read(Call.READ, call);
        }

        private <R> R query(Supplier<R> call) {
            return read(Call.QUERY, call);
        }

        private <R> R read(Call kind, Supplier<R> call) {
            try {
                return call.get();
            } catch (Throwable e) {
                failed(e, kind);
                return null;
            } finally {
                calls.incrementAndGet();
            }
        }

        private void check(boolean ok, Supplier<String> what) {
            if (!ok) {
                violation(what.get(), null);
            }
        }

        private void created(Member saved, Member sent) {
            check(saved.id() != null && saved.equals(sent.withId(saved.id())), () -> "saved " + sent + " came back as " + saved);
            Integer before = assigned.putIfAbsent(saved.id(), index);
            check(before == null && !live.containsKey(saved.id()) && !gone.contains(saved.id()),
                    () -> "id " + saved.id() + " was assigned twice (before to thread " + before + ")");
            live.put(saved.id(), saved);
        }

        private void create(String tag) {
            Member m = fresh(null, tag);
            Member saved = write(new Op("save new", List.of(new Target(null, null, m))), () -> dao.save(m));
            if (saved != null) {
                created(saved, m);
            }
        }

        private void replace(String tag) {
            Long id = anyLive();
            Member m = fresh(id, tag);
            Member saved = write(new Op("save", List.of(new Target(id, live.get(id), m))), () -> dao.save(m));
            if (saved != null) {
                check(m.equals(saved), () -> "saved " + m + " came back as " + saved);
                live.put(id, m);
            }
        }

        /** A partial update of some fields (the unique ones too); the object sent holds junk in the others, which must be ignored. */
        private void partialUpdate(String tag) {
            Long id = anyLive();
            Member before = live.get(id);
            Member junk = new Member(id, "junk-" + tag + "@x", "junk-" + tag, "XX", -1, tag);
            Member sent;
            Member after;
            Field<Member>[] fields;
            switch (rnd.nextInt(5)) {
                case 0 -> {
                    String e = email();
                    sent = junk.withEmail(e);
                    after = before.withEmail(e);
                    fields = fields(MemberQuery.email, MemberQuery.name);
                }
                case 1 -> {
                    String h = handle(tag);
                    sent = junk.withHandle(h);
                    after = before.withHandle(h);
                    fields = fields(MemberQuery.handle, MemberQuery.name);
                }
                case 2 -> {
                    String e = email();
                    String h = handle(tag);
                    sent = junk.withEmail(e).withHandle(h);
                    after = before.withEmail(e).withHandle(h);
                    fields = fields(MemberQuery.email, MemberQuery.handle, MemberQuery.name);
                }
                case 3 -> {
                    String c = country();
                    int a = rnd.nextInt(100);
                    sent = junk.withCountry(c).withAge(a);
                    after = before.withCountry(c).withAge(a);
                    fields = fields(MemberQuery.country, MemberQuery.age, MemberQuery.name);
                }
                default -> {
                    int a = rnd.nextInt(100);
                    sent = junk.withAge(a);
                    after = before.withAge(a);
                    fields = fields(MemberQuery.age, MemberQuery.name);
                }
            }
            Member stamped = new Member(after.id(), after.email(), after.handle(), after.country(), after.age(), tag);
            Field<Member>[] named = fields;
            Member result = write(new Op("update " + Arrays.stream(named).map(Field::name).toList(),
                    List.of(new Target(id, before, stamped))), () -> dao.update(sent, named));
            if (result != null) {
                live.put(id, stamped);
            }
        }

        @SafeVarargs
        private static Field<Member>[] fields(Field<Member>... fields) {
            return fields;
        }

        private void delete(String tag) {
            Long id = anyLive();
            Boolean existed = write(new Op("delete " + tag, List.of(new Target(id, live.get(id), null))), () -> dao.delete(id));
            if (existed != null) {
                check(existed, () -> "delete(" + id + ") of a live object said it did not exist (was it run twice?)");
                live.remove(id);
                gone.add(id);
            }
        }

        /** Two or three objects, new ones and replacements of this thread's, in one script. */
        private void saveAll(String tag) {
            List<Member> batch = new ArrayList<>();
            List<Target> targets = new ArrayList<>();
            Set<Long> taken = new HashSet<>();
            int n = 2 + rnd.nextInt(2);
            for (int k = 0; k < n; k++) {
                Long id = rnd.nextBoolean() ? anyLive() : null;
                if (id != null && !taken.add(id)) {
                    id = null;
                }
                Member m = fresh(id, tag + "." + k);
                batch.add(m);
                targets.add(new Target(id, id == null ? null : live.get(id), m));
            }
            List<Member> saved = write(new Op("saveAll", targets), () -> dao.saveAll(batch));
            if (saved != null) {
                check(saved.size() == batch.size(), () -> "saveAll of " + batch.size() + " returned " + saved.size());
                for (int k = 0; k < Math.min(saved.size(), batch.size()); k++) {
                    Member sent = batch.get(k);
                    if (sent.id() == null) {
                        created(saved.get(k), sent);
                    } else {
                        Member got = saved.get(k);
                        check(sent.equals(got), () -> "saveAll saved " + sent + " as " + got);
                        live.put(sent.id(), sent);
                    }
                }
            }
        }

        /** A new object, a partial update of one of this thread's and a delete of another, in one transaction. */
        private void transaction(String tag) {
            Member created = fresh(null, tag + ".0");
            List<Target> targets = new ArrayList<>(List.of(new Target(null, null, created)));
            Long updated = anyLive();
            Member before = live.get(updated);
            int age = rnd.nextInt(100);
            Member after = new Member(updated, before.email(), before.handle(), before.country(), age, tag + ".1");
            targets.add(new Target(updated, before, after));
            Long deleted = null;
            if (live.size() > 1) {
                List<Long> others = new ArrayList<>(live.keySet());
                others.remove(updated);
                deleted = others.get(rnd.nextInt(others.size()));
                targets.add(new Target(deleted, live.get(deleted), null));
            }
            Long toDelete = deleted;
            List<Saved<Member>> handle = new ArrayList<>();
            Boolean done = write(new Op("transaction", targets), () -> {
                store.transaction(tx -> {
                    handle.add(tx.save(dao, created));
                    tx.update(dao, new Member(updated, "junk@x", "junk", "XX", age, tag + ".1"), MemberQuery.age, MemberQuery.name);
                    if (toDelete != null) {
                        tx.delete(dao, toDelete);
                    }
                });
                return Boolean.TRUE;
            });
            if (done != null) {
                created(handle.get(0).get(), created);
                live.put(updated, after);
                if (toDelete != null) {
                    live.remove(toDelete);
                    gone.add(toDelete);
                }
            }
        }

        /** A save or a delete of an id every thread writes: the ledger only checks that a shared id holds something saved under it. */
        private void sharedWrite(String tag) {
            long id = 1 + rnd.nextInt((int) SHARED_IDS);
            if (rnd.nextInt(4) == 0) {
                write(new Op("delete shared", List.of()), () -> dao.delete(id));
            } else {
                Member m = fresh(id, tag);
                sharedAttempts.computeIfAbsent(id, i -> ConcurrentHashMap.newKeySet()).add(m);
                Member saved = write(new Op("save shared", List.of()), () -> dao.save(m));
                if (saved != null) {
                    check(m.equals(saved), () -> "saved " + m + " came back as " + saved);
                }
            }
        }

        // -- reads, checked against what this thread knows

        private void read() {
            switch (rnd.nextInt(7)) {
                case 0 -> {
                    Long id = live.isEmpty() ? null : anyLive();
                    Member expected = live.get(id);
                    Optional<Member> got = read(() -> dao.get(id));
                    if (got != null) {
                        check(got.equals(Optional.of(expected)), () -> "get(" + id + ") read " + got + ", expected " + expected);
                    }
                }
                case 1 -> {
                    List<Long> ids = new ArrayList<>(live.keySet());
                    gone.stream().limit(2).forEach(ids::add);
                    List<Member> expected = ids.stream().map(live::get).filter(Objects::nonNull).toList();
                    List<Member> got = read(() -> dao.getAll(ids));
                    if (got != null) {
                        check(got.equals(expected), () -> "getAll(" + ids + ") read " + got + ", expected " + expected);
                    }
                }
                case 2 -> {
                    String email = "e" + rnd.nextInt(EMAILS) + "@x";
                    Optional<Member> mine = live.values().stream().filter(m -> email.equals(m.email())).findFirst();
                    Optional<Member> got = read(() -> dao.getByEmail(email));
                    if (got != null) {
                        check(got.map(m -> email.equals(m.email())).orElse(true), () -> "getByEmail(" + email + ") read " + got);
                        check(mine.isEmpty() || got.equals(mine), () -> "getByEmail(" + email + ") read " + got + ", this thread's "
                                + mine.get() + " holds it");
                    }
                }
                case 3 -> {
                    String country = COUNTRIES[rnd.nextInt(COUNTRIES.length - 1)];
                    List<Member> got = query(() -> dao.query().filter(MemberQuery.country.eq(country)).list());
                    if (got != null) {
                        matches("country = " + country, got, m -> country.equals(m.country()));
                    }
                }
                case 4 -> {
                    String prefix = rnd.nextBoolean() ? "D" : "F";
                    List<Member> got = query(() -> dao.query().filter(MemberQuery.country.startsWith(prefix)).list());
                    if (got != null) {
                        matches("country starts with " + prefix, got, m -> m.country() != null && m.country().startsWith(prefix));
                    }
                }
                case 5 -> {
                    int low = rnd.nextInt(100);
                    int high = low + rnd.nextInt(30);
                    List<Member> got = query(() -> dao.query().filter(MemberQuery.age.between(low, high)).list());
                    if (got != null) {
                        matches("age in [" + low + ", " + high + "]", got, m -> m.age() >= low && m.age() <= high);
                    }
                }
                default -> {
                    int mine = live.size();
                    Long count = read(dao::count);
                    if (count != null) {
                        check(count >= mine, () -> "count() = " + count + ", but this thread alone holds " + mine + " objects");
                    }
                    Long id = gone.isEmpty() ? null : gone.iterator().next();
                    if (id != null) {
                        Boolean exists = read(() -> dao.exists(id));
                        check(exists == null || !exists, () -> "exists(" + id + ") after an acknowledged delete");
                    }
                }
            }
        }

        /** Every result matches the filter, and every object of this thread that matches it is among them, as it was written. */
        private void matches(String filter, List<Member> got, Predicate<Member> filterTest) {
            for (Member m : got) {
                check(filterTest.test(m), () -> "the query " + filter + " returned " + m);
            }
            Set<Member> results = new HashSet<>(got);
            for (Member m : live.values()) {
                if (filterTest.test(m)) {
                    check(results.contains(m), () -> "the query " + filter + " missed this thread's " + m);
                }
            }
        }
    }
}
