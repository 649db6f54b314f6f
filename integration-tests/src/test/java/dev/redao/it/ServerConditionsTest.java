package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUnavailableException;
import dev.redao.runtime.tools.Pipeline;
import dev.redao.runtime.tools.Reply;
import dev.redao.testsupport.LocalRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Conditions that pass by themselves (a server loading its data, busy with another client's
 * script, without its primary, gone) reach every kind of call as one retryable type,
 * {@link RedisUnavailableException}, whose reason is the server's error code. Each test makes
 * the condition on a server of its own.
 */
class ServerConditionsTest {
    private final String ns = RedisTestSupport.newNamespace();

    private static Member member(Long id, String email, String country) {
        return new Member(id, email, email.substring(0, email.indexOf('@')), country, 30, null);
    }

    private static String address(LocalRedis server) {
        return server.host() + ":" + server.port();
    }

    private static Executable unavailable(String reason, String address, Executable call) {
        return () -> {
            RedisUnavailableException e = assertThrows(RedisUnavailableException.class, call);
            assertEquals(reason, e.reason(), e.getMessage());
            assertTrue(e.isRetryable());
            assertEquals(address, e.address());
            assertTrue(e.getMessage().contains(address), e.getMessage());
            assertTrue(reason.equals("CONNECTION") || e.getMessage().contains(reason), "the server's words: " + e.getMessage());
        };
    }

