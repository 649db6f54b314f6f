package dev.redao.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.RedisStore;
import dev.redao.test.model.Login;
import dev.redao.test.model.LoginDao;
import dev.redao.test.model.Member;
import dev.redao.test.model.MemberDao;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opentest4j.AssertionFailedError;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * {@code @RedaoTest(cluster = true)}: a store on a 3-master Redis Cluster, a namespace per test
 * emptied on every master, and the checker reading each partition of a partitioned model on the
 * master that holds it.
 */
@RedaoTest(cluster = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
    private static TestNamespace written;

    @Test
    @Order(1)
    void aPartitionedModelSpreadOverTheMastersIsCheckedWhole(RedisStore store, TestNamespace namespace) {
        assertTrue(namespace.serverUrl().startsWith("redis-cluster://"), namespace.serverUrl());
        LoginDao logins = new LoginDao(store);
        List<Login> saved = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            saved.add(logins.save(new Login(null, "u" + i + "@x", "n" + i, i % 2 == 0 ? "DE" : "FR")));
        }
        new MemberDao(store).save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        RedaoAssertions.assertConsistent(logins, new MemberDao(store));

        // a problem in partition 0 and one in partition 3, which are on the first and the last master
        Login first = saved.stream().filter(l -> l.id() % 4 == 0).findFirst().orElseThrow();
        Login second = saved.stream().filter(l -> l.id() % 4 == 3).findFirst().orElseThrow();
        String base0 = Keys.partition(namespace, "login", 0, 4);
        String base1 = Keys.partition(namespace, "login", 3, 4);
        assertEquals(List.of(0, 2), List.of(JedisClusterCRC16.getSlot(base0) * 3 / 16384, JedisClusterCRC16.getSlot(base1) * 3 / 16384),
                "the masters split the slots evenly, in order");
        store.execute(jedis -> jedis.srem(base0 + ":idx:country:" + first.country(), first.id().toString()));
        store.execute(jedis -> jedis.hset(base1 + ":obj:" + second.id(), "id", "0"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> RedaoAssertions.assertConsistent(logins));
        assertTrue(e.getMessage().startsWith("2 problems in the key layout of login:"), e.getMessage());
        assertTrue(e.getMessage().contains("login: live object is missing from the index set of its country [key " + base0
                + ":idx:country:" + first.country() + ", id " + first.id() + ", value \"" + first.country() + "\"]"), e.getMessage());
        assertTrue(e.getMessage().contains("login: object hash's id field differs from its key's id [key " + base1 + ":obj:"
                + second.id() + ", id " + second.id() + ", value \"0\"]"), e.getMessage());
        written = namespace;
    }

    @Test
    @Order(2)
    void theNamespaceIsEmptiedOnEveryMaster(TestNamespace namespace) {
        assertEquals(written.serverUrl(), namespace.serverUrl());
        try (RedisStore look = RedisStore.connect(written.url())) {
            assertEquals(0, look.keyspace().countPattern("*"));
        }
    }
}
