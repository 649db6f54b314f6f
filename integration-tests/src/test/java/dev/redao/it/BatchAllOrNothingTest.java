package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Color;
import dev.redao.it.model.Member;
import dev.redao.it.model.Ticket;
import dev.redao.it.model.TicketDao;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.PartialBatchException;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BatchMode#ALL_OR_NOTHING} for batches larger than one script: every unique value is
 * claimed before any object is written, so a unique conflict anywhere writes no object and leaves
 * Redis as it was but for the id counter.
 */
class BatchAllOrNothingTest extends BatchTestSupport {

    private Member stored(String email, String handle) {
        return dao.save(new Member(null, email, handle, "DE", 40, handle));
    }

    private void assertNothingWrittenButTheCounter(SortedMap<String, String> before, String counterBefore, int reserved) {
        assertEquals(before, snapshotWithoutCounter(), "Redis must be as before, the id counter aside");
        assertNoBatchLeftovers();
        long was = counterBefore == null ? 0 : Long.parseLong(counterBefore);
        long now = counter() == null ? 0 : Long.parseLong(counter());
        assertTrue(now >= was && now <= was + reserved, "the counter only moves forward, by the ids reserved: " + was + " -> " + now);
    }

    @Test
    void aConflictOfTheLastObjectWritesNothing() {
        Member ann = stored("ann@x", "ann");
        Member bob = stored("bob@x", "bob");
        SortedMap<String, String> before = snapshotWithoutCounter();
        Map<String, String> emails = hash(uni("email"));
        Map<String, String> handles = hash(uni("handle"));
        String counterBefore = counter();
        List<Member> input = freshMembers(1000);
        input.set(3, bob.withEmail("bob2@x").withCountry("NL")); // an update that moves to a free value
        input.set(999, input.get(999).withEmail("ann@x"));

        UniqueViolationException e = assertThrowsExactly(UniqueViolationException.class,
                () -> dao.saveAll(input, BatchMode.ALL_OR_NOTHING));

        assertViolation(e, "email", "ann@x", ann.id());
        assertNothingWrittenButTheCounter(before, counterBefore, 999);
        assertEquals(emails, hash(uni("email")));
        assertEquals(handles, hash(uni("handle")));
        assertEquals(2, dao.count());
        assertEquals(bob, dao.get(bob.id()).orElseThrow());
        assertStillWithoutIds(input.subList(4, 1000));
        checkInvariants();
        // and the values claimed on the way are free again
        assertEquals(1000, dao.saveAll(freshMembers(1000), BatchMode.ALL_OR_NOTHING).size());
        checkInvariants();
    }

    @Test
    void aRefusedBatchGivesBackTheValuesItsUpdatesExchangedOrGaveUp() {
        Member a = stored("x@x", "a");
        Member b = stored("y@x", "b");
        Member d = stored("z@x", "d");
        Member holder = stored("taken@x", "taken");
        SortedMap<String, String> before = snapshotWithoutCounter();
        Map<String, String> emails = hash(uni("email"));
        String counterBefore = counter();
        List<Member> input = freshMembers(1000);
        input.set(5, a.withEmail("y@x"));                       // chunk 1: A x -> y
        input.set(700, b.withEmail("x@x"));                     // chunk 3: B y -> x
        input.set(10, input.get(10).withEmail("z@x"));          // chunk 1: a new object takes z ...
        input.set(800, d.withEmail("w@x"));                     // chunk 4: ... which D gives up
        input.set(999, input.get(999).withHandle("taken"));     // chunk 4: refused

        UniqueViolationException e = assertThrowsExactly(UniqueViolationException.class,
                () -> dao.saveAll(input, BatchMode.ALL_OR_NOTHING));

        assertViolation(e, "handle", "taken", holder.id());
        assertEquals(emails, hash(uni("email")), "the unique entries of A, B and D must name them again");
        assertNothingWrittenButTheCounter(before, counterBefore, 997); // 1,000 less A, B and D
        checkInvariants();
    }

    @Test
    void twoObjectsInDifferentChunksClaimingOneValueWriteNothing() {
        stored("ann@x", "ann"); // id 1: the batch reserves ids 2..1001
        SortedMap<String, String> before = snapshotWithoutCounter();
        List<Member> input = freshMembers(1000);
        input.set(100, input.get(100).withHandle("twice"));
        input.set(900, input.get(900).withHandle("twice"));

        UniqueViolationException e = assertThrowsExactly(UniqueViolationException.class,
                () -> dao.saveAll(input, BatchMode.ALL_OR_NOTHING));

        // the holder is the object of the batch that claimed the value first: input 100, id 102
        assertViolation(e, "handle", "twice", 102L);
        assertNothingWrittenButTheCounter(before, "1", 1000);
        checkInvariants();
    }

