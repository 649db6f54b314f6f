package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.RedisStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * {@code readFrom=replica} on a Redis Cluster and through Sentinel: reads by id and by unique value
 * run on a replica (EVALSHA_RO there, never on a master), queries and writes on the master. A
 * {@code redis://} URL refuses it (ConnectionStringTest), and only Redis 7 runs it.
 */
class ReadFromReplicaTest extends RedisTestSupport {

    @Test
    void readsAndQueriesRunOnAReplica() {
        String url = TestServers.url() + "?namespace=" + ns + "&readFrom=replica";
        if (TestServers.DEPLOYMENT == TestServers.Deployment.SERVER) {
            assertThrows(ConfigurationException.class, () -> RedisStore.connect(url));
            return;
        }
        if (TestServers.version().startsWith("6.")) { // the embedded fallback
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> RedisStore.connect(url));
            assertTrue(e.getMessage().contains("EVALSHA_RO"), e.getMessage());
            return;
        }
        if (onACluster()) {
            awaitReplicaInClusterSlots(base("member"));
        }
        try (RedisStore replicaReads = RedisStore.connect(url)) {
            MemberDao dao = new MemberDao(replicaReads);
            Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann")); // on the master
            Map<String, Long> mastersBefore = readOnlyScripts(TestServers.dataServers());
            long everywhereBefore = total(readOnlyScripts(TestServers.allServers()));
            // replication is asynchronous: the replica has the object a moment later
            assertEquals(Optional.of(ann), eventually(() -> dao.get(ann.id())));
            assertEquals(Optional.of(ann), dao.getByEmail("ann@x"));
            assertEquals(List.of(ann), dao.getAll(List.of(ann.id())));
            // a query stores nothing, so it runs on a replica too
            assertEquals(List.of(ann), dao.query().filter(MemberQuery.country.eq("DE")).list());
            assertEquals(1, dao.query().filter(MemberQuery.country.eq("DE")).count());
            assertEquals(mastersBefore, readOnlyScripts(TestServers.dataServers()), "no read ran on a master");
            assertTrue(total(readOnlyScripts(TestServers.allServers())) - everywhereBefore >= 5, "the reads ran on replicas");
        }
    }

    /**
     * CLUSTER SLOTS names a replica only once the node asked has seen it synced; a store that connects
     * before then reads from the master until its client asks again (every 10 s).
     */
    private static void awaitReplicaInClusterSlots(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            // the client asks whichever node it reaches first: each must name the replica
            boolean everywhere = TestServers.onEveryServer(Jedis::clusterSlots).stream().allMatch(ranges -> ranges.stream()
                    .map(range -> (List<?>) range)
                    .anyMatch(r -> (Long) r.get(0) <= slot && slot <= (Long) r.get(1) && r.size() > 3));
            if (everywhere) {
                return; // the master and at least one replica
            }
        }
        throw new AssertionError("no replica of slot " + slot + " in CLUSTER SLOTS within 30 s");
    }

    private static long total(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    /** EVALSHA_RO and EVAL_RO calls per server. */
    private static Map<String, Long> readOnlyScripts(List<HostAndPort> servers) {
        Map<String, Long> out = new TreeMap<>();
        for (HostAndPort node : servers) {
            try (Jedis jedis = TestServers.connect(node)) {
                long calls = 0;
                for (String line : jedis.info("commandstats").split("\r?\n")) {
                    if (line.startsWith("cmdstat_evalsha_ro:") || line.startsWith("cmdstat_eval_ro:")) {
                        int start = line.indexOf("calls=") + "calls=".length();
                        calls += Long.parseLong(line.substring(start, line.indexOf(',', start)));
                    }
                }
                out.put(node.toString(), calls);
            }
        }
        return out;
    }

    private static <T> Optional<T> eventually(Supplier<Optional<T>> read) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Optional<T> value = read.get();
        while (value.isEmpty() && System.nanoTime() < deadline) {
            value = read.get();
        }
        return value;
    }
}
