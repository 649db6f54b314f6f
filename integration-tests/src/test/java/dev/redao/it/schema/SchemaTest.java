package dev.redao.it.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.ReindexIncompleteException;
import dev.redao.runtime.SchemaChangedException;
import dev.redao.runtime.SchemaChanges;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.audit.AuditReport;
import dev.redao.runtime.audit.ProblemKind;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stored schema (#18, docs/schema.md): a DAO's first call records its model's schema, or
 * finds the stored one; a different one is refused with a typed error that changes nothing, or
 * re-indexed, as the store's options say; a re-index builds the new entries, deletes the keys of
 * indexes the model lost, reports values two objects hold, and records the next version; a change
 * no re-index can make is refused either way. {@code @Stored} keeps a renamed field's stored name.
 */
class SchemaTest extends RedisTestSupport {
    /** Member's layout, as its DAO records it. */
    private static final String MEMBER_LAYOUT = """
            partitions 1
            ordering none
            expiring no
            id id
            field email unique
            field handle unique
            field country index prefix
            field age sorted
            field name
            """;

    private String schemaKey() {
        return base("member") + ":schema";
    }

    private static Member m(int i) {
        return new Member(null, "m" + i + "@x", "h" + i, i % 3 == 0 ? "DE" : "FR", 20 + i % 50, "n" + i);
    }

    private List<Member> saveMembers(int count) {
        MemberDao dao = new MemberDao(store);
        List<Member> saved = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            saved.add(dao.save(m(i)));
        }
        return saved;
    }

    /** As if the stored objects had been written by a DAO of this layout: the layout is stored as version 1. */
    private void storeLayout(String layout) {
        raw(jedis -> jedis.hset(schemaKey(), Map.of("version", "1", "layout", layout)));
    }

    /** Drops the keys of country's indexes, as if it had had none when the objects were written. */
    private void dropCountryIndexes() {
        for (String key : keys()) {
            if (key.startsWith(base("member") + ":idx:country:") || key.equals(base("member") + ":lex:country")) {
                raw(jedis -> jedis.del(key));
            }
        }
    }

    private RedisStore storeThatReindexes() {
        return RedisStore.connect(urlWithNamespace(ns), RedisStore.Options.defaults().schemaChanges(SchemaChanges.REINDEX));
    }

    @Test
    void theFirstCallRecordsTheSchemaAndLaterCallsDoNotReadIt() {
        MemberDao dao = new MemberDao(store);
        assertFalse(exists(schemaKey()), "building a DAO sends nothing");
        Member ann = dao.save(m(1));
        assertEquals(Map.of("version", "1", "layout", MEMBER_LAYOUT), hash(schemaKey()));
        assertEquals(1, dao.schemaVersion());

        // a second DAO of the same schema reads it once, and leaves it as it is
        raw(jedis -> jedis.hset(schemaKey(), "version", "7"));
        MemberDao other = new MemberDao(store);
        assertEquals(Optional.of(ann), other.get(ann.id()));
        assertEquals(Map.of("version", "7", "layout", MEMBER_LAYOUT), hash(schemaKey()));
        // checked once: a layout changed behind the DAO's back is not seen by its later calls
        raw(jedis -> jedis.hset(schemaKey(), "layout", "partitions 1\n"));
        assertEquals(Optional.of(ann), other.get(ann.id()));
    }

    @Test
    void anIndexAddedToTheModelIsRefusedWithNothingChangedUntilTheReindex() {
        List<Member> saved = saveMembers(60);
        storeLayout(MEMBER_LAYOUT.replace("field country index prefix", "field country"));
        dropCountryIndexes();
        SortedMap<String, String> before = snapshot();

        MemberDao dao = new MemberDao(store);
        SchemaChangedException e = assertThrows(SchemaChangedException.class, () -> dao.save(m(100)));
        assertEquals("member", e.model());
        assertEquals(1, e.storedVersion());
        assertEquals(List.of("field country was '', is 'index prefix'"), e.differences());
        assertTrue(e.reindexable());
        assertEquals("the schema stored with model 'member' (version 1) differs from this DAO's: field country was '', is"
                + " 'index prefix'. The stored objects lack this DAO's new entries: call reindex() on the DAO, or connect"
                + " with RedisStore.Options.schemaChanges(SchemaChanges.REINDEX)", e.getMessage());
        assertThrows(SchemaChangedException.class, () -> dao.query().filter(MemberQuery.country.eq("DE")).count(),
                "every call is refused until the re-index");
        assertUnchanged(before);

        AuditReport report = dao.reindex();
        assertEquals(2 * 60, report.found(ProblemKind.MISSING_INDEX_ENTRY), report.toString());
        assertEquals(report.found(ProblemKind.MISSING_INDEX_ENTRY), report.totalFound(), report.toString());
        assertEquals(Map.of("version", "2", "layout", MEMBER_LAYOUT), hash(schemaKey()));
        assertEquals(saved.stream().filter(x -> x.country().equals("DE")).count(),
                dao.query().filter(MemberQuery.country.eq("DE")).count());
        assertEquals(20, dao.query().filter(MemberQuery.country.startsWith("D")).count());
        dao.save(m(100));
        RedaoAssertions.assertConsistent(dao);
    }

    @Test
    void withReindexTheFirstCallReindexesAndThenRuns() {
        saveMembers(30);
        storeLayout(MEMBER_LAYOUT.replace("field country index prefix", "field country"));
        dropCountryIndexes();
        try (RedisStore reindexing = storeThatReindexes()) {
            MemberDao dao = new MemberDao(reindexing);
            assertEquals(10, dao.query().filter(MemberQuery.country.eq("DE")).count());
            assertEquals(2, dao.schemaVersion());
            RedaoAssertions.assertConsistent(dao);
        }
        assertEquals(2, new MemberDao(store).schemaVersion());
    }

    @Test
    void fieldsWithoutAnIndexMayComeAndGoWithoutAReindex() {
        saveMembers(3);
        long count = 3;
        // the stored objects were written before name existed, or while a plain field nickname did
        for (String older : List.of(MEMBER_LAYOUT.replace("field name\n", ""),
                MEMBER_LAYOUT.replace("field name\n", "field name\nfield nickname\n"))) {
            storeLayout(older);
            MemberDao dao = new MemberDao(store);
            assertEquals(count, dao.count());
            dao.save(m(50 + (int) count++));
            assertEquals(Map.of("version", "1", "layout", older), hash(schemaKey()), "a compatible schema is left as stored");
        }
    }

    @Test
    void keysOfAnIndexTheModelLostAreDeletedByTheReindex() {
        saveMembers(10);
        storeLayout(MEMBER_LAYOUT.replace("field name\n", "field name\nfield nickname index\n"));
        raw(jedis -> jedis.sadd(base("member") + ":idx:nickname:x", "1"));

        MemberDao dao = new MemberDao(store);
        SchemaChangedException e = assertThrows(SchemaChangedException.class, () -> dao.get(1L));
        assertEquals(List.of("field nickname is gone"), e.differences());
        AuditReport report = dao.reindex();
        assertEquals(1, report.repaired(ProblemKind.UNUSED_INDEX_KEY), report.toString());
        assertFalse(exists(base("member") + ":idx:nickname:x"));
        assertEquals(2, dao.schemaVersion());
    }

    @Test
    void aNewUniqueFieldThatTwoObjectsShareIsReportedByTheFirstCallAndTheNextCallsRun() {
        List<Member> saved = saveMembers(20);
        storeLayout(MEMBER_LAYOUT.replace("field email unique", "field email"));
        raw(jedis -> jedis.del(base("member") + ":uni:email"));
        Member first = saved.get(0);
        Member second = saved.get(1);
        raw(jedis -> jedis.hset(base("member") + ":obj:" + second.id(), "email", first.email()));

        try (RedisStore reindexing = storeThatReindexes()) {
            MemberDao dao = new MemberDao(reindexing);
            ReindexIncompleteException e = assertThrows(ReindexIncompleteException.class, () -> dao.get(first.id()));
            assertEquals(1, e.report().found(ProblemKind.DUPLICATE_UNIQUE_VALUE), e.report().toString());
            assertEquals(1, e.report().totalNotRepaired(), e.report().toString());
            assertTrue(e.getMessage().startsWith("the re-index of model 'member' recorded its schema as version 2 but left 1"
                    + " problem(s) it cannot fix; the call that re-indexed was not made"), e.getMessage());
            assertEquals(Optional.of(first), dao.get(first.id()));
            // the constraint holds for new values, and the application settles the shared one
            assertThrows(UniqueViolationException.class, () -> dao.save(m(50).withEmail("m5@x")));
            dao.save(saved.get(1).withEmail("settled@x"));
            AuditReport settled = dao.repair();
            assertTrue(settled.repaired(ProblemKind.MISSING_UNIQUE_ENTRY) <= 1, settled.toString());
            assertTrue(dao.audit().isClean());
            RedaoAssertions.assertConsistent(dao);
        }
    }

    @Test
    void aChangeNoReindexCanMakeIsRefusedEvenWhenTheStoreReindexes() {
        saveMembers(5);
        storeLayout(MEMBER_LAYOUT.replace("partitions 1", "partitions 4"));
        SortedMap<String, String> before = snapshot();
        try (RedisStore reindexing = storeThatReindexes()) {
            MemberDao dao = new MemberDao(reindexing);
            SchemaChangedException e = assertThrows(SchemaChangedException.class, () -> dao.get(1L));
            assertFalse(e.reindexable());
            assertEquals(List.of("partitions was '4', is '1'"), e.differences());
            assertTrue(e.getMessage().contains("A re-index cannot move the stored objects to other keys"), e.getMessage());
            assertThrows(SchemaChangedException.class, dao::reindex);
        }
        assertUnchanged(before);
    }

    @Test
    void aFieldRenamedWithoutItsStoredNameIsRefusedWithTheAnnotationThatKeepsIt() {
        saveMembers(3);
        storeLayout(MEMBER_LAYOUT.replace("field name\n", "field fullName\n"));
        SchemaChangedException e = assertThrows(SchemaChangedException.class, () -> new MemberDao(store).count());
        assertEquals(List.of("field name is new", "field fullName is gone"), e.differences());
        assertTrue(e.getMessage().endsWith("If field 'name' is 'fullName' renamed, annotate it @Stored(\"fullName\") to keep"
                + " reading its stored values"), e.getMessage());
    }

    @Test
    void writesDuringAReindexKeepTheNewIndexRight() throws Exception {
        MemberDao old = new MemberDao(store);
        List<Member> all = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            all.add(m(i));
        }
        old.saveAll(all);
        storeLayout(MEMBER_LAYOUT.replace("field country index prefix", "field country"));
        dropCountryIndexes();

        MemberDao reindexer = new MemberDao(store);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<AuditReport> reindex = pool.submit(reindexer::reindex);
            // DAOs of the new schema that start once the re-index has recorded it write meanwhile
            List<Future<Long>> writers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                long seed = t;
                writers.add(pool.submit(() -> {
                    while (!"2".equals(hash(schemaKey()).get("version")) && !reindex.isDone()) {
                        Thread.onSpinWait();
                    }
                    MemberDao dao = new MemberDao(store);
                    Random rnd = new Random(seed);
                    long during = 0;
                    while (!reindex.isDone()) {
                        long id = 1 + rnd.nextInt(5_000);
                        if (rnd.nextInt(4) == 0) {
                            dao.delete(id);
                        } else {
                            dao.save(new Member(id, "w" + id + "@x", "wh" + id, rnd.nextBoolean() ? "DE" : "IT",
                                    rnd.nextInt(90), "w"));
                        }
                        during += reindex.isDone() ? 0 : 1;
                    }
                    return during;
                }));
            }
            AuditReport report = reindex.get(2, TimeUnit.MINUTES);
            long during = 0;
            for (Future<Long> w : writers) {
                during += w.get(1, TimeUnit.MINUTES);
            }
            assertTrue(during > 0, "the writers wrote while the re-index ran");
            assertTrue(report.found(ProblemKind.MISSING_INDEX_ENTRY) > 0, report.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Map.of("version", "2", "layout", MEMBER_LAYOUT), hash(schemaKey()), "the re-index is marked done");
        AuditReport after = reindexer.audit();
        assertTrue(after.isClean(), after.toString());
        RedaoAssertions.assertConsistent(reindexer);
    }

    @Test
    void aRenamedFieldKeepsItsStoredNameInTheHashTheIndexesAndTheQueries() {
        GamerDao dao = new GamerDao(store);
        Gamer ann = dao.save(new Gamer(null, "ann@x", "annie", 3));
        String gamer = base("gamer");
        assertEquals(Map.of("id", ann.id().toString(), "mail", "ann@x", "nick", "annie", "level", "3"),
                hash(gamer + ":obj:" + ann.id()));
        assertTrue(members(gamer + ":idx:nick:annie").contains(ann.id().toString()));
        assertEquals(Optional.of(ann), dao.getByEmail("ann@x"));
        assertEquals(List.of(ann), dao.query().filter(GamerQuery.nickname.startsWith("ann")).list());
        assertTrue(hash(gamer + ":schema").get("layout").contains("field mail unique\nfield nick index prefix\n"));
        RedaoAssertions.assertConsistent(dao);

        // an object written under the old names, by a model whose fields were still called so, reads whole
        raw(jedis -> jedis.hset(gamer + ":obj:77", Map.of("id", "77", "mail", "bob@x", "nick", "bobby", "level", "5")));
        assertEquals(Optional.of(new Gamer(77L, "bob@x", "bobby", 5)), dao.get(77L));
    }
}