    @Test
    void twoObjectsInOneChunkClaimingOneValueWriteNothing() {
        SortedMap<String, String> before = snapshotWithoutCounter();
        List<Member> input = freshMembers(1000);
        input.set(600, input.get(600).withEmail("twice@x"));
        input.set(610, input.get(610).withEmail("twice@x"));

        UniqueViolationException e = assertThrowsExactly(UniqueViolationException.class,
                () -> dao.saveAll(input, BatchMode.ALL_OR_NOTHING));

        assertViolation(e, "email", "twice@x", 601L);
        assertNothingWrittenButTheCounter(before, null, 1000);
    }

    @Test
    void newObjectsUpdatesAndExchangesAcrossChunksAreAllSaved() {
        Member a = stored("x@x", "a");          // 1
        Member b = stored("y@x", "b");          // 2
        Member d = stored("z@x", "d");          // 3
        Member g = stored("q@x", "g");          // 4
        List<Member> others = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            others.add(stored("s" + k + "@x", "s" + k)); // 5..10
        }
        List<Member> input = freshMembers(1000);
        input.set(5, a.withEmail("y@x"));                    // chunk 1: A x -> y
        input.set(700, b.withEmail("x@x"));                  // chunk 3: B y -> x
        input.set(10, input.get(10).withEmail("z@x"));       // chunk 1: new C takes z ...
        input.set(800, d.withEmail("w@x"));                  // chunk 4: ... which D gives up
        input.set(20, g.withEmail("q2@x"));                  // chunk 1: G gives q up ...
        input.set(950, input.get(950).withEmail("q@x"));     // chunk 4: ... and new F takes it
        for (int k = 0; k < 6; k++) {
            input.set(300 + k, others.get(k).withCountry("NL").withAge(99)); // chunk 2: plain updates
        }

        List<Member> saved = dao.saveAll(input, BatchMode.ALL_OR_NOTHING);

