package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.it.model.Stock;
import dev.redao.it.model.StockDao;
import dev.redao.it.tx.Badge;
import dev.redao.it.tx.BadgeDao;
import dev.redao.it.tx.Player;
import dev.redao.it.tx.PlayerDao;
import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.OptimisticLockException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UnconfirmedWriteException;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.messaging.ChangeEvent;
import dev.redao.test.RedaoAssertions;
import dev.redao.testsupport.RedisCluster;
import dev.redao.testsupport.RedisNode;
import dev.redao.testsupport.RedisSentinels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A master dies under load, twice: 8 threads save, update, delete, run transactions and query
 * while the master that holds the members is SIGKILLed, its replica is promoted, the dead node
 * comes back as the new master's replica, and the new master is killed in turn. On a cluster of
 * its own and on a Sentinel setup of its own, in the same JVM throughout.
 *
 * <p>Every call either returns, is refused for what it asked (a unique value, a version, a missing
 * object), or throws a retryable {@link RedaoException} (or, with {@code wait=1},
 * {@link UnconfirmedWriteException}); none throws anything else, and none takes much longer than
 * the store's timeout. Afterwards the invariant checker finds nothing wrong, and with
 * {@code wait=1} every save that returned is still there. Without it, replication is asynchronous
 * and the run reports how many returned saves the failovers lost.
 *
 * <p>Tagged {@code failover}: the pom runs it once, in the first surefire execution, since it starts
 * its own servers whatever the deployment under test is.
 */
@Tag("failover")
class FailoverTest {
    private static final int THREADS = 8;
    /** How many calls the load makes before the first kill and after each restart. */
    private static final int CALLS_BETWEEN_STEPS = 1_000;
    /** How many calls it makes while the promoted master has no replica yet. */
    private static final int CALLS_WITHOUT_REPLICA = 100;
    private static final long TIMEOUT_MILLIS = 1_000;

    /**
     * How a deployment of the test's own loses and regains its master.
     *
     * @param masterOf the master that holds a key now
     */
    private record Servers(String url, Function<String, RedisNode> masterOf, Consumer<RedisNode> kill,
                           Supplier<Duration> awaitFailover, Consumer<RedisNode> restart) {}

    @Test
    void aClusterLosesNoConfirmedWriteAcrossTwoFailovers() {
        try (RedisCluster cluster = RedisCluster.start()) {
            Outcome outcome = run(clusterServers(cluster), true);
            assertEquals(0, outcome.lost, "every save that returned survived: " + outcome);
        }
    }

    @Test
    void aClusterWithoutWaitStaysConsistentAcrossTwoFailovers() {
        try (RedisCluster cluster = RedisCluster.start()) {
            run(clusterServers(cluster), false);
        }
    }

    @Test
    void sentinelLosesNoConfirmedWriteAcrossTwoFailovers() {
        try (RedisSentinels sentinels = RedisSentinels.start()) {
            Outcome outcome = run(sentinelServers(sentinels), true);
            assertEquals(0, outcome.lost, "every save that returned survived: " + outcome);
        }
    }

    @Test
    void sentinelWithoutWaitStaysConsistentAcrossTwoFailovers() {
        try (RedisSentinels sentinels = RedisSentinels.start()) {
            run(sentinelServers(sentinels), false);
        }
    }

    private static Servers clusterServers(RedisCluster cluster) {
        return new Servers(cluster.url(), cluster::masterForKey, cluster::kill, cluster::awaitFailover, cluster::restart);
    }

    private static Servers sentinelServers(RedisSentinels sentinels) {
        return new Servers(sentinels.url(), key -> sentinels.currentMaster(), sentinels::kill, sentinels::awaitFailover,
                sentinels::restart);
    }

    /** What a run saw. */
    private record Outcome(long calls, long retryable, long unconfirmed, long confirmedSaves, long lost,
                           long longestCallMillis, List<Long> recoveryMillis, List<Long> failoverMillis,
                           Map<String, Long> retryableByType) {}

