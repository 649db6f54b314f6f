package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.PermissionException;
import dev.redao.runtime.ReadOnlyException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisOutOfMemoryException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.tools.Pipeline;
import dev.redao.runtime.tools.Reply;
import dev.redao.testsupport.LocalRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import redis.clients.jedis.Jedis;

/**
 * Refusals that stay until someone acts (a full memory, a read-only replica, an ACL, a connection
 * string the server rejects) each have a type of their own that carries the server's words, is not
 * retryable, and is never mistaken for corrupt data. Redis is left as it was.
 */
class ServerRefusalsTest extends RedisTestSupport {

    private static Member member(Long id, String email, String country) {
        return new Member(id, email, email.substring(0, email.indexOf('@')), country, 30, null);
    }

    /** The call throws {@code type}, which is not retryable and whose reason (read by {@code reason}) starts with {@code code}. */
    private static <E extends RedaoException> Executable refused(Class<E> type, Function<E, String> reason, String code,
            Executable call) {
        return () -> {
            E e = assertThrows(type, call);
            assertFalse(e.isRetryable(), e.getMessage());
            assertTrue(reason.apply(e).startsWith(code) || reason.apply(e).contains("The user executing the script can't"),
                    "the server's words: " + reason.apply(e));
            assertTrue(e.getMessage().contains(reason.apply(e)), e.getMessage());
        };
    }

    /** A server of its own, as a store in this test's namespace with one member, and a raw connection. */
    private record Own(LocalRedis server, RedisStore store, Jedis admin, MemberDao dao, Member ann) implements AutoCloseable {
        static Own start(String ns) {
            LocalRedis server = LocalRedis.startOwn();
            RedisStore store = RedisStore.connect(server.url() + "?namespace=" + ns);
            MemberDao dao = new MemberDao(store);
            return new Own(server, store, new Jedis(server.host(), server.port()), dao, dao.save(member(null, "ann@x", "DE")));
        }

        @Override
        public void close() {
            store.close();
            admin.close();
            server.close();
        }
    }

    /** Every write path: single-object scripts (a new id, a given id, an update), the write module, a transaction, a queue, a pipeline, a raw command. */
    private List<Executable> writes(Own own, Function<Executable, Executable> expect) {
        return List.of(
                expect.apply(() -> own.dao().save(member(null, "new@x", "FR"))),
                expect.apply(() -> own.dao().save(member(7L, "seven@x", "FR"))),
                expect.apply(() -> own.dao().save(own.ann().withAge(31))),
                expect.apply(() -> own.dao().saveAll(List.of(member(null, "a@x", "FR"), member(null, "b@x", "FR")))),
                expect.apply(() -> own.store().transaction(tx -> tx.save(own.dao(), member(null, "tx@x", "DE")))),
                expect.apply(() -> own.store().queue("jobs", String.class).push("job")),
                expect.apply(() -> own.store().execute(jedis -> jedis.set(nsKey("k"), "v"))),
                expect.apply(() -> {
                    try (Pipeline p = own.store().pipeline()) {
                        Reply<Void> r = p.set("k", "v");
                        p.sync();
                        r.get();
                    }
                }));
    }

    /** A query of every kind of step: an index set, a range, a sort by a sorted index, a page. */
    private static List<Member> query(Own own) {
        return own.dao().query().filter(MemberQuery.country.eq("DE")).filter(MemberQuery.age.ge(0))
                .sortBy(MemberQuery.age.desc()).limit(10).list();
    }

    /** OOM: maxmemory reached under noeviction. Writes are refused before anything is written; reads work. */
    @Test
    void aFullMemoryRefusesWritesAsOutOfMemoryNotAsCorruptData() {
        try (Own own = Own.start(ns)) {
            SortedMap<String, String> before = snapshot(own.store(), ns);
            own.admin().configSet("maxmemory", "1");
            try {
                assertAll(writes(own, call -> refused(RedisOutOfMemoryException.class, RedisOutOfMemoryException::reason, "OOM", call)));
                assertEquals(Optional.of(own.ann()), own.dao().get(own.ann().id()), "reads still work");
                assertEquals(List.of(own.ann()), query(own), "queries still work: they store nothing");
            } finally {
                own.admin().configSet("maxmemory", "0");
            }
            assertEquals(before, snapshot(own.store(), ns), "nothing was written");
        }
    }

    /** READONLY: the server is a replica (of a primary it cannot reach). Writes are refused; reads work. */
    @Test
    void aReplicaRefusesWritesAsReadOnlyNotAsCorruptData() throws Exception {
        try (Own own = Own.start(ns)) {
            SortedMap<String, String> before = snapshot(own.store(), ns);
            own.admin().replicaof("127.0.0.1", ConnectionTest.closedPort());
            try {
                List<Executable> calls = new ArrayList<>(
                        writes(own, call -> refused(ReadOnlyException.class, ReadOnlyException::reason, "READONLY", call)));
                calls.add(refused(ReadOnlyException.class, ReadOnlyException::reason, "READONLY",
                        () -> own.dao().delete(own.ann().id())));
                calls.add(refused(ReadOnlyException.class, ReadOnlyException::reason, "READONLY",
                        () -> own.store().keyspace().deletePattern("*")));
                assertAll(calls);
                assertEquals(Optional.of(own.ann()), own.dao().get(own.ann().id()), "reads still work");
                assertEquals(List.of(own.ann()), query(own), "queries still work: they store nothing");
            } finally {
                own.admin().replicaofNoOne();
            }
            assertEquals(before, snapshot(own.store(), ns), "nothing was written");
        }
    }

