package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.RedisStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scripts come back after SCRIPT FLUSH; namespaces on one database stay apart. */
class ServerStateTest extends RedisTestSupport {

    private void flushScripts() {
        RedisTestSupport.everyServer(jedis -> jedis.scriptFlush());
    }

    @Test
    void everyOperationRecoversAfterScriptFlush() {
        MemberDao dao = new MemberDao(store);
        Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        String saveSha = MemberDao.SCHEMA.insertOne().sha1(); // new objects with every field: the insert script
        assertTrue(RedisTestSupport.everyServer(jedis -> jedis.scriptExists(saveSha)).contains(true));

        flushScripts();
        assertFalse(RedisTestSupport.everyServer(jedis -> jedis.scriptExists(saveSha)).contains(true));
        Member bob = dao.save(new Member(null, "bob@x", "bob", "FR", 42, "Bob"));
        assertEquals(2L, bob.id());
        assertTrue(RedisTestSupport.everyServer(jedis -> jedis.scriptExists(saveSha)).contains(true), "EVAL of the text caches it again");

        flushScripts();
        assertEquals(Optional.of(ann), dao.getByEmail("ann@x"));
        flushScripts();
        assertEquals(List.of(bob, ann), dao.getAll(List.of(2L, 1L)));
        flushScripts();
        assertTrue(dao.delete(ann.id()));
        assertFalse(exists(base("member") + ":obj:1"));
        flushScripts();
        assertEquals(1, dao.saveAll(List.of(ann.withId(null).withEmail("ann2@x"))).size());
        flushScripts();
        assertEquals(2, dao.deleteAll(List.of(2L, 3L)));
        assertEquals(0, dao.count());
    }

    @Test
    void twoNamespacesOnOneDatabaseDoNotSeeEachOther() {
        String otherNs = newNamespace();
        try (RedisStore other = connect(otherNs)) {
            try {
                MemberDao mine = new MemberDao(store);
                MemberDao theirs = new MemberDao(other);
                Member a = mine.save(new Member(null, "same@x", "same", "DE", 1, "mine"));
                Member b = theirs.save(new Member(null, "same@x", "same", "FR", 2, "theirs"));
                assertEquals(1L, a.id());
                assertEquals(1L, b.id(), "each namespace has its own counter");
                assertEquals(Optional.of(a), mine.get(1L));
                assertEquals(Optional.of(b), theirs.get(1L));
                assertEquals(Optional.of(a), mine.getByEmail("same@x"));
                assertEquals(Optional.of(b), theirs.getByEmail("same@x"));
                assertEquals(Set.of("1"), members(nsKey("{member}:idx:country:DE")));
                assertEquals(Set.of("1"), members(nsKey(otherNs, "{member}:idx:country:FR")));
                assertTrue(keys().stream().allMatch(k -> k.startsWith(nsKey("{"))));
                assertTrue(keys(other, otherNs).stream().allMatch(k -> k.startsWith(nsKey(otherNs, "{"))));
                assertEquals(keys().size(), keys(other, otherNs).size());

                assertTrue(theirs.delete(1L));
                assertEquals(Optional.of(a), mine.get(1L));
                assertEquals(1, mine.count());
                assertEquals(0, theirs.count());
                assertEquals(ns, store.namespace());
                assertEquals(nsKey("{member}"), Internals.keys(mine).base());
            } finally {
                deleteNamespace(other, otherNs);
            }
        }
    }
}