    private Outcome run(Servers servers, boolean waitForReplica) {
        String ns = RedisTestSupport.newNamespace();
        String url = servers.url() + "?namespace=" + ns + "&timeout=" + TIMEOUT_MILLIS / 1000.0
                + (waitForReplica ? "&wait=1" : "");
        try (RedisStore store = RedisStore.connect(url)) {
            MemberDao members = new MemberDao(store);
            PlayerDao players = new PlayerDao(store);
            BadgeDao badges = new BadgeDao(store);
            List<Member> seeded = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                seeded.add(new Member(null, "seed" + i + "@x", null, i % 2 == 0 ? "DE" : "FR", i, "Seed " + i));
            }
            seeded = members.saveAll(seeded);
            // change events and a watch, whose connections must follow each new master
            StockDao stocks = new StockDao(store);
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            stocks.subscribe((ChangeEvent<Long> event) -> heard.add("event " + event.id()));
            // in the members' slot, so on the master that is killed
            store.watchKey("{member}:watched", (key, event) -> heard.add("watch " + key + " " + event));
            Load load = new Load(store, members, players, badges, seeded.get(seeded.size() - 1).id());
            load.start();

            String memberKey = Internals.keys(members).base();
            List<Long> failovers = new ArrayList<>();
            List<Long> recoveries = new ArrayList<>();
            load.awaitCalls(CALLS_BETWEEN_STEPS);
            for (int round = 0; round < 2; round++) {
                RedisNode master = servers.masterOf().apply(memberKey);
                servers.kill().accept(master); // returns once the process is gone
                load.markKill(System.nanoTime());
                failovers.add(servers.awaitFailover().get().toMillis());
                recoveries.add(load.awaitRecovery());
                // with wait=1 the new master has no replica yet: each write waits out half the timeout
                load.awaitCalls(CALLS_WITHOUT_REPLICA);
                servers.restart().accept(master); // back as the new master's replica
                load.awaitCalls(CALLS_BETWEEN_STEPS);
            }
            load.stop();

            // the subscriptions come back on the new masters; what happens while they reconnect (with
            // back-off, up to 5 s apart) is lost, as Redis pub/sub keeps nothing: so write until heard
            AtomicLong n = new AtomicLong();
            assertTrue(heardAfter(heard, "event ", () -> stocks.save(new Stock(null, "after-" + n.incrementAndGet(), "north", 1, null))),
                    "a change event within 15 s of the failovers");
            assertTrue(heardAfter(heard, "watch {member}:watched set",
                    () -> store.execute(jedis -> jedis.set(RedisTestSupport.nsKey(ns, "{member}:watched"), "v"))),
                    "a watched key's event within 15 s of the failovers");
            store.execute(jedis -> jedis.del(RedisTestSupport.nsKey(ns, "{member}:watched"))); // no key of the model

            Map<Long, String> confirmed = load.confirmed;
            long lost = 0;
            for (Map.Entry<Long, String> saved : confirmed.entrySet()) {
                String email = members.get(saved.getKey()).map(Member::email).orElse(null);
                if (!saved.getValue().equals(email)) {
                    lost++;
                }
            }
            Outcome outcome = new Outcome(load.calls.get(), load.retryable.get(), load.unconfirmed.get(), confirmed.size(),
                    lost, load.longestMillis.get(), recoveries, failovers, new java.util.TreeMap<>(load.retryableByType));
            System.out.println("FailoverTest " + (waitForReplica ? "wait=1" : "no wait") + " on " + servers.url() + ": "
                    + outcome);
            assertEquals(List.of(), load.unexpected, "only typed refusals and retryable exceptions");
            assertTrue(load.longestMillis.get() < 4 * TIMEOUT_MILLIS,
                    "no call hangs much past the timeout: the longest took " + load.longestMillis.get() + " ms");
            for (Long recovery : recoveries) {
                assertTrue(recovery >= 0, "the members' master served writes again within 10 s of each kill: " + recoveries);
            }
            RedaoAssertions.assertConsistent(members, players, badges);

            assertTrue(confirmed.size() > 0, "some saves returned: " + outcome);
            RedisTestSupport.deleteNamespace(store, ns);
            return outcome;
        }
    }

    /** Whether a message starting with {@code prefix} arrives within 15 s, doing {@code write} every half second till then. */
    private static boolean heardAfter(BlockingQueue<String> heard, String prefix, Runnable write) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        try {
            while (System.nanoTime() < deadline) {
                write.run();
                String m;
                while ((m = heard.poll(500, TimeUnit.MILLISECONDS)) != null) {
                    if (m.startsWith(prefix)) {
                        return true;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The 8 threads and what they saw. */
    private static final class Load {
        final RedisStore store;
        final MemberDao members;
        final PlayerDao players;
        final BadgeDao badges;
        final long seededUpTo;
        final List<Thread> threads = new ArrayList<>();
        final Map<Long, String> confirmed = new ConcurrentHashMap<>();
        final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicLong calls = new AtomicLong();
        final AtomicLong retryable = new AtomicLong();
        /** The retryable exceptions by type and the start of their message. */
        final Map<String, Long> retryableByType = new ConcurrentHashMap<>();
        final AtomicLong unconfirmed = new AtomicLong();
        final AtomicLong longestMillis = new AtomicLong();
        final AtomicLong killedAt = new AtomicLong();
        /** The first member write that a master ran after the last kill, or 0. */
        final AtomicLong servedAfterKill = new AtomicLong();
        /** Counts down once that write came. */
        volatile CountDownLatch recovered = new CountDownLatch(1);
        /** Counts the calls the scenario waits for. */
        volatile CountDownLatch progress = new CountDownLatch(0);
        volatile boolean running = true;

        Load(RedisStore store, MemberDao members, PlayerDao players, BadgeDao badges, long seededUpTo) {
            this.store = store;
            this.members = members;
            this.players = players;
            this.badges = badges;
            this.seededUpTo = seededUpTo;
        }

        void start() {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Thread worker = new Thread(() -> work(thread), "failover-load-" + t);
                threads.add(worker);
                worker.start();
            }
        }

        void markKill(long nanos) {
            killedAt.set(Long.MAX_VALUE); // no call counts as served while the marks are reset
            servedAfterKill.set(0);
            recovered = new CountDownLatch(1);
            killedAt.set(nanos);
        }

        /**
         * Milliseconds from the last kill to the first member write a master ran, waiting for it for
         * at most 10 s; -1 if none came by then.
         */
        long awaitRecovery() {
            try {
                recovered.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long served = servedAfterKill.get();
            return served == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(served - killedAt.get());
        }

        /** Lets the load run {@code calls} more calls (of any outcome); at most 30 s. */
        void awaitCalls(int calls) {
            CountDownLatch done = new CountDownLatch(calls);
            progress = done;
            try {
                assertTrue(done.await(30, TimeUnit.SECONDS), "the load made " + calls + " calls within 30 s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void stop() {
            running = false;
            for (Thread t : threads) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                assertTrue(!t.isAlive(), t.getName() + " stopped");
            }
        }

        private void work(int thread) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long n = 0;
            while (running) {
                n++;
                int op = random.nextInt(10);
                long start = System.nanoTime();
                boolean memberWrite = op < 5;
                try {
                    switch (op) {
                        case 0, 1 -> { // a new member, whose survival is checked at the end
                            Member m = members.save(new Member(null, "t" + thread + "-" + n + "@x", null, "DE", thread, null));
                            confirmed.put(m.id(), m.email());
                        }
                        case 2 -> members.update(new Member(random.nextLong(1, seededUpTo + 1), null, null, null,
                                random.nextInt(100), null), MemberQuery.age);
                        case 3 -> members.delete(random.nextLong(1, seededUpTo + 1));
                        case 4 -> members.save(new Member(random.nextLong(1, seededUpTo + 1), "seed-moved" + random.nextInt(20) + "@x",
                                null, "IT", 1, "moved"));
                        case 5, 6 -> store.transaction(tx -> {
                            tx.save(players, new Player(null, "p" + thread + "-" + random.nextInt(50), "t" + thread, 1, 0));
                            tx.save(badges, new Badge("b" + thread + "-" + random.nextInt(50), "c" + random.nextInt(200), null, null));
                        });
                        case 7 -> members.query().filter(MemberQuery.country.eq("DE")).sortBy(MemberQuery.age.asc()).limit(20).list();
                        case 8 -> members.query().filter(MemberQuery.age.between(10, 40)).count();
                        default -> members.getAll(List.of(1L, 2L, 3L, random.nextLong(1, seededUpTo + 1)));
                    }
                    if (memberWrite) {
                        served(start);
                    }
                } catch (UnconfirmedWriteException e) {
                    unconfirmed.incrementAndGet();
                    if (memberWrite) {
                        served(start);
                    }
                } catch (UniqueViolationException | MissingObjectException | OptimisticLockException e) {
                    if (memberWrite) {
                        served(start); // a master ran the script and refused it
                    }
                } catch (RedaoException e) {
                    if (e.isRetryable()) {
                        retryable.incrementAndGet();
                        String cause = e.getCause() == null ? "" : e.getCause().getClass().getSimpleName() + ": "
                                + String.valueOf(e.getCause().getMessage()).replaceAll("[0-9.:]+", "#");
                        retryableByType.merge(e.getClass().getSimpleName() + " (" + cause + ")", 1L, Long::sum);
                    } else {
                        unexpected.add(e.getClass().getName() + ": " + e.getMessage());
                    }
                } catch (RuntimeException e) {
                    unexpected.add(e.getClass().getName() + ": " + e.getMessage());
                }
                calls.incrementAndGet();
                progress.countDown();
                longestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
            }
        }

        private void served(long start) {
            long killed = killedAt.get();
            if (killed != 0 && start > killed && servedAfterKill.compareAndSet(0, System.nanoTime())) {
                recovered.countDown();
            }
        }
    }
}
