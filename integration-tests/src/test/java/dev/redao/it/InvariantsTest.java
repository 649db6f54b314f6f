package dev.redao.it;

import static dev.redao.it.Invariants.LOGIN;
import static dev.redao.it.Invariants.MEMBER;
import static dev.redao.it.Invariants.TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Login;
import dev.redao.it.model.LoginDao;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.partition.PartitionTags;
import dev.redao.it.query.Task;
import dev.redao.it.query.TaskDao;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The checker can fail: each test plants one corruption with raw commands into what the DAOs
 * wrote, and expects check() to report it naming model, key, id and value. Without these, a
 * checker that never fails would make every test that relies on it pass vacuously.
 */
class InvariantsTest extends RedisTestSupport {
    private String m; // base of model member
    private String t; // base of model qtask
    private long t5;  // task with score 5 and a due date
    private long tNone; // task without score, due or owner

    @BeforeEach
    void someObjects() {
        new MemberDao(store).saveAll(List.of(
                new Member(1L, "ann@x", "ann", "DE", 31, "Ann"),
                new Member(2L, "bob@x", "bob", "FR", 42, "Bob"),
                new Member(3L, null, "cy", "DE", 25, "Cy"),
                new Member(4L, "dee@x", null, null, 50, "Dee")));
        TaskDao tasks = new TaskDao(store);
        Task five = new Task(null, 5, "ann", "five");
        five.setDue(Instant.parse("2024-05-01T10:00:00.250Z"));
        t5 = tasks.save(five).getId();
        tNone = tasks.save(new Task(null, null, null, "none")).getId();
        tasks.save(new Task(null, 9, "bob", "nine"));
        m = base("member");
        t = base("qtask");
    }

    /** Asserts that checking these models fails, and that the report has this exact line. */
    private void expectProblem(String line, Invariants.Model... models) {
        AssertionError e = assertThrows(AssertionError.class, () -> Invariants.of(store, ns).check(models));
        assertTrue(e.getMessage().lines().anyMatch(l -> l.strip().equals(line)),
                "expected the line\n  " + line + "\nin\n" + e.getMessage());
    }

    @Test
    void aCleanStatePasses() {
        // after updates that move values between objects and indexes, and a delete
        MemberDao members = new MemberDao(store);
        members.saveAll(List.of(
                new Member(1L, "bob@x", "ann", "FR", 32, "Ann"),
                new Member(2L, "ann@x", null, "FR", 42, "Bob")));
        members.save(new Member(3L, "cy@x", "cy", null, 26, "Cy"));
        members.delete(4L);
        members.save(new Member(null, "eve@x", "eve", "IT", 20, "Eve"));
        TaskDao tasks = new TaskDao(store);
        Task none = tasks.get(tNone).orElseThrow();
        none.setScore(-3);
        tasks.save(none);
        tasks.delete(t5);

        assertEquals(List.of(), Invariants.of(store, ns).problems(MEMBER, TASK));
        Invariants.of(store, ns).check(MEMBER, TASK);
    }

    @Test
    void severalModelsInOneCallReportTheBrokenOne() {
        raw(j -> j.zadd(t + ":idx:score", 6, Long.toString(t5)));
        Invariants.of(store, ns).check(MEMBER);
        expectProblem("qtask: sorted index scores the object 6.0, expected 5.0 [key " + t + ":idx:score, id " + t5
                + ", value \"5\"]", MEMBER, TASK);
    }

    // ---- 1. objects and the id set

    @Test
    void hashWhoseIdFieldDiffersFromItsKey() {
        raw(j -> j.hset(m + ":obj:2", "id", "7"));
        expectProblem("member: object hash's id field differs from its key's id [key " + m + ":obj:2, id 2, value \"7\"]",
                MEMBER);
    }

    @Test
    void orphanHash() {
        raw(j -> j.hset(m + ":obj:99", "id", "99"));
        expectProblem("member: object hash whose id is not in the id set " + m + ":id [key " + m + ":obj:99, id 99, value -]",
                MEMBER);
    }

    @Test
    void liveIdWithoutHash() {
        raw(j -> j.sadd(m + ":id", "77"));
        expectProblem("member: live id without an object hash " + m + ":obj:77 [key " + m + ":id, id 77, value -]", MEMBER);
    }

    // ---- 2. unique hashes

    @Test
    void staleUniqueEntry() {
        raw(j -> j.hset(m + ":uni:email", "old@x", "1"));
        expectProblem("member: unique entry names an object whose email is \"ann@x\" [key " + m + ":uni:email, id 1, value \"old@x\"]",
                MEMBER);
        expectProblem("member: unique hash has 4 entries for 3 distinct values held [key " + m + ":uni:email, id -, value -]",
                MEMBER);
    }

