package dev.redao.runtime.tools;

import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.internal.ModelEngine;
import dev.redao.runtime.internal.StoreConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Works out {@link ModelStats}: one SCAN for the model's keys (MATCH on its hash tag, so nothing of
 * another model or namespace is read), each key sorted into its kind by name, then MEMORY USAGE
 * in pipelined batches.
 *
 * <p>Memory is exact for a model of at most {@code exactUpTo} keys: every key is measured with
 * {@code SAMPLES 0} (every element of a collection counted). A bigger model is sampled per kind,
 * not as a whole: its few large keys (the id set, sorted and unique indexes) would be missed by a
 * uniform sample of many small object hashes, and dominate the estimate when hit. So a kind of at
 * most {@code samplesPerKind} keys is measured key by key, and a more numerous kind (object
 * hashes, value-index and compound-index keys) by {@code samplesPerKind} random keys scaled up to its count. Sampled
 * keys use MEMORY USAGE's default element sampling, which keeps one call short on a huge set.
 */
final class ModelStatsCollector {
    /** Default: models of at most this many keys are measured exactly. */
    static final int EXACT_UP_TO = 1_000;
    /** Default: keys measured per kind of a larger model. */
    static final int SAMPLES_PER_KIND = 100;
    /** MEMORY USAGE calls per pipeline: bounds the replies buffered at once. */
    private static final int PIPELINE_BATCH = 500;

    private enum Kind { OBJECT, VALUE_INDEX, SORTED_INDEX, COMPOUND_INDEX, LEX_INDEX, UNIQUE_INDEX, STRUCTURE, OTHER }

    private ModelStatsCollector() {}

    static ModelStats collect(ModelEngine<?, ?> model, int exactUpTo, int samplesPerKind) {
        if (exactUpTo < 0 || samplesPerKind < 1) {
            throw new InvalidArgumentException(exactUpTo < 0 ? "exactUpTo" : "samplesPerKind", "stats of model '"
                    + model.schema().name() + "' needs exactUpTo >= 0 and samplesPerKind >= 1, got " + exactUpTo + " and "
                    + samplesPerKind);
        }
        StoreConnection store = model.connection();
        long objects = model.count();
        Map<Kind, Set<String>> keys = scan(store, model.keys(0).base());
        for (int p = 1; p < model.partitions(); p++) {
            scan(store, model.keys(p).base()).forEach((kind, names) -> keys.get(kind).addAll(names));
        }
        // a partitioned model's keys: those of every partition, named by the first one's
        String base = model.keys(0).base() + (model.partitions() > 1 ? " and " + (model.partitions() - 1) + " more partitions" : "");
        long total = keys.values().stream().mapToLong(Set::size).sum();

        long memory = 0;
        long measured = 0;
        boolean exact = total <= exactUpTo;
        for (Set<String> ofKind : keys.values()) {
            List<String> names = new ArrayList<>(ofKind);
            if (exact || names.size() <= samplesPerKind) {
                memory += memoryOf(store, names, exact);
                measured += names.size();
            } else {
                List<String> sample = randomSample(names, samplesPerKind);
                long sampled = memoryOf(store, sample, false);
                memory += Math.round((double) sampled / sample.size() * names.size());
                measured += sample.size();
            }
        }
        return new ModelStats(model.schema().name(), base, objects,
                keys.get(Kind.OBJECT).size(), keys.get(Kind.VALUE_INDEX).size(), keys.get(Kind.SORTED_INDEX).size(),
                keys.get(Kind.COMPOUND_INDEX).size(), keys.get(Kind.LEX_INDEX).size(), keys.get(Kind.UNIQUE_INDEX).size(),
                keys.get(Kind.STRUCTURE).size(), keys.get(Kind.OTHER).size(),
                memory, exact, measured);
    }

    /**
     * Every key under <code>{base}:</code> by kind. Names are held as ISO-8859-1 strings, which map
     * bytes to chars one to one (exact for any key, UTF-8 or not); the sets drop the duplicates
     * SCAN may return.
     */
    private static Map<Kind, Set<String>> scan(StoreConnection store, String base) {
        Map<Kind, Set<String>> keys = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            keys.put(kind, new HashSet<>());
        }
        int prefix = base.getBytes(StandardCharsets.UTF_8).length + 1;
        // namespaces and model names hold no glob character: the base matches only itself; and the
        // pattern's hash tag sends the scan to the server of the model's slot, cluster or not
        byte[] match = (base + ":*").getBytes(StandardCharsets.UTF_8);
        store.execute(jedis -> {
            KeyScan.forEachPage(jedis, match, page -> {
                for (byte[] key : page) {
                    String name = new String(key, StandardCharsets.ISO_8859_1);
                    keys.get(kind(name.substring(prefix))).add(name);
                }
            });
            return null;
        });
        return keys;
    }

    /** The kind of a key from its name after <code>{base}:</code>; field names never contain ':'. */
    private static Kind kind(String rest) {
        if (rest.startsWith("obj:")) {
            return Kind.OBJECT;
        }
        if (rest.startsWith("idx:")) {
            return rest.indexOf(':', 4) >= 0 ? Kind.VALUE_INDEX : Kind.SORTED_INDEX;
        }
        if (rest.startsWith("cidx:")) {
            return Kind.COMPOUND_INDEX;
        }
        if (rest.startsWith("lex:")) {
            return Kind.LEX_INDEX;
        }
        if (rest.startsWith("uni:")) {
            return Kind.UNIQUE_INDEX;
        }
        if (rest.startsWith("st:")) {
            return Kind.STRUCTURE;
        }
        return Kind.OTHER;
    }

    /** {@code n} distinct names chosen uniformly (a partial Fisher-Yates shuffle). */
    private static List<String> randomSample(List<String> names, int n) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            Collections.swap(names, i, i + random.nextInt(names.size() - i));
        }
        return names.subList(0, n);
    }

    /** The summed MEMORY USAGE of the keys; one that vanished since the scan counts 0. */
    private static long memoryOf(StoreConnection store, List<String> names, boolean everyElement) {
        return store.execute(jedis -> {
            long sum = 0;
            for (int from = 0; from < names.size(); from += PIPELINE_BATCH) {
                List<Response<Long>> replies = new ArrayList<>();
                try (AbstractPipeline pipeline = store.pipelined()) {
                    for (String name : names.subList(from, Math.min(names.size(), from + PIPELINE_BATCH))) {
                        byte[] key = name.getBytes(StandardCharsets.ISO_8859_1);
                        replies.add(everyElement ? pipeline.memoryUsage(key, 0) : pipeline.memoryUsage(key));
                    }
                    pipeline.sync();
                }
                for (Response<Long> reply : replies) {
                    Long bytes = reply.get();
                    sum += bytes == null ? 0 : bytes;
                }
            }
            return sum;
        });
    }
}
