package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Gadget;
import dev.redao.it.model.GadgetDao;
import dev.redao.it.model.GadgetQuery;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.Saved;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A save or delete of one object runs the model's straight-line script; calls of more objects
 * run the write module. Both must refuse the same things and leave the same data, which this test
 * checks by running one random sequence of writes both ways, and by breaking each kind of index
 * key in turn under each kind of write.
 */
class SingleObjectScriptsTest extends RedisTestSupport {
    /** An id no test creates: adding its delete to a call makes the call take the write module. */
    private static final long NEVER = -7L;
    private static final String[] COLORS = {"red", "green", null};

    private GadgetDao dao;

    @BeforeEach
    void dao() {
        dao = new GadgetDao(store);
    }

    /** The two ways of making each write, on two namespaces of one server. */
    private interface Writes {
        Gadget save(Gadget g);

        Gadget updateColorAndSize(Gadget g);

        boolean delete(long id);
    }

    private static Writes straightLine(GadgetDao dao) {
        return new Writes() {
            public Gadget save(Gadget g) {
                return dao.save(g);
            }

            public Gadget updateColorAndSize(Gadget g) {
                return dao.update(g, GadgetQuery.color, GadgetQuery.size);
            }

            public boolean delete(long id) {
                return dao.delete(id);
            }
        };
    }

    private static Writes module(RedisStore store, GadgetDao dao) {
        return new Writes() {
            public Gadget save(Gadget g) {
                return inModule(tx -> tx.save(dao, g));
            }

            public Gadget updateColorAndSize(Gadget g) {
                return inModule(tx -> tx.update(dao, g, GadgetQuery.color, GadgetQuery.size));
            }

            public boolean delete(long id) {
                return dao.deleteAll(List.of(id, NEVER)) == 1;
            }

            private Gadget inModule(Function<dev.redao.runtime.Transaction, Saved<Gadget>> write) {
                List<Saved<Gadget>> saved = new ArrayList<>();
                store.transaction(tx -> {
                    saved.add(write.apply(tx));
                    tx.delete(dao, NEVER);
                });
                return saved.get(0).get();
            }
        };
    }

    @Test
    void aRandomSequenceOfWritesEndsTheSameBothWays() {
        String otherNs = newNamespace();
        try (RedisStore other = connect(otherNs)) {
            GadgetDao otherDao = new GadgetDao(other);
            List<String> fast = run(straightLine(dao), dao, 11);
            List<String> slow = run(module(other, otherDao), otherDao, 11);
            assertEquals(slow, fast);
            assertEquals(contents(other, otherNs), contents(store, ns));
            assertTrue(fast.stream().filter(s -> s.startsWith("UniqueViolation")).count() > 10, fast.toString());
            assertTrue(fast.stream().filter(s -> s.startsWith("OptimisticLock")).count() > 10, fast.toString());
            assertTrue(fast.stream().filter(s -> s.startsWith("MissingObject")).count() > 3, fast.toString());
            assertTrue(fast.stream().filter(s -> s.equals("deleted true")).count() > 10, fast.toString());
            RedaoAssertions.assertConsistent(dao, otherDao);
        } finally {
            deleteNamespace(store, otherNs);
        }
    }