    /** Polls {@code done} until it holds, for at most 30 s. */
    private static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "gave up waiting until " + what);
        }
    }

    /**
     * The calls of every part of the API that a server condition must reach as one type (a queue's
     * take aside: a loading replica refuses its LMOVE as a write to a replica first).
     */
    private List<Executable> everyKindOfCall(String reason, LocalRedis server, RedisStore store, MemberDao dao, Member stored) {
        String at = address(server);
        List<Executable> calls = new ArrayList<>(List.of(
                unavailable(reason, at, () -> dao.get(stored.id())),
                unavailable(reason, at, () -> dao.exists(stored.id())),
                unavailable(reason, at, dao::count),
                unavailable(reason, at, () -> dao.getAll(List.of(stored.id()))),
                unavailable(reason, at, () -> dao.getByEmail(stored.email())),
                unavailable(reason, at, () -> dao.save(member(null, "new@x", "FR"))),
                unavailable(reason, at, () -> dao.saveAll(List.of(member(null, "a@x", "FR"), member(null, "b@x", "FR")))),
                unavailable(reason, at, () -> dao.delete(stored.id())),
                unavailable(reason, at, () -> dao.query().filter(MemberQuery.country.eq("DE")).list()),
                unavailable(reason, at, () -> store.transaction(tx -> tx.save(dao, member(null, "tx@x", "DE")))),
                unavailable(reason, at, () -> store.execute(jedis -> jedis.get(RedisTestSupport.nsKey(ns, "k")))),
                unavailable(reason, at, () -> {
                    try (Pipeline p = store.pipeline()) {
                        Reply<String> r = p.get("k");
                        p.sync();
                        r.get();
                    }
                }),
                unavailable(reason, at, () -> store.keyspace().countPattern("*")),
                unavailable(reason, at, () -> store.queue("jobs", String.class).push("job")),
                unavailable(reason, at, () -> store.luaPrograms().run("mylib.echo", List.of("k"), List.of("v"))),
                unavailable(reason, at, () -> dao.stats())));
        return calls;
    }

    /**
     * BUSY: another client's script has run past the busy threshold. Redis then answers every
     * other command with BUSY until the script ends or is killed.
     */
    @Test
    void aServerBusyWithAnotherClientsScriptIsRetryableForEveryKindOfCall() throws Exception {
        try (LocalRedis server = LocalRedis.startOwn(); Jedis admin = new Jedis(server.host(), server.port())) {
            RedisStore store = RedisStore.connect(server.url() + "?namespace=" + ns);
            try {
                MemberDao dao = new MemberDao(store);
                Member ann = dao.save(member(null, "ann@x", "DE"));
                admin.configSet("lua-time-limit", "10"); // the busy threshold, in ms, under its name of both 6.2 and 7
                CompletableFuture<Object> endless = CompletableFuture.supplyAsync(() -> {
                    try (Jedis other = new Jedis(server.host(), server.port(), 60_000)) {
                        return other.eval("while true do end", 0);
                    }
                });
                try {
                    await("Redis answers BUSY", () -> {
                        try {
                            admin.ping();
                            return false;
                        } catch (JedisBusyException busy) {
                            return true;
                        }
                    });
                    List<Executable> calls = everyKindOfCall("BUSY", server, store, dao, ann);
                    calls.add(unavailable("BUSY", address(server), store::serverInfo));
                    calls.add(unavailable("BUSY", address(server), () -> store.pubSub().publish("news", "m")));
                    calls.add(unavailable("BUSY", address(server), () -> store.queue("jobs", String.class).take(Duration.ZERO)));
                    calls.add(unavailable("BUSY", address(server), () -> dao.watch(ann.id(), (key, event) -> {})));
                    calls.add(unavailable("BUSY", address(server),
                            () -> store.pubSub().subscribe((channel, message) -> {}, "news")));
                    calls.add(unavailable("BUSY", address(server),
                            () -> RedisStore.connect(server.url() + "?namespace=" + ns).close()));
                    assertAll(calls);
                } finally {
                    admin.scriptKill();
                    Throwable ended = assertThrows(Exception.class, () -> endless.get(30, TimeUnit.SECONDS));
                    assertTrue(String.valueOf(ended.getCause()).contains("SCRIPT KILL"), String.valueOf(ended));
                }
                assertEquals(Optional.of(ann), dao.get(ann.id()), "the store works again once the script is gone");
            } finally {
                store.close();
            }
        }
    }

    /**
     * LOADING: a replica loading the data its primary sent, the way a server loads its data after a
     * restart. Redis lets other clients in between keys while it loads, and answers them LOADING.
     * The data is made large and slow to load: Redis 6.2 lets clients in only every 2 MB loaded (a
     * fixed interval there), and each key waits key-load-delay before it is loaded. Redis 7 lets the
     * test end the loading once its calls are done; Redis 6.2 refuses CONFIG SET while it loads, so
     * there the loading runs its course (40 keys of 250 ms).
     */
    @Test
    void aServerLoadingItsDataIsRetryableForEveryKindOfCall() {
        try (LocalRedis primary = LocalRedis.startOwn(); LocalRedis replica = LocalRedis.startOwn();
                Jedis source = new Jedis(primary.host(), primary.port(), 10_000);
                Jedis admin = new Jedis(replica.host(), replica.port(), 10_000)) {
            RedisStore store = RedisStore.connect(replica.url() + "?namespace=" + ns);
            try {
                MemberDao dao = new MemberDao(store);
                Member ann = dao.save(member(null, "ann@x", "DE"));
                source.configSet("rdbcompression", "no");
                source.configSet("repl-diskless-sync", "no");
                for (int i = 0; i < 40; i++) {
                    source.setrange("filler:" + i, 2_200_000, "x");
                }
                admin.configSet("key-load-delay", "250000"); // µs before each key
                admin.replicaof(primary.host(), primary.port());
                await("the replica is loading", () -> loading(admin));
                try {
                    assertAll(everyKindOfCall("LOADING", replica, store, dao, ann));
                } finally {
                    try {
                        admin.configSet("key-load-delay", "0");
                    } catch (JedisDataException onlyConfigGetWhileLoading) {
                        // Redis 6.2 refuses CONFIG SET while it loads: the loading runs to its end
                    }
                    await("the replica has loaded", () -> !loading(admin));
                    admin.replicaofNoOne();
                }
                assertEquals(0, dao.count(), "the replica holds its primary's data now, without members");
            } finally {
                store.close();
            }
        }
    }

    private static boolean loading(Jedis admin) {
        return admin.info("persistence").contains("loading:1");
    }

    /**
     * MASTERDOWN: a replica that has lost its primary and may not serve stale data. It is also a
     * read-only replica: writes are refused as such (see ServerRefusalsTest), reads are retryable.
     */
    @Test
    void aReplicaWithoutItsPrimaryThatMayNotServeStaleDataIsRetryable() throws Exception {
        try (LocalRedis server = LocalRedis.startOwn(); Jedis admin = new Jedis(server.host(), server.port())) {
            RedisStore store = RedisStore.connect(server.url() + "?namespace=" + ns);
            try {
                MemberDao dao = new MemberDao(store);
                Member ann = dao.save(member(null, "ann@x", "DE"));
                admin.replicaof("127.0.0.1", ConnectionTest.closedPort());
                admin.configSet("replica-serve-stale-data", "no");
                String at = address(server);
                assertAll(
                        unavailable("MASTERDOWN", at, () -> dao.get(ann.id())),
                        unavailable("MASTERDOWN", at, () -> dao.exists(ann.id())),
                        unavailable("MASTERDOWN", at, dao::count),
                        unavailable("MASTERDOWN", at, () -> dao.query().filter(MemberQuery.country.eq("DE")).list()),
                        unavailable("MASTERDOWN", at, () -> store.keyspace().countPattern("*")));
                admin.configSet("replica-serve-stale-data", "yes");
                admin.replicaofNoOne();
                assertEquals(Optional.of(ann), dao.get(ann.id()));
            } finally {
                store.close();
            }
        }
    }

    /** A server that is gone: every call, the connect included, is a retryable connection error naming it. */
    @Test
    void aServerThatIsGoneIsARetryableConnectionError() {
        LocalRedis server = LocalRedis.startOwn();
        RedisStore store = RedisStore.connect(server.url() + "?namespace=" + ns);
        try {
            MemberDao dao = new MemberDao(store);
            Member ann = dao.save(member(null, "ann@x", "DE"));
            server.close();
            List<Executable> calls = everyKindOfCall("CONNECTION", server, store, dao, ann);
            calls.add(unavailable("CONNECTION", address(server), () -> store.pubSub().publish("news", "m")));
            calls.add(unavailable("CONNECTION", address(server), () -> store.queue("jobs", String.class).take(Duration.ZERO)));
            calls.add(unavailable("CONNECTION", address(server), () -> RedisStore.connect(server.url()).close()));
            calls.add(() -> assertThrows(RedaoConnectionException.class, () -> dao.get(ann.id())));
            assertAll(calls);
        } finally {
            store.close();
            server.close();
        }
    }
}
