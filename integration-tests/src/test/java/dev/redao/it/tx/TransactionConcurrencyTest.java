package dev.redao.it.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.runtime.OptimisticLockException;
import dev.redao.runtime.Transaction;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Eight threads run transactions over two models that fight over a few unique values and over
 * the versions of a few objects. Whatever the interleaving, afterwards every index and unique
 * entry agrees with the objects, no save was lost, and no value was granted twice.
 */
class TransactionConcurrencyTest extends RedisTestSupport {
    private static final int THREADS = 8;
    private static final int TRANSACTIONS = 150;
    private static final int NICKS = 24;
    private static final int CODES = 24;
    private static final String[] TEAMS = {"red", "blue", "green"};

    /**
     * Phase one only creates objects, each transaction claiming one to three values from small
     * pools: every value can be granted once, so the number of objects that were created equals
     * the number of distinct values held, equals the number of unique entries.
     */
    @Test
    void claimsFromManyThreadsAreGrantedOncePerValue() throws Exception {
        PlayerDao players = new PlayerDao(store);
        BadgeDao badges = new BadgeDao(store);
        AtomicLong createdPlayers = new AtomicLong();
        AtomicLong createdBadges = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        runThreads(seed -> {
            Random rnd = new Random(seed);
            for (int i = 0; i < TRANSACTIONS; i++) {
                int newPlayers = rnd.nextInt(3);
                int newBadges = 1 + rnd.nextInt(2);
                try (Transaction tx = store.beginTransaction()) {
                    Set<String> nicks = new HashSet<>();
                    for (int p = 0; p < newPlayers; p++) {
                        String nick = "nick" + rnd.nextInt(NICKS);
                        nicks.add(nick);
                        tx.save(players, new Player(null, nick, TEAMS[rnd.nextInt(3)], rnd.nextInt(50), 0));
                    }
                    for (int b = 0; b < newBadges; b++) {
                        tx.save(badges, new Badge(null, "code" + rnd.nextInt(CODES), (long) rnd.nextInt(10), null));
                    }
                    tx.commit();
                    createdPlayers.addAndGet(newPlayers);
                    createdBadges.addAndGet(newBadges);
                } catch (UniqueViolationException e) {
                    refused.incrementAndGet();
                }
            }
        });
        assertTrue(refused.get() > 0, "the pools are small enough to fight over");
        assertTrue(createdPlayers.get() > 0 && createdBadges.get() > 0);
        assertEquals(createdPlayers.get(), players.count(), "every successful claim made one object");
        assertEquals(createdBadges.get(), badges.count());
        assertEquals(createdPlayers.get(), hash(nsKey("{game}:player") + ":uni:nick").size(), "one entry per distinct value");
        assertEquals(createdBadges.get(), hash(nsKey("{game}:badge") + ":uni:code").size());
        assertTrue(createdPlayers.get() <= NICKS && createdBadges.get() <= CODES);
        RedaoAssertions.assertConsistent(players, badges);
    }

    /**
     * Phase two updates, renames and deletes a few shared objects read by every thread, each
     * transaction touching both models. Each object's version must equal the number of saves of it
     * that succeeded: a lost update would leave it behind.
     */
    @Test
    void versionsCountEverySuccessfulSaveAndNothingIsLost() throws Exception {
        PlayerDao players = new PlayerDao(store);
        BadgeDao badges = new BadgeDao(store);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(players.save(new Player(null, "nick" + i, TEAMS[i % 3], i, 0)).id());
        }
        Map<Long, AtomicLong> successfulSaves = new ConcurrentHashMap<>();
        ids.forEach(id -> successfulSaves.put(id, new AtomicLong(1)));
        Set<Long> deleted = ConcurrentHashMap.newKeySet();
        AtomicLong committed = new AtomicLong();
        AtomicLong lockFailures = new AtomicLong();
        AtomicLong uniqueFailures = new AtomicLong();

        runThreads(seed -> {
            Random rnd = new Random(seed);
            for (int i = 0; i < TRANSACTIONS; i++) {
                Long a = ids.get(rnd.nextInt(ids.size()));
                Long b = ids.get(rnd.nextInt(ids.size()));
                Player pa = players.get(a).orElse(null);
                Player pb = players.get(b).orElse(null);
                boolean deleteB = rnd.nextInt(40) == 0 && pb != null && !b.equals(a);
                List<Long> savedIds = new ArrayList<>();
                try (Transaction tx = store.beginTransaction()) {
                    if (pa != null) {
                        Player changed = switch (rnd.nextInt(3)) {
                            case 0 -> pa.withNick("nick" + rnd.nextInt(2 * ids.size()));
                            case 1 -> pa.withTeam(TEAMS[rnd.nextInt(3)]);
                            default -> pa.withLevel(rnd.nextInt(100));
                        };
                        tx.save(players, changed);
                        savedIds.add(a);
                    }
                    if (deleteB) {
                        tx.delete(players, b);
                    } else if (pb != null && !b.equals(a)) {
                        tx.save(players, pb.withLevel(pb.level() + 1));
                        savedIds.add(b);
                    }
                    tx.save(badges, new Badge("badge" + rnd.nextInt(20), "code" + rnd.nextInt(20), a, null));
                    tx.commit();
                    committed.incrementAndGet();
                    savedIds.forEach(id -> successfulSaves.get(id).incrementAndGet());
                    if (deleteB) {
                        deleted.add(b);
                    }
                } catch (OptimisticLockException e) {
                    lockFailures.incrementAndGet();
                } catch (UniqueViolationException e) {
                    uniqueFailures.incrementAndGet();
                }
            }
        });
        assertTrue(committed.get() > 0 && lockFailures.get() > 0,
                "both outcomes happen: " + committed + " committed, " + lockFailures + " stale");
        for (Long id : ids) {
            Player p = players.get(id).orElse(null);
            if (deleted.contains(id)) {
                assertEquals(null, p, "deleted " + id);
            } else {
                assertEquals(successfulSaves.get(id).get(), p.version(), "version of player " + id);
            }
        }
        RedaoAssertions.assertConsistent(players, badges);
    }

    private interface Worker {
        void run(long seed) throws Exception;
    }

    private static void runThreads(Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 7000 + t;
                futures.add(pool.submit(() -> {
                    worker.run(seed);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS); // rethrows any unexpected exception
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