    // ---- ACLs: NOPERM, inside scripts and out

    private String user;

    private RedisStore connectAs(String... rules) {
        user = "redao-refused-" + ns.substring(0, ns.length() - 1);
        everyServer(jedis -> jedis.aclSetUser(user, rules));
        return RedisStore.connect(TestServers.urlAs(user, "pw") + "?namespace=" + ns);
    }

    private void dropUser() {
        everyServer(jedis -> jedis.aclDelUser(user));
    }

    private static Executable permission(Executable call) {
        return refused(PermissionException.class, PermissionException::reason, "NOPERM", call);
    }

    /** A user without INCR: the save script's INCR of a new id is refused, which is no corrupt counter. */
    @Test
    void aScriptsCommandTheUserMayNotRunIsAPermissionError() {
        MemberDao admin = new MemberDao(store);
        Member ann = admin.save(member(null, "ann@x", "DE"));
        raw(jedis -> jedis.set(nsKey("{a}"), "v"));
        SortedMap<String, String> before = snapshot();
        try (RedisStore limited = connectAs("on", ">pw", "~*", "&*", "+@all", "-incr", "-hmget", "-rename")) {
            MemberDao dao = new MemberDao(limited);
            assertAll(
                    permission(() -> dao.save(member(null, "new@x", "FR"))),
                    // a given id reads the stored object first (HMGET): the read is refused, not the key's type
                    permission(() -> dao.save(member(9L, "nine@x", "FR"))),
                    permission(() -> dao.get(ann.id())),
                    permission(() -> limited.luaPrograms().run("mylib.rename_if_exists", List.of("{a}", "{a}b"), null)));
        } finally {
            dropUser();
        }
        assertUnchanged(before);
    }

    /**
     * A user who may touch the model's objects, ids and unique hashes, but not its index keys: the
     * index write is refused after the INCR of the new id, which is given back.
     */
    @Test
    void aKeyTheUserMayNotTouchInsideAScriptIsAPermissionErrorAndTheIdIsGivenBack() {
        MemberDao admin = new MemberDao(store);
        admin.save(member(null, "ann@x", "DE"));
        SortedMap<String, String> before = snapshot();
        String base = base("member");
        try (RedisStore limited = connectAs("on", ">pw", "&*", "+@all",
                "~" + base + ":obj:*", "~" + base + ":id", "~" + base + ":ids", "~" + base + ":uni:*")) {
            MemberDao dao = new MemberDao(limited);
            assertAll(
                    permission(() -> dao.save(member(null, "bob@x", "FR"))),
                    permission(() -> dao.saveAll(List.of(member(null, "c@x", "FR"), member(null, "d@x", "FR")))));
        } finally {
            dropUser();
        }
        assertUnchanged(before);
    }

    /** Channels the user may not use: publishing and subscribing are permission errors. */
    @Test
    void aChannelTheUserMayNotUseIsAPermissionError() {
        try (RedisStore limited = connectAs("on", ">pw", "~*", "resetchannels", "&" + nsKey("redao:*"), "+@all")) {
            assertAll(
                    permission(() -> limited.pubSub().publish("orders", "m")),
                    permission(() -> limited.pubSub().subscribe((channel, message) -> {}, "orders")));
        } finally {
            dropUser();
        }
    }

    // ---- the connection string

    /** A database the server does not have: a configuration error naming the URL, without its password. */
    @Test
    void aDatabaseTheServerDoesNotHaveIsAConfigurationError() {
        assumeTrue(TestServers.DEPLOYMENT != TestServers.Deployment.CLUSTER,
                "a cluster has only database 0; RedisUrl refuses another (ConnectionStringTest)");
        user = "redao-db-" + ns.substring(0, ns.length() - 1);
        everyServer(jedis -> jedis.aclSetUser(user, "on", ">s3cret-pw", "~*", "&*", "+@all"));
        try {
            String url = TestServers.urlAs(user, "s3cret-pw") + "?db=99&namespace=" + ns;
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> RedisStore.connect(url).close());
            assertFalse(e.isRetryable());
            assertTrue(e.reason().contains("DB index is out of range"), e.reason());
            assertTrue(e.getMessage().contains(RedisUrl.parse(url).toString()), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), "the password leaked: " + e.getMessage());
        } finally {
            dropUser();
        }
    }

    // ---- execute(jedis -> ...)

    @Test
    void executeTurnsWhatJedisThrowsIntoARedaoExceptionAndLetsTheCallersOwnThrough() {
        raw(jedis -> jedis.set(nsKey("text"), "abc"));
        RedaoException e = assertThrows(RedaoException.class, () -> store.execute(jedis -> jedis.incr(nsKey("text"))));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("not an integer") && e.getMessage().contains(store.url().address()), e.getMessage());

        IllegalStateException mine = new IllegalStateException("mine");
        assertSame(mine, assertThrows(IllegalStateException.class, () -> store.execute(jedis -> {
            throw mine;
        })));
    }
}
