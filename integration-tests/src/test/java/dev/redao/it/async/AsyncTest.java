package dev.redao.it.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.expiry.CacheEntry;
import dev.redao.it.expiry.CacheEntryDao;
import dev.redao.it.model.Login;
import dev.redao.it.model.LoginDao;
import dev.redao.it.model.LoginQuery;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.it.model.Voter;
import dev.redao.it.model.VoterDao;
import dev.redao.it.model.VoterQuery;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.InFlightLimitException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.async.AsyncDao;
import dev.redao.runtime.query.Query;
import dev.redao.test.RedaoAssertions;
import dev.redao.testsupport.LocalRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Asynchronous calls (docs/async.md): the same results and typed exceptions as the blocking
 * calls, under 64 concurrent callers; back-pressure; a server restart mid-flight; cancelling;
 * ordering; and the automatic pipelining underneath, from async calls and blocking threads alike.
 */
class AsyncTest extends RedisTestSupport {
    private static final long WAIT_SECONDS = 60;

    private MemberDao members;

    @BeforeEach
    void dao() {
        members = new MemberDao(store);
    }

    private static Member member(int i, String country, int age) {
        return new Member(null, "m" + i + "@x", "h" + i, country, age, "M" + i);
    }

    @Test
    void sixtyFourConcurrentCallersGetEveryResultAndLeaveTheModelConsistent() throws Exception {
        AsyncDao<Member, Long> async = members.async();
        List<CompletableFuture<Member>> callers = new ArrayList<>();
        for (int c = 0; c < 64; c++) {
            int i = c;
            // each caller: save, read back, change, read back again, each step once the last completed
            callers.add(async.save(member(i, "DE", 20))
                    .thenCompose(saved -> async.get(saved.id()))
                    .thenCompose(read -> async.save(read.orElseThrow().withCountry("FR").withAge(20 + i)))
                    .thenCompose(changed -> async.get(changed.id()))
                    .thenApply(Optional::orElseThrow));
        }
        CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        for (int i = 0; i < 64; i++) {
            Member m = callers.get(i).get();
            assertEquals("m" + i + "@x", m.email());
            assertEquals("FR", m.country());
            assertEquals(20 + i, m.age());
            assertEquals(m, members.getByEmail("m" + i + "@x").orElseThrow());
        }
        assertEquals(64L, async.count().get());
        assertEquals(64L, async.query(q -> q.filter(MemberQuery.country.eq("FR")).count()).get());
        assertEquals(0L, members.query().filter(MemberQuery.country.eq("DE")).count());
        RedaoAssertions.assertConsistent(members);
    }

    @Test
    void sixtyFourBlockingThreadsShareThePipelinesAndLeaveTheModelConsistent() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(64);
        try {
            List<Future<Member>> done = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                int i = t;
                done.add(threads.submit(() -> {
                    Member m = members.save(member(i, "DE", 1));
                    for (int age = 2; age <= 20; age++) {
                        m = members.save(m.withAge(age));
                        // each thread reads its own last write: its calls run in the order it made them
                        assertEquals(age, members.get(m.id()).orElseThrow().age());
                    }
                    return m;
                }));
            }
            for (Future<Member> f : done) {
                assertEquals(20, f.get(WAIT_SECONDS, TimeUnit.SECONDS).age());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(64L, members.query().filter(MemberQuery.age.eq(20)).count());
        RedaoAssertions.assertConsistent(members);
    }

    @Test
    void aRefusalCompletesTheFutureWithTheBlockingCallsTypedExceptionAndWritesNothing() throws Exception {
        members.save(member(1, "DE", 30));
        SortedMap<String, String> before = snapshot();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> members.async().save(new Member(null, "m1@x", "other", "DE", 31, "X")).get(WAIT_SECONDS, TimeUnit.SECONDS));
        UniqueViolationException refusal = assertInstanceOf(UniqueViolationException.class, e.getCause());
        assertTrue(refusal.getMessage().contains("m1@x"), refusal.getMessage());
        assertUnchanged(before);
        // the generated DAO's own methods, through call()
        assertEquals("h1", members.async().call((MemberDao d) -> d.getByEmail("m1@x").orElseThrow().handle())
                .get(WAIT_SECONDS, TimeUnit.SECONDS));
        // a transaction: all or nothing, as when blocking
        ExecutionException refused = assertThrows(ExecutionException.class, () -> store.async().transaction(tx -> {
            tx.save(members, member(2, "DE", 1));
            tx.save(members, new Member(null, "m1@x", "h3", "DE", 1, "dup"));
        }).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(UniqueViolationException.class, refused.getCause());
        assertUnchanged(before);
    }

