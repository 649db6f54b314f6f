package dev.redao.it;

import dev.redao.runtime.RedisStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Keys found by prefix with no glob at all (a SCAN of every server's whole database, filtered in Java), so
 * that tests of pattern matching check it against something that cannot share its mistakes.
 */
final class RawKeys {
    private RawKeys() {}

    /** Every key of the database that starts with one of the prefixes. */
    static Set<String> startingWith(RedisStore store, String... prefixes) {
        Set<String> out = new TreeSet<>();
        Internals.forEachServer(store, jedis -> {
            ScanParams params = new ScanParams().count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                for (String key : page.getResult()) {
                    for (String prefix : prefixes) {
                        if (key.startsWith(prefix)) {
                            out.add(key);
                            break;
                        }
                    }
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        });
        return out;
    }

    /** Every key of a namespace: plain {@code <ns>:...} and hash-tagged <code>{&lt;ns&gt;:...</code>. */
    static Set<String> ofNamespace(RedisStore store, String namespace) {
        return startingWith(store, RedisTestSupport.nsKey(namespace, ""), RedisTestSupport.nsKey(namespace, "{"));
    }

    /** Every key of a namespace with its DUMP (base64): equal dumps mean the namespace is byte for byte unchanged. */
    static Map<String, String> dump(RedisStore store, String namespace) {
        Set<String> keys = ofNamespace(store, namespace);
        return store.execute(jedis -> {
            Map<String, String> out = new TreeMap<>();
            for (String key : keys) {
                byte[] dump = jedis.dump(key.getBytes(StandardCharsets.UTF_8));
                out.put(key, dump == null ? "(gone)" : Base64.getEncoder().encodeToString(dump));
            }
            return out;
        });
    }

    /** Deletes every key that starts with one of the prefixes. */
    static void deleteStartingWith(RedisStore store, String... prefixes) {
        Set<String> keys = startingWith(store, prefixes);
        if (!keys.isEmpty()) {
            store.execute(jedis -> jedis.del(keys.toArray(String[]::new)));
        }
    }
}