        assertEquals(1000, saved.size());
        Set<Long> updated = Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        long nextNew = 11;
        for (int i = 0; i < 1000; i++) {
            Member in = input.get(i);
            Member out = saved.get(i);
            if (in.id() != null) {
                assertEquals(in, out, "input " + i);
                assertTrue(updated.contains(in.id()));
            } else {
                assertEquals(in.withId(nextNew++), out, "new objects get the reserved ids in input order: input " + i);
            }
            assertEquals(out, dao.get(out.id()).orElseThrow(), "input " + i);
        }
        assertEquals(1001, nextNew);
        assertEquals(BatchTest.rangeClosed(1, 1000), liveIds());
        Map<String, String> emails = hash(uni("email"));
        assertEquals(b.id().toString(), emails.get("x@x"));
        assertEquals(a.id().toString(), emails.get("y@x"));
        assertEquals(saved.get(10).id().toString(), emails.get("z@x"));
        assertEquals(d.id().toString(), emails.get("w@x"));
        assertEquals(g.id().toString(), emails.get("q2@x"));
        assertEquals(saved.get(950).id().toString(), emails.get("q@x"));
        assertEquals(1000, emails.size());
        assertEquals(Set.of("5", "6", "7", "8", "9", "10"), members(memberBase() + ":idx:country:NL"));
        assertNoBatchLeftovers();
        checkInvariants();
    }

    @Test
    void aClassModelGetsItsNullIdsBackWhenTheBatchIsRefused() {
        TicketDao tickets = new TicketDao(store);
        Ticket holder = tickets.save(new Ticket("T-taken", Color.RED, 1, "holder"));
        List<Ticket> input = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            input.add(new Ticket("T" + i, Color.values()[i % 3], i, "t" + i));
        }
        input.get(100).id = 5000;
        input.get(299).code = "T-taken";
        SortedMap<String, String> before = snapshotWithoutCounter();

        UniqueViolationException e = assertThrowsExactly(UniqueViolationException.class,
                () -> tickets.saveAll(input, BatchMode.ALL_OR_NOTHING));

        assertEquals("code", e.field());
        assertEquals(holder.id, e.holderId());
        for (int i = 0; i < 300; i++) {
            if (i == 100) {
                assertEquals(5000, input.get(i).id, "an id the caller gave stays");
            } else {
                assertNull(input.get(i).id, "ticket " + i + " gets its null id back");
            }
        }
        assertEquals(before, snapshotWithoutCounter());

        // the same objects, once the conflict is gone: ids set in place, on the very objects given
        input.get(299).code = "T299";
        List<Ticket> saved = tickets.saveAll(input, BatchMode.ALL_OR_NOTHING);
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            assertSame(input.get(i), saved.get(i));
            assertNotNull(input.get(i).id);
            assertTrue(ids.add(input.get(i).id), "distinct ids");
            assertEquals("T" + i, tickets.get(input.get(i).id).orElseThrow().code);
        }
        assertEquals(5000, input.get(100).id);
        assertEquals(301, tickets.count());
        RedaoAssertions.assertConsistent(tickets);
        assertEquals(Set.of(), keysUnder(base("ticket") + ":claim:", base("ticket") + ":tmp:"));
    }

    private Set<String> keysUnder(String... prefixes) {
        Set<String> out = new HashSet<>();
        for (String key : keys()) {
            for (String p : prefixes) {
                if (key.startsWith(p)) {
                    out.add(key);
                }
            }
        }
        return out;
    }

    /** A corrupt key met by the third claim script: the claims of the first two are given up, nothing is written. */
    @Test
    void aCorruptKeyMetWhileClaimingGivesUpTheEarlierClaims() {
        List<Member> input = freshMembers(1000);
        for (int i = 500; i < 1000; i++) {
            input.set(i, input.get(i).withCountry("ZZ"));
        }
        raw(jedis -> jedis.set(memberBase() + ":idx:country:ZZ", "not a set"));

        assertThrows(CorruptDataException.class, () -> dao.saveAll(input, BatchMode.ALL_OR_NOTHING));

        assertEquals(Set.of(), liveIds());
        assertEquals(Map.of(), hash(uni("email")), "the claims of the first two scripts are given up");
        assertEquals(Map.of(), hash(uni("handle")));
        assertNoBatchLeftovers();
        raw(jedis -> jedis.del(memberBase() + ":idx:country:ZZ"));
        checkInvariants();
    }

    /**
     * The claim scripts check the keys the saves will write, so a key of the wrong type stops the
     * batch before any object is written: two objects exchanging values across chunks can never be
     * left half done by it.
     */
    @Test
    void aCorruptKeyIsFoundWhileClaimingSoNothingIsWritten() {
        Member a = stored("x@x", "a");
        Member b = stored("y@x", "b");
        List<Member> input = freshMembers(1000);
        input.set(5, a.withEmail("y@x"));                          // chunk 1
        input.set(700, b.withEmail("x@x").withCountry("ZZ"));      // chunk 3, whose index key is corrupt
        raw(jedis -> jedis.set(memberBase() + ":idx:country:ZZ", "not a set"));
        SortedMap<String, String> before = snapshotWithoutCounter();

        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> dao.saveAll(input, BatchMode.ALL_OR_NOTHING));

        assertTrue(e.getMessage().contains(":idx:country:ZZ"), e.getMessage());
        assertEquals(before, snapshotWithoutCounter(), "nothing but the id counter changed");
        assertNoBatchLeftovers();
        raw(jedis -> jedis.del(memberBase() + ":idx:country:ZZ"));
        checkInvariants(); // no email held by two objects
    }

    @Test
    void aBatchThatFitsOneScriptIsOneScript() {
        warmUpScripts();
        List<Member> saved = new ArrayList<>();
        Map<String, Long> commands = commandsDuring(() -> saved.addAll(dao.saveAll(freshMembers(250), BatchMode.ALL_OR_NOTHING)));
        assertEquals(Map.of("evalsha", 1L), onlyClientCommands(commands));
        assertEquals(250, saved.size());
        assertNoBatchLeftovers();
        checkInvariants();
    }

    @Test
    void aLargeBatchRunsBoundedScriptsAndReservesItsIdsAtOnce() {
        warmUpScripts();
        dao.saveAll(freshMembers(251), BatchMode.ALL_OR_NOTHING); // loads the batch step scripts
        deleteNamespace(store, ns);
        Map<String, Long> commands = commandsDuring(() -> dao.saveAll(freshMembers(1000), BatchMode.ALL_OR_NOTHING));
        // register, claim and save: three scripts per chunk of 250; finish: one per 1,000 claims
        // (2,000 here: two unique fields); one INCRBY for the ids
        assertEquals(Map.of("evalsha", 14L, "incrby", 1L), onlyClientCommands(commands));
        assertEquals("1000", counter());
        checkInvariants();
    }

    /** Commands that scripts do not send (EVALSHA, EVAL) plus INCRBY, which the client sends for ids. */
    private static Map<String, Long> onlyClientCommands(Map<String, Long> commands) {
        Map<String, Long> out = new TreeMap<>();
        for (String cmd : List.of("evalsha", "eval", "incrby")) {
            if (commands.containsKey(cmd)) {
                out.put(cmd, commands.get(cmd));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 299})
    void anExplicitNewIdInTheReservedRangeDoesNotTakeAnotherObjectsPlace(int explicitAt) {
        // the batch reserves ids 1..299 for its 299 new objects; the one with the reserved id 5 is in
        // the first chunk, like input 0, but not like input 299
        List<Member> input = freshMembers(300);
        input.set(explicitAt, input.get(explicitAt).withId(5L));

        List<Member> saved = dao.saveAll(input, BatchMode.ALL_OR_NOTHING);

        Set<Long> ids = new HashSet<>();
        for (Member m : saved) {
            assertTrue(ids.add(m.id()), "id " + m.id() + " given to two objects of one batch");
        }
        assertEquals(300, dao.count());
        checkInvariants();
    }

    @ParameterizedTest
    @EnumSource(BatchMode.class)
    void oneIdTwiceInALargeBatchIsRefusedBeforeAnythingIsSent(BatchMode mode) {
        SortedMap<String, String> before = snapshot();
        List<Member> input = freshMembers(1000);
        input.set(10, input.get(10).withId(5000L));
        input.set(600, input.get(600).withId(5000L));

        assertThrows(InvalidArgumentException.class, () -> dao.saveAll(input, mode));

        assertUnchanged(before);
    }
}
