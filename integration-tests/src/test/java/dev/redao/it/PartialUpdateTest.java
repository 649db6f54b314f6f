package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.redao.it.model.Account;
import dev.redao.it.model.AccountDao;
import dev.redao.it.model.AccountQuery;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.it.model.Profile;
import dev.redao.it.model.ProfileDao;
import dev.redao.it.model.ProfileQuery;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.OptimisticLockException;
import dev.redao.runtime.Saved;
import dev.redao.runtime.Transaction;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dao.update(object, fields...)}: only the named fields are written, their index and
 * unique entries move, the others keep their stored values whatever the object holds; a missing
 * object is refused with {@link MissingObjectException}; a versioned model is checked and advanced.
 */
class PartialUpdateTest extends RedisTestSupport {
    private MemberDao members;
    private AccountDao accounts;
    private Member ann;
    private Member bob;

    @BeforeEach
    void twoMembers() {
        members = new MemberDao(store);
        accounts = new AccountDao(store);
        ann = members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        bob = members.save(new Member(null, "bob@x", "bob", "DE", 42, "Bob"));
    }

    private String member(Object id) {
        return base("member") + ":obj:" + id;
    }

    private String account(Object id) {
        return base("account") + ":obj:" + id;
    }

    private String idx(String field) {
        return base("member") + ":idx:" + field;
    }

    private List<String> lex(String model, String field) {
        return raw(jedis -> jedis.zrange(base(model) + ":lex:" + field, 0, -1));
    }

    private void checkInvariants() {
        RedaoAssertions.assertConsistent(members, accounts, new ProfileDao(store));
    }

    /** The snapshot without one key. */
    private static SortedMap<String, String> without(SortedMap<String, String> snapshot, String key) {
        SortedMap<String, String> out = new TreeMap<>(snapshot);
        assertTrue(out.remove(key) != null, key + " is in the snapshot");
        return out;
    }

    /** The change of each command's calls during {@code operation}, less the INFO calls that measure it. */
    private Map<String, Long> commandsOf(Runnable operation) {
        Map<String, Long> delta = commandDelta(operation);
        assertEquals(dataServerCount(), delta.remove("info"), "the INFO before the operation: " + delta);
        return delta;
    }

