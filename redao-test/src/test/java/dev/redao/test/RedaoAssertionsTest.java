package dev.redao.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedisStore;
import dev.redao.test.model.Login;
import dev.redao.test.model.LoginDao;
import dev.redao.test.model.Member;
import dev.redao.test.model.MemberDao;
import dev.redao.test.model.Nick;
import dev.redao.test.model.NickDao;
import dev.redao.test.model.Reading;
import dev.redao.test.model.ReadingDao;
import dev.redao.test.model.Task;
import dev.redao.test.model.TaskDao;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import redis.clients.jedis.UnifiedJedis;

/**
 * The checker can fail: each test plants one corruption with raw commands into what the DAOs
 * wrote, and expects the report to have it, naming model, key, id and value. Without these, a
 * checker that never fails would make every test that relies on it pass vacuously. The key names
 * expected are the documented ones ({@link Keys}), not the runtime's.
 */
@RedaoTest
class RedaoAssertionsTest {
    private RedisStore store;
    private TestNamespace ns;
    private MemberDao members;
    private TaskDao tasks;
    private String m; // base of model member
    private String t; // base of model qtask
    private long t5;  // task with score 5 and a due date
    private long tNone; // task without score, due or owner

    @BeforeEach
    void someObjects(RedisStore store, TestNamespace ns) {
        this.store = store;
        this.ns = ns;
        members = new MemberDao(store);
        members.saveAll(List.of(
                new Member(1L, "ann@x", "ann", "DE", 31, "Ann"),
                new Member(2L, "bob@x", "bob", "FR", 42, "Bob"),
                new Member(3L, null, "cy", "DE", 25, "Cy"),
                new Member(4L, "dee@x", null, null, 50, "Dee")));
        tasks = new TaskDao(store);
        Task five = new Task(null, 5, "ann", "five");
        five.setDue(Instant.parse("2024-05-01T10:00:00.250Z"));
        t5 = tasks.save(five).getId();
        tNone = tasks.save(new Task(null, null, null, "none")).getId();
        tasks.save(new Task(null, 9, "bob", "nine"));
        m = Keys.base(ns, "member");
        t = Keys.base(ns, "qtask");
    }

    private <R> R raw(Function<UnifiedJedis, R> work) {
        return store.execute(work);
    }