    /**
     * save, get and delete go as one script or command whose reply a pipeline's leader completes;
     * what needs more (a partitioned model's claims of unique values, an expiring model's read)
     * runs as the blocking call on a thread of the store's. Either way a call gives what the
     * blocking call gives, errors included.
     */
    @Test
    void saveGetExistsCountAndDeleteGiveTheBlockingCallsResultsAndErrorsOnEveryKindOfModel() throws Exception {
        AsyncDao<Member, Long> async = members.async();
        Member ann = async.save(member(1, "DE", 30)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(Optional.of(ann), async.get(ann.id()).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), async.get(ann.id() + 1000).get(WAIT_SECONDS, TimeUnit.SECONDS));
        Member older = async.save(ann.withAge(31)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(31, members.get(ann.id()).orElseThrow().age());
        assertEquals(older, async.get(ann.id()).join().orElseThrow());
        assertTrue(async.exists(ann.id()).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(false, async.exists(ann.id() + 1000).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(1L, async.count().get(WAIT_SECONDS, TimeUnit.SECONDS));
        // a corrupt object: its hash names another id
        Member bob = members.save(member(2, "FR", 40));
        raw(j -> j.hset(base("member") + ":obj:" + bob.id(), "id", "999"));
        String blocking = assertThrows(CorruptDataException.class, () -> members.get(bob.id())).getMessage();
        ExecutionException corrupt = assertThrows(ExecutionException.class, () -> async.get(bob.id()).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(blocking, assertInstanceOf(CorruptDataException.class, corrupt.getCause()).getMessage());
        assertTrue(async.delete(bob.id()).get(WAIT_SECONDS, TimeUnit.SECONDS), "a corrupt object is deleted as any other");
        assertTrue(async.delete(ann.id()).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(false, async.delete(ann.id()).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), members.get(ann.id()));
        assertEquals(0, members.count());
        assertEquals(0L, async.count().get(WAIT_SECONDS, TimeUnit.SECONDS));
        // exists and count on an id set of the wrong type: the blocking calls' typed errors
        String idSet = base("member") + ":id";
        raw(j -> j.set(idSet, "not a set"));
        RedaoException existsRefused = assertThrows(RedaoException.class, () -> members.exists(1L));
        ExecutionException asyncExists = assertThrows(ExecutionException.class, () -> async.exists(1L).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(existsRefused.getClass(), asyncExists.getCause().getClass());
        assertEquals(existsRefused.getMessage(), asyncExists.getCause().getMessage());
        RedaoException countRefused = assertThrows(RedaoException.class, members::count);
        ExecutionException asyncCount = assertThrows(ExecutionException.class, () -> async.count().get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(countRefused.getClass(), asyncCount.getCause().getClass());
        assertEquals(countRefused.getMessage(), asyncCount.getCause().getMessage());
        raw(j -> j.del(idSet));
        // a partitioned model whose unique values are claimed in their own partitions
        LoginDao logins = new LoginDao(store);
        Login login = logins.async().save(new Login(null, "l@x", "nick", "DE", 0)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        ExecutionException taken = assertThrows(ExecutionException.class,
                () -> logins.async().save(new Login(null, "l@x", "other", "DE", 0)).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(UniqueViolationException.class, taken.getCause());
        assertEquals(Optional.of(login), logins.async().get(login.id()).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(logins.async().delete(login.id()).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), logins.getByEmail("l@x"));
        // a partitioned model without unique fields, and an expiring model
        VoterDao voters = new VoterDao(store);
        Voter voter = voters.async().save(new Voter(null, "IT", 50)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(Optional.of(voter), voters.async().get(voter.id()).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(voters.async().exists(voter.id()).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(1L, voters.async().count().get(WAIT_SECONDS, TimeUnit.SECONDS));
        CacheEntryDao cache = new CacheEntryDao(store);
        CacheEntry entry = cache.async().save(new CacheEntry("k", "page", "v", 0), Duration.ofHours(1)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(Optional.of(entry), cache.async().get("k").get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(cache.async().exists("k").get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(1L, cache.async().count().get(WAIT_SECONDS, TimeUnit.SECONDS));
        RedaoAssertions.assertConsistent(members);
        RedaoAssertions.assertConsistent(logins);
        RedaoAssertions.assertConsistent(voters);
        RedaoAssertions.assertConsistent(cache);
        assertEquals(0, store.async().inFlight(), "every call gave its permit back");
    }

    /**
     * update, getAll and a query's terminals go as one script each, like save; a partitioned
     * model's query, getAll and update with unique values run as the blocking calls. Every one
     * gives what the blocking call gives, errors included, and a refused update writes nothing.
     */
    @Test
    void updateGetAllAndQueryTerminalsGiveTheBlockingCallsResultsAndErrors() throws Exception {
        AsyncDao<Member, Long> async = members.async();
        List<Member> saved = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            saved.add(members.save(member(i, i % 2 == 0 ? "DE" : "FR", 20 + i)));
        }
        Member first = saved.get(0);
        Member moved = await(async.update(new Member(first.id(), first.email(), first.handle(), "FR", 99, "ignored"), MemberQuery.country));
        assertEquals("FR", moved.country());
        assertEquals(first.withCountry("FR"), members.get(moved.id()).orElseThrow(), "only the named field is written");
        SortedMap<String, String> before = snapshot();
        ExecutionException taken = assertThrows(ExecutionException.class,
                () -> await(async.update(saved.get(1).withEmail("m2@x"), MemberQuery.email)));
        assertInstanceOf(UniqueViolationException.class, taken.getCause());
        assertUnchanged(before);

        List<Long> ids = List.of(saved.get(3).id(), 999L, saved.get(1).id());
        assertEquals(members.getAll(ids), await(async.getAll(ids)));
        assertEquals(List.of(), await(async.getAll(List.of())));

        List<Query<Member, Long>> queries = List.of(
                members.query(),
                members.query().filter(MemberQuery.country.eq("FR")).sortBy(MemberQuery.age.desc()).limit(2),
                members.query().filter(MemberQuery.country.eq("FR")).sortBy(MemberQuery.age.asc()).offset(1).limit(2),
                members.query().filter(MemberQuery.age.gt(21)).loadOnly(MemberQuery.email),
                members.query().filter(MemberQuery.country.eq("NO")),
                members.query().filter(MemberQuery.country.in(List.of())),
                members.query().limit(0));
        for (Query<Member, Long> q : queries) {
            assertEquals(q.list(), await(async.list(q)));
            assertEquals(q.first(), await(async.first(q)));
            assertEquals(q.ids(), await(async.ids(q)));
            assertEquals(q.count(), await(async.count(q)));
            assertEquals(q.exists(), await(async.exists(q)));
        }
        Query<Member, Long> youngestInFrance = members.query().filter(MemberQuery.country.eq("FR")).sortBy(MemberQuery.age.asc()).limit(2);
        List<Long> deleted = youngestInFrance.ids();
        assertEquals(2L, await(async.delete(youngestInFrance)));
        assertEquals(Optional.empty(), members.get(deleted.get(0)));
        assertEquals(4L, members.count());
        assertEquals(0L, await(async.delete(members.query().limit(0))));
        RedaoAssertions.assertConsistent(members);

        // the id set of the wrong type: the blocking calls' typed errors
        String idSet = base("member") + ":id";
        raw(j -> j.rename(idSet, idSet + ".kept"));
        raw(j -> j.set(idSet, "not a set"));
        Query<Member, Long> all = members.query();
        RedaoException listRefused = assertThrows(RedaoException.class, all::list);
        ExecutionException asyncList = assertThrows(ExecutionException.class, () -> await(async.list(all)));
        assertEquals(listRefused.getClass(), asyncList.getCause().getClass());
        assertEquals(listRefused.getMessage(), asyncList.getCause().getMessage());
        RedaoException countRefused = assertThrows(RedaoException.class, all::count);
        ExecutionException asyncCount = assertThrows(ExecutionException.class, () -> await(async.count(all)));
        assertEquals(countRefused.getMessage(), asyncCount.getCause().getMessage());
        raw(j -> j.rename(idSet + ".kept", idSet));

        // a partitioned model: a query per partition, so the blocking calls on a thread of the store's
        VoterDao voters = new VoterDao(store);
        for (int i = 0; i < 12; i++) {
            voters.save(new Voter(null, i % 3 == 0 ? "IT" : "ES", 30 + i));
        }
        Query<Voter, Long> page = voters.query().filter(VoterQuery.country.eq("ES")).sortBy(VoterQuery.age.desc()).offset(1).limit(3);
        assertEquals(page.list(), await(voters.async().list(page)));
        assertEquals(page.count(), await(voters.async().count(page)));
        List<Long> voterIds = page.ids();
        assertEquals(voters.getAll(voterIds), await(voters.async().getAll(voterIds)));
        assertEquals(3L, await(voters.async().delete(page)));
        assertEquals(9L, voters.count());
        // a partitioned model with unique values claimed in their partitions
        LoginDao logins = new LoginDao(store);
        Login login = logins.save(new Login(null, "l@x", "nick", "DE", 0));
        logins.save(new Login(null, "k@x", "other", "DE", 0));
        ExecutionException claimed = assertThrows(ExecutionException.class,
                () -> await(logins.async().update(login.withEmail("k@x"), LoginQuery.email)));
        assertInstanceOf(UniqueViolationException.class, claimed.getCause());
        assertEquals(Optional.of(login), logins.getByEmail("l@x"));
        RedaoAssertions.assertConsistent(voters);
        RedaoAssertions.assertConsistent(logins);
        assertEquals(0, store.async().inFlight(), "every call gave its permit back");
    }

    private static <R> R await(CompletableFuture<R> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * A callback may wait for a call it makes, even through a future derived from it (which cannot
     * help send it): the call goes out without the callback's thread.
     */
    @Test
    void aCallbackThatWaitsForACallItMadeDoesNotHang() throws Exception {
        AsyncDao<Member, Long> async = members.async();
        CompletableFuture<String> handle = async.save(member(1, "DE", 30))
                .thenApply(saved -> async.get(saved.id()).thenApply(read -> read.orElseThrow().handle()).join());
        assertEquals("h1", handle.get(WAIT_SECONDS, TimeUnit.SECONDS));
        // and waiting for the call itself, interrupted: get() throws, and the call still completes without the waiter
        Member bob = members.save(member(2, "FR", 40));
        CompletableFuture<Optional<Member>> read = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            CompletableFuture<Optional<Member>> call = async.get(bob.id());
            Thread.currentThread().interrupt();
            try {
                read.complete(call.get()); // the call may have completed before the wait began
            } catch (InterruptedException expected) {
                call.whenComplete((value, e) -> read.complete(value));
            } catch (ExecutionException e) {
                read.completeExceptionally(e);
            }
        });
        waiter.start();
        assertEquals(Optional.of(bob), read.get(WAIT_SECONDS, TimeUnit.SECONDS));
        // a callback that waits for its calls by other means than their futures: a latch that their
        // own callbacks count down, and allOf, which makes a future the store never sees
        CompletableFuture<Long> counted = async.save(member(3, "IT", 50)).thenApply(saved -> {
            CountDownLatch both = new CountDownLatch(2);
            CompletableFuture<Optional<Member>> first = async.get(saved.id()).whenComplete((m, e) -> both.countDown());
            CompletableFuture<Boolean> second = async.exists(bob.id()).whenComplete((m, e) -> both.countDown());
            try {
                if (!both.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the calls a callback made never completed");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            CompletableFuture.allOf(first, second, async.get(bob.id())).join();
            return saved.id();
        });
        assertEquals(members.query().filter(MemberQuery.country.eq("IT")).list().get(0).id(), counted.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    /**
     * A callback's call waits for the thread that ran the callback, which leads for it once its
     * callbacks are done: a chain of calls (saves, updates, queries), each made by the last one's
     * callback, runs on that one thread, rather than waking a thread of the store's for each call.
     */
    @Test
    void aChainOfCallsMadeByCallbacksStaysOnTheThreadThatCompletesThem() throws Exception {
        AsyncDao<Member, Long> async = members.async();
        Set<Thread> completing = ConcurrentHashMap.newKeySet();
        CompletableFuture<Integer> chain = chain(async, 0, 200, completing);
        assertEquals(200, chain.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(200, members.query().filter(MemberQuery.country.eq("CH")).count());
        // one thread, or a few should the machine hold one back long enough for the watch to send another
        assertTrue(completing.size() <= 5, "the chain's callbacks ran on " + completing.size() + " threads");
    }

    private CompletableFuture<Integer> chain(AsyncDao<Member, Long> async, int i, int n, Set<Thread> completing) {
        if (i == n) {
            return CompletableFuture.completedFuture(n);
        }
        // each link: a save, an update, a query's count and page, each made by the last one's callback
        Query<Member, Long> swiss = members.query().filter(MemberQuery.country.eq("CH")).sortBy(MemberQuery.age.desc()).limit(3);
        return async.save(member(1_000 + i, "CH", 0)).thenCompose(saved -> {
            completing.add(Thread.currentThread());
            return async.update(saved.withAge(i % 90), MemberQuery.age);
        }).thenCompose(updated -> {
            completing.add(Thread.currentThread());
            return async.count(swiss);
        }).thenCompose(count -> {
            completing.add(Thread.currentThread());
            assertEquals(i + 1, count);
            return async.list(swiss);
        }).thenCompose(page -> {
            completing.add(Thread.currentThread());
            assertEquals(Math.min(i + 1, 3), page.size());
            return chain(async, i + 1, n, completing);
        });
    }

    /**
     * A blocking caller's thread that reads the replies of asynchronous calls in its pipeline hands
     * their completions to a thread of the store's: it never runs another call's callbacks.
     */
    @Test
    void aBlockingCallersThreadNeverRunsTheCallbacksOfAsynchronousCalls() throws Exception {
        try (RedisStore oneLane = RedisStore.connect(urlWithNamespace(ns) + "&autoPipeline=1")) {
            MemberDao dao = new MemberDao(oneLane);
            Set<Thread> blocking = ConcurrentHashMap.newKeySet();
            Set<Thread> completing = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService callers = Executors.newFixedThreadPool(4);
            List<Future<?>> loops = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = 100_000 * (t + 1);
                loops.add(callers.submit(() -> {
                    blocking.add(Thread.currentThread());
                    for (int i = base; !stop.get(); i++) {
                        dao.get(dao.save(member(i, "DE", 1)).id());
                    }
                }));
            }
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                // a dependent action runs on the thread that completes the call (or on this one, if it is complete already)
                calls.add(dao.async().save(member(i, "FR", 2)).whenComplete((m, e) -> completing.add(Thread.currentThread())));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            stop.set(true);
            for (Future<?> loop : loops) {
                loop.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            callers.shutdown();
            completing.retainAll(blocking);
            assertEquals(Set.of(), completing, "no callback ran on a blocking caller's thread");
            assertEquals(4_000, dao.query().filter(MemberQuery.country.eq("FR")).count());
            RedaoAssertions.assertConsistent(dao);
        }
    }

    @Test
    void aCallBeyondTheLimitWaitsForTheTimeoutThenFailsWithoutStarting() throws Exception {
        try (RedisStore limited = RedisStore.connect(urlWithNamespace(ns) + "&timeout=0.3",
                RedisStore.Options.defaults().maxInFlight(1))) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> busy = limited.async().run(() -> await(release));
            AtomicBoolean started = new AtomicBoolean();
            CompletableFuture<Void> refused = limited.async().run(() -> started.set(true));
            ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(WAIT_SECONDS, TimeUnit.SECONDS));
            InFlightLimitException limit = assertInstanceOf(InFlightLimitException.class, e.getCause());
            assertTrue(limit.isRetryable());
            assertTrue(limit.getMessage().contains("1 asynchronous calls"), limit.getMessage());
            assertTrue(!started.get(), "the refused call never ran");
            assertEquals(1, limited.async().inFlight());
            release.countDown();
            busy.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(0L, new MemberDao(limited).async().count().get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void everyCallRunsOnceWhetherItsCallerWaitsOnItOrAThreadOfTheStoresRunsIt() throws Exception {
        members.save(member(1, "DE", 30));
        int calls = 1_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(calls);
        AtomicInteger ranByTheCaller = new AtomicInteger();
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            int i = c;
            Thread caller = Thread.currentThread();
            CompletableFuture<Long> call = store.async().call(() -> {
                runs.incrementAndGet(i);
                if (Thread.currentThread() == caller) {
                    ranByTheCaller.incrementAndGet();
                }
                return members.count();
            });
            futures.add(call);
            switch (i % 3) { // wait on two calls of three, each way; leave the third to the store's threads
                case 0 -> assertEquals(1L, call.join());
                case 1 -> assertEquals(1L, call.get());
                default -> { }
            }
        }
        for (CompletableFuture<Long> f : futures) {
            assertEquals(1L, f.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        for (int i = 0; i < calls; i++) {
            assertEquals(1, runs.get(i), "call " + i + " ran once");
        }
        assertTrue(ranByTheCaller.get() > 0, "a caller that waited on a call not started yet ran it");
        assertEquals(0, store.async().inFlight());
    }

    @Test
    void aCancelledCallRunsToItsEndAndTheConnectionStaysSound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(1);
        CompletableFuture<Member> call = members.async().call(d -> {
            await(release);
            Member saved = d.save(member(1, "DE", 30));
            ran.countDown();
            return saved;
        });
        assertTrue(call.cancel(true));
        release.countDown();
        assertTrue(ran.await(WAIT_SECONDS, TimeUnit.SECONDS), "the cancelled call ran to its end");
        assertEquals("h1", members.getByEmail("m1@x").orElseThrow().handle());
        for (int i = 2; i < 50; i++) {
            Member saved = members.async().save(member(i, "DE", i)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(saved, members.async().get(saved.id()).get(WAIT_SECONDS, TimeUnit.SECONDS).orElseThrow());
        }
        RedaoAssertions.assertConsistent(members);
    }

    @Test
    void aServerRestartMidFlightFailsEveryFutureWithATypedErrorAndNoneHangs() throws Exception {
        assumeTrue(onOneServer(), "the test restarts a server of its own");
        try (LocalRedis server = LocalRedis.startOwn();
             RedisStore own = RedisStore.connect(server.url() + "?namespace=" + ns + "&timeout=2")) {
            MemberDao dao = new MemberDao(own);
            List<CompletableFuture<Member>> flying = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                flying.add(dao.async().save(member(i, "DE", i)));
                if (i == 200) {
                    server.kill();
                }
            }
            int failed = 0;
            for (CompletableFuture<Member> f : flying) {
                try {
                    f.get(WAIT_SECONDS, TimeUnit.SECONDS); // none hangs
                } catch (ExecutionException e) {
                    assertInstanceOf(RedaoException.class, e.getCause(), "a typed error: " + e.getCause());
                    failed++;
                }
            }
            assertTrue(failed > 0, "the calls after the kill failed");
            server.restart();
            // each pooled connection the kill broke fails one call, then the pool opens a new one
            for (int attempt = 0; ; attempt++) {
                try {
                    dao.async().save(member(100_000, "DE", 1)).get(WAIT_SECONDS, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException e) {
                    assertInstanceOf(RedaoException.class, e.getCause());
                    assertTrue(attempt < 40, "the store works again after the restart: " + e.getCause());
                }
            }
            assertEquals("m100000@x", dao.getByEmail("m100000@x").orElseThrow().email());
        }
    }

    @Test
    void concurrentCallsShareOnePipelineConnectionWhenAutoPipelineIsOne() throws Exception {
        assumeTrue(onOneServer(), "the test counts the connections of a server of its own");
        assertTrue(connectionsFor("1") <= 2, "with autoPipeline=1, 32 threads' calls share one connection");
        assertTrue(connectionsFor("0") > 2, "with autoPipeline=0, each thread takes a connection of its own");
    }

    /** The connections a store opens on a server of its own while 32 threads save and read. */
    private int connectionsFor(String autoPipeline) throws Exception {
        try (LocalRedis server = LocalRedis.startOwn();
             RedisStore own = RedisStore.connect(server.url() + "?namespace=" + ns + "&autoPipeline=" + autoPipeline);
             Jedis admin = new Jedis(server.host(), server.port())) {
            MemberDao dao = new MemberDao(own);
            dao.count(); // the stored schema is read once, on a connection of its own
            List<CompletableFuture<Void>> threads = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                int i = t;
                threads.add(own.async().run(() -> {
                    Member m = dao.save(member(i, "DE", 1));
                    for (int k = 0; k < 100; k++) {
                        dao.save(m.withAge(k));
                        dao.get(m.id());
                    }
                }));
            }
            CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            return (int) admin.clientList().lines().filter(line -> line.contains(" name=redao ")).count();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
