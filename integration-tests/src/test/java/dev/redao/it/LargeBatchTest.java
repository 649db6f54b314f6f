package dev.redao.it;

import dev.redao.runtime.OptimisticLockException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Account;
import dev.redao.it.model.AccountDao;
import dev.redao.it.model.AccountQuery;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code saveAll(objects, ALL_OR_NOTHING)} for a batch larger than one script
 * ({@link ModelDao#BATCH_SIZE}): the claim-then-write path of LargeBatch, with unique values,
 * versions and partially loaded objects.
 */
class LargeBatchTest extends RedisTestSupport {
    private static final int SIZE = ModelDao.BATCH_SIZE + 50;

    private static List<Member> newMembers(int n) {
        List<Member> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new Member(null, "m" + i + "@x", "h" + i, i % 2 == 0 ? "DE" : "FR", i, "M" + i));
        }
        return out;
    }

    @Test
    void aLargeBatchIsSavedWhole() {
        MemberDao members = new MemberDao(store);
        List<Member> saved = members.saveAll(newMembers(SIZE), BatchMode.ALL_OR_NOTHING);
        assertEquals(SIZE, saved.size());
        assertEquals(SIZE, members.count());
        assertEquals(new Member((long) SIZE, "m" + SIZE + "@x", "h" + SIZE, "DE", SIZE, "M" + SIZE), saved.get(SIZE - 1));
        assertEquals(saved.get(SIZE - 1), members.get((long) SIZE).orElseThrow());
        assertEquals(SIZE, hash(base("member") + ":uni:email").size());
        RedaoAssertions.assertConsistent(members);
    }

    @Test
    void aUniqueConflictInTheLastScriptWritesNoObject() {
        MemberDao members = new MemberDao(store);
        Member holder = members.save(new Member(null, "taken@x", "holder", "IT", 1, "Holder"));
        SortedMap<String, String> before = snapshot();
        List<Member> batch = newMembers(SIZE);
        batch.set(SIZE - 1, batch.get(SIZE - 1).withEmail("taken@x"));

        UniqueViolationException e = assertThrows(UniqueViolationException.class,
                () -> members.saveAll(batch, BatchMode.ALL_OR_NOTHING));
        assertEquals("email", e.field());
        assertEquals("taken@x", e.value());
        assertEquals(holder.id(), e.holderId());
        // only the id counter moved (ids are reserved before the claims)
        String counter = base("member") + ":ids";
        SortedMap<String, String> after = new TreeMap<>(snapshot());
        SortedMap<String, String> expected = new TreeMap<>(before);
        after.remove(counter);
        expected.remove(counter);
        assertEquals(expected, after, "no object, index, claim or temporary key was left");
        assertEquals(1, members.count());
        RedaoAssertions.assertConsistent(members);
    }

    @Test
    void versionsAndPartlyLoadedObjectsInALargeBatch() {
        AccountDao accounts = new AccountDao(store);
        List<Account> fresh = new ArrayList<>();
        for (int i = 1; i <= SIZE; i++) {
            fresh.add(new Account(null, "a" + i + "@x", "DE", i, "A" + i, 0));
        }
        List<Account> v1 = accounts.saveAll(fresh, BatchMode.ALL_OR_NOTHING);
        assertTrue(v1.stream().allMatch(a -> a.version() == 1), "every new object is at version 1");
        List<Account> v2 = accounts.saveAll(v1, BatchMode.ALL_OR_NOTHING);
        assertTrue(v2.stream().allMatch(a -> a.version() == 2), "every save adds one");
        assertEquals("2", hash(base("account") + ":obj:" + SIZE).get("version"));

        // objects loaded with loadOnly keep their other fields in a large batch too
        List<Account> loaded = accounts.query().loadOnly(AccountQuery.age).list();
        assertEquals(SIZE, loaded.size());
        accounts.saveAll(loaded, BatchMode.ALL_OR_NOTHING);
        assertEquals(Map.of("id", "7", "email", "a7@x", "country", "DE", "age", "7", "name", "A7", "version", "3"),
                hash(base("account") + ":obj:7"));
        RedaoAssertions.assertConsistent(accounts);
    }

    /** A stale version anywhere in a large all-or-nothing batch is found while claiming: nothing is written. */
    @Test
    void aStaleVersionInALargeBatchWritesNothing() {
        AccountDao accounts = new AccountDao(store);
        Account bob = accounts.save(new Account(null, "bob@x", "FR", 40, "Bob", 0));
        accounts.save(bob.withName("Bob 2"));
        List<Account> batch = new ArrayList<>();
        for (int i = 1; i <= SIZE; i++) {
            batch.add(new Account(null, "n" + i + "@x", "DE", i, "N" + i, 0));
        }
        batch.add(bob.withName("stale")); // version 1, stored 2: in the last script
        SortedMap<String, String> before = snapshot();
        before.remove(base("account") + ":ids");
        OptimisticLockException e = assertThrows(
                OptimisticLockException.class, () -> accounts.saveAll(batch, BatchMode.ALL_OR_NOTHING));
        assertEquals(1, e.expectedVersion());
        assertEquals(2, e.storedVersion());
        SortedMap<String, String> after = snapshot();
        after.remove(base("account") + ":ids");
        assertEquals(before, after, "only the id counter moved");
        RedaoAssertions.assertConsistent(accounts);
    }
}