    /** 600 random writes; each outcome as text: the saved object, the deletion, or the refusal. */
    private static List<String> run(Writes writes, GadgetDao dao, long seed) {
        Random rnd = new Random(seed);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long someId = 1 + rnd.nextInt(60);
            int op = rnd.nextInt(10);
            try {
                if (op < 4) {
                    // a new object: a fresh id, or now and then a given one (moving the counter)
                    Long id = rnd.nextInt(8) == 0 ? 100L + rnd.nextInt(200) : null;
                    outcomes.add(writes.save(random(rnd, id, 0)).toString());
                } else if (op < 7) {
                    // a whole save of a stored object, with its version or, now and then, a stale one
                    Gadget stored = dao.get(someId).orElse(null);
                    long version = stored == null ? 0 : stored.version() - (rnd.nextInt(6) == 0 ? 1 : 0);
                    outcomes.add(writes.save(random(rnd, someId, version)).toString());
                } else if (op < 8) {
                    Gadget stored = dao.get(someId).orElse(random(rnd, someId, 0));
                    Gadget changed = random(rnd, someId, stored.version());
                    outcomes.add(writes.updateColorAndSize(changed).toString());
                } else {
                    outcomes.add("deleted " + writes.delete(someId));
                }
            } catch (RedaoException e) {
                outcomes.add(e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage());
            }
        }
        return outcomes;
    }

    private static Gadget random(Random rnd, Long id, long version) {
        return new Gadget(id,
                rnd.nextInt(5) == 0 ? null : "sku" + rnd.nextInt(40),
                rnd.nextInt(3) == 0 ? null : "code" + rnd.nextInt(80),
                COLORS[rnd.nextInt(COLORS.length)],
                rnd.nextInt(4) == 0 ? null : rnd.nextInt(5),
                rnd.nextInt(4) == 0 ? null : rnd.nextInt(3) * 0.5,
                rnd.nextBoolean() ? null : "note" + rnd.nextInt(3),
                version);
    }

    /** Every key of a namespace, named without the namespace, with its type and its contents. */
    private static SortedMap<String, String> contents(RedisStore store, String namespace) {
        return store.execute(jedis -> {
            SortedMap<String, String> out = new TreeMap<>();
            for (String key : keys(store, namespace)) {
                String type = jedis.type(key);
                String value = switch (type) {
                    case "hash" -> new TreeMap<>(jedis.hgetAll(key)).toString();
                    case "set" -> new java.util.TreeSet<>(jedis.smembers(key)).toString();
                    case "zset" -> jedis.zrangeWithScores(key, 0, -1).stream()
                            .map(t -> t.getElement() + "=" + t.getScore()).toList().toString();
                    case "string" -> jedis.get(key);
                    default -> type;
                };
                out.put(key.replace(namespace, "NS"), type + " " + value);
            }
            return out;
        });
    }

    /**
     * A given id of no object that the ordered id set holds all the same (a stale member): the save
     * replaces its score, and gives the old score back when a later index key turns out to be broken.
     */
    @Test
    void aReplacedScoreIsGivenBackWhenALaterIndexKeyIsBroken() {
        dao.save(new Gadget(null, "s1", "c1", "red", 3, 1.0, "n", 0));
        String ids = base("gadget") + ":id";
        raw(jedis -> jedis.zadd(ids, 5.0, "7"));
        raw(jedis -> jedis.set(base("gadget") + ":idx:size", "not an index"));
        SortedMap<String, String> before = snapshot();
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> dao.save(new Gadget(7L, "s2", "c2", "green", 4, 2.0, null, 0)));
        assertTrue(e.getMessage().contains(":idx:size holds a string"), e.getMessage());
        assertUnchanged(before);
        assertEquals(5.0, score(ids, "7"));
    }

    /**
     * An id counter reset behind the objects' back: the next id the counter gives is in the id set
     * already, so the save is refused before it overwrites that object, and gives the counter back.
     */
    @Test
    void aCounterResetBehindTheObjectsIsRefusedAndGivenBack() {
        Gadget first = dao.save(new Gadget(null, "s1", "c1", "red", 3, 1.0, "n", 0));
        dao.save(new Gadget(null, "s2", "c2", "green", 4, 2.0, "n", 0));
        raw(jedis -> jedis.del(base("gadget") + ":ids"));
        SortedMap<String, String> before = snapshot();
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> dao.save(new Gadget(null, "s3", "c3", "red", 5, 3.0, null, 0)));
        assertTrue(e.getMessage().contains("would assign 1, which the id set " + base("gadget") + ":id already holds"),
                e.getMessage());
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
        assertUnchanged(before);
        assertEquals(first, dao.get(first.id()).orElseThrow());
    }

    // ---- a key of the wrong type, under every kind of single-object write

    /** The index keys a write of the object below touches: sets, sorted sets, the ordered id set. */
    private static final Map<String, String> INDEX_KEYS = Map.of(
            "old color set", ":idx:color:red",
            "new color set", ":idx:color:green",
            "prefix index", ":lex:color",
            "size index", ":idx:size",
            "id set", ":id");

    @ParameterizedTest
    @ValueSource(strings = {"old color set", "new color set", "prefix index", "size index", "id set"})
    void aBrokenIndexKeyRefusesEveryWriteAndLeavesRedisAsItWas(String which) {
        Gadget stored = dao.save(new Gadget(null, "s1", "c1", "red", 3, 1.0, "n", 0));
        dao.save(new Gadget(null, "s2", "c2", "green", 4, 2.0, "n", 0));
        String broken = base("gadget") + INDEX_KEYS.get(which);
        raw(jedis -> jedis.rename(broken, broken + ":saved"));
        raw(jedis -> jedis.set(broken, "not an index"));
        SortedMap<String, String> before = snapshot();

        List<Runnable> writes = new ArrayList<>(List.of(
                () -> dao.save(new Gadget(null, "s3", "c3", "green", 5, 3.0, null, 0)),
                () -> dao.save(new Gadget(stored.id(), "s9", "c9", "green", 7, 9.0, "moved", stored.version())),
                () -> dao.update(new Gadget(stored.id(), null, null, "green", 8, null, null, stored.version()),
                        GadgetQuery.color, GadgetQuery.size),
                () -> dao.delete(stored.id())));
        if (which.equals("new color set")) {
            // a delete of a red object does not touch the green set
            writes.remove(3);
        }
        if (which.equals("id set")) {
            writes.remove(2); // a partial update that keeps the rank does not touch the ordered id set
        }
        if (which.equals("old color set")) {
            writes.remove(0); // a new green object does not touch the red set
        }
        for (Runnable write : writes) {
            CorruptDataException e = assertThrows(CorruptDataException.class, write::run, which);
            assertTrue(e.getMessage().contains(broken + " holds a string"), e.getMessage());
            assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
            assertUnchanged(before);
        }
        raw(jedis -> jedis.rename(broken + ":saved", broken));
        assertEquals(stored, dao.get(stored.id()).orElseThrow());
        RedaoAssertions.assertConsistent(dao);
    }
}