    private static void assertMissing(MissingObjectException e, String model, Object id) {
        assertEquals(model, e.model());
        assertEquals(id, e.id());
        assertTrue(e.getMessage().contains(model + " id " + id + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
    }

    @Test
    void onlyTheNamedFieldsAreWrittenAndTheirIndexesMove() {
        Member change = new Member(ann.id(), null, null, "FR", 50, null);
        Member result = members.update(change, MemberQuery.country, MemberQuery.age);
        assertSame(change, result, "without a version, update returns the object it was given");

        assertEquals(Map.of("id", "1", "email", "ann@x", "handle", "ann", "country", "FR", "age", "50", "name", "Ann"),
                hash(member(1)));
        assertEquals(Optional.of(new Member(ann.id(), "ann@x", "ann", "FR", 50, "Ann")), members.get(ann.id()));
        // the set index: DE loses ann, FR gains her; the lex index member moves; the score changes
        assertEquals(Set.of("2"), members(idx("country:DE")));
        assertEquals(Set.of("1"), members(idx("country:FR")));
        assertEquals(List.of("DE\u00002", "FR\u00001"), lex("member", "country"));
        assertEquals(50.0, score(idx("age"), "1"));
        assertEquals(42.0, score(idx("age"), "2"));
        // unique entries named no field of the update and did not move
        assertEquals(Map.of("ann@x", "1", "bob@x", "2"), hash(base("member") + ":uni:email"));
        assertEquals(Map.of("ann", "1", "bob", "2"), hash(base("member") + ":uni:handle"));
        assertEquals(List.of(ann.id()), members.query().filter(MemberQuery.country.eq("FR")).ids());
        assertEquals(List.of(ann.id()), members.query().filter(MemberQuery.country.startsWith("F")).ids());
        assertEquals(List.of(ann.id()), members.query().filter(MemberQuery.age.between(45, 55)).ids());

        // a sorted field alone: its score moves, the set index does not
        members.update(new Member(bob.id(), null, null, null, 7, null), MemberQuery.age);
        assertEquals(7.0, score(idx("age"), "2"));
        assertEquals(Set.of("2"), members(idx("country:DE")));
        assertEquals(new Member(bob.id(), "bob@x", "bob", "DE", 7, "Bob"), members.get(bob.id()).orElseThrow());
        checkInvariants();
    }

    @Test
    void fieldsNotNamedKeepTheirStoredValuesWhateverTheObjectHolds() {
        SortedMap<String, String> before = snapshot();
        // every other field carries a value that would move an index or break a unique constraint
        Member change = new Member(ann.id(), "bob@x", "bob", "IT", 99, "Annie");
        members.update(change, MemberQuery.name);
        assertEquals(Map.of("id", "1", "email", "ann@x", "handle", "ann", "country", "DE", "age", "31", "name", "Annie"),
                hash(member(1)));
        assertEquals(without(before, member(1)), without(snapshot(), member(1)),
                "no index, unique or other key changed");
        checkInvariants();
    }

    @Test
    void updatingAUniqueFieldMovesItsClaim() {
        members.update(new Member(ann.id(), "ann@new", null, null, 0, null), MemberQuery.email);
        assertEquals(Map.of("ann@new", "1", "bob@x", "2"), hash(base("member") + ":uni:email"));
        assertEquals(Optional.of(new Member(ann.id(), "ann@new", "ann", "DE", 31, "Ann")), members.getByEmail("ann@new"));
        assertEquals(Optional.empty(), members.getByEmail("ann@x"));
        // the old value is free for another object, by save or by update
        Member carl = members.save(new Member(null, "ann@x", "carl", "IT", 20, "Carl"));
        assertEquals(Optional.of(carl), members.getByEmail("ann@x"));
        members.update(new Member(bob.id(), null, "ann2", null, 0, null), MemberQuery.handle);
        members.update(new Member(carl.id(), null, "bob", null, 0, null), MemberQuery.handle);
        assertEquals(Map.of("ann", "1", "ann2", "2", "bob", "3"), hash(base("member") + ":uni:handle"));
        checkInvariants();
    }

    @Test
    void updatingToAHeldUniqueValueIsRefused() {
        SortedMap<String, String> before = snapshot();
        UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> members.update(
                new Member(ann.id(), "bob@x", null, "FR", 60, "Annie"), MemberQuery.email, MemberQuery.country, MemberQuery.age));
        assertEquals("member", e.model());
        assertEquals("email", e.field());
        assertEquals("bob@x", e.value());
        assertEquals(bob.id(), e.holderId());
        assertUnchanged(before);
        assertEquals(Optional.of(ann), members.get(ann.id()));
    }

    @Test
    void aNamedFieldThatIsNullIsRemovedWithItsEntries() {
        members.update(new Member(ann.id(), null, null, null, 0, null), MemberQuery.email, MemberQuery.country);
        assertEquals(Map.of("id", "1", "handle", "ann", "age", "31", "name", "Ann"), hash(member(1)));
        assertEquals(Map.of("bob@x", "2"), hash(base("member") + ":uni:email"));
        assertEquals(Set.of("2"), members(idx("country:DE")));
        assertEquals(List.of("DE\u00002"), lex("member", "country"));
        assertEquals(Optional.empty(), members.getByEmail("ann@x"));
        assertEquals(new Member(ann.id(), null, "ann", null, 31, "Ann"), members.get(ann.id()).orElseThrow());
        assertEquals(List.of(bob.id()), members.query().filter(MemberQuery.country.eq("DE")).ids());
        // the freed email can be taken
        members.update(new Member(bob.id(), "ann@x", null, null, 0, null), MemberQuery.email);
        assertEquals(Map.of("ann@x", "2"), hash(base("member") + ":uni:email"));
        checkInvariants();
    }

    @Test
    void updateOfAMissingObjectWritesNothing() {
        SortedMap<String, String> before = snapshot();
        MissingObjectException e = assertThrows(MissingObjectException.class, () -> members.update(
                new Member(999L, "x@x", "x", "IT", 1, "X"), MemberQuery.email, MemberQuery.country, MemberQuery.age));
        assertMissing(e, "member", 999L);
        assertUnchanged(before); // no hash, no index entry, no unique claim, and the counter did not move to 999
        assertFalse(members.exists(999L));
        assertEquals("2", raw(jedis -> jedis.get(base("member") + ":ids")));

        // a versioned model: missing comes before any version comparison
        SortedMap<String, String> none = snapshot();
        e = assertThrows(MissingObjectException.class,
                () -> accounts.update(new Account(5L, "a@x", "DE", 1, "A", 0), AccountQuery.country));
        assertMissing(e, "account", 5L);
        e = assertThrows(MissingObjectException.class,
                () -> accounts.update(new Account(5L, "a@x", "DE", 1, "A", 3), AccountQuery.country));
        assertMissing(e, "account", 5L);
        // a class with a String id
        ProfileDao profiles = new ProfileDao(store);
        e = assertThrows(MissingObjectException.class,
                () -> profiles.update(new Profile("nobody", "h", "Rome", 1, null), ProfileQuery.city));
        assertMissing(e, "profile", "nobody");
        assertUnchanged(none);

        // once deleted, an object cannot be updated either
        members.delete(bob.id());
        SortedMap<String, String> deleted = snapshot();
        e = assertThrows(MissingObjectException.class, () -> members.update(bob, MemberQuery.name));
        assertMissing(e, "member", bob.id());
        assertUnchanged(deleted);
    }

    @Test
    void updateNeedsAnIdAndStoredFieldsBeforeAnythingIsSent() {
        SortedMap<String, String> before = snapshot();
        Map<String, Long> delta = commandsOf(() -> {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> members.update(new Member(null, "c@x", "c", "IT", 1, "C"), MemberQuery.email));
            assertTrue(e.getMessage().contains("member"), e.getMessage());
            assertTrue(e.getMessage().contains("id"), e.getMessage());
            e = assertThrows(InvalidArgumentException.class, () -> members.update(ann, MemberQuery.id));
            assertTrue(e.getMessage().contains("id is not a field of member"), e.getMessage());
            assertThrows(InvalidArgumentException.class,
                    () -> store.transaction(tx -> tx.update(members, new Member(null, "c@x", "c", "IT", 1, "C"), MemberQuery.name)));
        });
        assertEquals(Map.of(), delta, "nothing reached Redis");
        assertUnchanged(before);
    }

