package dev.redao.benchmarks;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * How the partitioned comparison's two models lie over a cluster's masters: each master's keys of
 * {@link PartitionedSample} and of {@link Sample}, counted with SCAN on the master itself (a
 * cluster client's SCAN would see one node).
 */
final class KeyShares implements AutoCloseable {
    /** The models' names, as their {@code @Model(name)} gives them. */
    static final String PARTITIONED = "psample";
    static final String UNPARTITIONED = "sample";

    private final List<HostAndPort> masters;
    private final List<Jedis> connections = new ArrayList<>();

    KeyShares(List<HostAndPort> masters) {
        this.masters = List.copyOf(masters);
        masters.forEach(m -> connections.add(new Jedis(m.getHost(), m.getPort())));
    }

    /** One line per master: its keys of each model in {@code namespace}, and its share of the partitioned one's. */
    List<String> lines(String namespace) {
        // every partition's tag starts so ({<namespace>:<model>:<p>.<k>}); the unpartitioned model's is {<namespace>:<model>}
        String partitioned = "{" + namespace + ":" + PARTITIONED + ":*";
        String unpartitioned = "{" + namespace + ":" + UNPARTITIONED + "}*";
        long[] counts = new long[connections.size()];
        long[] plain = new long[connections.size()];
        long total = 0;
        for (int m = 0; m < connections.size(); m++) {
            counts[m] = count(connections.get(m), partitioned);
            plain[m] = count(connections.get(m), unpartitioned);
            total += counts[m];
        }
        List<String> lines = new ArrayList<>();
        for (int m = 0; m < connections.size(); m++) {
            lines.add(String.format("  %-21s %s %,9d keys (%5.1f %%), %s %,9d keys", masters.get(m),
                    PARTITIONED, counts[m], total == 0 ? 0.0 : 100.0 * counts[m] / total, UNPARTITIONED, plain[m]));
        }
        return lines;
    }

    private static long count(Jedis jedis, String pattern) {
        ScanParams params = new ScanParams().match(pattern).count(1_000);
        long n = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            n += page.getResult().size();
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return n;
    }

    @Override
    public void close() {
        connections.forEach(Jedis::close);
    }
}
