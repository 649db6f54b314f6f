package dev.redao.it;

import dev.redao.it.model.Account;
import dev.redao.it.model.AccountDao;
import dev.redao.it.model.AccountQuery;
import dev.redao.it.model.Profile;
import dev.redao.it.model.ProfileDao;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.OptimisticLockException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.Saved;
import dev.redao.runtime.Transaction;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@code @Version}: a save succeeds only if the object carries the stored version (0 or null for
 * none), comes back with the stored version + 1, and a mismatch is refused inside the script with
 * {@link OptimisticLockException}, leaving Redis byte-for-byte unchanged.
 */
class VersionTest extends RedisTestSupport {
    private AccountDao accounts;
    private ProfileDao profiles;

    @BeforeEach
    void daos() {
        accounts = new AccountDao(store);
        profiles = new ProfileDao(store);
    }

    private String account(Object id) {
        return base("account") + ":obj:" + id;
    }

    private String profile(String id) {
        return base("profile") + ":obj:" + id;
    }

    private static Account newAccount(String email, String country, int age, String name) {
        return new Account(null, email, country, age, name, 0);
    }

    private static void assertLock(OptimisticLockException e, String model, Object id, long expected, long stored) {
        assertEquals(model, e.model());
        assertEquals(id, e.id());
        assertEquals(expected, e.expectedVersion());
        assertEquals(stored, e.storedVersion());
        assertTrue(e.getMessage().contains(model + " id " + id), e.getMessage());
        assertTrue(e.getMessage().contains("version " + expected), e.getMessage());
        assertTrue(e.getMessage().contains("stored version is " + stored), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
    }


    private void checkInvariants() {
        RedaoAssertions.assertConsistent(accounts, profiles);
    }

    private static void assertProfile(Profile p, String id, String handle, String city, Integer score, String bio, Long version) {
        assertEquals(id, p.getId(), "id");
        assertEquals(handle, p.getHandle(), "handle");
        assertEquals(city, p.getCity(), "city");
        assertEquals(score, p.getScore(), "score");
        assertEquals(bio, p.getBio(), "bio");
        assertEquals(version, p.getVersion(), "version");
    }

    // ---- records

    @Test
    void aNewObjectGetsVersionOneAndEverySaveAddsOne() {
        Account v1 = accounts.save(newAccount("ann@x", "DE", 31, "Ann"));
        assertEquals(new Account(1L, "ann@x", "DE", 31, "Ann", 1), v1);
        assertEquals(Map.of("id", "1", "email", "ann@x", "country", "DE", "age", "31", "name", "Ann", "version", "1"),
                hash(account(1)));
        assertEquals(Optional.of(v1), accounts.get(1L));

        Account v2 = accounts.save(v1.withName("Annie"));
        assertEquals(new Account(1L, "ann@x", "DE", 31, "Annie", 2), v2);
        assertEquals("2", hash(account(1)).get("version"));
        assertEquals(Optional.of(v2), accounts.get(1L));

        // a save that changes nothing is still a save: the version moves on
        Account v3 = accounts.save(v2);
        assertEquals(3, v3.version());
        assertEquals(Map.of("id", "1", "email", "ann@x", "country", "DE", "age", "31", "name", "Annie", "version", "3"),
                hash(account(1)));

        // every read path carries the stored version
        assertEquals(Optional.of(v3), accounts.get(1L));
        assertEquals(List.of(v3), accounts.getAll(List.of(1L)));
        assertEquals(Optional.of(v3), accounts.getByEmail("ann@x"));
        assertEquals(List.of(v3), accounts.query().filter(AccountQuery.country.eq("DE")).list());
        // the version is stored, not indexed
        assertTrue(keys().stream().noneMatch(k -> k.contains("version")), keys().toString());
        checkInvariants();
    }

    @Test
    void aStaleCopyIsRefusedAndNothingIsWritten() {
        Account v1 = accounts.save(newAccount("ann@x", "DE", 31, "Ann"));
        Account v2 = accounts.save(v1.withCountry("FR"));
        accounts.save(newAccount("bob@x", "FR", 40, "Bob"));
        SortedMap<String, String> before = snapshot();

        OptimisticLockException e = assertThrows(OptimisticLockException.class,
                () -> accounts.save(v1.withCountry("IT").withEmail("ann@new").withAge(99)));
        assertLock(e, "account", v1.id(), 1, 2);
        assertUnchanged(before);
        assertEquals(Optional.of(v2), accounts.get(v1.id()));
        assertEquals(Optional.empty(), accounts.getByEmail("ann@new"));
        assertEquals(List.of(), accounts.query().filter(AccountQuery.country.eq("IT")).ids());

        // a version ahead of the stored one is no better
        e = assertThrows(OptimisticLockException.class, () -> accounts.save(v2.withVersion(5)));
        assertLock(e, "account", v1.id(), 5, 2);
        assertUnchanged(before);

        // the current version goes through
        assertEquals(3, accounts.save(v2.withCountry("IT")).version());
        checkInvariants();
    }

    @Test
    void aVersionForAnObjectThatDoesNotExistIsRefused() {
        SortedMap<String, String> before = snapshot();
        OptimisticLockException e = assertThrows(OptimisticLockException.class,
                () -> accounts.save(new Account(42L, "ann@x", "DE", 31, "Ann", 3)));
        assertLock(e, "account", 42L, 3, 0);
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertUnchanged(before);

        // without an id: the server picks one, and the refusal names it; the counter stays put
        e = assertThrows(OptimisticLockException.class, () -> accounts.save(new Account(null, "ann@x", "DE", 31, "Ann", 1)));
        assertLock(e, "account", 1L, 1, 0);
        assertUnchanged(before);
        assertEquals(List.of(), List.copyOf(keys()), "not even the id counter was written");

        // once deleted, an object is at version 0 again
        Account v1 = accounts.save(newAccount("ann@x", "DE", 31, "Ann"));
        Account v2 = accounts.save(v1.withAge(32));
        assertTrue(accounts.delete(v2.id()));
        SortedMap<String, String> deleted = snapshot();
        e = assertThrows(OptimisticLockException.class, () -> accounts.save(v2));
        assertLock(e, "account", v2.id(), 2, 0);
        assertUnchanged(deleted);
        Account again = accounts.save(v2.withVersion(0));
        assertEquals(v2.withVersion(1), again);
        assertEquals("1", hash(account(v2.id())).get("version"));
        checkInvariants();
    }

    @Test
    void aNewObjectDoesNotBlindlyOverwriteAnExistingId() {
        Account held = accounts.save(new Account(7L, "ann@x", "DE", 31, "Ann", 0));
        assertEquals(1, held.version());
        SortedMap<String, String> before = snapshot();
        OptimisticLockException e = assertThrows(OptimisticLockException.class,
                () -> accounts.save(new Account(7L, "bob@x", "FR", 40, "Bob", 0)));
        assertLock(e, "account", 7L, 0, 1);
        assertUnchanged(before);
        assertEquals(Optional.of(held), accounts.get(7L));

        // a class with a client-chosen String id and a null version
        Profile ann = new Profile("ann", "ann", "Berlin", 10, "first");
        profiles.save(ann);
        SortedMap<String, String> withProfile = snapshot();
        Profile impostor = new Profile("ann", "impostor", "Paris", 99, "second");
        e = assertThrows(OptimisticLockException.class, () -> profiles.save(impostor));
        assertLock(e, "profile", "ann", 0, 1);
        assertUnchanged(withProfile);
        assertNull(impostor.getVersion(), "a refused save leaves the instance's version alone");
        assertEquals("ann", profiles.get("ann").orElseThrow().getHandle());
        checkInvariants();
    }

    @Test
    void aNegativeVersionIsRefusedBeforeAnythingIsSent() {
        Account ann = accounts.save(newAccount("ann@x", "DE", 31, "Ann"));
        Profile bob = profiles.save(new Profile("bob", "bob", "Rome", 1, null));
        SortedMap<String, String> before = snapshot();
        long scripts = scriptCalls();

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> accounts.save(ann.withVersion(-1)));
        assertTrue(e.getMessage().contains("account.version"), e.getMessage());
        assertThrows(InvalidArgumentException.class,
                () -> accounts.save(new Account(null, "new@x", "DE", 1, "New", Long.MIN_VALUE)));
        assertThrows(InvalidArgumentException.class, () -> accounts.saveAll(List.of(
                newAccount("c@x", "IT", 1, "C"), ann.withVersion(-2))));
        bob.setVersion(-1L);
        e = assertThrows(InvalidArgumentException.class, () -> profiles.save(bob));
        assertTrue(e.getMessage().contains("profile.version"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> store.transaction(tx -> tx.save(profiles, bob)));

        assertEquals(scripts, scriptCalls(), "no script reached Redis");
        assertUnchanged(before);
    }

    @Test
    void anObjectStoredWithoutAVersionIsAtVersionZero() {
        // as an object saved before the model had a @Version
        Account ann = accounts.save(newAccount("ann@x", "DE", 31, "Ann"));
        raw(jedis -> jedis.hdel(account(ann.id()), "version"));
        Account read = accounts.get(ann.id()).orElseThrow();
        assertEquals(0, read.version());

        SortedMap<String, String> before = snapshot();
        OptimisticLockException e = assertThrows(OptimisticLockException.class, () -> accounts.save(ann));
        assertLock(e, "account", ann.id(), 1, 0);
        assertUnchanged(before);

        assertEquals(1, accounts.save(read.withName("Annie")).version());
        assertEquals("1", hash(account(ann.id())).get("version"));
    }

    @Test
    void saveAllWithOneStaleObjectWritesNothing() {
        Account ann = accounts.save(newAccount("ann@x", "DE", 31, "Ann"));
        Account bob = accounts.save(newAccount("bob@x", "FR", 40, "Bob"));
        Account bob2 = accounts.save(bob.withName("Robert"));
        SortedMap<String, String> before = snapshot();

        OptimisticLockException e = assertThrows(OptimisticLockException.class, () -> accounts.saveAll(List.of(
                newAccount("carl@x", "IT", 20, "Carl"),
                ann.withCountry("NL"),
                bob.withName("stale"),
                newAccount("dora@x", "IT", 21, "Dora"))));
        assertLock(e, "account", bob.id(), 1, 2);
        assertUnchanged(before);
        assertEquals(2, accounts.count());
        // the same within one script with ALL_OR_NOTHING
        e = assertThrows(OptimisticLockException.class, () -> accounts.saveAll(List.of(
                newAccount("carl@x", "IT", 20, "Carl"), bob.withName("stale")), BatchMode.ALL_OR_NOTHING));
        assertLock(e, "account", bob.id(), 1, 2);
        assertUnchanged(before);

        List<Account> saved = accounts.saveAll(List.of(
                newAccount("carl@x", "IT", 20, "Carl"),
                ann.withCountry("NL"),
                bob2.withName("Rob")));
        assertEquals(List.of(1L, 2L, 3L), saved.stream().map(Account::version).toList());
        assertEquals(List.of(
                new Account(3L, "carl@x", "IT", 20, "Carl", 1),
                new Account(ann.id(), "ann@x", "NL", 31, "Ann", 2),
                new Account(bob.id(), "bob@x", "FR", 40, "Rob", 3)), saved);
        assertEquals(saved, accounts.getAll(List.of(3L, ann.id(), bob.id())));
        assertEquals("3", hash(account(bob.id())).get("version"));

        // saving the returned list again moves every version on by one
        List<Account> again = accounts.saveAll(saved);
        assertEquals(List.of(2L, 3L, 4L), again.stream().map(Account::version).toList());
        checkInvariants();
    }

    // ---- classes

    @Test
    void aClassInstanceGetsItsVersionInPlace() {
        Profile p = new Profile("ann", "ann", "Berlin", 10, "hello");
        assertNull(p.getVersion());
        Profile saved = profiles.save(p);
        assertSame(p, saved);
        assertEquals(1L, p.getVersion());
        assertEquals(Map.of("id", "ann", "handle", "ann", "city", "Berlin", "score", "10", "bio", "hello", "version", "1"),
                hash(profile("ann")));

        p.setScore(20);
        assertSame(p, profiles.save(p));
        assertEquals(2L, p.getVersion());
        assertEquals("2", hash(profile("ann")).get("version"));
        assertEquals(20.0, score(base("profile") + ":idx:score", "ann"));
        assertProfile(profiles.get("ann").orElseThrow(), "ann", "ann", "Berlin", 20, "hello", 2L);

        // a copy read before the last save is stale, and stays as it was
        Profile stale = profiles.get("ann").orElseThrow();
        p.setCity("Munich");
        profiles.save(p);
        assertEquals(3L, p.getVersion());
        SortedMap<String, String> before = snapshot();
        stale.setBio("overwritten?");
        OptimisticLockException e = assertThrows(OptimisticLockException.class, () -> profiles.save(stale));
        assertLock(e, "profile", "ann", 2, 3);
        assertEquals(2L, stale.getVersion(), "a refused save does not advance the instance's version");
        assertUnchanged(before);
        assertProfile(profiles.get("ann").orElseThrow(), "ann", "ann", "Munich", 20, "hello", 3L);

        // an explicit 0 is a new object too; a null String id gets a random one
        Profile zero = new Profile(null, "zero", "Oslo", 0, null);
        zero.setVersion(0L);
        profiles.save(zero);
        assertEquals(1L, zero.getVersion());
        assertEquals(36, zero.getId().length(), zero.getId());
        assertEquals("1", hash(profile(zero.getId())).get("version"));
        checkInvariants();
    }

    // ---- transactions

    @Test
    void aStaleVersionAnywhereInATransactionWritesNothing() {
        assumeFalse(onACluster(), "account and profile live in two hash slots, which one script cannot write on a"
                + " Redis Cluster: TransactionTest covers the refusal there, and versions in a transaction of one group");
        Account ann = accounts.save(newAccount("ann@x", "DE", 31, "Ann"));
        Account bob = accounts.save(newAccount("bob@x", "FR", 40, "Bob"));
        Account carl = accounts.save(newAccount("carl@x", "IT", 50, "Carl"));
        accounts.save(bob.withAge(41));
        Profile p = profiles.save(new Profile("pia", "pia", "Rome", 5, "hi"));
        SortedMap<String, String> before = snapshot();

        p.setBio("changed");
        OptimisticLockException e = assertThrows(OptimisticLockException.class, () -> store.transaction(tx -> {
            tx.save(accounts, ann.withCountry("AT"));
            tx.save(profiles, p);
            tx.save(accounts, newAccount("dora@x", "IT", 21, "Dora"));
            tx.delete(accounts, carl.id());
            tx.save(accounts, bob.withName("stale"));
        }));
        assertLock(e, "account", bob.id(), 1, 2);
        assertUnchanged(before);
        assertEquals(1L, p.getVersion(), "the class instance keeps its version when the transaction fails");

        // the same with try-with-resources; the handles have nothing to give
        Saved<Account>[] handles = new Saved[2];
        e = assertThrows(OptimisticLockException.class, () -> {
            try (Transaction tx = store.beginTransaction()) {
                handles[0] = tx.save(accounts, ann.withCountry("AT"));
                Profile stale = new Profile("pia", "pia", "Rome", 6, null);
                stale.setVersion(7L);
                handles[1] = tx.save(accounts, newAccount("dora@x", "IT", 21, "Dora"));
                tx.save(profiles, stale);
                tx.commit();
            }
        });
        assertLock(e, "profile", "pia", 7, 1);
        assertUnchanged(before);
        assertThrows(IllegalStateException.class, () -> handles[0].get());
        assertThrows(IllegalStateException.class, () -> handles[1].get());
    }

    @Test
    void aTransactionAdvancesEveryVersion() {
        assumeFalse(onACluster(), "account and profile live in two hash slots, which one script cannot write on a"
                + " Redis Cluster: TransactionTest covers the refusal there, and versions in a transaction of one group");
        Account ann = accounts.save(newAccount("ann@x", "DE", 31, "Ann"));
        Account bob = accounts.save(newAccount("bob@x", "FR", 40, "Bob"));
        Profile p = profiles.save(new Profile("pia", "pia", "Rome", 5, "hi"));
        p.setCity("Milan");
        try (Transaction tx = store.beginTransaction()) {
            Saved<Account> a = tx.save(accounts, ann.withCountry("AT"));
            Saved<Profile> pia = tx.save(profiles, p);
            Saved<Account> dora = tx.save(accounts, newAccount("dora@x", "IT", 21, "Dora"));
            tx.delete(accounts, bob.id());
            assertThrows(IllegalStateException.class, a::get, "nothing before the commit");
            tx.commit();
            assertEquals(ann.withCountry("AT").withVersion(2), a.get());
            assertSame(p, pia.get());
            assertEquals(2L, p.getVersion());
            assertEquals(new Account(3L, "dora@x", "IT", 21, "Dora", 1), dora.get());
            assertEquals(Optional.of(a.get()), accounts.get(ann.id()));
            assertEquals(Optional.of(dora.get()), accounts.get(3L));
        }
        assertEquals("2", hash(account(ann.id())).get("version"));
        assertEquals("1", hash(account(3L)).get("version"));
        assertEquals(Map.of("id", "pia", "handle", "pia", "city", "Milan", "score", "5", "bio", "hi", "version", "2"),
                hash(profile("pia")));
        assertFalse(accounts.exists(bob.id()));

        // the returned objects are current: saving them again in a transaction works
        store.transaction(tx -> tx.saveAll(accounts, accounts.getAll(List.of(ann.id(), 3L))));
        assertEquals("3", hash(account(ann.id())).get("version"));
        assertEquals("2", hash(account(3L)).get("version"));
        checkInvariants();
    }

    // ---- concurrent writers

    @Test
    void ofTwoCopiesReadTogetherOnlyTheFirstSavedWins() {
        Account ann = accounts.save(newAccount("ann@x", "DE", 31, "Ann"));
        Account first = accounts.get(ann.id()).orElseThrow();
        Account second = accounts.get(ann.id()).orElseThrow();
        assertEquals(first, second);

        Account won = accounts.save(first.withAge(32));
        SortedMap<String, String> before = snapshot();
        OptimisticLockException e = assertThrows(OptimisticLockException.class, () -> accounts.save(second.withName("Lost")));
        assertLock(e, "account", ann.id(), 1, 2);
        assertUnchanged(before);
        assertEquals(Optional.of(won), accounts.get(ann.id()));
        assertEquals(new Account(ann.id(), "ann@x", "DE", 32, "Ann", 2), won);
    }

    @Test
    void twoThreadsSavingWhatTheyBothReadExactlyOneWins() throws Exception {
        Account ann = accounts.save(newAccount("ann@x", "DE", 31, "Ann"));
        CyclicBarrier bothRead = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String name = "writer" + t;
                Callable<Object> writer = () -> {
                    Account mine = accounts.get(ann.id()).orElseThrow();
                    bothRead.await(10, TimeUnit.SECONDS); // neither saves before both have read
                    try {
                        return accounts.save(mine.withName(name));
                    } catch (OptimisticLockException e) {
                        return e;
                    }
                };
                results.add(pool.submit(writer));
            }
            List<Account> winners = new ArrayList<>();
            List<OptimisticLockException> losers = new ArrayList<>();
            for (Future<Object> f : results) {
                Object r = f.get(30, TimeUnit.SECONDS);
                if (r instanceof Account a) {
                    winners.add(a);
                } else {
                    losers.add((OptimisticLockException) r);
                }
            }
            assertEquals(1, winners.size(), "winners " + winners + ", losers " + losers);
            assertEquals(1, losers.size());
            assertLock(losers.get(0), "account", ann.id(), 1, 2);
            assertEquals(2, winners.get(0).version());
            assertEquals(Optional.of(winners.get(0)), accounts.get(ann.id()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentReadModifySaveLoopsLoseNoUpdate() throws Exception {
        int threads = 4;
        int increments = 25;
        Account counter = accounts.save(newAccount("counter@x", "DE", 0, "counter"));
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        while (true) {
                            Account read = accounts.get(counter.id()).orElseThrow();
                            try {
                                accounts.save(read.withAge(read.age() + 1));
                                break;
                            } catch (OptimisticLockException e) {
                                conflicts.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Account last = accounts.get(counter.id()).orElseThrow();
        assertEquals(threads * increments, last.age(), "every increment is kept (" + conflicts + " conflicts retried)");
        assertEquals(1 + threads * increments, last.version());
        assertEquals((double) (threads * increments), score(base("account") + ":idx:age", counter.id().toString()));
        checkInvariants();
    }

    /** The largest long has no next version, and a stored version that is no number is corrupt data: nothing written. */
    @Test
    void anExhaustedOrCorruptStoredVersionIsRefusedBeforeAnyWrite() {
        AccountDao accounts = new AccountDao(store);
        Account ann = accounts.save(new Account(null, "ann@x", "DE", 31, "Ann", 0));
        String key = base("account") + ":obj:" + ann.id();
        raw(jedis -> jedis.hset(key, "version", String.valueOf(Long.MAX_VALUE)));
        SortedMap<String, String> before = snapshot();
        RedaoException full = assertThrows(RedaoException.class,
                () -> accounts.save(new Account(ann.id(), "ann@x", "DE", 32, "Ann", Long.MAX_VALUE)));
        assertTrue(full.getMessage().contains("the largest a long holds"), full.getMessage());
        assertUnchanged(before);

        raw(jedis -> jedis.hset(key, "version", "abc"));
        SortedMap<String, String> corrupt = snapshot();
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> accounts.save(new Account(ann.id(), "ann@x", "DE", 32, "Ann", 1)));
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains("'abc'"), e.getMessage());
        assertUnchanged(corrupt);
    }
}