    @Test
    void uniqueEntryNamingADeadId() {
        raw(j -> j.hset(m + ":uni:handle", "ghost", "99"));
        expectProblem("member: unique entry names an id that is not a live object [key " + m + ":uni:handle, id 99, value \"ghost\"]",
                MEMBER);
    }

    @Test
    void missingUniqueEntry() {
        raw(j -> j.hdel(m + ":uni:email", "bob@x"));
        expectProblem("member: live object's email has no unique entry [key " + m + ":uni:email, id 2, value \"bob@x\"]",
                MEMBER);
    }

    @Test
    void uniqueValueHeldTwice() {
        raw(j -> j.hset(m + ":obj:4", "handle", "ann"));
        expectProblem("member: unique handle held by several live objects [key " + m + ":uni:handle, id 1,4, value \"ann\"]",
                MEMBER);
        expectProblem("member: live object's handle has its unique entry naming id 1 [key " + m + ":uni:handle, id 4, value \"ann\"]",
                MEMBER);
    }

    // ---- 3. set indexes

    @Test
    void missingIndexEntry() {
        raw(j -> j.srem(m + ":idx:country:DE", "3"));
        expectProblem("member: live object is missing from the index set of its country [key " + m + ":idx:country:DE, id 3, value \"DE\"]",
                MEMBER);
    }

    @Test
    void extraIndexMemberInAnotherValuesSet() {
        raw(j -> j.sadd(m + ":idx:country:FR", "1"));
        expectProblem("member: index set holds an object whose country is \"DE\" [key " + m + ":idx:country:FR, id 1, value \"FR\"]",
                MEMBER);
    }

    @Test
    void indexSetNamingADeadId() {
        raw(j -> j.sadd(m + ":idx:country:DE", "99"));
        expectProblem("member: index set names an id that is not a live object [key " + m + ":idx:country:DE, id 99, value \"DE\"]",
                MEMBER);
    }

    // ---- 4. sorted indexes

    @Test
    void wrongScore() {
        raw(j -> j.zadd(m + ":idx:age", 32, "1"));
        expectProblem("member: sorted index scores the object 32.0, expected 31.0 [key " + m + ":idx:age, id 1, value \"31\"]",
                MEMBER);
    }

    @Test
    void missingSortedIndexMember() {
        raw(j -> j.zrem(m + ":idx:age", "2"));
        expectProblem("member: live object with a age is missing from the sorted index [key " + m + ":idx:age, id 2, value \"42\"]",
                MEMBER);
    }

    @Test
    void sortedIndexMemberWithoutValue() {
        raw(j -> j.zadd(t + ":idx:score", 1, Long.toString(tNone)));
        expectProblem("qtask: sorted index holds an object whose score is absent (score 1.0) [key " + t + ":idx:score, id "
                + tNone + ", value -]", TASK);
    }

    @Test
    void wrongScoreOfAnInstantComputedByItsFunction() {
        // the unchanged state passes: the Instant's score is epoch millis with the fraction
        Invariants.of(store, ns).check(TASK);
        raw(j -> j.zadd(t + ":idx:due", 1714557600000.0, Long.toString(t5)));
        expectProblem("qtask: sorted index scores the object 1.7145576E12, expected 1.71455760025E12 [key " + t
                + ":idx:due, id " + t5 + ", value \"2024-05-01T10:00:00.250Z\"]", TASK);
    }

    // ---- 5. lexicographic indexes

    @Test
    void missingLexMember() {
        raw(j -> j.zrem(m + ":lex:country", "DE\0" + "1"));
        expectProblem("member: live object's lex member is missing [key " + m + ":lex:country, id 1, value \"DE\"]", MEMBER);
    }

    @Test
    void extraLexMember() {
        raw(j -> j.zadd(m + ":lex:country", 0, "IT\0" + "2"));
        expectProblem("member: lex member matches no live object's country [key " + m + ":lex:country, id 2, value \"IT\"]",
                MEMBER);
    }

    @Test
    void lexMemberWithNonZeroScore() {
        raw(j -> j.zadd(m + ":lex:country", 1, "DE\0" + "1"));
        expectProblem("member: lex member has score 1.0, not 0 [key " + m + ":lex:country, id 1, value \"DE\"]", MEMBER);
    }

    // ---- 6. the id set of an ordered model

    @Test
    void orderedIdSetWithWrongScore() {
        raw(j -> j.zadd(t + ":id", 1, Long.toString(t5)));
        expectProblem("qtask: id set (ordered by score) scores the object 1.0, expected 5.0 [key " + t + ":id, id " + t5
                + ", value \"5\"]", TASK);
    }

