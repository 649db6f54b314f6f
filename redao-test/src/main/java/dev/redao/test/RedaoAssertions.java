package dev.redao.test;

import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.ModelDao;
import dev.redao.test.internal.KeyLayoutChecker;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on what Redao keeps in Redis: that the keys of your models agree with each other,
 * whatever sequence of writes (concurrent ones, refused ones, a crashed client's) produced them.
 *
 * <pre>{@code
 * RedaoAssertions.assertConsistent(new UserDao(store), new OrderDao(store));
 * }</pre>
 *
 * <p>Each model is known through its DAO: which fields are unique or indexed, its ordering, its
 * partitions and its id type come from what the processor generated, and each object is checked
 * in the DAO's store and namespace. What is checked, per model (docs/design.md, "Key layout"):
 * <ul>
 * <li>every object hash names its own id, is in the model's id set and reads back as the model;
 *     every id in the id set has its hash;
 * <li>every unique entry names a live object that holds that value, every value an object holds
 *     has its entry, and no value is held twice; a partitioned model's entries are in the
 *     partitions of their values;
 * <li>every index entry (set, sorted and prefix indexes, and an ordered model's id set) names a
 *     live object with that value, scored as a save scores it, and every object is in the indexes
 *     of its values;
 * <li>no other key is there; each key has the type its kind demands; no key has a time to live
 *     but an all-or-nothing batch's temporary ones ({@code tmp:*}, {@code claim:*}), which must;
 *     and a partitioned model has no claim left on a unique value.
 * </ul>
 *
 * <p>The keys are read with plain commands (SCAN, then one pipeline), not atomically: check when
 * none of your writers is running. Fine in tests, where the namespace is the test's own; in a large
 * database, each SCAN walks the whole of it.
 */
public final class RedaoAssertions {
    /** The problems a failure message shows; the report has all of them. */
    private static final int SHOWN = 50;

    private RedaoAssertions() {}

    /**
     * Fails, listing every problem with its key, unless the keys of every model of these DAOs are
     * consistent.
     *
     * @param daos a DAO of each model to check, on the store to check it in
     * @throws AssertionFailedError if a problem is found; its message has one line per problem
     * @throws InvalidArgumentException if no DAO is given, or a null one
     */
    public static void assertConsistent(ModelDao<?, ?>... daos) {
        ConsistencyReport report = check(daos);
        if (!report.isConsistent()) {
            List<ConsistencyReport.Problem> problems = report.problems();
            StringBuilder message = new StringBuilder().append(problems.size()).append(problems.size() == 1 ? " problem in " : " problems in ")
                    .append("the key layout of ").append(String.join(", ", report.models())).append(':');
            for (ConsistencyReport.Problem problem : problems.subList(0, Math.min(SHOWN, problems.size()))) {
                message.append("\n  ").append(problem);
            }
            if (problems.size() > SHOWN) {
                message.append("\n  ... and ").append(problems.size() - SHOWN).append(" more (RedaoAssertions.check lists them all)");
            }
            throw new AssertionFailedError(message.toString());
        }
    }

    /**
     * Checks the keys of every model of these DAOs, as {@link #assertConsistent} does, and reports
     * what it found rather than failing.
     *
     * @param daos a DAO of each model to check, on the store to check it in
     * @return every problem found, model by model in the order given
     * @throws InvalidArgumentException if no DAO is given, or a null one
     */
    public static ConsistencyReport check(ModelDao<?, ?>... daos) {
        if (daos == null || daos.length == 0) {
            throw new InvalidArgumentException("daos", "check which models? Give a DAO of each model to check");
        }
        List<String> models = new ArrayList<>();
        List<ConsistencyReport.Problem> problems = new ArrayList<>();
        for (int i = 0; i < daos.length; i++) {
            if (daos[i] == null) {
                throw new InvalidArgumentException("daos", "daos[" + i + "] is null");
            }
            models.add(KeyLayoutChecker.modelName(daos[i]));
            problems.addAll(KeyLayoutChecker.problems(daos[i]));
        }
        return new ConsistencyReport(models, problems);
    }
}
