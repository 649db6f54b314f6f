package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.UniqueViolationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many writers fight over few unique values and ids; afterwards, every index and unique entry
 * agrees with the objects, whatever the interleaving was.
 */
class ConcurrentWritersTest extends RedisTestSupport {
    private static final int THREADS = 8;
    private static final int OPERATIONS = 300;
    private static final int IDS = 50;
    private static final int EMAILS = 20;
    private static final String[] COUNTRIES = {"DE", "FR", "IT", null};

    private static Member random(Random rnd, long id) {
        String email = rnd.nextInt(10) == 0 ? null : "u" + rnd.nextInt(EMAILS) + "@x";
        String handle = rnd.nextInt(3) == 0 ? null : "h" + rnd.nextInt(2 * EMAILS);
        return new Member(id, email, handle, COUNTRIES[rnd.nextInt(COUNTRIES.length)], rnd.nextInt(100), "n" + id);
    }

    @Test
    void indexesAndUniqueEntriesStayConsistent() throws Exception {
        MemberDao dao = new MemberDao(store);
        AtomicLong saved = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 1000 + t;
                futures.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    for (int i = 0; i < OPERATIONS; i++) {
                        long id = 1 + rnd.nextInt(IDS);
                        int what = rnd.nextInt(20);
                        try {
                            if (what == 0) {
                                dao.delete(id);
                            } else if (what == 1) {
                                long other = 1 + rnd.nextInt(IDS);
                                if (other != id) {
                                    dao.saveAll(List.of(random(rnd, id), random(rnd, other)));
                                }
                            } else {
                                dao.save(random(rnd, id));
                            }
                            saved.incrementAndGet();
                        } catch (UniqueViolationException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS); // rethrows anything but a unique violation
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(THREADS * OPERATIONS, saved.get() + refused.get());
        assertTrue(saved.get() > 0 && refused.get() > 0, "both outcomes happen: " + saved + " / " + refused);

        checkInvariants(dao);
    }

    private void checkInvariants(MemberDao dao) {
        String b = base("member");
        Set<String> ids = members(b + ":id");
        assertEquals(ids.size(), dao.count());
        Map<String, Map<String, String>> objects = new HashMap<>();
        for (String id : ids) {
            Map<String, String> h = hash(b + ":obj:" + id);
            assertEquals(id, h.get("id"), "a live id has its hash");
            objects.put(id, h);
        }
        for (String key : keys()) {
            if (key.startsWith(b + ":obj:")) {
                assertTrue(ids.contains(key.substring((b + ":obj:").length())), "no hash without a live id: " + key);
            }
        }
        for (String field : List.of("email", "handle")) {
            // each unique entry points at a live object holding that value ...
            Map<String, String> uni = hash(b + ":uni:" + field);
            uni.forEach((value, id) -> {
                assertNotNull(objects.get(id), field + " " + value + " -> " + id + " is not live");
                assertEquals(value, objects.get(id).get(field), field + " " + value + " -> " + id);
            });
            // ... and each object's value has its entry; no two objects share a value
            Set<String> seen = new HashSet<>();
            objects.forEach((id, h) -> {
                String value = h.get(field);
                if (value != null) {
                    assertTrue(seen.add(value), field + " " + value + " is held twice");
                    assertEquals(id, uni.get(value), field + " " + value + " of " + id);
                }
            });
            assertEquals(seen.size(), uni.size());
        }
        // set index: each member holds the value; each object is in exactly the entry of its value
        Map<String, Set<String>> countryIndex = new HashMap<>();
        for (String key : keys()) {
            if (key.startsWith(b + ":idx:country:")) {
                String value = key.substring((b + ":idx:country:").length());
                Set<String> inIndex = members(key);
                assertTrue(!inIndex.isEmpty());
                for (String id : inIndex) {
                    assertNotNull(objects.get(id), key + " names a dead id " + id);
                    assertEquals(value, objects.get(id).get("country"), key + " " + id);
                }
                countryIndex.put(value, inIndex);
            }
        }
        objects.forEach((id, h) -> {
            String country = h.get("country");
            for (Map.Entry<String, Set<String>> e : countryIndex.entrySet()) {
                assertEquals(e.getKey().equals(country), e.getValue().contains(id), id + " in idx:country:" + e.getKey());
            }
            if (country != null) {
                assertTrue(countryIndex.containsKey(country), id + " has no index entry for " + country);
            }
        });
        // sorted index: exactly the live ids, each scored with its age
        Map<String, Double> ages = new HashMap<>();
        raw(jedis -> jedis.zrangeWithScores(b + ":idx:age", 0, -1)).forEach(t -> ages.put(t.getElement(), t.getScore()));
        assertEquals(ids, ages.keySet());
        objects.forEach((id, h) -> assertEquals(Double.parseDouble(h.get("age")), ages.get(id), "age of " + id));
        // and every object reads back through the DAO
        assertEquals(ids.size(), dao.getAll(ids.stream().map(Long::valueOf).toList()).size());
    }
}