    @Test
    void orderedIdSetScoresAMissingValueAtTheWrongEnd() {
        // descending: an object without a score sorts last, at -inf
        raw(j -> j.zadd(t + ":id", Double.POSITIVE_INFINITY, Long.toString(tNone)));
        expectProblem("qtask: id set scores an object without score Infinity, expected -Infinity [key " + t + ":id, id "
                + tNone + ", value -]", TASK);
    }

    // ---- 7. no other keys

    @Test
    void leftoverTemporaryKey() {
        raw(j -> j.sadd(m + ":tmp:abc:1", "1"));
        expectProblem("member: temporary query key left behind (type set) [key " + m + ":tmp:abc:1, id -, value -]", MEMBER);
    }

    @Test
    void keyOfNoKindTheModelHas() {
        raw(j -> j.sadd(m + ":idx:name:Ann", "1")); // name has no index
        expectProblem("member: key of no kind " + MEMBER + " has (type set) [key " + m + ":idx:name:Ann, id -, value -]",
                MEMBER);
    }

    @Test
    void aSpecThatForgetsAnIndexFailsOnItsKeys() {
        Invariants.Model withoutLex = Invariants.model("member")
                .unique("email", "handle").sets("country").sorted("age");
        expectProblem("member: key of no kind " + withoutLex + " has (type zset) [key " + m + ":lex:country, id -, value -]",
                withoutLex);
    }

    @Test
    void keyOfTheWrongType() {
        raw(j -> {
            j.del(m + ":uni:email");
            return j.set(m + ":uni:email", "x");
        });
        expectProblem("member: holds a string where a hash belongs [key " + m + ":uni:email, id -, value -]", MEMBER);
    }

    // ---- a partitioned model

    /** The base key of partition p of Login (4 partitions). */
    private String loginPartition(int p) {
        return PartitionTags.base(ns, "login", p, 4);
    }

    /** The unique hash of Login's field that holds the entry of value: in the value's partition. */
    private String loginUni(String field, String value) {
        return loginPartition(JedisClusterCRC16.getCRC16(value) % 4) + ":uni:" + field;
    }

    @Test
    void aPartitionedModelIsCheckedAcrossItsPartitions() {
        LoginDao logins = new LoginDao(store);
        Login a = logins.save(new Login(8L, "a@x", "a", "DE", 0)); // partition 0
        logins.save(new Login(9L, "b@x", "b", "FR", 0)); // partition 1
        Invariants.of(store, ns).check(LOGIN);

        // a value's entry in another partition than its value's
        String wrong = loginPartition((JedisClusterCRC16.getCRC16("a@x") + 1) % 4) + ":uni:email";
        raw(j -> j.hset(wrong, "a@x", "8"));
        expectProblem("login: unique entry in partition " + (JedisClusterCRC16.getCRC16("a@x") + 1) % 4 + ", not in its value's "
                + JedisClusterCRC16.getCRC16("a@x") % 4 + " [key " + wrong + ", id 8, value \"a@x\"]", LOGIN);
        raw(j -> j.hdel(wrong, "a@x"));

        // an object in another partition than its id's, holding a value another object has
        raw(j -> j.hset(loginPartition(2) + ":obj:9", Map.of("id", "9", "email", "a@x", "nick", "c")));
        expectProblem("login: object in partition 2, not in its id's 1 [key " + loginPartition(2) + ":obj:9, id 9, value -]", LOGIN);
        raw(j -> j.sadd(loginPartition(2) + ":id", "10"));
        raw(j -> j.hset(loginPartition(2) + ":obj:10", Map.of("id", "10", "email", "a@x", "nick", "c")));
        expectProblem("login: unique email held by several live objects [key " + loginUni("email", "a@x") + ", id 10,8, value \"a@x\"]",
                LOGIN);
        raw(j -> j.del(loginPartition(2) + ":obj:9", loginPartition(2) + ":obj:10", loginPartition(2) + ":id"));
        Invariants.of(store, ns).check(LOGIN);

        // a claim that a write left
        String claim = loginPartition(JedisClusterCRC16.getCRC16("z@x") % 4) + ":claim:email:z@x";
        raw(j -> j.set(claim, "8 1"));
        expectProblem("login: claim left (by a write that stopped part-way, or is still running) [key " + claim
                + ", id -, value \"8 1\"]", LOGIN);
        raw(j -> j.del(claim));
        assertEquals(a, logins.getByEmail("a@x").orElseThrow());
        Invariants.of(store, ns).check(LOGIN);
    }
}
