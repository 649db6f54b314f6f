package dev.redao.benchmarks;

import dev.redao.runtime.RedisStore;
import dev.redao.testsupport.LocalRedis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * The page query "country = X, sorted by age, first 20" as the model grows: Redao's query against
 * the two hand-written scripts of {@link Baseline} (one that walks the age index, one that builds
 * the whole intersection with ZINTERSTORE, as Redao's query did before it planned), on the same
 * data, at each size. The users are written straight into Redao's key layout by a script, a chunk
 * at a time, since saving millions of objects one call at a time would take most of the run.
 *
 * <p>Usage: {@code mvn -B -pl benchmarks -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.redao.benchmarks.QueryScaling -Dexec.args="20000 200000 2000000"}.
 * Prints, per size and side, the median time per query and the 10th-90th percentile range.
 */
public final class QueryScaling {
    private static final int LIMIT = 20;
    /** Writes users from..to of the workload: each object's hash, the id set, the indexes, the unique hash. */
    private static final String FILL = """
            local base = string.sub(KEYS[1], 1, -4)
            for i = 1, #ARGV, 6 do
              local id, email, country, age = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
              redis.call('HSET', base .. ':obj:' .. id, 'id', id, 'email', email, 'country', country, 'age', age,
                  'name', ARGV[i + 4], 'score', ARGV[i + 5])
              redis.call('SADD', KEYS[1], id)
              redis.call('HSET', base .. ':uni:email', email, id)
              redis.call('SADD', base .. ':idx:country:' .. country, id)
              redis.call('ZADD', base .. ':idx:age', age, id)
            end
            return 1
            """;

    private QueryScaling() {}

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {20_000, 200_000, 2_000_000};
        try (LocalRedis redis = LocalRedis.start();
             RedisClient client = RedisClient.builder().hostAndPort(redis.host(), redis.port()).build();
             CommandStats stats = new CommandStats(List.of(new Jedis(redis.host(), redis.port())))) {
            System.out.printf("Redis %s (%s), Java %s, %d cores; query: country = X by age, first %d%n", redis.version(),
                    redis.source(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), LIMIT);
            System.out.println("| users | Redao µs | baseline walking µs | baseline ZINTERSTORE µs |");
            System.out.println("|---|---|---|---|");
            for (int size : sizes) {
                String namespace = "scaling-" + size;
                fill(client, namespace, new Workload(size, 42));
                try (RedisStore store = RedisStore.connect(redis.url() + "?namespace=" + namespace)) {
                    UserDao users = new UserDao(store);
                    Baseline baseline = new Baseline(client, namespace);
                    int calls = 400;
                    String[] redaoAndWalking = timeInterleaved(stats, calls,
                            i -> users.query().filter(UserQuery.country.eq(country(i))).sortBy(UserQuery.age.asc()).limit(LIMIT).list(),
                            i -> baseline.firstByAgeWalking(country(i), LIMIT));
                    String redao = redaoAndWalking[0];
                    String walking = redaoAndWalking[1];
                    // the whole intersection grows with the model: fewer calls where each takes long
                    String zinter = time(Math.max(10, calls * 20_000 / size), i -> baseline.firstByAge(country(i), LIMIT));
                    System.out.printf("| %,d | %s | %s | %s |%n", size, redao, walking, zinter);
                    store.keyspace().deletePattern("*");
                }
            }
        }
    }

    private static String country(int i) {
        return Workload.country(i % Workload.COUNTRIES);
    }

    private static void fill(RedisClient client, String namespace, Workload w) {
        List<String> keys = List.of("{" + namespace + ":user}:id");
        List<String> args = new ArrayList<>();
        for (int i = 0; i < w.size; i++) {
            args.addAll(List.of(Integer.toString(i + 1), w.emails[i], w.countries[i], Integer.toString(w.ages[i]), w.names[i],
                    Double.toString(w.scores[i])));
            if (args.size() == 6 * 5_000 || i == w.size - 1) {
                client.eval(FILL, keys, args);
                args.clear();
            }
        }
        client.set("{" + namespace + ":user}:ids", Integer.toString(w.size));
    }

    /** Runs a tenth of the calls untimed, then times each call; the median and the 10th-90th percentiles, in µs. */
    private static String time(int calls, IntConsumer call) {
        for (int i = 0; i < calls / 10; i++) {
            call.accept(i);
        }
        long[] micros = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.accept(i);
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        return summary(micros);
    }

    /**
     * Two sides timed as the main benchmark times them ({@link Phase}: slices of calls in turns,
     * alternating which goes first), each first warmed up with as many untimed calls as it is timed
     * for, so that neither meets a colder JVM or a busier moment of the machine. Slices, not single
     * calls: timed call by call, Redao's query measured slower than when timed alone (see
     * docs/benchmarks.md).
     */
    private static String[] timeInterleaved(CommandStats stats, int calls, IntConsumer a, IntConsumer b) {
        for (int i = 0; i < calls; i++) {
            a.accept(i);
            b.accept(i);
        }
        Measurement[] both = Phase.interleaved(stats, calls, 1, -1, a, b);
        return new String[] {summary(both[0]), summary(both[1])};
    }

    private static String summary(Measurement m) {
        return summary(m.percentileMicros(0.5), m.percentileMicros(0.1), m.percentileMicros(0.9));
    }

    private static String summary(long[] micros) {
        Arrays.sort(micros);
        return summary(micros[micros.length / 2], micros[micros.length / 10], micros[micros.length * 9 / 10]);
    }

    /** The median and the 10th-90th percentiles, in µs. */
    private static String summary(double median, double p10, double p90) {
        return String.format("%,d (%,d-%,d)", Math.round(median), Math.round(p10), Math.round(p90));
    }
}
