package dev.redao.it;

import dev.redao.test.RedaoAssertions;
import java.util.concurrent.atomic.AtomicReference;
import dev.redao.runtime.Saved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Account;
import dev.redao.it.model.AccountDao;
import dev.redao.it.model.AccountQuery;
import dev.redao.it.model.Color;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.it.model.Profile;
import dev.redao.it.model.ProfileDao;
import dev.redao.it.model.ProfileQuery;
import dev.redao.it.model.Ticket;
import dev.redao.it.model.TicketDao;
import dev.redao.it.model.TicketQuery;
import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.OptimisticLockException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Objects loaded with {@code loadOnly}: the other fields read as null (or a primitive's default),
 * and saving the loaded object through its DAO keeps the stored values of the fields it did not
 * load. A record changed by a constructor call is a new object and saves whole; {@code update}
 * writes the named fields of any object.
 */
class LoadOnlyTest extends RedisTestSupport {
    private TicketDao tickets;
    private Ticket first;
    private Ticket second;

    @BeforeEach
    void twoTickets() {
        tickets = new TicketDao(store);
        first = tickets.save(new Ticket("T-1", Color.RED, 1, "first"));
        second = tickets.save(new Ticket("T-2", Color.BLUE, 2, "second"));
    }

    private String ticket(Object id) {
        return base("ticket") + ":obj:" + id;
    }

    private String member(Object id) {
        return base("member") + ":obj:" + id;
    }

    private void checkInvariants() {
        RedaoAssertions.assertConsistent(tickets, new MemberDao(store), new AccountDao(store), new ProfileDao(store));
    }

    private Ticket loadPriorityOf(Ticket t) {
        List<Ticket> found = tickets.query().filter(TicketQuery.code.eq(t.code)).loadOnly(TicketQuery.priority).list();
        assertEquals(1, found.size());
        return found.get(0);
    }

    @Test
    void loadOnlyReadsTheNamedFieldsAndTheId() {
        Ticket t = loadPriorityOf(first);
        assertEquals(first.id, t.id);
        assertEquals(1, t.priority);
        assertNull(t.code);
        assertNull(t.color);
        assertNull(t.title);

        MemberDao members = new MemberDao(store);
        Member ann = members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        members.save(new Member(null, "bob@x", "bob", "FR", 42, "Bob"));
        assertEquals(List.of(new Member(ann.id(), null, null, null, 31, null)),
                members.query().filter(MemberQuery.country.eq("DE")).loadOnly(MemberQuery.age).list());
        assertEquals(List.of(new Member(ann.id(), null, null, "DE", 0, "Ann")),
                members.query().filter(MemberQuery.age.lt(40)).loadOnly(MemberQuery.country, MemberQuery.name).list());
    }

    @Test
    void aClassChangedInPlaceKeepsTheFieldsItDidNotLoad() {
        Ticket t = loadPriorityOf(first);
        t.priority = 7;
        assertSame(t, tickets.save(t));
        assertEquals(Map.of("id", "1", "code", "T-1", "color", "RED", "priority", "7", "title", "first"), hash(ticket(1)));
        assertEquals(7.0, score(base("ticket") + ":idx:priority", "1"));
        assertEquals(2.0, score(base("ticket") + ":idx:priority", "2"));
        assertEquals(Set.of("1"), members(base("ticket") + ":idx:color:RED"));
        assertEquals(Map.of("T-1", "1", "T-2", "2"), hash(base("ticket") + ":uni:code"));
        assertEquals(List.of(1), tickets.query().filter(TicketQuery.priority.gt(5)).ids());

        // the same instance, saved again, is still partial
        t.priority = 8;
        tickets.save(t);
        assertEquals(Map.of("id", "1", "code", "T-1", "color", "RED", "priority", "8", "title", "first"), hash(ticket(1)));

        // a change to a field it did not load is not written by save: update names it
        t.title = "renamed";
        tickets.save(t);
        assertEquals("first", hash(ticket(1)).get("title"));
        tickets.update(t, TicketQuery.title);
        assertEquals(Map.of("id", "1", "code", "T-1", "color", "RED", "priority", "8", "title", "renamed"), hash(ticket(1)));
        checkInvariants();
    }

    @Test
    void saveAllAndTransactionsKeepTheFieldsNotLoaded() {
        List<Ticket> loaded = tickets.query().loadOnly(TicketQuery.color).list();
        assertEquals(2, loaded.size());
        loaded.get(0).color = Color.GREEN;
        loaded.get(1).color = Color.GREEN;
        tickets.saveAll(loaded);
        assertEquals(Map.of("id", "1", "code", "T-1", "color", "GREEN", "priority", "1", "title", "first"), hash(ticket(1)));
        assertEquals(Map.of("id", "2", "code", "T-2", "color", "GREEN", "priority", "2", "title", "second"), hash(ticket(2)));
        assertEquals(Set.of("1", "2"), members(base("ticket") + ":idx:color:GREEN"));
        assertFalse(exists(base("ticket") + ":idx:color:RED"));
        assertFalse(exists(base("ticket") + ":idx:color:BLUE"));

        Ticket t = loadPriorityOf(second);
        t.priority = 20;
        store.transaction(tx -> tx.save(tickets, t));
        assertEquals(Map.of("id", "2", "code", "T-2", "color", "GREEN", "priority", "20", "title", "second"), hash(ticket(2)));
        checkInvariants();
    }

    @Test
    void aRecordCopyMadeWithTheConstructorSavesWholeWhileUpdateKeepsTheRest() {
        MemberDao members = new MemberDao(store);
        Member ann = members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        Member bob = members.save(new Member(null, "bob@x", "bob", "DE", 42, "Bob"));

        // the loaded record itself, saved unchanged, is partial: nothing is lost
        Member loadedAnn = members.query().filter(MemberQuery.email.eq("ann@x")).loadOnly(MemberQuery.age).list().get(0);
        assertEquals(new Member(ann.id(), null, null, null, 31, null), loadedAnn);
        members.save(loadedAnn);
        assertEquals(Optional.of(ann), members.get(ann.id()));

        // a copy made by the constructor is a new object: its nulls remove the fields
        Member copy = loadedAnn.withAge(32);
        members.save(copy);
        assertEquals(Map.of("id", "1", "age", "32"), hash(member(1)));
        assertEquals(Map.of("bob@x", "2"), hash(base("member") + ":uni:email"));
        assertEquals(Set.of("2"), members(base("member") + ":idx:country:DE"));
        assertEquals(Optional.empty(), members.getByEmail("ann@x"));

        // update with the loaded fields keeps the rest
        Member loadedBob = members.query().filter(MemberQuery.email.eq("bob@x")).loadOnly(MemberQuery.age).list().get(0);
        members.update(loadedBob.withAge(43), MemberQuery.age);
        assertEquals(Map.of("id", "2", "email", "bob@x", "handle", "bob", "country", "DE", "age", "43", "name", "Bob"),
                hash(member(2)));
        assertEquals(Optional.of(bob.withAge(43)), members.get(bob.id()));
        checkInvariants();
    }

    @Test
    void aVersionedObjectLoadsItsVersionAndSavingChecksIt() {
        ProfileDao profiles = new ProfileDao(store);
        profiles.save(new Profile("pia", "pia", "Rome", 5, "hi"));
        profiles.save(new Profile("max", "max", "Rome", 9, "yo"));

        List<Profile> loaded = profiles.query().filter(ProfileQuery.city.eq("Rome"))
                .sortBy(ProfileQuery.score.asc()).loadOnly(ProfileQuery.score).list();
        Profile pia = loaded.get(0);
        Profile other = profiles.query().filter(ProfileQuery.handle.eq("pia")).loadOnly(ProfileQuery.score).list().get(0);
        assertEquals("pia", pia.getId());
        assertEquals(5, pia.getScore());
        assertEquals(1L, pia.getVersion(), "the version is loaded without being named");
        assertNull(pia.getHandle());
        assertNull(pia.getCity());
        assertNull(pia.getBio());

        pia.setScore(50);
        profiles.save(pia);
        assertEquals(2L, pia.getVersion());
        assertEquals(Map.of("id", "pia", "handle", "pia", "city", "Rome", "score", "50", "bio", "hi", "version", "2"),
                hash(base("profile") + ":obj:pia"));
        assertEquals(50.0, score(base("profile") + ":idx:score", "pia"));
        assertEquals(List.of("max", "pia"), profiles.query().sortBy(ProfileQuery.score.asc()).ids());

        // the other partial copy carries version 1: stale
        SortedMap<String, String> before = snapshot();
        other.setScore(0);
        OptimisticLockException e = assertThrows(OptimisticLockException.class, () -> profiles.save(other));
        assertEquals("profile", e.model());
        assertEquals("pia", e.id());
        assertEquals(1, e.expectedVersion());
        assertEquals(2, e.storedVersion());
        assertUnchanged(before);

        // naming the version too loads it once, with the same effect
        Profile max = profiles.query().filter(ProfileQuery.handle.eq("max"))
                .loadOnly(ProfileQuery.version, ProfileQuery.city).list().get(0);
        assertEquals(1L, max.getVersion());
        max.setCity("Turin");
        profiles.save(max);
        assertEquals(Map.of("id", "max", "handle", "max", "city", "Turin", "score", "9", "bio", "yo", "version", "2"),
                hash(base("profile") + ":obj:max"));
        checkInvariants();
    }

    @Test
    void aVersionedRecordLoadedPartlyStaysPartialAcrossSaves() {
        AccountDao accounts = new AccountDao(store);
        Account ann = accounts.save(new Account(null, "ann@x", "DE", 31, "Ann", 0));
        Account loaded = accounts.query().filter(AccountQuery.country.eq("DE")).loadOnly(AccountQuery.age).list().get(0);
        assertEquals(new Account(ann.id(), null, null, 31, null, 1), loaded);

        Account v2 = accounts.save(loaded);
        assertEquals(new Account(ann.id(), null, null, 31, null, 2), v2);
        assertEquals(Map.of("id", "1", "email", "ann@x", "country", "DE", "age", "31", "name", "Ann", "version", "2"),
                hash(base("account") + ":obj:1"));
        // the copy save() returned (with its new version) holds what the loaded object held
        Account v3 = accounts.save(v2);
        assertEquals(3, v3.version());
        assertEquals(Map.of("id", "1", "email", "ann@x", "country", "DE", "age", "31", "name", "Ann", "version", "3"),
                hash(base("account") + ":obj:1"));
        // saving the loaded object again: its version is stale now
        SortedMap<String, String> before = snapshot();
        OptimisticLockException e = assertThrows(OptimisticLockException.class, () -> accounts.save(loaded));
        assertEquals(1, e.expectedVersion());
        assertEquals(3, e.storedVersion());
        assertUnchanged(before);
        // a copy with a changed field is a new record: update writes just that field
        Account v4 = accounts.update(v3.withAge(32), AccountQuery.age);
        assertEquals(4, v4.version());
        assertEquals(Map.of("id", "1", "email", "ann@x", "country", "DE", "age", "32", "name", "Ann", "version", "4"),
                hash(base("account") + ":obj:1"));
        checkInvariants();
    }

    /** The copy a transaction returns for a partly loaded record keeps the fields not loaded when saved. */
    @Test
    void theCopyATransactionReturnsStaysPartial() {
        AccountDao accounts = new AccountDao(store);
        Account ann = accounts.save(new Account(null, "ann@x", "DE", 31, "Ann", 0));
        Account loaded = accounts.query().loadOnly(AccountQuery.age).list().get(0);
        AtomicReference<Saved<Account>> saved = new AtomicReference<>();
        store.transaction(tx -> saved.set(tx.save(accounts, loaded)));
        Account v2 = saved.get().get();
        assertEquals(2, v2.version());
        Account v3 = accounts.save(v2);
        assertEquals(3, v3.version());
        assertEquals(Map.of("id", String.valueOf(ann.id()), "email", "ann@x", "country", "DE", "age", "31", "name", "Ann",
                "version", "3"), hash(base("account") + ":obj:" + ann.id()));
        checkInvariants();
    }

    @Test
    void aPartlyLoadedObjectWhoseStoredObjectIsGoneCannotBeSaved() {
        Ticket t = loadPriorityOf(first);
        assertTrue(tickets.delete(first.id));
        SortedMap<String, String> before = snapshot();
        t.priority = 9;
        MissingObjectException e = assertThrows(MissingObjectException.class, () -> tickets.save(t));
        assertEquals("ticket", e.model());
        assertEquals(first.id, e.id());
        assertUnchanged(before);
        assertFalse(exists(ticket(1)), "no hash of the fields it had");
        assertEquals(List.of(), keysMentioning("ticket", "1"));

        // in a batch, nothing of it is written
        Ticket t2 = loadPriorityOf(second);
        t2.priority = 22;
        e = assertThrows(MissingObjectException.class, () -> tickets.saveAll(List.of(t2, t)));
        assertEquals(first.id, e.id());
        assertUnchanged(before);

        // a versioned object: missing, not a version conflict
        ProfileDao profiles = new ProfileDao(store);
        profiles.save(new Profile("pia", "pia", "Rome", 5, "hi"));
        Profile pia = profiles.query().loadOnly(ProfileQuery.bio).list().get(0);
        profiles.delete("pia");
        SortedMap<String, String> gone = snapshot();
        pia.setBio("back?");
        e = assertThrows(MissingObjectException.class, () -> profiles.save(pia));
        assertEquals("profile", e.model());
        assertEquals("pia", e.id());
        assertEquals(1L, pia.getVersion());
        assertUnchanged(gone);
        checkInvariants();
    }
}
