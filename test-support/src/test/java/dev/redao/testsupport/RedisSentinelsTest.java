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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisSentinelClient;

class RedisSentinelsTest {

    /** The shared one: the failover test restarts what it kills, so the setup keeps its shape. */
    private static RedisSentinels setup;

    @BeforeAll
    static void startSentinels() {
        setup = RedisSentinels.shared();
    }

    @Test
    void threeSentinelsKnowTheMasterTheReplicaAndEachOther() {
        RedisNode master = setup.currentMaster();
        List<RedisNode> replicas = setup.replicas();

        assertEquals(1, replicas.size(), replicas::toString);
        assertEquals(Set.copyOf(setup.servers()), Set.of(master, replicas.get(0)));
        assertEquals(3, setup.sentinels().size());
        for (RedisNode sentinel : setup.sentinels()) {
            Map<String, String> state = jedis(sentinel, j -> j.sentinelMaster(setup.masterName()));
            List<Map<String, String>> replicasSeen = jedis(sentinel, j -> j.sentinelReplicas(setup.masterName()));
            List<Map<String, String>> sentinelsSeen = jedis(sentinel, j -> j.sentinelSentinels(setup.masterName()));
            assertAll(sentinel.toString(),
                    () -> assertEquals(Integer.toString(master.port()), state.get("port")),
                    () -> assertEquals("master", state.get("flags")),
                    () -> assertEquals("2", state.get("quorum")),
                    () -> assertEquals("1", state.get("num-slaves")),
                    () -> assertEquals("2", state.get("num-other-sentinels")),
                    () -> assertEquals(List.of(Integer.toString(replicas.get(0).port())),
                            replicasSeen.stream().map(r -> r.get("port")).toList()),
                    () -> assertEquals(otherSentinelPorts(sentinel),
                            sentinelsSeen.stream().map(s -> s.get("port")).collect(Collectors.toSet())));
        }
        Map<String, String> replication = info(replicas.get(0), "replication");
        assertEquals("up", replication.get("master_link_status"));
        assertEquals(Integer.toString(master.port()), replication.get("master_port"));
    }

    @Test
    void everyProcessRunsTheChosenBinaryOnLoopback() throws Exception {
        Path expected = RedisBinaries.forOwnServers();
        for (RedisNode node : union(setup.servers(), setup.sentinels())) {
            assertEquals("127.0.0.1", node.host());
            Map<String, String> server = info(node, "server");
            assertTrue(Files.isSameFile(expected, Path.of(server.get("executable"))), server.get("executable"));
            assertEquals(setup.version(), server.get("redis_version"));
        }
        for (RedisNode sentinel : setup.sentinels()) {
            assertEquals("sentinel", info(sentinel, "server").get("redis_mode"));
        }
        assertEquals(RedisSentinels.DEFAULT_MASTER_NAME, setup.masterName());
        assertEquals("redis-sentinel://" + setup.sentinels().stream().map(RedisNode::address).collect(Collectors.joining(","))
                + "/" + RedisSentinels.DEFAULT_MASTER_NAME, setup.url());
    }

    @Test
    void aSentinelClientFollowsTheFailoverAfterTheMasterIsKilled() {
        try (RedisSentinelClient client = client()) {
            client.set("k", "before");
            RedisNode master = setup.currentMaster();
            RedisNode replica = setup.replicas().get(0);
            assertEquals(hostAndPort(master), client.getCurrentMaster());
            long acknowledged = jedis(master, j -> j.waitReplicas(1, 5000));
            assertEquals(1, acknowledged, "the replica has the value before the kill");

            setup.kill(master);
            Duration took = setup.awaitFailover();
            System.out.println("Redis " + setup.version() + " sentinel failover took " + took.toMillis() + " ms");

            assertEquals(replica, setup.currentMaster());
            assertEquals("master", info(replica, "replication").get("role"));
            // the client switches when a sentinel's +switch-master message reaches it, on a thread of its own
            Polling.await("the client to switch to " + replica, Duration.ofSeconds(10),
                    () -> hostAndPort(replica).equals(client.getCurrentMaster()) ? null : "still on " + client.getCurrentMaster());
            assertEquals("before", client.get("k"));
            client.set("k", "after");
            assertEquals("after", client.get("k"));

            setup.restart(master);

            assertEquals(replica, setup.currentMaster());
            assertEquals(List.of(master), setup.replicas());
            assertEquals("slave", info(master, "replication").get("role"));
            assertEquals("after", client.get("k"));
        }
    }

    @Test
    void aKilledSentinelComesBackKnowingTheOthers() {
        RedisNode sentinel = setup.sentinels().get(2);

        setup.kill(sentinel);
        setup.restart(sentinel);

        Map<String, String> state = jedis(sentinel, j -> j.sentinelMaster(setup.masterName()));
        assertEquals("2", state.get("num-other-sentinels"));
        assertEquals(Integer.toString(setup.currentMaster().port()), state.get("port"));
    }

    @Test
    void masterNamesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> RedisSentinels.start("two words"));
        assertThrows(IllegalArgumentException.class, () -> RedisSentinels.start(""));
    }

    @Test
    void aSetupOfOnesOwnHasItsMasterNameAndCloseStopsEveryProcessAndDeletesTheirDirectories() throws Exception {
        RedisSentinels own = RedisSentinels.start("own.master-1");
        assertEquals("own.master-1", own.masterName());
        assertEquals(own.currentMaster(), jedis(own.sentinels().get(0), j -> {
            List<String> address = j.sentinelGetMasterAddrByName("own.master-1");
            return new RedisNode(address.get(0), Integer.parseInt(address.get(1)));
        }));
        assertThrows(IllegalStateException.class, own::awaitFailover, "nothing was killed");
        List<RedisNode> all = union(own.servers(), own.sentinels());
        List<Path> dirs = new ArrayList<>();
        for (RedisNode node : own.servers()) {
            String dir = jedis(node, j -> j.configGet("dir").get("dir"));
            dirs.add(Path.of(dir));
        }

        own.close();

        for (RedisNode node : all) {
            assertThrows(ConnectException.class, () -> new Socket(node.host(), node.port()).close());
        }
        assertFalse(dirs.stream().anyMatch(Files::exists), dirs::toString);
        own.close();
    }

    @Test
    void sharedIsOneSetupThatSurvivesClose() {
        assertSame(setup, RedisSentinels.shared());

        setup.close();

        assertEquals("PONG", jedis(setup.sentinels().get(0), Jedis::ping));
    }

    private static RedisSentinelClient client() {
        return RedisSentinelClient.builder()
                .masterName(setup.masterName())
                .sentinels(setup.sentinels().stream().map(RedisSentinelsTest::hostAndPort).collect(Collectors.toSet()))
                .build();
    }

    private static HostAndPort hostAndPort(RedisNode node) {
        return new HostAndPort(node.host(), node.port());
    }

    private static Set<String> otherSentinelPorts(RedisNode sentinel) {
        return setup.sentinels().stream().filter(s -> !s.equals(sentinel)).map(s -> Integer.toString(s.port())).collect(Collectors.toSet());
    }

    private static List<RedisNode> union(List<RedisNode> a, List<RedisNode> b) {
        List<RedisNode> union = new ArrayList<>(a);
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