    @Test
    void updateIsOneScriptCall() {
        // warm up: the update's script is loaded (the first EVALSHA of a fresh server answers NOSCRIPT)
        members.update(ann, MemberQuery.name);
        Map<String, Long> delta = commandsOf(() -> members.update(ann.withCountry("FR").withEmail("ann@y"),
                MemberQuery.country, MemberQuery.email));
        assertEquals(1L, delta.get("evalsha"), delta.toString());
        assertFalse(delta.containsKey("eval"), delta.toString());
        for (String cmd : List.of("hgetall", "script|load", "multi", "exec")) {
            assertFalse(delta.containsKey(cmd), cmd + ": " + delta);
        }
        assertEquals("FR", hash(member(1)).get("country"));
    }

    @Test
    void updateOfAVersionedModelChecksAndAdvancesTheVersion() {
        Account v1 = accounts.save(new Account(null, "ann@x", "DE", 31, "Ann", 0));
        Account change = new Account(v1.id(), null, "FR", 0, null, 1);
        Account v2 = accounts.update(change, AccountQuery.country);
        assertEquals(new Account(v1.id(), null, "FR", 0, null, 2), v2, "the object given, with its new version");
        assertEquals(Map.of("id", "1", "email", "ann@x", "country", "FR", "age", "31", "name", "Ann", "version", "2"),
                hash(account(1)));
        assertEquals(Optional.of(new Account(v1.id(), "ann@x", "FR", 31, "Ann", 2)), accounts.get(v1.id()));
        assertEquals(List.of("FR\u00001"), lex("account", "country"));

        // the version given is compared, whether or not the update names it
        SortedMap<String, String> before = snapshot();
        OptimisticLockException e = assertThrows(OptimisticLockException.class,
                () -> accounts.update(new Account(v1.id(), null, "IT", 0, null, 1), AccountQuery.country));
        assertEquals("account", e.model());
        assertEquals(v1.id(), e.id());
        assertEquals(1, e.expectedVersion());
        assertEquals(2, e.storedVersion());
        e = assertThrows(OptimisticLockException.class,
                () -> accounts.update(new Account(v1.id(), "x@x", null, 0, null, 0), AccountQuery.email, AccountQuery.version));
        assertEquals(0, e.expectedVersion());
        assertEquals(2, e.storedVersion());
        assertUnchanged(before);

        // naming no field at all only checks and advances the version
        Account v3 = accounts.update(new Account(v1.id(), null, null, 0, null, 2));
        assertEquals(3, v3.version());
        assertEquals(Map.of("id", "1", "email", "ann@x", "country", "FR", "age", "31", "name", "Ann", "version", "3"),
                hash(account(1)));
        // naming the version itself changes nothing more: it is always written as stored + 1
        assertEquals(4, accounts.update(v3.withName("Annie"), AccountQuery.name, AccountQuery.version).version());
        assertEquals("Annie", hash(account(1)).get("name"));
        assertEquals("4", hash(account(1)).get("version"));
        checkInvariants();
    }

