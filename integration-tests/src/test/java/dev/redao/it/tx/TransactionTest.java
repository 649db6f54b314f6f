package dev.redao.it.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.OptimisticLockException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.Saved;
import dev.redao.runtime.Transaction;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes of several models in one script: all of them or none. */
class TransactionTest extends RedisTestSupport {

    private PlayerDao players;
    private BadgeDao badges;
    private MemberDao members;

    @BeforeEach
    void daos() {
        players = new PlayerDao(store);
        badges = new BadgeDao(store);
        members = new MemberDao(store);
    }

    private void checkInvariants() {
        RedaoAssertions.assertConsistent(players, badges, members);
    }

    @Test
    void savesAndDeletesOfSeveralModelsCommitTogether() {
        Player old = players.save(new Player(null, "old", "red", 1, 0));
        Badge stale = badges.save(new Badge("b0", "stale", old.id(), "x"));
        AtomicReference<Saved<Player>> ann = new AtomicReference<>();
        AtomicReference<Saved<Badge>> gold = new AtomicReference<>();

        store.transaction(tx -> {
            ann.set(tx.save(players, new Player(null, "ann", "blue", 7, 0)));
            gold.set(tx.save(badges, new Badge(null, "gold", 99L, "Gold")));
            tx.delete(badges, stale.id());
            tx.delete(players, old.id());
        });

        Player saved = ann.get().get();
        assertEquals(2L, saved.id(), "the server assigned the id inside the transaction");
        assertEquals(1L, saved.version());
        Badge badge = gold.get().get();
        assertEquals(36, badge.id().length(), "a String id left null gets a UUID");
        assertEquals(Optional.of(saved), players.get(2L));
        assertEquals(Optional.of(badge), badges.get(badge.id()));
        assertFalse(players.exists(old.id()));
        assertFalse(badges.exists("b0"));
        assertEquals(Set.of("2"), members(nsKey("{game}:player") + ":idx:team:blue"));
        assertEquals(Map.of("gold", badge.id()), hash(nsKey("{game}:badge") + ":uni:code"));
        checkInvariants();
    }

