package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedisStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.args.ClientPauseMode;

/**
 * What the connection string's timeout bounds, and what a call cut off by it means: a call that
 * finds every pooled connection in use gives up at the timeout; reads go on while a failover
 * pauses writes; a write cut off by the timeout says it may have run, and leaves its object whole.
 */
class TimeoutTest extends RedisTestSupport {
    /** A thread of its own for each blocking call, which the common pool (one thread on 2 cores) may not have free. */
    private static final Executor OWN_THREAD = task -> new Thread(task).start();

    @Test
    void aCallWaitsForAPooledConnectionNoLongerThanTheTimeout() throws Exception {
        try (RedisStore one = RedisStore.connect(urlWithNamespace(ns) + "&pool=1&timeout=0.5")) {
            MemberDao members = new MemberDao(one);
            Member ann = members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
            String list = nsKey("{member}:waiting");
            // the pool's one connection, held by a command that blocks for 20 s unless pushed to
            CompletableFuture<Object> holder = CompletableFuture.supplyAsync(() -> one.execute(jedis -> jedis.blpop(20, list)), OWN_THREAD);
            while (eachDataServer(jedis -> jedis.clientList()).stream().flatMap(String::lines)
                    .noneMatch(client -> client.contains(" flags=b ") && client.contains(" cmd=blpop "))) {
                assertFalse(holder.isDone(), "the BLPOP ended before it was seen blocking");
            } // the pool's connection is taken
            RedaoConnectionException e = assertThrows(RedaoConnectionException.class, () -> members.get(ann.id()));
            assertTrue(e.isRetryable());
            assertFalse(e.writeMayHaveRun(), "a read");
            assertTrue(e.getMessage().contains("pool"), e.getMessage());
            raw(jedis -> jedis.rpush(list, "done")); // the holder returns its connection
            holder.get(10, TimeUnit.SECONDS);
            assertEquals(ann, members.get(ann.id()).orElseThrow(), "the pool serves again");
        }
    }

    @Test
    void readsAndQueriesGoOnWhileWritesArePaused() {
        assumeTrue(!TestServers.version().startsWith("6."), "reads run as EVALSHA_RO, which Redis 7.0 brought; 6.2 pauses them with the writes");
        MemberDao members = new MemberDao(store);
        Member ann = members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        try (RedisStore quick = RedisStore.connect(urlWithNamespace(ns) + "&timeout=0.5")) {
            MemberDao paused = new MemberDao(quick);
            everyServer(jedis -> jedis.clientPause(10_000, ClientPauseMode.WRITE)); // as a failover does
            try {
                assertEquals(ann, paused.get(ann.id()).orElseThrow());
                assertEquals(ann, paused.getByEmail("ann@x").orElseThrow());
                assertEquals(List.of(ann), paused.getAll(List.of(ann.id())));
                assertEquals(List.of(ann), paused.query().filter(MemberQuery.country.eq("DE"))
                        .sortBy(MemberQuery.age.asc()).limit(10).list(), "a query stores nothing: it goes on too");
                assertEquals(1, paused.query().filter(MemberQuery.country.contains("E")).count());
            } finally {
                everyServer(jedis -> jedis.clientUnpause());
            }
        }
    }

    @Test
    void aWriteCutOffByTheTimeoutSaysItMayHaveRunAndReadingBackTells() {
        MemberDao members = new MemberDao(store);
        Member ann = members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        try (RedisStore quick = RedisStore.connect(urlWithNamespace(ns) + "&timeout=0.5")) {
            MemberDao paused = new MemberDao(quick);
            everyServer(jedis -> jedis.clientPause(10_000, ClientPauseMode.WRITE));
            try {
                RedaoConnectionException e = assertThrows(RedaoConnectionException.class, () -> paused.save(ann.withAge(40)));
                assertTrue(e.writeMayHaveRun());
                assertTrue(e.getMessage().contains("member.replace") && e.getMessage().contains("may have run"), e.getMessage());
            } finally {
                everyServer(jedis -> jedis.clientUnpause());
            }
        }
        // Whether it ran depends on what Redis did with it before the client gave up: a paused
        // server drops a waiting command when its client goes, a busy one (DEBUG SLEEP, a long
        // script) runs what it read before it sees the connection close. Either way the object
        // is whole, and reading it back says whether to write again.
        Member now = members.get(ann.id()).orElseThrow();
        assertTrue(now.equals(ann) || now.equals(ann.withAge(40)), now.toString());
        if (now.age() != 40) {
            members.save(now.withAge(40));
        }
        assertEquals(ann.withAge(40), members.get(ann.id()).orElseThrow());
    }
}
