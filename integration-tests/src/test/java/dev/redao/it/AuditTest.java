package dev.redao.it;

import static dev.redao.runtime.audit.ProblemKind.CORRUPT_OBJECT;
import static dev.redao.runtime.audit.ProblemKind.DUPLICATE_UNIQUE_VALUE;
import static dev.redao.runtime.audit.ProblemKind.ID_WITHOUT_OBJECT;
import static dev.redao.runtime.audit.ProblemKind.MISSING_INDEX_ENTRY;
import static dev.redao.runtime.audit.ProblemKind.MISSING_UNIQUE_ENTRY;
import static dev.redao.runtime.audit.ProblemKind.OBJECT_NOT_IN_ID_SET;
import static dev.redao.runtime.audit.ProblemKind.STALE_INDEX_ENTRY;
import static dev.redao.runtime.audit.ProblemKind.STALE_UNIQUE_ENTRY;
import static dev.redao.runtime.audit.ProblemKind.TEMPORARY_KEY_WITHOUT_TTL;
import static dev.redao.runtime.audit.ProblemKind.UNDECODABLE_VALUE;
import static dev.redao.runtime.audit.ProblemKind.WRONG_INDEX_SCORE;
import static dev.redao.runtime.audit.ProblemKind.WRONG_TYPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.expiry.Session;
import dev.redao.it.expiry.SessionDao;
import dev.redao.it.model.Gadget;
import dev.redao.it.model.GadgetDao;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.it.rel.Post;
import dev.redao.it.rel.PostDao;
import dev.redao.it.rel.PostTags;
import dev.redao.it.rel.PostTagsDao;
import dev.redao.it.rel.Tag;
import dev.redao.it.rel.TagDao;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.audit.AuditReport;
import dev.redao.runtime.audit.Finding;
import dev.redao.runtime.audit.Outcome;
import dev.redao.runtime.audit.ProblemCount;
import dev.redao.runtime.audit.ProblemKind;
import dev.redao.runtime.internal.ModelAudit;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * dao.audit() and dao.repair() (#18): each kind of damage, planted with plain commands, is
 * reported with its key, and what can be repaired is, while other clients write; what cannot (a
 * value held twice, a value that does not decode) is reported and left as it is. After a repair
 * the audit is clean and redao-test's checker, which reads every key, agrees. Every script of the
 * audit handles a bounded number of keys or entries.
 */
class AuditTest extends RedisTestSupport {

    private String member() {
        return base("member");
    }

    private static Member m(String name, String country, int age) {
        return new Member(null, name + "@x", name, country, age, name);
    }

    private Map<String, Member> saveMembers(MemberDao dao, String... names) {
        Map<String, Member> out = new java.util.LinkedHashMap<>();
        int i = 0;
        for (String name : names) {
            out.put(name, dao.save(m(name, i % 2 == 0 ? "DE" : "FR", 30 + i)));
            i++;
        }
        return out;
    }

    /** The examples of a kind as "key id" strings, for assertions on what the report names. */
    private static Set<String> named(AuditReport report, ProblemKind kind) {
        return report.examples(kind).stream().map(f -> f.key() + " " + f.id()).collect(Collectors.toSet());
    }

    @Test
    void aCleanModelAuditsClean() {
        MemberDao members = new MemberDao(store);
        List<Member> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(m("c" + i, i % 3 == 0 ? "DE" : "IT", i % 70));
        }
        members.saveAll(batch);
        // keys that are not the model's: another model whose name extends it, a key that is its bare tag
        raw(j -> {
            j.hset(nsKey("{members}:obj:1"), "id", "2");
            j.set(nsKey("{member}"), "x");
            return null;
        });
        GadgetDao gadgets = new GadgetDao(store);
        for (int i = 0; i < 20; i++) {
            gadgets.save(new Gadget(null, "sku" + i, "code" + i, i % 2 == 0 ? "red" : "blue", i, i % 4 == 0 ? null : i * 1.5,
                    "n", 0));
        }
        SortedMap<String, String> before = snapshot();

        AuditReport report = members.audit();
        assertTrue(report.isClean(), report.toString());
        assertFalse(report.repair());
        assertEquals(300, report.objects());
        // every entry from its own side: 300 ids, 300 in idx:age, 300 in lex:country, 300 per unique hash, 300 in the sets
        assertEquals(6 * 300, report.entries(), report.toString());
        assertTrue(report.scripts() >= 6, report.toString());
        AuditReport ordered = gadgets.audit();
        assertTrue(ordered.isClean(), ordered.toString());
        assertTrue(gadgets.repair().isClean());
        assertTrue(members.repair().isClean());
        assertUnchanged(before);
    }

    @Test
    void eachKindOfDamageIsReportedWithItsKeyAndTheRepairableOnesAreRepaired() {
        MemberDao dao = new MemberDao(store);
        Map<String, Member> m = saveMembers(dao, "ann", "bob", "carl", "dan", "eve", "frank", "gina", "hal");
        String b = member();
        long ann = m.get("ann").id(); // DE
        long bob = m.get("bob").id(); // FR
        long carl = m.get("carl").id(); // DE, 32
        long dan = m.get("dan").id();
        long eve = m.get("eve").id();
        long frank = m.get("frank").id();
        long gina = m.get("gina").id();
        raw(j -> {
            j.sadd(b + ":idx:country:FR", Long.toString(ann)); // stale: ann is DE
            j.sadd(b + ":idx:country:DE", "9999999"); // stale: no such object
            j.srem(b + ":idx:country:FR", Long.toString(bob)); // missing
            j.zadd(b + ":idx:age", 99, Long.toString(carl)); // wrong score
            j.zrem(b + ":idx:age", Long.toString(dan)); // missing from the sorted index
            j.zadd(b + ":lex:country", 0, "XX\0" + ann); // stale lex member
            j.zadd(b + ":lex:country", 5, "DE\0" + carl); // wrong lex score
            j.hset(b + ":uni:email", "ghost@x", "9999999"); // stale unique entry
            j.hdel(b + ":uni:email", "bob@x"); // missing unique entry
            j.hset(b + ":obj:" + eve, "handle", "ann"); // eve holds ann's handle: a duplicate (and eve's own entry is stale)
            j.srem(b + ":id", Long.toString(frank)); // an object missing from the id set
            j.sadd(b + ":id", "7777777"); // an id without an object
            j.hset(b + ":tmp:batch1:email", "v@x", "1"); // a batch's temporary key without a time to live
            j.hset(b + ":obj:" + gina, "age", "old"); // a value that does not decode
            return null;
        });

        AuditReport audit = dao.audit();
        assertEquals(3, audit.found(STALE_INDEX_ENTRY), audit.toString());
        assertEquals(Set.of(b + ":idx:country:FR " + ann, b + ":idx:country:DE 9999999", b + ":lex:country " + ann),
                named(audit, STALE_INDEX_ENTRY));
        assertEquals(2, audit.found(MISSING_INDEX_ENTRY), audit.toString());
        assertEquals(Set.of(b + ":idx:country:FR " + bob, b + ":idx:age " + dan), named(audit, MISSING_INDEX_ENTRY));
        assertEquals(2, audit.found(WRONG_INDEX_SCORE), audit.toString());
        assertEquals(Set.of(b + ":idx:age " + carl, b + ":lex:country " + carl), named(audit, WRONG_INDEX_SCORE));
        assertEquals(2, audit.found(STALE_UNIQUE_ENTRY), audit.toString());
        assertEquals(Set.of(b + ":uni:email 9999999", b + ":uni:handle " + eve), named(audit, STALE_UNIQUE_ENTRY));
        assertEquals(1, audit.found(MISSING_UNIQUE_ENTRY), audit.toString());
        assertEquals(Set.of(b + ":uni:email " + bob), named(audit, MISSING_UNIQUE_ENTRY));
        assertEquals(1, audit.found(DUPLICATE_UNIQUE_VALUE), audit.toString());
        assertEquals(Set.of(b + ":uni:handle " + ann + "," + eve), named(audit, DUPLICATE_UNIQUE_VALUE));
        assertEquals(Set.of(b + ":obj:" + frank + " " + frank), named(audit, OBJECT_NOT_IN_ID_SET));
        assertEquals(Set.of(b + ":id 7777777"), named(audit, ID_WITHOUT_OBJECT));
        assertEquals(Set.of(b + ":tmp:batch1:email null"), named(audit, TEMPORARY_KEY_WITHOUT_TTL));
        assertEquals(Set.of(b + ":obj:" + gina + " " + gina), named(audit, UNDECODABLE_VALUE));
        assertEquals("old", audit.examples(UNDECODABLE_VALUE).get(0).value());
        assertTrue(audit.examples(UNDECODABLE_VALUE).get(0).description().contains("'age'"), audit.toString());
        assertEquals(15, audit.totalFound(), audit.toString());
        for (ProblemCount count : audit.problems()) {
            assertEquals(0, count.repaired());
            count.examples().forEach(f -> assertEquals(Outcome.FOUND, f.outcome()));
        }
        // an audit writes nothing
        SortedMap<String, String> damaged = snapshot();
        dao.audit();
        assertUnchanged(damaged);

        AuditReport repair = dao.repair();
        assertTrue(repair.repair());
        for (ProblemKind kind : List.of(STALE_INDEX_ENTRY, MISSING_INDEX_ENTRY, WRONG_INDEX_SCORE, STALE_UNIQUE_ENTRY,
                MISSING_UNIQUE_ENTRY, OBJECT_NOT_IN_ID_SET, ID_WITHOUT_OBJECT, TEMPORARY_KEY_WITHOUT_TTL)) {
            assertEquals(audit.found(kind), repair.repaired(kind), kind + ": " + repair);
            assertEquals(0, repair.count(kind).notRepaired(), kind + ": " + repair);
        }
        Finding duplicate = repair.examples(DUPLICATE_UNIQUE_VALUE).get(0);
        assertEquals(Outcome.NOT_REPAIRED, duplicate.outcome());
        assertEquals(ann + "," + eve, duplicate.id(), "both ids, the entry's holder first");
        assertEquals(Long.toString(ann), raw(j -> j.hget(b + ":uni:handle", "ann")), "the entry keeps naming its holder");
        assertEquals(Outcome.NOT_REPAIRED, repair.examples(UNDECODABLE_VALUE).get(0).outcome());
        assertEquals("old", raw(j -> j.hget(b + ":obj:" + gina, "age")), "an undecodable value is left as it is");
        assertTrue(raw(j -> j.pttl(b + ":tmp:batch1:email")) > 0);

        // what is left is what no repair fixes; the application settles it, and then all is clean
        AuditReport after = dao.audit();
        assertEquals(Set.of(DUPLICATE_UNIQUE_VALUE, UNDECODABLE_VALUE),
                after.problems().stream().map(ProblemCount::kind).collect(Collectors.toSet()), after.toString());
        assertEquals(dao.get(frank).orElseThrow(), dao.getByEmail("frank@x").orElseThrow(), "frank is back in the id set");
        raw(j -> j.hset(b + ":obj:" + gina, "age", Integer.toString(m.get("gina").age())));
        dao.save(m.get("eve").withHandle("eve2"));
        AuditReport clean = dao.audit();
        assertTrue(clean.isClean(), clean.toString());
        raw(j -> j.del(b + ":tmp:batch1:email")); // it expires in a minute; the checker wants none left
        RedaoAssertions.assertConsistent(dao);
    }

    /** An ordered model's id set is scored by its ordering field; a lex index's members are at 0. */
    @Test
    void anOrderedModelsIdSetScoresAreRepaired() {
        GadgetDao dao = new GadgetDao(store);
        Gadget ranked = dao.save(new Gadget(null, "s1", "c1", "red", 1, 2.5, "n", 0));
        Gadget unranked = dao.save(new Gadget(null, "s2", "c2", "blue", 2, null, "n", 0));
        String b = base("gadget");
        raw(j -> {
            j.zadd(b + ":id", 7, Long.toString(ranked.id()));
            j.zadd(b + ":id", 8, Long.toString(unranked.id())); // no rank: -inf, the ordering being descending
            return null;
        });
        AuditReport audit = dao.audit();
        assertEquals(2, audit.found(WRONG_INDEX_SCORE), audit.toString());
        assertEquals(2, dao.repair().repaired(WRONG_INDEX_SCORE));
        assertEquals(2.5, score(b + ":id", Long.toString(ranked.id())));
        assertEquals(Double.NEGATIVE_INFINITY, score(b + ":id", Long.toString(unranked.id())));
        assertTrue(dao.audit().isClean());
        RedaoAssertions.assertConsistent(dao);
    }

    /** Models of a group, and the link model of a many-to-many relation, have keys under the group's tag. */
    @Test
    void modelsOfAGroupAndALinkModelAreAuditedUnderTheGroupsTag() {
        PostDao posts = new PostDao(store);
        TagDao tags = new TagDao(store);
        PostTagsDao links = new PostTagsDao(store);
        Post post = posts.save(new Post(null, "Typed DAOs", "ann"));
        Tag java = tags.save(new Tag(null, "java"));
        Tag lua = tags.save(new Tag(null, "lua"));
        links.saveAll(List.of(PostTags.of(post.id(), java.id()), PostTags.of(post.id(), lua.id())));
        for (AuditReport clean : List.of(posts.audit(), tags.audit(), links.audit())) {
            assertTrue(clean.isClean(), clean.toString());
        }
        String blog = nsKey("{blog}");
        raw(j -> {
            j.hset(blog + ":tag:uni:name", "ghost", "9999999");
            j.srem(blog + ":post_tags:idx:tagId:" + lua.id(), PostTags.idOf(post.id(), lua.id()));
            return null;
        });
        AuditReport tagAudit = tags.audit();
        assertEquals(Set.of(blog + ":tag:uni:name 9999999"), named(tagAudit, STALE_UNIQUE_ENTRY), tagAudit.toString());
        AuditReport linkRepair = links.repair();
        assertEquals(1, linkRepair.repaired(MISSING_INDEX_ENTRY), linkRepair.toString());
        assertEquals(blog + ":post_tags:idx:tagId:" + lua.id(), linkRepair.examples(MISSING_INDEX_ENTRY).get(0).key());
        assertEquals(1, tags.repair().repaired(STALE_UNIQUE_ENTRY));
        RedaoAssertions.assertConsistent(posts, tags, links);
    }

    /**
     * An expiring model: each deadline must name a live id; an object past its deadline keeps its
     * keys until a write purges it, and holds no unique value meanwhile, so another object taking
     * its value, or its value without an entry, is no problem.
     */
    @Test
    void anExpiringModelsDeadlinesAreAuditedAndItsExpiredObjectsHoldNoUniqueValue() {
        SessionDao sessions = new SessionDao(store);
        List<Session> batch = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            batch.add(new Session(null, "tok" + i, "ann", "agent/" + i, i));
        }
        List<Session> saved = sessions.saveAll(batch);
        String b = nsKey("{auth}:session");
        raw(j -> {
            for (int i = 0; i < saved.size(); i++) { // long past, the earliest first: as if they had expired
                j.zadd(b + ":exp", 1_000 + i, Long.toString(saved.get(i).id()));
            }
            return null;
        });
        // a write purges the 64 earliest; the last six stay, past their deadlines, their keys still there
        Session taker = sessions.save(new Session(null, "tok69", "bob", "agent/x", 1));
        Session last = saved.get(69);
        assertTrue(exists(b + ":obj:" + last.id()));
        assertEquals(Long.toString(taker.id()), raw(j -> j.hget(b + ":uni:token", "tok69")));
        raw(j -> {
            j.hdel(b + ":uni:token", "tok66"); // an expired object's value without its entry
            j.zadd(b + ":exp", 5_000, "9999999"); // a deadline of no object
            return null;
        });
        AuditReport audit = sessions.audit();
        assertEquals(Set.of(b + ":exp 9999999"), named(audit, STALE_INDEX_ENTRY), audit.toString());
        assertEquals(1, audit.totalFound(), audit.toString());
        AuditReport repair = sessions.repair();
        assertEquals(1, repair.repaired(STALE_INDEX_ENTRY), repair.toString());
        assertEquals(1, repair.totalFound(), repair.toString());
        assertTrue(sessions.audit().isClean());
        RedaoAssertions.assertConsistent(sessions);
    }

    /**
     * Writers save sessions with lives of a few milliseconds, renew, expire and delete them (each
     * write purging what expired) while the repair runs: once they stop, every rule holds.
     */
    @Test
    void repairOfAnExpiringModelUnderWritersThatExpireAndPurge() throws Exception {
        SessionDao sessions = new SessionDao(store);
        List<Session> batch = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            batch.add(new Session(null, "t" + i, "u" + i % 5, "agent/" + i, i));
        }
        List<Session> saved = sessions.saveAll(batch);
        String b = nsKey("{auth}:session");
        raw(j -> {
            for (int i = 0; i < saved.size(); i += 6) {
                Session x = saved.get(i);
                String id = Long.toString(x.id());
                switch ((i / 6) % 3) {
                    case 0 -> j.srem(b + ":idx:user:" + x.user(), id);
                    case 1 -> j.hdel(b + ":uni:token", x.token());
                    default -> j.zadd(b + ":idx:hits", -1, id);
                }
            }
            return null;
        });
        RepairUnderWriters.repairWhileWriting(sessions, 2, 31, rnd -> {
            Session x = saved.get(rnd.nextInt(saved.size()));
            switch (rnd.nextInt(4)) {
                case 0 -> sessions.save(x, java.time.Duration.ofMillis(1 + rnd.nextInt(20)));
                case 1 -> sessions.delete(x.id());
                case 2 -> sessions.expire(x.id(), java.time.Duration.ofMillis(1 + rnd.nextInt(5)));
                default -> sessions.save(x);
            }
            return true;
        });
    }

    /** A key of the wrong type and a corrupt object are reported once each and left alone; the walk goes on. */
    /**
     * Indexes and a unique field added to a model that already has objects: the objects were
     * written without their entries, which repair() then builds while the model stays in use, and
     * a value two objects already share is reported rather than given to either.
     */
    @Test
    void indexesAddedToAModelWithObjectsAreBuiltByRepair() {
        MemberDao dao = new MemberDao(store);
        List<Member> saved = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            saved.add(dao.save(new Member(null, "m" + i + "@x", "h" + i, i % 3 == 0 ? "DE" : "FR", i % 90, "n" + i)));
        }
        // as if country, age and email had had no index when the objects were written
        for (String key : keys()) {
            if (key.startsWith(member() + ":idx:") || key.equals(member() + ":lex:country") || key.equals(member() + ":uni:email")) {
                raw(jedis -> jedis.del(key));
            }
        }
        // and two objects had the same email before it was unique
        Member first = saved.get(0);
        Member second = saved.get(1);
        raw(jedis -> jedis.hset(member() + ":obj:" + second.id(), "email", first.email()));
        assertEquals(List.of(), dao.query().filter(MemberQuery.country.eq("DE")).list(), "no index yet");

        AuditReport repair = dao.repair();
        assertEquals(3 * 1_000, repair.found(ProblemKind.MISSING_INDEX_ENTRY), repair.toString());
        assertEquals(3 * 1_000, repair.repaired(ProblemKind.MISSING_INDEX_ENTRY));
        assertEquals(1, repair.found(ProblemKind.DUPLICATE_UNIQUE_VALUE), repair.toString());
        assertEquals(1, repair.count(ProblemKind.DUPLICATE_UNIQUE_VALUE).notRepaired());
        assertEquals(334, dao.query().filter(MemberQuery.country.eq("DE")).count());
        assertEquals(dao.query().filter(MemberQuery.age.lt(10)).count(), saved.stream().filter(m -> m.age() < 10).count());
        assertEquals(334, dao.query().filter(MemberQuery.country.startsWith("D")).count());
        assertEquals(java.util.Optional.of(saved.get(7)), dao.getByEmail("m7@x"));

        // once the application settles the shared value, a second repair gives the entry to the
        // object that keeps the value, if the first gave it to the other one (which the order of
        // the SCAN decides)
        dao.save(new Member(second.id(), "m1-again@x", second.handle(), second.country(), second.age(), second.name()));
        AuditReport settled = dao.repair();
        assertEquals(settled.found(ProblemKind.MISSING_UNIQUE_ENTRY), settled.totalFound(), settled.toString());
        assertTrue(settled.repaired(ProblemKind.MISSING_UNIQUE_ENTRY) <= 1, settled.toString());
        assertEquals(java.util.Optional.of(first), dao.getByEmail(first.email()));
        AuditReport after = dao.audit();
        assertEquals(0, after.totalFound(), after.toString());
        RedaoAssertions.assertConsistent(dao);
    }

    /** The keys of indexes, a unique hash and deadlines the model no longer has go with a repair; nothing else does. */
    @Test
    void keysOfIndexesTheModelNoLongerHasAreDeletedByRepair() {
        MemberDao dao = new MemberDao(store);
        saveMembers(dao, "ann", "bob", "cy");
        // as if name had been @Indexed(prefix = true) and @Unique, and a nickname and a score indexed, and the model expiring
        List<String> unused = List.of(member() + ":idx:nickname:x", member() + ":idx:score", member() + ":lex:name",
                member() + ":uni:name", member() + ":exp");
        raw(jedis -> jedis.sadd(unused.get(0), "1"));
        raw(jedis -> jedis.zadd(unused.get(1), 3.0, "1"));
        raw(jedis -> jedis.zadd(unused.get(2), 0.0, "ann\u00001"));
        raw(jedis -> jedis.hset(unused.get(3), "ann", "1"));
        raw(jedis -> jedis.zadd(unused.get(4), 1.0, "1"));
        SortedMap<String, String> before = snapshot();

        AuditReport audit = dao.audit();
        assertEquals(5, audit.found(ProblemKind.UNUSED_INDEX_KEY), audit.toString());
        assertEquals(5, audit.totalFound(), audit.toString());
        assertEquals(Set.copyOf(unused), audit.examples(ProblemKind.UNUSED_INDEX_KEY).stream().map(f -> f.key())
                .collect(Collectors.toSet()));
        assertUnchanged(before); // an audit changes nothing

        AuditReport repair = dao.repair();
        assertEquals(5, repair.repaired(ProblemKind.UNUSED_INDEX_KEY), repair.toString());
        unused.forEach(key -> assertFalse(exists(key), key));
        assertEquals(0, dao.audit().totalFound());
        RedaoAssertions.assertConsistent(dao);
    }

    @Test
    void wrongTypesAndCorruptObjectsAreReportedNotTouched() {
        MemberDao dao = new MemberDao(store);
        Map<String, Member> m = saveMembers(dao, "ann", "bob", "carl");
        String b = member();
        raw(j -> {
            j.del(b + ":idx:country:FR");
            j.set(b + ":idx:country:FR", "not a set");
            j.hset(b + ":obj:" + m.get("carl").id(), "id", "12");
            return null;
        });
        SortedMap<String, String> before = snapshot();
        AuditReport repair = dao.repair();
        assertEquals(1, repair.found(WRONG_TYPE), repair.toString());
        assertEquals(b + ":idx:country:FR", repair.examples(WRONG_TYPE).get(0).key());
        assertEquals(1, repair.found(CORRUPT_OBJECT), repair.toString());
        assertEquals(b + ":obj:" + m.get("carl").id(), repair.examples(CORRUPT_OBJECT).get(0).key());
        assertEquals(repair.totalFound(), repair.totalNotRepaired(), repair.toString());
        assertUnchanged(before);
    }

    /**
     * Writers keep saving and deleting the damaged objects and others while the repair runs: the
     * repair never undoes a write, and once the writers stop, every rule holds.
     */
    @Test
    void repairUnderConcurrentWritersLeavesEveryRuleHolding() throws Exception {
        MemberDao dao = new MemberDao(store);
        List<Member> batch = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            batch.add(m("w" + i, i % 2 == 0 ? "DE" : "FR", i % 90));
        }
        List<Member> saved = dao.saveAll(batch);
        String b = member();
        // damage on every tenth object, of each repairable kind in turn
        raw(j -> {
            for (int i = 0; i < saved.size(); i += 10) {
                Member x = saved.get(i);
                String id = Long.toString(x.id());
                switch ((i / 10) % 7) {
                    case 0 -> j.srem(b + ":idx:country:" + x.country(), id);
                    case 1 -> j.sadd(b + ":idx:country:IT", id);
                    case 2 -> j.zadd(b + ":idx:age", -1, id);
                    case 3 -> j.hdel(b + ":uni:email", x.email());
                    case 4 -> j.hset(b + ":uni:email", "gone" + i + "@x", Long.toString(90_000_000L + i));
                    case 5 -> j.srem(b + ":id", id);
                    default -> j.sadd(b + ":id", Long.toString(80_000_000L + i));
                }
            }
            return null;
        });
        RepairUnderWriters.repairWhileWriting(dao, 3, 77, rnd -> {
            // half the writes on damaged objects, so that some change between a step's read and its fix
            Member x = saved.get(rnd.nextBoolean() ? rnd.nextInt(saved.size()) : 10 * rnd.nextInt(saved.size() / 10));
            try {
                switch (rnd.nextInt(4)) {
                    case 0 -> dao.delete(x.id());
                    case 1 -> dao.save(x.withCountry(rnd.nextBoolean() ? "DE" : "ES").withAge(rnd.nextInt(90)));
                    case 2 -> dao.save(x.withEmail("r" + rnd.nextInt(1_000_000) + "@x"));
                    default -> dao.save(x);
                }
                return true;
            } catch (UniqueViolationException e) {
                return false; // another writer gave x's email to an object of its own: a refusal, not damage
            }
        });
    }

    /**
     * Every script of an audit handles at most about {@link ModelAudit#STEP} keys or entries (a
     * SCAN call may return a few more than asked), so on a model of 20,000 objects the audit is
     * many short scripts; the server counts them as the report does.
     */
    @Test
    void eachScriptOfAnAuditIsBounded() {
        MemberDao dao = new MemberDao(store);
        List<Member> batch = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            batch.add(m("b" + i, i % 4 == 0 ? "DE" : i % 4 == 1 ? "FR" : i % 4 == 2 ? "IT" : "ES", i % 100));
        }
        dao.saveAll(batch);
        AuditReport[] report = new AuditReport[1];
        Map<String, Long> calls = commandDelta(() -> report[0] = dao.audit());
        AuditReport audit = report[0];
        assertTrue(audit.isClean(), audit.toString());
        assertEquals(20_000, audit.objects());
        // objects, then ids, idx:age, lex:country, uni:email and uni:handle, and the four country sets
        long minimum = 7L * 20_000 / ModelAudit.STEP;
        assertTrue(audit.scripts() >= minimum, audit.scripts() + " scripts, expected at least " + minimum);
        assertTrue(audit.largestStep() <= 2 * ModelAudit.STEP, "largest step " + audit.largestStep());
        long scripts = SCRIPT_CALLS.stream().mapToLong(c -> calls.getOrDefault(c, 0L)).sum();
        assertTrue(scripts >= audit.scripts() && scripts <= audit.scripts() + 10,
                "the servers ran " + scripts + " scripts, the report counts " + audit.scripts());
    }
}