    @Test
    void updateOfAClassModelAdvancesTheVersionInPlace() {
        ProfileDao profiles = new ProfileDao(store);
        profiles.save(new Profile("pia", "pia", "Rome", 5, "hi"));
        Profile change = new Profile("pia", null, "Milan", null, null);
        change.setVersion(1L);
        assertSame(change, profiles.update(change, ProfileQuery.city, ProfileQuery.score));
        assertEquals(2L, change.getVersion());
        assertEquals(Map.of("id", "pia", "handle", "pia", "city", "Milan", "bio", "hi", "version", "2"),
                hash(base("profile") + ":obj:pia"));
        assertNull(score(base("profile") + ":idx:score", "pia"), "the score, named and null, left the sorted index");
        assertEquals(Set.of("pia"), members(base("profile") + ":idx:city:Milan"));
        assertFalse(exists(base("profile") + ":idx:city:Rome"));
        checkInvariants();
    }

    @Test
    void updatesInATransaction() {
        assumeFalse(onACluster(), "member and account live in two hash slots, which one script cannot write on a"
                + " Redis Cluster: TransactionTest covers the refusal there, and partial updates in a transaction of one group");
        Account acc = accounts.save(new Account(null, "acc@x", "DE", 20, "Acc", 0));
        Saved<Account>[] saved = new Saved[1];
        store.transaction(tx -> {
            tx.update(members, new Member(ann.id(), null, null, "PL", 0, null), MemberQuery.country);
            saved[0] = tx.update(accounts, new Account(acc.id(), null, null, 21, null, 1), AccountQuery.age);
            tx.save(members, new Member(null, "carl@x", "carl", "PL", 19, "Carl"));
        });
        assertEquals(new Member(ann.id(), "ann@x", "ann", "PL", 31, "Ann"), members.get(ann.id()).orElseThrow());
        assertEquals(new Account(acc.id(), null, null, 21, null, 2), saved[0].get());
        assertEquals(new Account(acc.id(), "acc@x", "DE", 21, "Acc", 2), accounts.get(acc.id()).orElseThrow());
        assertEquals(Set.of("1", "3"), members(idx("country:PL")));

        // a missing object anywhere: nothing of the transaction is written
        SortedMap<String, String> before = snapshot();
        MissingObjectException e = assertThrows(MissingObjectException.class, () -> {
            try (Transaction tx = store.beginTransaction()) {
                tx.update(accounts, new Account(acc.id(), null, null, 22, null, 2), AccountQuery.age);
                tx.save(members, new Member(null, "dora@x", "dora", "PL", 19, "Dora"));
                tx.delete(members, bob.id());
                tx.update(members, new Member(77L, "x@x", null, null, 0, null), MemberQuery.email);
                tx.commit();
            }
        });
        assertMissing(e, "member", 77L);
        assertUnchanged(before);
        checkInvariants();
    }
}
