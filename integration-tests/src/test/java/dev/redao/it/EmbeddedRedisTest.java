package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.AuthenticationException;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.testsupport.LocalRedis;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The fallback for machines without redis-server: the binary shipped in the embedded-redis
 * package (Redis 6.2, the oldest version Redao supports). This one test starts its own server.
 */
class EmbeddedRedisTest {

    @Test
    @SuppressWarnings("try") // closes the server early on purpose, to see a connected store lose it
    void fullCycleOnTheEmbeddedServer() {
        String ns = RedisTestSupport.newNamespace();
        try (LocalRedis redis = LocalRedis.startEmbedded()) {
            assertEquals(LocalRedis.Source.EMBEDDED, redis.source());
            assertTrue(redis.version().startsWith("6.2"), redis.version());
            RedisStore store = RedisStore.connect(redis.url() + "?namespace=" + ns);
            try {
                MemberDao dao = new MemberDao(store);
                Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
                Member bob = dao.saveAll(List.of(new Member(null, "bob@x", "bob", "FR", 42, "Bob"))).get(0);
                assertEquals(1L, ann.id());
                assertEquals(Optional.of(ann), dao.get(1L));
                assertEquals(Optional.of(bob), dao.getByEmail("bob@x"));
                assertThrows(UniqueViolationException.class, () -> dao.save(bob.withEmail("ann@x")));
                dao.saveAll(List.of(ann.withEmail("bob@x"), bob.withEmail("ann@x")));
                assertEquals(Optional.of(bob.withEmail("ann@x")), dao.getByEmail("ann@x"));
                assertTrue(dao.delete(ann.id()));
                assertFalse(dao.exists(ann.id()));
                assertEquals(List.of(), RedisTestSupport.keysMentioning(store, ns, "member", "1"));
                assertEquals(1, dao.count());

                // a password set on the server: the URL's password forms
                store.execute(jedis -> jedis.configSet("requirepass", "s3cret"));
                try {
                    AuthenticationException noAuth = assertThrows(AuthenticationException.class,
                            () -> RedisStore.connect(redis.url() + "?namespace=" + ns));
                    assertTrue(noAuth.getMessage().contains("NOAUTH"), noAuth.getMessage());
                    assertTrue(noAuth.reason().startsWith("NOAUTH"), noAuth.reason());
                    String hostPort = redis.host() + ":" + redis.port();
                    for (String url : List.of("redis://:s3cret@" + hostPort, "redis://s3cret@" + hostPort,
                            "redis://" + hostPort + "?password=s3cret")) {
                        try (RedisStore authed = RedisStore.connect(url + (url.contains("?") ? "&" : "?") + "namespace=" + ns)) {
                            assertEquals(Optional.of(bob.withEmail("ann@x")), new MemberDao(authed).get(bob.id()), url);
                        }
                    }
                } finally {
                    store.execute(jedis -> jedis.configSet("requirepass", ""));
                }

                // the server goes away under a connected store: a typed error naming the address
                redis.close();
                RedaoConnectionException e = assertThrows(RedaoConnectionException.class, () -> dao.get(2L));
                assertEquals(redis.host() + ":" + redis.port(), e.address());
                assertThrows(RedaoConnectionException.class, () -> dao.save(bob));
            } finally {
                store.close();
            }
        }
    }

}