    /** Asserts that checking these models fails, and that the message has this exact line. */
    private static void expectProblem(String line, ModelDao<?, ?>... daos) {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> RedaoAssertions.assertConsistent(daos));
        assertTrue(e.getMessage().lines().anyMatch(l -> l.strip().equals(line)),
                "expected the line\n  " + line + "\nin\n" + e.getMessage());
    }

    @Test
    void aCleanStatePasses() {
        // after updates that move values between objects and indexes, and a delete
        members.saveAll(List.of(
                new Member(1L, "bob@x", "ann", "FR", 32, "Ann"),
                new Member(2L, "ann@x", null, "FR", 42, "Bob")));
        members.save(new Member(3L, "cy@x", "cy", null, 26, "Cy"));
        members.delete(4L);
        members.save(new Member(null, "eve@x", "eve", "IT", 20, "Eve"));
        Task none = tasks.get(tNone).orElseThrow();
        none.setScore(-3);
        tasks.save(none);
        tasks.delete(t5);

        ConsistencyReport report = RedaoAssertions.check(members, tasks);
        assertEquals(List.of(), report.problems());
        assertTrue(report.isConsistent());
        assertEquals(List.of("member", "qtask"), report.models());
        assertEquals("the key layout of member, qtask is consistent", report.toString());
        RedaoAssertions.assertConsistent(members, tasks);
    }

    @Test
    void theFailureListsEveryProblemWithItsKeyAndTheReportHasThem() {
        raw(j -> j.hdel(m + ":uni:email", "bob@x"));
        raw(j -> j.zadd(t + ":idx:score", 6, Long.toString(t5)));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> RedaoAssertions.assertConsistent(members, tasks));
        assertEquals("3 problems in the key layout of member, qtask:\n"
                + "  member: live object's email has no unique entry [key " + m + ":uni:email, id 2, value \"bob@x\"]\n"
                + "  member: unique hash has 2 entries for 3 distinct values held [key " + m + ":uni:email, id -, value -]\n"
                + "  qtask: sorted index scores the object 6.0, expected 5.0 [key " + t + ":idx:score, id " + t5 + ", value \"5\"]",
                e.getMessage());

        ConsistencyReport report = RedaoAssertions.check(members, tasks);
        assertFalse(report.isConsistent());
        assertEquals(new ConsistencyReport.Problem("member", m + ":uni:email", "2", "bob@x", "live object's email has no unique entry"),
                report.problems().get(0));
        assertEquals(e.getMessage(), report.toString());
    }

    @Test
    void severalModelsInOneCallReportTheBrokenOne() {
        raw(j -> j.zadd(t + ":idx:score", 6, Long.toString(t5)));
        RedaoAssertions.assertConsistent(members);
        expectProblem("qtask: sorted index scores the object 6.0, expected 5.0 [key " + t + ":idx:score, id " + t5
                + ", value \"5\"]", members, tasks);
    }

    @Test
    void noDaoOrANullOneIsRefused() {
        assertThrows(InvalidArgumentException.class, RedaoAssertions::check);
        assertThrows(InvalidArgumentException.class, () -> RedaoAssertions.assertConsistent(members, null));
    }

    // ---- 1. objects and the id set

    @Test
    void hashWhoseIdFieldDiffersFromItsKey() {
        raw(j -> j.hset(m + ":obj:2", "id", "7"));
        expectProblem("member: object hash's id field differs from its key's id [key " + m + ":obj:2, id 2, value \"7\"]", members);
    }

    @Test
    void orphanHash() {
        raw(j -> j.hset(m + ":obj:99", "id", "99"));
        expectProblem("member: object hash whose id is not in the id set " + m + ":id [key " + m + ":obj:99, id 99, value -]", members);
    }

    @Test
    void liveIdWithoutHash() {
        raw(j -> j.sadd(m + ":id", "77"));
        expectProblem("member: live id without an object hash " + m + ":obj:77 [key " + m + ":id, id 77, value -]", members);
    }

    @Test
    void anObjectThatDoesNotReadBack() {
        raw(j -> j.hset(m + ":obj:2", "age", "forty-two"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> RedaoAssertions.assertConsistent(members));
        assertTrue(e.getMessage().contains("member: object does not read back as a member: "), e.getMessage());
        assertTrue(e.getMessage().contains("forty-two"), e.getMessage());
        assertTrue(e.getMessage().contains("[key " + m + ":obj:2, id 2, value -]"), e.getMessage());
    }

    // ---- 2. unique hashes

    @Test
    void staleUniqueEntry() {
        raw(j -> j.hset(m + ":uni:email", "old@x", "1"));
        expectProblem("member: unique entry names an object whose email is \"ann@x\" [key " + m + ":uni:email, id 1, value \"old@x\"]",
                members);
        expectProblem("member: unique hash has 4 entries for 3 distinct values held [key " + m + ":uni:email, id -, value -]", members);
    }

    @Test
    void uniqueEntryNamingADeadId() {
        raw(j -> j.hset(m + ":uni:handle", "ghost", "99"));
        expectProblem("member: unique entry names an id that is not a live object [key " + m + ":uni:handle, id 99, value \"ghost\"]",
                members);
    }

    @Test
    void missingUniqueEntry() {
        raw(j -> j.hdel(m + ":uni:email", "bob@x"));
        expectProblem("member: live object's email has no unique entry [key " + m + ":uni:email, id 2, value \"bob@x\"]", members);
    }

    @Test
    void uniqueValueHeldTwice() {
        raw(j -> j.hset(m + ":obj:4", "handle", "ann"));
        expectProblem("member: unique handle held by several live objects [key " + m + ":uni:handle, id 1,4, value \"ann\"]", members);
        expectProblem("member: live object's handle has its unique entry naming id 1 [key " + m + ":uni:handle, id 4, value \"ann\"]",
                members);
    }

    // ---- 3. set indexes

    @Test
    void missingIndexEntry() {
        raw(j -> j.srem(m + ":idx:country:DE", "3"));
        expectProblem("member: live object is missing from the index set of its country [key " + m + ":idx:country:DE, id 3, value \"DE\"]",
                members);
    }

    @Test
    void extraIndexMemberInAnotherValuesSet() {
        raw(j -> j.sadd(m + ":idx:country:FR", "1"));
        expectProblem("member: index set holds an object whose country is \"DE\" [key " + m + ":idx:country:FR, id 1, value \"FR\"]",
                members);
    }

    @Test
    void indexSetNamingADeadId() {
        raw(j -> j.sadd(m + ":idx:country:DE", "99"));
        expectProblem("member: index set names an id that is not a live object [key " + m + ":idx:country:DE, id 99, value \"DE\"]",
                members);
    }

    // ---- 4. sorted indexes

    @Test
    void wrongScore() {
        raw(j -> j.zadd(m + ":idx:age", 32, "1"));
        expectProblem("member: sorted index scores the object 32.0, expected 31.0 [key " + m + ":idx:age, id 1, value \"31\"]", members);
    }

    @Test
    void missingSortedIndexMember() {
        raw(j -> j.zrem(m + ":idx:age", "2"));
        expectProblem("member: live object with a age is missing from the sorted index [key " + m + ":idx:age, id 2, value \"42\"]",
                members);
    }

    @Test
    void sortedIndexMemberWithoutValue() {
        raw(j -> j.zadd(t + ":idx:score", 1, Long.toString(tNone)));
        expectProblem("qtask: sorted index holds an object whose score is absent (score 1.0) [key " + t + ":idx:score, id "
                + tNone + ", value -]", tasks);
    }

    @Test
    void theScoreOfAnInstantIsTheOneASaveGivesIt() {
        // the unchanged state passes: the Instant's score is epoch millis with the fraction
        RedaoAssertions.assertConsistent(tasks);
        raw(j -> j.zadd(t + ":idx:due", 1714557600000.0, Long.toString(t5)));
        expectProblem("qtask: sorted index scores the object 1.7145576E12, expected 1.71455760025E12 [key " + t
                + ":idx:due, id " + t5 + ", value \"2024-05-01T10:00:00.250Z\"]", tasks);
    }

    @Test
    void theScoresOfAFloatAndADateAreTheOnesASaveGivesThem() {
        // a float scores as the float widened (0.1f is 0.10000000149011612), a date as its epoch day;
        // the model of a group keeps its keys under the group's tag
        ReadingDao readings = new ReadingDao(store);
        Reading r = readings.save(new Reading(null, 0.1f, LocalDate.of(2024, 5, 1), List.of("calm")));
        RedaoAssertions.assertConsistent(readings);
        String base = Keys.base(ns, "lab", "reading");
        raw(j -> j.zadd(base + ":idx:value", 0.1, r.id().toString()));
        raw(j -> j.zadd(base + ":idx:day", 1, r.id().toString()));
        expectProblem("reading: sorted index scores the object 0.1, expected 0.10000000149011612 [key " + base
                + ":idx:value, id " + r.id() + ", value \"0.1\"]", readings);
        expectProblem("reading: sorted index scores the object 1.0, expected 19844.0 [key " + base
                + ":idx:day, id " + r.id() + ", value \"2024-05-01\"]", readings);
    }

    // ---- 5. lexicographic indexes

    @Test
    void missingLexMember() {
        raw(j -> j.zrem(m + ":lex:country", "DE\0" + "1"));
        expectProblem("member: live object's lex member is missing [key " + m + ":lex:country, id 1, value \"DE\"]", members);
    }

    @Test
    void extraLexMember() {
        raw(j -> j.zadd(m + ":lex:country", 0, "IT\0" + "2"));
        expectProblem("member: lex member matches no live object's country [key " + m + ":lex:country, id 2, value \"IT\"]", members);
    }

    @Test
    void lexMemberWithNonZeroScore() {
        raw(j -> j.zadd(m + ":lex:country", 1, "DE\0" + "1"));
        expectProblem("member: lex member has score 1.0, not 0 [key " + m + ":lex:country, id 1, value \"DE\"]", members);
    }

    // ---- 6. the id set of an ordered model

    @Test
    void orderedIdSetWithWrongScore() {
        raw(j -> j.zadd(t + ":id", 1, Long.toString(t5)));
        expectProblem("qtask: id set (ordered by score) scores the object 1.0, expected 5.0 [key " + t + ":id, id " + t5
                + ", value \"5\"]", tasks);
    }

    @Test
    void orderedIdSetScoresAMissingValueAtTheWrongEnd() {
        // descending: an object without a score sorts last, at -inf
        raw(j -> j.zadd(t + ":id", Double.POSITIVE_INFINITY, Long.toString(tNone)));
        expectProblem("qtask: id set scores an object without score Infinity, expected -Infinity [key " + t + ":id, id "
                + tNone + ", value -]", tasks);
    }

    // ---- 7. no other keys, the right types, no time to live but on temporary keys

    @Test
    void temporaryKeyWithoutATimeToLive() {
        raw(j -> j.hset(m + ":tmp:abc:email", "5", "e@x"));
        expectProblem("member: temporary key without a time to live (type hash) [key " + m + ":tmp:abc:email, id -, value -]", members);
        // as an all-or-nothing batch leaves it: it expires at the batch's deadline
        raw(j -> j.pexpire(m + ":tmp:abc:email", 60_000));
        RedaoAssertions.assertConsistent(members);
    }

    @Test
    void batchClaimWithoutATimeToLive() {
        raw(j -> j.set(m + ":claim:email:new@x", "5"));
        expectProblem("member: batch claim without a time to live [key " + m + ":claim:email:new@x, id 5, value -]", members);
        raw(j -> j.pexpire(m + ":claim:email:new@x", 60_000));
        RedaoAssertions.assertConsistent(members);
    }

    @Test
    void aModelKeyWithATimeToLive() {
        raw(j -> j.pexpire(m + ":obj:1", 600_000));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> RedaoAssertions.assertConsistent(members));
        assertTrue(e.getMessage().lines().anyMatch(l -> l.strip().startsWith("member: has a time to live (")
                && l.endsWith("ms): Redao's keys never expire, and this one would vanish without the keys that go with it [key "
                        + m + ":obj:1, id -, value -]")), e.getMessage());
    }

    @Test
    void keyOfNoKindTheModelHas() {
        raw(j -> j.sadd(m + ":idx:name:Ann", "1")); // name has no index
        expectProblem("member: key of no kind model member has (type set) [key " + m + ":idx:name:Ann, id -, value -]", members);
    }

    @Test
    void keyOfTheWrongType() {
        raw(j -> {
            j.del(m + ":uni:email");
            return j.set(m + ":uni:email", "x");
        });
        expectProblem("member: holds a string where a hash belongs [key " + m + ":uni:email, id -, value -]", members);
    }

    // ---- partitioned models

    @Test
    void aPartitionedModelIsCheckedAcrossItsPartitions() {
        LoginDao logins = new LoginDao(store);
        Login a = logins.save(new Login(8L, "a@x", "a", "DE")); // partition 0
        logins.save(new Login(9L, "b@x", "b", "FR")); // partition 1
        RedaoAssertions.assertConsistent(logins);
        int aPartition = Keys.partitionOf("a@x", 4);

        // a value's entry in another partition than its value's
        String wrong = Keys.partition(ns, "login", (aPartition + 1) % 4, 4) + ":uni:email";
        raw(j -> j.hset(wrong, "a@x", "8"));
        expectProblem("login: unique entry in partition " + (aPartition + 1) % 4 + ", not in its value's " + aPartition
                + " [key " + wrong + ", id 8, value \"a@x\"]", logins);
        raw(j -> j.hdel(wrong, "a@x"));

        // an object in another partition than its id's, holding a value another object has
        String p2 = Keys.partition(ns, "login", 2, 4);
        raw(j -> j.hset(p2 + ":obj:9", Map.of("id", "9", "email", "a@x", "nick", "c")));
        expectProblem("login: object in partition 2, not in its id's 1 [key " + p2 + ":obj:9, id 9, value -]", logins);
        raw(j -> j.sadd(p2 + ":id", "10"));
        raw(j -> j.hset(p2 + ":obj:10", Map.of("id", "10", "email", "a@x", "nick", "c")));
        expectProblem("login: unique email held by several live objects [key " + Keys.partition(ns, "login", aPartition, 4)
                + ":uni:email, id 10,8, value \"a@x\"]", logins);
        raw(j -> j.del(p2 + ":obj:9", p2 + ":obj:10", p2 + ":id"));
        RedaoAssertions.assertConsistent(logins);

        // a claim that a write left
        String claim = Keys.partition(ns, "login", Keys.partitionOf("z@x", 4), 4) + ":claim:email:z@x";
        raw(j -> j.set(claim, "8 1"));
        expectProblem("login: claim left (by a write that stopped part-way, or is still running) [key " + claim
                + ", id -, value \"8 1\"]", logins);
        raw(j -> j.del(claim));
        assertEquals(a, logins.getByEmail("a@x").orElseThrow());
        RedaoAssertions.assertConsistent(logins);
    }

    @Test
    void aStringIdIsInThePartitionOfItsTextEvenWhenItLooksLikeANumber() {
        NickDao nicks = new NickDao(store);
        nicks.save(new Nick("42", "answer"));
        nicks.save(new Nick("ann", "ann"));
        RedaoAssertions.assertConsistent(nicks);

        int right = Keys.partitionOf("42", 3);
        int wrong = (right + 1) % 3;
        String base = Keys.partition(ns, "nick", wrong, 3);
        raw(j -> j.sadd(base + ":id", "42"));
        raw(j -> j.hset(base + ":obj:42", Map.of("id", "42", "name", "other")));
        expectProblem("nick: object in partition " + wrong + ", not in its id's " + right + " [key " + base + ":obj:42, id 42, value -]",
                nicks);
    }
}
