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

/**
 * {@code readFrom=replica} on a Redis Cluster: reads by id and by unique value run on a replica
 * (EVALSHA_RO there, never on a master), queries and writes on the master. Only a cluster URL takes
 * it (ConnectionStringTest), and only Redis 7 runs it.
 */
class ReadFromReplicaTest extends RedisTestSupport {

    @Test
    void readsByIdAndUniqueValueRunOnAReplica() {
        String url = TestServers.url() + "?namespace=" + ns + "&readFrom=replica";
        if (!onACluster()) {
            assertThrows(ConfigurationException.class, () -> RedisStore.connect(url));
            return;
        }
        if (TestServers.version().startsWith("6.")) { // the embedded fallback
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> RedisStore.connect(url));
            assertTrue(e.getMessage().contains("EVALSHA_RO"), e.getMessage());
            return;
        }
        try (RedisStore replicaReads = RedisStore.connect(url)) {
            MemberDao dao = new MemberDao(replicaReads);
            Member ann = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann")); // on the master
            Map<String, Long> mastersBefore = readOnlyScripts(TestServers.dataServers());
            // replication is asynchronous: the replica has the object a moment later
            assertEquals(Optional.of(ann), eventually(() -> dao.get(ann.id())));
            assertEquals(Optional.of(ann), dao.getByEmail("ann@x"));
            assertEquals(List.of(ann), dao.getAll(List.of(ann.id())));
            assertEquals(mastersBefore, readOnlyScripts(TestServers.dataServers()), "no read ran on a master");
            assertTrue(readOnlyScripts(TestServers.allServers()).values().stream().mapToLong(Long::longValue).sum()
                    >= 3, "the reads ran on replicas");
            assertEquals(List.of(ann), dao.query().filter(MemberQuery.country.eq("DE")).list(), "a query runs on the master");
        }
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
