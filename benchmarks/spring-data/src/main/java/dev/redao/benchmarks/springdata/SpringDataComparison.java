package dev.redao.benchmarks.springdata;

import dev.redao.runtime.RedisStore;
import dev.redao.testsupport.LocalRedis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Redao against Spring Data Redis's repositories, side by side on one server the benchmark
 * starts, one thread: saves, and the page query "the 20 youngest of a country", which Redao
 * answers from a compound index of (country, age) and Spring Data Redis by loading the whole
 * country and sorting it in memory (its only way to the right answer; its paged query without
 * a sort is measured too, for scale). The sides take turns slice by slice, as in the main
 * benchmark, and each round starts from empty models.
 *
 * <pre>mvn -B -pl benchmarks/spring-data -am -DskipTests package exec:java -Dexec.args="20000 3"</pre>
 */
public final class SpringDataComparison {
    private static final int COUNTRIES = 20;
    private static final int PAGE = 20;
    private static final int SLICES = 10;

    private SpringDataComparison() {}

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (LocalRedis redis = LocalRedis.start();
             AnnotationConfigApplicationContext spring = springData(redis)) {
            System.out.printf("Redis %s (%s), Java %s, %d users, %d rounds, %d cores%n", redis.version(), redis.source(),
                    System.getProperty("java.version"), users, rounds, Runtime.getRuntime().availableProcessors());
            SdrPersonRepository repository = spring.getBean(SdrPersonRepository.class);
            List<double[]> saves = new ArrayList<>();
            List<double[]> pages = new ArrayList<>();
            List<double[]> unordered = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) { // round 0 warms up
                try (RedisStore store = RedisStore.connect(redis.url() + "?namespace=sdr-bench-" + round)) {
                    PersonDao dao = new PersonDao(store);
                    Random random = new Random(42);
                    String[] countries = new String[users];
                    int[] ages = new int[users];
                    for (int i = 0; i < users; i++) {
                        countries[i] = "C" + random.nextInt(COUNTRIES);
                        ages[i] = random.nextInt(100);
                    }
                    int n = round == 0 ? Math.min(users, 2_000) : users;
                    double[] save = interleaved(n,
                            i -> dao.save(new Person(null, countries[i], ages[i], "user " + i)),
                            i -> repository.save(new SdrPerson(countries[i], ages[i], "user " + i)));
                    int queries = Math.max(200, n / 100);
                    double[] page = interleaved(queries,
                            i -> dao.query().filter(PersonQuery.country.eq("C" + i % COUNTRIES))
                                    .sortBy(PersonQuery.age.asc()).limit(PAGE).list(),
                            i -> youngest(repository, "C" + i % COUNTRIES));
                    double[] unsorted = interleaved(queries,
                            i -> dao.query().filter(PersonQuery.country.eq("C" + i % COUNTRIES))
                                    .sortBy(PersonQuery.age.asc()).limit(PAGE).list(),
                            i -> repository.findByCountry("C" + i % COUNTRIES, PageRequest.of(0, PAGE)));
                    checkSameAges(dao, repository);
                    if (round > 0) {
                        saves.add(save);
                        pages.add(page);
                        unordered.add(unsorted);
                    }
                    dao.query().delete();
                    repository.deleteAll();
                }
            }
            System.out.println();
            System.out.println("| phase | Redao op/s | Spring Data Redis op/s | ratio | range |");
            System.out.println("|---|---|---|---|---|");
            row("save (one per call)", saves);
            row("the 20 youngest of a country (Redao: compound index; Spring Data Redis: findByCountryOrderByAgeAsc, first 20)", pages);
            row("the same against Spring Data Redis's page of 20 in no order (findByCountry with a Pageable)", unordered);
            System.out.println("(op/s of the round with the median ratio; range = lowest and highest ratio over the rounds)");
        }
    }

    private static AnnotationConfigApplicationContext springData(LocalRedis redis) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(LettuceConnectionFactory.class,
                () -> new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), redis.port())));
        context.register(SpringDataConfig.class);
        context.refresh();
        return context;
    }

    /** Spring Data Redis's right answer: the whole country, sorted by age in memory, then its first 20. */
    private static List<SdrPerson> youngest(SdrPersonRepository repository, String country) {
        List<SdrPerson> all = repository.findByCountryOrderByAgeAsc(country);
        return all.subList(0, Math.min(PAGE, all.size()));
    }

    /** Untimed: both sides hold the same people, so each country's 20 youngest have the same ages. */
    private static void checkSameAges(PersonDao dao, SdrPersonRepository repository) {
        for (int c = 0; c < COUNTRIES; c++) {
            String country = "C" + c;
            List<Integer> redao = dao.query().filter(PersonQuery.country.eq(country)).sortBy(PersonQuery.age.asc()).limit(PAGE)
                    .list().stream().map(Person::age).toList();
            List<Integer> spring = youngest(repository, country).stream().map(SdrPerson::getAge).toList();
            if (!redao.equals(spring)) {
                throw new IllegalStateException("the 20 youngest of " + country + " differ: Redao " + redao
                        + ", Spring Data Redis " + spring);
            }
        }
    }

    /**
     * Runs calls 0..n-1 of each side, the sides taking turns slice by slice (which goes first
     * alternates); returns {Redao op/s, Spring Data Redis op/s}.
     */
    private static double[] interleaved(int n, IntConsumer redao, IntConsumer spring) {
        long[] nanos = new long[2];
        int slice = Math.max(1, n / SLICES);
        for (int from = 0, s = 0; from < n; from += slice, s++) {
            int to = Math.min(n, from + slice);
            for (int turn = 0; turn < 2; turn++) {
                int side = (s + turn) % 2;
                IntConsumer call = side == 0 ? redao : spring;
                long start = System.nanoTime();
                for (int i = from; i < to; i++) {
                    call.accept(i);
                }
                nanos[side] += System.nanoTime() - start;
            }
        }
        return new double[] {n * 1e9 / nanos[0], n * 1e9 / nanos[1]};
    }

    private static void row(String phase, List<double[]> rounds) {
        List<double[]> byRatio = new ArrayList<>(rounds);
        byRatio.sort(Comparator.comparingDouble(r -> r[0] / r[1]));
        double[] median = byRatio.get(byRatio.size() / 2);
        double[] ratios = byRatio.stream().mapToDouble(r -> r[0] / r[1]).toArray();
        System.out.printf("| %s | %,.0f | %,.0f | %.1f | %.1f-%.1f |%n", phase, median[0], median[1], median[0] / median[1],
                Arrays.stream(ratios).min().orElseThrow(), Arrays.stream(ratios).max().orElseThrow());
    }
}
