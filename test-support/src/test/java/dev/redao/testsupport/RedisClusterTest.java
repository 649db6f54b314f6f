package dev.redao.testsupport;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;

class RedisClusterTest {

    /** The shared one: the failover test restarts what it kills, so the cluster keeps its shape. */
    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.shared();
    }

    @Test
    void threeMastersShareEverySlotAndEachHasAReplicaInSync() {
        List<RedisNode> masters = cluster.masters();
        List<RedisNode> replicas = cluster.replicas();

        assertEquals(3, masters.size(), masters::toString);
        assertEquals(3, replicas.size(), replicas::toString);
        assertEquals(6, Set.copyOf(cluster.nodes()).size());
        assertEquals(Set.copyOf(cluster.nodes()), union(masters, replicas));
        for (RedisNode master : masters) {
            List<RedisNode> replicasOfMaster = cluster.replicasOf(master);
            assertEquals(1, replicasOfMaster.size(), () -> master + " has " + replicasOfMaster);
            Map<String, String> replication = info(replicasOfMaster.get(0), "replication");
            assertEquals("up", replication.get("master_link_status"));
            assertEquals(Integer.toString(master.port()), replication.get("master_port"));
        }
        for (RedisNode node : cluster.nodes()) {
            Map<String, String> clusterInfo = Connections.infoFields(jedis(node, Jedis::clusterInfo));
            assertAll(node.toString(),
                    () -> assertEquals("ok", clusterInfo.get("cluster_state")),
                    () -> assertEquals("16384", clusterInfo.get("cluster_slots_ok")),
                    () -> assertEquals("6", clusterInfo.get("cluster_known_nodes")),
                    () -> assertEquals("3", clusterInfo.get("cluster_size")));
        }
        assertEquals(masters.get(0), cluster.masterOf(0));
        assertEquals(masters.get(2), cluster.masterOf(RedisCluster.SLOTS - 1));
    }

    @Test
    void nodesListenOnLoopbackWithTheirBusPortAndRunTheChosenBinary() throws Exception {
        Path expected = RedisBinaries.forOwnServers();
        for (RedisNode node : cluster.nodes()) {
            assertEquals("127.0.0.1", node.host());
            assertTrue(node.port() + 10000 <= 65535, node::toString);
            new Socket("127.0.0.1", node.port() + 10000).close();
            Map<String, String> server = info(node, "server");
            assertTrue(Files.isSameFile(expected, Path.of(server.get("executable"))), server.get("executable"));
            assertEquals(cluster.version(), server.get("redis_version"));
        }
        assertTrue(cluster.version().matches("\\d+\\.\\d+\\.\\d+"), cluster.version());
        assertEquals("redis-cluster://" + String.join(",", cluster.seeds()), cluster.url());
        assertEquals(cluster.nodes().stream().map(RedisNode::toString).toList(), cluster.seeds());
    }

    @Test
    void aClusterClientWritesToEveryMasterAndReadsBack() {
        try (RedisClusterClient client = client()) {
            Set<RedisNode> written = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                String key = "key-" + i;
                client.set(key, "value-" + i);
                written.add(cluster.masterForKey(key));
            }
            for (int i = 0; i < 30; i++) {
                assertEquals("value-" + i, client.get("key-" + i));
            }
            assertEquals(Set.copyOf(cluster.masters()), written, "30 keys hash to every master");
        }
    }

    @Test
    void aKilledMastersReplicaTakesOverAndTheKilledNodeComesBackAsItsReplica() {
        try (RedisClusterClient client = client()) {
            String key = "{failover}k";
            client.set(key, "before");
            assertEquals(1, client.waitReplicas(key, 1, 5000), "the replica has the value before the kill");
            RedisNode master = cluster.masterForKey(key);
            RedisNode replica = cluster.replicasOf(master).get(0);

            cluster.kill(master);
            Duration took = cluster.awaitFailover();

            assertEquals(replica, cluster.masterForKey(key));
            assertEquals("before", client.get(key));
            client.set(key, "after");
            assertEquals("after", client.get(key));
            System.out.println("Redis " + cluster.version() + " cluster failover took " + took.toMillis() + " ms");

            cluster.restart(master);

            assertEquals(replica, cluster.masterForKey(key));
            assertEquals(List.of(master), cluster.replicasOf(replica));
            assertEquals("master", info(replica, "replication").get("role"));
            assertEquals("slave", info(master, "replication").get("role"));
            assertEquals("after", client.get(key));
            assertEquals(3, cluster.masters().size());
        }
    }

    @Test
    void aClusterOfOnesOwnCanBeSmallerAndCloseStopsEveryNodeAndDeletesTheirDirectories() throws Exception {
        RedisCluster small = RedisCluster.start(1, 1);
        assertEquals(1, small.masters().size());
        assertEquals(1, small.replicasOf(small.masters().get(0)).size());
        assertThrows(IllegalStateException.class, small::awaitFailover, "nothing was killed");
        List<Path> dirs = new ArrayList<>();
        for (RedisNode node : small.nodes()) {
            String dir = jedis(node, j -> j.configGet("dir").get("dir"));
            dirs.add(Path.of(dir));
        }
        assertTrue(dirs.stream().allMatch(dir -> Files.exists(dir.resolve("nodes.conf"))), dirs::toString);

        small.close();

        for (RedisNode node : small.nodes()) {
            assertThrows(ConnectException.class, () -> new Socket(node.host(), node.port()).close());
        }
        assertFalse(dirs.stream().anyMatch(Files::exists), dirs::toString);
        small.close();
    }

    @Test
    void sharedIsOneClusterThatSurvivesClose() {
        assertSame(cluster, RedisCluster.shared());

        cluster.close();

        assertEquals("PONG", jedis(cluster.nodes().get(0), Jedis::ping));
    }

    private static RedisClusterClient client() {
        return RedisClusterClient.create(cluster.seeds().stream().map(HostAndPort::from).collect(Collectors.toSet()));
    }

    private static Set<RedisNode> union(List<RedisNode> a, List<RedisNode> b) {
        Set<RedisNode> union = new HashSet<>(a);
        union.addAll(b);
        return union;
    }

    private static Map<String, String> info(RedisNode node, String section) {
        return jedis(node, jedis -> Connections.info(jedis, section));
    }

    private static <T> T jedis(RedisNode node, Function<Jedis, T> call) {
        try (Jedis jedis = Connections.open(node.port(), Duration.ofSeconds(2))) {
            return call.apply(jedis);
        }
    }
}
