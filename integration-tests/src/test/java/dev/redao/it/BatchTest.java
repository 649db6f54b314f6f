package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.PartialBatchException;
import dev.redao.runtime.UniqueViolationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batches larger than one script in the default (chunked) mode: scripts of at most
 * {@link ModelDao#BATCH_SIZE} objects, each all or nothing, stopping at the first refusal with a
 * {@link PartialBatchException}; and deleteAll, chunked the same way.
 */
class BatchTest extends BatchTestSupport {

    @Test
    void theBoundIs250() {
        assertEquals(250, ModelDao.BATCH_SIZE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 250, 251, 1000})
    void chunkedSaveAssignsIdsInInputOrderWithOneScriptPerChunk(int n) {
        warmUpScripts();
        List<Member> input = freshMembers(n);
        List<Member> saved = new ArrayList<>();

        Map<String, Long> commands = commandsDuring(() -> saved.addAll(dao.saveAll(input)));

        long scripts = (n + ModelDao.BATCH_SIZE - 1) / ModelDao.BATCH_SIZE;
        assertEquals(scripts, commands.get("evalsha"), commands.toString());
        assertFalse(commands.containsKey("eval"), commands.toString());
        assertEquals(n, saved.size());
        for (int i = 0; i < n; i++) {
            // input order, ids 1..n in that order, every other field as given
            assertEquals(input.get(i).withId((long) i + 1), saved.get(i));
            assertStoredAs(i + 1, i);
        }
        assertEquals(n, dao.count());
        assertEquals(Long.toString(n), counter());
        assertEquals(n, hash(uni("email")).size());
        assertEquals(n, hash(uni("handle")).size());
        assertEquals("1", hash(uni("email")).get("e0@x"));
        assertEquals(Long.toString(n), hash(uni("email")).get("e" + (n - 1) + "@x"));
        assertStillWithoutIds(input);
        assertNoBatchLeftovers();
        checkInvariants();
    }

    @Test
    void aConflictInTheThirdChunkKeepsTheFirstTwo() {
        Member holder = dao.save(new Member(null, "taken@x", "holder", "DE", 50, "Holder"));
        List<Member> input = freshMembers(1000);
        input.set(600, input.get(600).withEmail("taken@x"));

        PartialBatchException e = assertThrows(PartialBatchException.class, () -> dao.saveAll(input));

        assertEquals(500, e.written());
        assertEquals("member", e.model());
        assertTrue(e.getMessage().contains("500"), e.getMessage());
        UniqueViolationException cause = assertInstanceOf(UniqueViolationException.class, e.getCause());
        assertViolation(cause, "email", "taken@x", holder.id());
        // exactly inputs 0..499, with ids 2..501; nothing of chunk 3 or later
        assertEquals(rangeClosed(1, 501), liveIds());
        for (int i = 0; i < 500; i++) {
            assertStoredAs(i + 2, i);
        }
        for (int i = 500; i < 1000; i++) {
            assertFalse(hash(uni("handle")).containsKey("h" + i), "input " + i + " must not be stored");
        }
        assertEquals(501, hash(uni("email")).size());
        assertEquals(holder.id().toString(), hash(uni("email")).get("taken@x"));
        assertEquals("501", counter(), "the refused script moves no counter");
        assertNoBatchLeftovers();
        checkInvariants();
    }

    @Test
    void twoObjectsOfTheSecondChunkClaimingOneValueStopAfterTheFirstChunk() {
        List<Member> input = freshMembers(1000);
        input.set(270, input.get(270).withHandle("twice"));
        input.set(480, input.get(480).withHandle("twice"));

        PartialBatchException e = assertThrows(PartialBatchException.class, () -> dao.saveAll(input));

        assertEquals(250, e.written());
        UniqueViolationException cause = assertInstanceOf(UniqueViolationException.class, e.getCause());
        assertEquals("handle", cause.field());
        assertEquals("twice", cause.value());
        assertEquals(rangeClosed(1, 250), liveIds());
        assertFalse(hash(uni("handle")).containsKey("twice"));
        assertEquals("250", counter());
        checkInvariants();
    }

    @Test
    void aConflictInTheFirstChunkOfALargeBatchWritesNothing() {
        Member holder = dao.save(new Member(null, "taken@x", "holder", "DE", 50, "Holder"));
        SortedMap<String, String> before = snapshot();
        List<Member> input = freshMembers(1000);
        input.set(10, input.get(10).withEmail("taken@x"));

        UniqueViolationException e = assertThrowsExactly(UniqueViolationException.class, () -> dao.saveAll(input));

        assertViolation(e, "email", "taken@x", holder.id());
        assertUnchanged(before);
    }

    @Test
    void aBatchOfAtMost250WithAConflictWritesNothing() {
        Member holder = dao.save(new Member(null, "taken@x", "holder", "DE", 50, "Holder"));
        SortedMap<String, String> before = snapshot();
        List<Member> input = freshMembers(ModelDao.BATCH_SIZE);
        input.set(ModelDao.BATCH_SIZE - 1, input.get(ModelDao.BATCH_SIZE - 1).withHandle("holder"));

        for (BatchMode mode : BatchMode.values()) {
            UniqueViolationException e = assertThrowsExactly(UniqueViolationException.class,
                    () -> dao.saveAll(input, mode), mode.name());
            assertViolation(e, "handle", "holder", holder.id());
            assertUnchanged(before);
        }
    }

    @Test
    void deleteAllCountsWhatExistedAcrossChunks() {
        dao.saveAll(freshMembers(700)); // ids 1..700
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= 550; id++) {
            ids.add(id);
        }
        for (long id = 5001; id <= 5050; id++) {
            ids.add(id); // missing
        }
        for (long id = 1; id <= 100; id++) {
            ids.add(id); // twice
        }
        Collections.shuffle(ids, new Random(7));
        assertEquals(700, ids.size());
        long[] deleted = new long[1];

        Map<String, Long> commands = commandsDuring(() -> deleted[0] = dao.deleteAll(ids));

        assertEquals(550, deleted[0]);
        // the first script of the delete module is sent whole (EVAL) when the saves before took the bulk insert
        assertEquals(3L, commands.getOrDefault("evalsha", 0L) + commands.getOrDefault("eval", 0L),
                "600 distinct ids make 3 scripts: " + commands);
        assertEquals(rangeClosed(551, 700), liveIds());
        for (long id = 1; id <= 550; id++) {
            assertFalse(exists(objectKey(id)), "object " + id);
        }
        for (int i = 550; i < 700; i++) {
            assertStoredAs(i + 1, i);
        }
        assertEquals(150, hash(uni("email")).size());
        assertFalse(hash(uni("email")).containsKey("e0@x"));
        assertEquals("700", hash(uni("email")).get("e699@x"));
        checkInvariants();

        assertEquals(0, dao.deleteAll(ids), "a second time, nothing existed");
        assertEquals(150, dao.deleteAll(rangeClosed(1, 700)));
        assertEquals(Set.of(counterKey(), base("member") + ":schema"), keys(), "only the id counter and the stored schema are left");
    }

    static Set<Long> rangeClosed(long from, long to) {
        Set<Long> out = new TreeSet<>();
        for (long i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }
}