    @Test
    void aUniqueViolationInAnyModelWritesNothingAnywhere() {
        players.save(new Player(null, "taken", "red", 1, 0));
        badges.save(new Badge("b1", "taken-code", null, "x"));
        SortedMap<String, String> before = snapshot();

        UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> store.transaction(tx -> {
            tx.save(players, new Player(null, "fresh", "green", 2, 0));
            tx.delete(players, 1L);
            tx.save(badges, new Badge("b2", "taken-code", 5L, "y"));
        }));
        assertEquals("badge", e.model());
        assertEquals("code", e.field());
        assertEquals("taken-code", e.value());
        assertEquals("b1", e.holderId());
        assertUnchanged(before);
    }

    @Test
    void twoObjectsOfOneTransactionClaimingOneValueWriteNothing() {
        SortedMap<String, String> before = snapshot();
        UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> store.transaction(tx -> {
            tx.save(badges, new Badge("a", "same", null, null));
            tx.save(players, new Player(null, "between", "red", 1, 0));
            tx.save(badges, new Badge("b", "same", null, null));
        }));
        assertEquals("badge", e.model());
        assertEquals("same", e.value());
        assertEquals("a", e.holderId(), "the first claimer holds it");
        assertUnchanged(before);
    }

    /** Two DAO instances of one model are one part of the transaction: their values meet. */
    @Test
    void twoDaosOfOneModelAreCheckedTogether() {
        BadgeDao other = new BadgeDao(store);
        assertThrows(UniqueViolationException.class, () -> store.transaction(tx -> {
            tx.save(badges, new Badge("a", "same", null, null));
            tx.save(other, new Badge("b", "same", null, null));
        }));
        assertEquals(0, badges.count());
        assertThrows(InvalidArgumentException.class, () -> store.transaction(tx -> {
            tx.save(badges, new Badge("a", "one", null, null));
            tx.delete(other, "a");
        }), "the same id twice, through two DAOs");
    }

    @Test
    void theFirstConflictInTheOrderOfTheWritesIsReported() {
        players.save(new Player(null, "p", "red", 1, 0));
        badges.save(new Badge("b1", "c", null, null));
        UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> store.transaction(tx -> {
            tx.save(badges, new Badge("b2", "c", null, null));
            tx.save(players, new Player(null, "p", "red", 1, 0));
        }));
        assertEquals("badge", e.model(), "badges were written to first");
    }

    @Test
    void aValueFreedByADeleteCanBeTakenInTheSameTransaction() {
        Player holder = players.save(new Player(null, "wanted", "red", 1, 0));
        badges.save(new Badge("old", "code-1", holder.id(), null));
        AtomicReference<Saved<Player>> taker = new AtomicReference<>();
        store.transaction(tx -> {
            tx.delete(players, holder.id());
            tx.delete(badges, "old");
            taker.set(tx.save(players, new Player(null, "wanted", "blue", 2, 0)));
            tx.save(badges, new Badge("new", "code-1", 2L, null));
        });
        assertEquals(Map.of("wanted", "2"), hash(nsKey("{game}:player") + ":uni:nick"));
        assertEquals(Map.of("code-1", "new"), hash(nsKey("{game}:badge") + ":uni:code"));
        assertEquals(2L, taker.get().get().id());
        checkInvariants();
    }

    @Test
    void storedObjectsExchangeUniqueValuesInATransaction() {
        Player a = players.save(new Player(null, "x", "red", 1, 0));
        Player b = players.save(new Player(null, "y", "red", 1, 0));
        store.transaction(tx -> {
            tx.save(players, a.withNick("y"));
            tx.save(players, b.withNick("x"));
        });
        assertEquals(Map.of("x", "2", "y", "1"), hash(nsKey("{game}:player") + ":uni:nick"));
        checkInvariants();
    }

    @Test
    void aStaleVersionAnywhereWritesNothing() {
        Player p = players.save(new Player(null, "p", "red", 1, 0));
        players.save(p.withLevel(2));
        SortedMap<String, String> before = snapshot();
        OptimisticLockException e = assertThrows(OptimisticLockException.class, () -> store.transaction(tx -> {
            tx.save(badges, new Badge("b", "c", p.id(), null));
            tx.save(players, p.withLevel(3));
        }));
        assertEquals("player", e.model());
        assertEquals(p.id(), e.id());
        assertEquals(1L, e.expectedVersion());
        assertEquals(2L, e.storedVersion());
        assertUnchanged(before);
    }

    @Test
    void partialUpdatesAndMissingObjectsInATransaction() {
        Player p = players.save(new Player(null, "p", "red", 1, 0));
        store.transaction(tx -> tx.update(players, new Player(p.id(), null, "blue", 0, 1), PlayerQuery.team));
        Player updated = players.get(p.id()).orElseThrow();
        assertEquals(new Player(p.id(), "p", "blue", 1, 2), updated, "only the team changed; the version advanced");

        SortedMap<String, String> before = snapshot();
        MissingObjectException e = assertThrows(MissingObjectException.class, () -> store.transaction(tx -> {
            tx.save(badges, new Badge("b", "c", null, null));
            tx.update(players, new Player(42L, null, "green", 0, 0), PlayerQuery.team);
        }));
        assertEquals("player", e.model());
        assertEquals(42L, e.id());
        assertUnchanged(before);
        checkInvariants();
    }

    /**
     * Models of different groups live in different hash slots: on a Redis Cluster, one script
     * cannot write both, and the transaction is refused before anything is sent. A single server
     * and Sentinel run it.
     */
    @Test
    void aTransactionAcrossGroupsCommitsOnOneServerAndIsRefusedOnACluster() {
        Runnable transaction = () -> store.transaction(tx -> {
            tx.save(players, new Player(null, "p", "red", 1, 0));
            tx.save(members, new Member(null, "m@x", "m", "DE", 1, "M"));
        });
        if (onACluster()) {
            SortedMap<String, String> before = snapshot();
            CrossSlotException e = assertThrows(CrossSlotException.class, transaction::run);
            assertTrue(e.getMessage().contains("transaction(player, member)"), e.getMessage());
            assertTrue(e.getMessage().contains("@Model(group)"), e.getMessage());
            assertUnchanged(before);
        } else {
            transaction.run();
            assertEquals(1, players.count());
            assertEquals(1, members.count());
        }
    }

    @Test
    void aTransactionIsOneRoundTrip() {
        players.save(new Player(null, "warm", "red", 1, 0)); // loads the single-model script
        Map<String, Long> before = commandCalls();
        store.transaction(tx -> {
            for (int i = 0; i < 20; i++) {
                tx.save(players, new Player(null, "n" + i, "t" + (i % 3), i, 0));
                tx.save(badges, new Badge("b" + i, "c" + i, (long) i, null));
            }
            tx.delete(players, 999L);
        });
        Map<String, Long> after = commandCalls();
        long scripts = after.getOrDefault("evalsha", 0L) - before.getOrDefault("evalsha", 0L)
                + after.getOrDefault("eval", 0L) - before.getOrDefault("eval", 0L);
        assertTrue(scripts == 1 || scripts == 2, "one EVALSHA, plus one EVAL the first time: " + scripts);
        assertEquals(21, players.count());
        assertEquals(20, badges.count());
        checkInvariants();
    }

    @Test
    void anExceptionInTheBlockSendsNothing() {
        Map<String, Long> before = commandCalls();
        SortedMap<String, String> keys = snapshot();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.transaction(tx -> {
            tx.save(players, new Player(null, "p", "red", 1, 0));
            throw new IllegalStateException("changed my mind");
        }));
        assertEquals("changed my mind", e.getMessage());
        assertUnchanged(keys);
        Map<String, Long> after = commandCalls();
        assertEquals(before.get("evalsha"), after.get("evalsha"));
        assertEquals(before.get("eval"), after.get("eval"));
    }

    @Test
    void tryWithResourcesCommitsOnlyWhenAsked() {
        try (Transaction tx = store.beginTransaction()) {
            tx.save(players, new Player(null, "discarded", "red", 1, 0));
        }
        assertEquals(0, players.count(), "closed without a commit");

        Saved<Player> saved;
        try (Transaction tx = store.beginTransaction()) {
            saved = tx.save(players, new Player(null, "kept", "red", 1, 0));
            assertThrows(IllegalStateException.class, saved::get, "nothing is known before the commit");
            tx.commit();
            assertThrows(IllegalStateException.class, tx::commit);
            assertThrows(IllegalStateException.class, () -> tx.delete(players, 1L), "the transaction is over");
        }
        assertEquals("kept", saved.get().nick());
        assertEquals(1, players.count());
    }

    @Test
    void aFailedTransactionLeavesItsHandlesEmpty() {
        badges.save(new Badge("x", "c", null, null));
        Transaction tx = store.beginTransaction();
        Saved<Badge> b = tx.save(badges, new Badge("y", "c", null, null));
        assertThrows(UniqueViolationException.class, tx::commit);
        assertThrows(IllegalStateException.class, b::get);
    }

    @Test
    void eachObjectOnceAndEveryDaoOfTheSameStore() {
        assertThrows(InvalidArgumentException.class, () -> store.transaction(tx -> {
            tx.save(badges, new Badge("a", "1", null, null));
            tx.save(badges, new Badge("a", "2", null, null));
        }));
        try (RedisStore other = RedisStore.connect(store.url().toString())) {
            BadgeDao elsewhere = new BadgeDao(other);
            assertThrows(InvalidArgumentException.class, () -> store.transaction(tx -> tx.save(elsewhere, new Badge("a", "1", null, null))));
        }
        assertEquals(0, badges.count());
    }

    @Test
    void anEmptyTransactionSendsNothing() {
        Map<String, Long> before = commandCalls();
        store.transaction(tx -> { });
        assertEquals(before.get("evalsha"), commandCalls().get("evalsha"));
    }

    @Test
    void deletingAMissingObjectIsNoError() {
        Player p = players.save(new Player(null, "p", "red", 1, 0));
        store.transaction(tx -> {
            tx.delete(players, 999L);
            tx.deleteAll(badges, List.of("none", "neither"));
            tx.save(players, p.withTeam("blue"));
        });
        assertEquals("blue", players.get(p.id()).orElseThrow().team());
        assertNull(players.get(999L).orElse(null));
        checkInvariants();
    }
}
