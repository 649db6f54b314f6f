package dev.redao.benchmarks;

import dev.redao.runtime.RedisStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What expiry costs (issue #18): the same calls on {@link ExpiringUser} (the Redao columns, a model
 * with {@code @Model(ttl)}, none of whose objects has expired) and {@link User} (the base columns),
 * interleaved slice by slice as every phase is (see {@link Phase}). An expiring model's reads look
 * at the deadlines and its writes take the write module's script, which purges first.
 *
 * <p>Usage: {@code mvn -B -pl benchmarks -am -DskipTests package exec:java -Dexec.args="20000 5 expiry"}.
 */
final class ExpiryOverhead {
    private ExpiryOverhead() {}

    static void run(String url, CommandStats stats, int users, int rounds) {
        runRound(url, "bench-warm", stats, new Workload(Math.min(users, 5_000), 7));
        Workload workload = new Workload(users, 42);
        List<Map<String, Measurement[]>> results = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            results.add(runRound(url, "bench-" + r, stats, workload));
        }
        Report.print(results);
    }

    private static Map<String, Measurement[]> runRound(String url, String namespace, CommandStats stats, Workload w) {
        Map<String, Measurement[]> results = new LinkedHashMap<>();
        try (RedisStore store = RedisStore.connect(url + "?namespace=" + namespace)) {
            ExpiringUserDao expiring = new ExpiringUserDao(store);
            UserDao plain = new UserDao(store);
            int n = w.size;
            long[] expiringIds = new long[n];
            long[] plainIds = new long[n];
            int[] probes = new Random(1).ints(n, 0, n).toArray();
            results.put("save, expiring / not", Phase.interleaved(stats, n, 1, -1,
                    i -> expiringIds[i] = expiring.save(new ExpiringUser(null, w.emails[i], w.countries[i], w.ages[i], w.names[i], w.scores[i])).id(),
                    i -> plainIds[i] = plain.save(w.user(i, null)).id()));
            results.put("get by id, expiring / not", Phase.interleaved(stats, n, 1, -1,
                    i -> expiring.get(expiringIds[probes[i]]), i -> plain.get(plainIds[probes[i]])));
            results.put("getByEmail, expiring / not", Phase.interleaved(stats, n, 1, -1,
                    i -> expiring.getByEmail(w.emails[probes[i]]), i -> plain.getByEmail(w.emails[probes[i]])));
            int queries = Math.min(n, 2_000);
            results.put("query, expiring / not", Phase.interleaved(stats, queries, 1, -1,
                    i -> expiring.query().filter(ExpiringUserQuery.country.eq(Workload.country(i % Workload.COUNTRIES)))
                            .sortBy(ExpiringUserQuery.age.asc()).limit(20).list(),
                    i -> plain.query().filter(UserQuery.country.eq(Workload.country(i % Workload.COUNTRIES)))
                            .sortBy(UserQuery.age.asc()).limit(20).list()));
            results.put("delete, expiring / not", Phase.interleaved(stats, n, 1, -1,
                    i -> expiring.delete(expiringIds[i]), i -> plain.delete(plainIds[i])));
        }
        return results;
    }
}
