package dev.redao.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.it.RedisTestSupport;
import dev.redao.runtime.RedisStore;
import dev.redao.testsupport.LocalRedis;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import redis.clients.jedis.resps.Tuple;

/**
 * The base of the query tests: {@link RedisTestSupport}'s namespace and store per test, raw reads of
 * indexes for assertions, and after each test a check that no query left a temporary key behind.
 */
abstract class QueryTestSupport extends RedisTestSupport {

    /** Runs before the base class removes the namespace's keys. */
    @AfterEach
    void noTemporaryKeysLeft() {
        if (store != null) {
            assertNoTemporaryKeys();
        }
    }

    static RedisStore connect(LocalRedis redis, String namespace) {
        String url = redis.url();
        return RedisStore.connect(url + (url.contains("?") ? "&" : "?") + "namespace=" + namespace);
    }

    /** The query scripts delete their intermediates: none may be left in the namespace. */
    protected void assertNoTemporaryKeys() {
        Set<String> temps = keys().stream().filter(k -> k.contains("}:tmp:")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), temps, "temporary query keys outlived their query");
    }

    protected Set<String> setMembers(String key) {
        return raw(jedis -> new TreeSet<>(jedis.smembers(key)));
    }

    /** A sorted set as member -> score. */
    protected Map<String, Double> zsetScores(String key) {
        return raw(jedis -> {
            Map<String, Double> out = new HashMap<>();
            for (Tuple t : jedis.zrangeWithScores(key.getBytes(StandardCharsets.UTF_8), 0, -1)) {
                out.put(new String(t.getBinaryElement(), StandardCharsets.UTF_8), t.getScore());
            }
            return out;
        });
    }

    // ---- the exact index content of model Item

    /**
     * Asserts that the namespace holds exactly the keys of these items (and the id counter), and
     * that every index, lexicographic index and unique hash holds exactly their entries.
     */
    protected void assertItemKeysExactly(Iterable<Item> items) {
        String b = base("qitem");
        Map<String, Set<String>> sets = new HashMap<>();
        Map<String, Map<String, Double>> zsets = new HashMap<>();
        Map<String, Map<String, String>> hashes = new HashMap<>();
        Set<String> objects = new TreeSet<>();
        for (Item i : items) {
            String id = Long.toString(i.id());
            objects.add(b + ":obj:" + id);
            sets.computeIfAbsent(b + ":id", k -> new TreeSet<>()).add(id);
            if (i.name() != null) {
                sets.computeIfAbsent(b + ":idx:name:" + i.name(), k -> new TreeSet<>()).add(id);
                zsets.computeIfAbsent(b + ":lex:name", k -> new HashMap<>()).put(i.name() + "\0" + id, 0.0);
            }
            if (i.shade() != null) {
                sets.computeIfAbsent(b + ":idx:shade:" + i.shade().name(), k -> new TreeSet<>()).add(id);
            }
            if (i.flag() != null) {
                sets.computeIfAbsent(b + ":idx:flag:" + (i.flag() ? "1" : "0"), k -> new TreeSet<>()).add(id);
            }
            if (i.grade() != null) {
                sets.computeIfAbsent(b + ":idx:grade:" + i.grade(), k -> new TreeSet<>()).add(id);
            }
            if (i.ref() != null) {
                sets.computeIfAbsent(b + ":idx:ref:" + i.ref(), k -> new TreeSet<>()).add(id);
            }
            Double rank = i.rank() == null ? null : i.rank().doubleValue();
            Double at = i.at() == null ? null : i.at().getEpochSecond() * 1000.0 + i.at().getNano() / 1_000_000.0;
            score(zsets, b + ":idx:rank", id, rank);
            score(zsets, b + ":idx:qty", id, (double) i.qty());
            score(zsets, b + ":idx:weight", id, i.weight());
            score(zsets, b + ":idx:price", id, i.price() == null ? null : i.price().doubleValue());
            score(zsets, b + ":idx:at", id, at);
            // Item's compound indexes: an entry when both values are there
            if (i.shade() != null) {
                score(zsets, b + ":cidx:shade:rank:" + i.shade().name(), id, rank);
            }
            if (i.name() != null) {
                score(zsets, b + ":cidx:name:weight:" + i.name(), id, i.weight());
            }
            if (i.flag() != null) {
                score(zsets, b + ":cidx:flag:at:" + (i.flag() ? "1" : "0"), id, at);
            }
            if (i.ref() != null) {
                score(zsets, b + ":cidx:ref:qty:" + i.ref(), id, (double) i.qty());
            }
            score(zsets, b + ":idx:day", id, i.day() == null ? null : (double) i.day().toEpochDay());
            if (i.code() != null) {
                hashes.computeIfAbsent(b + ":uni:code", k -> new HashMap<>()).put(i.code(), id);
            }
        }
        Set<String> expected = new TreeSet<>(objects);
        expected.addAll(sets.keySet());
        expected.addAll(zsets.keySet());
        expected.addAll(hashes.keySet());
        Set<String> actual = keys();
        actual.remove(b + ":ids");
        actual.remove(b + ":schema"); // recorded by the first write, and kept: the model's, not its objects'
        
        assertEquals(expected, actual, "the keys of the namespace");
        for (Map.Entry<String, Set<String>> e : sets.entrySet()) {
            assertEquals("set", type(e.getKey()), e.getKey());
            assertEquals(e.getValue(), setMembers(e.getKey()), e.getKey());
        }
        for (Map.Entry<String, Map<String, Double>> e : zsets.entrySet()) {
            assertEquals("zset", type(e.getKey()), e.getKey());
            assertEquals(e.getValue(), zsetScores(e.getKey()), e.getKey());
        }
        for (Map.Entry<String, Map<String, String>> e : hashes.entrySet()) {
            Map<String, String> actualHash = raw(jedis -> jedis.hgetAll(e.getKey()));
            assertEquals(e.getValue(), actualHash, e.getKey());
        }
    }

    private static void score(Map<String, Map<String, Double>> zsets, String key, String id, Double score) {
        if (score != null) {
            zsets.computeIfAbsent(key, k -> new HashMap<>()).put(id, score);
        }
    }
}
