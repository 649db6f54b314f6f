package dev.redao.micrometer;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.metrics.Operation;
import dev.redao.runtime.metrics.Outcome;
import dev.redao.runtime.metrics.PoolStats;
import dev.redao.runtime.metrics.RedaoObserver;
import dev.redao.runtime.metrics.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToIntFunction;

/**
 * A store's metrics in a Micrometer {@link MeterRegistry}. Attach it when the store connects:
 *
 * <pre>{@code
 * RedisStore store = RedisStore.connect(url,
 *         RedisStore.Options.defaults().observer(MicrometerObserver.bind(registry)));
 * }</pre>
 *
 * <p>Meters, each with the tags given to {@link #bind(MeterRegistry, Iterable)} besides its own:
 *
 * <ul>
 *   <li>{@value #OPERATION}, a timer per {@code model}, {@code operation} ({@code save},
 *       {@code get}, {@code query}, {@code delete}, {@code batch}, {@code transaction},
 *       {@code pipeline}, {@code lua}) and {@code outcome} ({@code ok}, {@code unique_violation},
 *       {@code version_conflict}, {@code timeout}, {@code error}): see {@link RedaoObserver#operation};
 *   <li>{@value #RETRIES}, a counter per {@code reason} ({@code script_not_cached},
 *       {@code slot_moved}, {@code read_only_refused}): calls the store sent again;
 *   <li>{@value #RECONNECTS}, a counter: connections the store lost and replaces;
 *   <li>{@value #POOL_ACTIVE}, {@value #POOL_IDLE}, {@value #POOL_WAITING}, gauges: the
 *       connections in use, idle, and the callers waiting for one, summed over the pools of every
 *       open store this observer is attached to.
 * </ul>
 *
 * <p>Each timer is registered on its first use and then kept, so that recording one costs a map
 * lookup by model and an array read. Thread-safe; one observer may serve several stores (give each
 * its own, with a tag of its own, to tell their gauges apart).
 */
public final class MicrometerObserver implements RedaoObserver {
    /** The timer of each operation. */
    public static final String OPERATION = "redao.operation";
    /** The counter of calls sent again. */
    public static final String RETRIES = "redao.retries";
    /** The counter of connections lost and replaced. */
    public static final String RECONNECTS = "redao.reconnects";
    /** The gauge of pooled connections in use. */
    public static final String POOL_ACTIVE = "redao.pool.active";
    /** The gauge of idle pooled connections. */
    public static final String POOL_IDLE = "redao.pool.idle";
    /** The gauge of callers waiting for a pooled connection. */
    public static final String POOL_WAITING = "redao.pool.waiting";

    private static final Operation[] OPERATIONS = Operation.values();
    private static final Outcome[] OUTCOMES = Outcome.values();

    private final MeterRegistry registry;
    private final Tags tags;
    /** Per model, its timers by operation and outcome ({@link #slot}), each registered on first use. */
    private final ConcurrentHashMap<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();
    private final Counter[] retries;
    private final Counter reconnects;
    private final Set<RedisStore> stores = new CopyOnWriteArraySet<>();

    private MicrometerObserver(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
        Retry[] reasons = Retry.values();
        this.retries = new Counter[reasons.length];
        for (Retry reason : reasons) {
            retries[reason.ordinal()] = Counter.builder(RETRIES).tags(tags).tag("reason", reason.tag())
                    .description("Calls a Redao store sent again").register(registry);
        }
        this.reconnects = Counter.builder(RECONNECTS).tags(tags)
                .description("Connections a Redao store lost and replaces").register(registry);
        gauge(POOL_ACTIVE, "Pooled connections of Redao stores in use", PoolStats::active);
        gauge(POOL_IDLE, "Idle pooled connections of Redao stores", PoolStats::idle);
        gauge(POOL_WAITING, "Callers waiting for a pooled connection of a Redao store", PoolStats::waiting);
    }

    /**
     * An observer that records in {@code registry}; attach it with
     * {@link RedisStore.Options#observer}. Registers the counters and gauges now, the timers as
     * they are first used.
     *
     * @param registry where the meters go
     * @return the observer
     */
    public static MicrometerObserver bind(MeterRegistry registry) {
        return bind(registry, Tags.empty());
    }

    /**
     * As {@link #bind(MeterRegistry)}, with tags of your own on every meter, such as the store's
     * name when an application has several.
     *
     * @param registry where the meters go
     * @param tags tags added to every meter
     * @return the observer
     */
    public static MicrometerObserver bind(MeterRegistry registry, Iterable<Tag> tags) {
        return new MicrometerObserver(Objects.requireNonNull(registry, "registry"), Tags.of(Objects.requireNonNull(tags, "tags")));
    }

    private void gauge(String name, String description, ToIntFunction<PoolStats> figure) {
        Gauge.builder(name, this, o -> o.sum(figure)).tags(tags).baseUnit("connections").description(description)
                .strongReference(true).register(registry);
    }

    /** A figure of the pools of every open store attached. */
    private double sum(ToIntFunction<PoolStats> figure) {
        int total = 0;
        for (RedisStore store : stores) {
            try {
                total += figure.applyAsInt(store.poolStats());
            } catch (IllegalStateException e) {
                stores.remove(store); // closed meanwhile
            }
        }
        return total;
    }

    @Override
    public void attached(RedisStore store) {
        stores.add(store);
    }

    @Override
    public void closed(RedisStore store) {
        stores.remove(store);
    }

    @Override
    public void operation(String model, Operation operation, Outcome outcome, long nanos) {
        AtomicReferenceArray<Timer> row = timers.get(model);
        if (row == null) {
            row = timers.computeIfAbsent(model, m -> new AtomicReferenceArray<>(OPERATIONS.length * OUTCOMES.length));
        }
        int slot = slot(operation, outcome);
        Timer timer = row.get(slot);
        if (timer == null) {
            // two threads may both register it: the registry gives both the same timer
            timer = Timer.builder(OPERATION).tags(tags)
                    .tag("model", model).tag("operation", operation.tag()).tag("outcome", outcome.tag())
                    .description("Operations of a Redao store: DAO calls, queries, transactions, pipelines, Lua programs")
                    .register(registry);
            row.set(slot, timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static int slot(Operation operation, Outcome outcome) {
        return operation.ordinal() * OUTCOMES.length + outcome.ordinal();
    }

    @Override
    public void retried(Retry why) {
        retries[why.ordinal()].increment();
    }

    @Override
    public void reconnected(String address) {
        reconnects.increment();
    }

    @Override
    public String toString() {
        return "MicrometerObserver" + tags;
    }
}
