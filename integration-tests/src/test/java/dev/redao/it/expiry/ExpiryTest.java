package dev.redao.it.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.Saved;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.query.Related;
import dev.redao.test.ConsistencyReport;
import dev.redao.test.RedaoAssertions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Objects that expire: past its deadline an object is gone for every read and every write at
 * once, whether or not a client is there; its keys go with the model's next writes (or
 * purgeExpired), with its index and unique entries, and with what its references' onDelete says.
 */
class ExpiryTest extends RedisTestSupport {
    private static final Duration LONG = Duration.ofHours(1);
    private static final Duration SHORT = Duration.ofMillis(1);

    private SessionDao sessions;
    private DeviceDao devices;
    private GrantDao grants;
    private CacheEntryDao cache;

    @BeforeEach
    void daos() {
        sessions = new SessionDao(store);
        devices = new DeviceDao(store);
        grants = new GrantDao(store);
        cache = new CacheEntryDao(store);
    }

    /** The ids an expiring model's deadlines name. */
    private Set<String> deadlines(String key) {
        return Set.copyOf(raw(jedis -> jedis.zrange(key, 0, -1)));
    }

    /** The session model's keys that name the object: its hash, its id, its deadline, its index and unique entries. */
    private List<String> sessionKeysMentioning(Long id) {
        String prefix = base("auth") + ":session:";
        String member = id.toString();
        List<String> out = new ArrayList<>();
        for (String key : keys()) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            boolean mentions = switch (type(key)) {
                case "set" -> members(key).contains(member);
                case "zset" -> raw(jedis -> jedis.zrange(key, 0, -1)).stream()
                        .anyMatch(m -> m.equals(member) || m.endsWith("\0" + member));
                case "hash" -> key.equals(prefix + "obj:" + member) || key.contains(":uni:") && hash(key).containsValue(member);
                default -> false;
            };
            if (mentions) {
                out.add(key);
            }
        }
        return out;
    }

    /**
     * Waits until the condition holds: an object given a millisecond to live is past it soon after.
     * Each try is a call to Redis, which paces the loop.
     */
    static void await(BooleanSupplier condition) {
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < giveUp, "the condition did not hold within 10 s");
        }
    }

    private void awaitExpired(Long sessionId) {
        await(() -> sessions.get(sessionId).isEmpty());
    }

    @Test
    void anObjectPastItsDeadlineIsGoneForEveryRead() {
        Session kept = sessions.save(new Session(null, "tok-kept", "ann", "firefox/1", 3), LONG);
        Session gone = sessions.save(new Session(null, "tok-gone", "ann", "firefox/2", 5), SHORT);
        Device keptDevice = devices.save(new Device(null, kept.id(), "laptop"));
        Device goneDevice = devices.save(new Device(null, gone.id(), "phone"));
        awaitExpired(gone.id());

        assertEquals(Optional.of(kept), sessions.get(kept.id()));
        assertEquals(List.of(kept), sessions.getAll(List.of(gone.id(), kept.id())));
        assertFalse(sessions.exists(gone.id()));
        assertTrue(sessions.exists(kept.id()));
        assertEquals(1, sessions.count());
        assertEquals(1, sessions.stats().objects(), "the tools count live objects too");
        assertEquals(2, sessions.stats().objectKeys(), "the expired object's hash waits for a write to purge it");
        assertEquals(Optional.empty(), sessions.getByToken("tok-gone"));
        assertEquals(Optional.of(kept), sessions.getByToken("tok-kept"));
        assertEquals(List.of(kept), sessions.query().filter(SessionQuery.user.eq("ann")).list());
        assertEquals(List.of(kept), sessions.query().filter(SessionQuery.agent.startsWith("firefox")).list());
        assertEquals(List.of(kept), sessions.query().sortBy(SessionQuery.hits.desc()).list());
        assertEquals(List.of(kept.id()), sessions.query().filter(SessionQuery.hits.ge(0)).ids());
        assertEquals(1, sessions.query().filter(SessionQuery.user.eq("ann")).count());
        assertFalse(sessions.query().filter(SessionQuery.token.eq("tok-gone")).exists());
        assertEquals(Optional.empty(), sessions.timeToLive(gone.id()));

        // a device of the expired session is still there (its purge has not run), but its session is none
        Related<Device> related = devices.query().loadRelated(DeviceQuery.sessionId, sessions).list();
        assertEquals(List.of(keptDevice, goneDevice), related.objects());
        assertEquals(Map.of(kept.id(), kept), related.related(DeviceQuery.sessionId));
        // a join into the sessions matches none past its deadline
        assertEquals(List.of(keptDevice), devices.query().filter(DeviceQuery.sessionId.matches(SessionQuery.user.eq("ann"))).list());
        assertEquals(1, devices.query().filter(DeviceQuery.sessionId.matches(SessionQuery.hits.ge(0))).count());
        RedaoAssertions.assertConsistent(sessions, devices, grants);
    }

    @Test
    void theModelsTtlIsTheDefaultAndCanBeChanged() {
        Session s = sessions.save(new Session(null, "t1", "bob", "curl", 0));
        Duration left = sessions.timeToLive(s.id()).orElseThrow();
        assertTrue(left.compareTo(Duration.ofMinutes(59)) > 0 && left.compareTo(LONG) <= 0, left.toString());
        assertEquals(Set.of(s.id().toString()), deadlines(base("auth") + ":session:exp"));
        assertTrue(sessions.persist(s.id()));
        assertEquals(Optional.of(Duration.ZERO), sessions.timeToLive(s.id()));
        assertTrue(sessions.expire(s.id(), Duration.ofMinutes(5)));
        assertTrue(sessions.timeToLive(s.id()).orElseThrow().compareTo(Duration.ofMinutes(5)) <= 0);
        assertTrue(sessions.expire(s.id(), SHORT));
        awaitExpired(s.id());
        assertFalse(sessions.expire(s.id(), LONG), "an expired object is not brought back");
        assertFalse(sessions.persist(s.id()));
        assertFalse(sessions.persist(404L));
        assertEquals(Optional.empty(), sessions.timeToLive(404L));
    }

    @Test
    void aModelWithoutTtlExpiresOnlyWhenTold() {
        CacheEntry e = cache.save(new CacheEntry("k1", "page", "v", 0));
        assertEquals(Optional.of(Duration.ZERO), cache.timeToLive("k1"));
        cache.save(e.withValue("v2")); // keeps what it has: no deadline
        assertEquals(Optional.of(Duration.ZERO), cache.timeToLive("k1"));
        CacheEntry short1 = cache.save(cache.get("k1").orElseThrow().withValue("v3"), Duration.ofMinutes(1));
        assertTrue(cache.timeToLive("k1").orElseThrow().compareTo(Duration.ofMinutes(1)) <= 0);
        cache.save(short1.withValue("v4")); // a save without a ttl keeps the deadline
        assertTrue(cache.timeToLive("k1").orElseThrow().compareTo(Duration.ofMinutes(1)) <= 0);
        cache.save(cache.get("k1").orElseThrow(), Duration.ZERO);
        assertEquals(Optional.of(Duration.ZERO), cache.timeToLive("k1"));
    }

    @Test
    void aUniqueValueHeldByAnExpiredObjectIsFree() {
        Session old = sessions.save(new Session(null, "shared", "ann", "a", 1), SHORT);
        awaitExpired(old.id());
        Session taker = sessions.save(new Session(null, "shared", "bob", "b", 2));
        assertEquals(Optional.of(taker), sessions.getByToken("shared"));
        // the taker's save purged the expired one, and its purge left the taker's entry alone
        assertEquals(List.of(), sessionKeysMentioning(old.id()));
        assertEquals(Map.of("shared", taker.id().toString()), hash(base("auth") + ":session:uni:token"));
        assertThrows(UniqueViolationException.class, () -> sessions.save(new Session(null, "shared", "cy", "c", 3)));
        RedaoAssertions.assertConsistent(sessions, devices, grants);
    }

    @Test
    void writesPurgeExpiredObjectsWithTheirEntriesAndWhatTheirReferencesSay() {
        Session gone = sessions.save(new Session(null, "tok", "ann", "agent", 7), SHORT);
        Device device = devices.save(new Device(null, gone.id(), "phone"));
        Grant grant = grants.save(new Grant(null, gone.id(), "read"));
        awaitExpired(gone.id());
        // nothing wrote the model since: its keys are there, waiting, and the checker counts them as expiring, not leaked
        assertFalse(sessionKeysMentioning(gone.id()).isEmpty());
        ConsistencyReport before = RedaoAssertions.check(sessions, devices, grants);
        assertTrue(before.isConsistent(), before.toString());

        sessions.save(new Session(null, "other", "bob", "agent", 1)); // any write of the model purges
        assertEquals(List.of(), sessionKeysMentioning(gone.id()));
        assertEquals(Optional.empty(), devices.get(device.id()), "CASCADE deleted the device");
        assertEquals(Optional.of(new Grant(grant.id(), null, "read")), grants.get(grant.id()), "SET_NULL cleared the grant");
        assertFalse(deadlines(base("auth") + ":session:exp").contains(gone.id().toString()));
        RedaoAssertions.assertConsistent(sessions, devices, grants);
    }

    @Test
    void aPurgeThatARestrictReferenceRefusesIsDroppedAndTheWriteGoesOn() {
        DeviceLockDao locks = new DeviceLockDao(store);
        Session gone = sessions.save(new Session(null, "tok", "ann", "agent", 7), SHORT);
        Device device = devices.save(new Device(null, gone.id(), "phone"));
        DeviceLock lock = locks.save(new DeviceLock(null, device.id()));
        awaitExpired(gone.id());
        // the purge would cascade to the device, which the lock restricts: the save goes on without it
        Session other = sessions.save(new Session(null, "other", "bob", "agent", 1));
        assertEquals(Optional.of(other), sessions.getByToken("other"));
        assertEquals(Optional.empty(), sessions.get(gone.id()));
        assertFalse(sessionKeysMentioning(gone.id()).isEmpty(), "the expired session waits for its purge");
        assertEquals(Optional.of(device), devices.get(device.id()));
        // once the lock is gone, the next purge takes the session and its device
        locks.delete(lock.id());
        assertEquals(1, sessions.purgeExpired());
        assertEquals(List.of(), sessionKeysMentioning(gone.id()));
        assertEquals(Optional.empty(), devices.get(device.id()));
        RedaoAssertions.assertConsistent(sessions, devices, grants, locks);
    }

    @Test
    void largeBatchesAndTransactionsGiveTheModelsTtl() {
        List<Session> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(new Session(null, "b" + i, "u", "agent", i));
        }
        List<Session> saved = sessions.saveAll(batch, BatchMode.ALL_OR_NOTHING); // more than one script: claims first
        assertEquals(300, sessions.count());
        for (Session s : List.of(saved.get(0), saved.get(299))) {
            Duration left = sessions.timeToLive(s.id()).orElseThrow();
            assertTrue(left.compareTo(Duration.ofMinutes(59)) > 0, left.toString());
        }
        AtomicReference<Saved<Session>> inTx = new AtomicReference<>();
        store.transaction(tx -> inTx.set(tx.save(sessions, new Session(null, "tx", "v", "agent", 1))));
        assertTrue(sessions.timeToLive(inTx.get().get().id()).orElseThrow().compareTo(Duration.ofMinutes(59)) > 0);
        RedaoAssertions.assertConsistent(sessions, devices, grants);
    }

    @Test
    void aDeleteOfAnExpiredObjectFindsNone() {
        Session gone = sessions.save(new Session(null, "tok", "ann", "agent", 7), SHORT);
        awaitExpired(gone.id());
        assertFalse(sessions.delete(gone.id()));
        assertEquals(List.of(), sessionKeysMentioning(gone.id()));
    }

    @Test
    void aSaveOfAnExpiredObjectWritesItAsNew() {
        CacheEntry first = cache.save(new CacheEntry("k", "old-kind", "v", 0), SHORT);
        assertEquals(1, first.version());
        await(() -> cache.get("k").isEmpty());
        assertThrows(MissingObjectException.class, () -> cache.update(first.withValue("x"), CacheEntryQuery.value),
                "a partial save keeps stored values, which an expired object no longer has");
        // the version starts again, as for a new object, and the stale index entry goes
        CacheEntry again = cache.save(new CacheEntry("k", "new-kind", "w", 0));
        assertEquals(1, again.version());
        assertEquals(Optional.of(again), cache.get("k"));
        assertEquals(Optional.of(Duration.ZERO), cache.timeToLive("k"), "it lives for ever, as a new object does");
        assertEquals(List.of(), cache.query().filter(CacheEntryQuery.kind.eq("old-kind")).list());
        assertFalse(exists(base("cache") + ":idx:kind:old-kind"));
        RedaoAssertions.assertConsistent(cache);
    }

    @Test
    void purgeExpiredDeletesEveryExpiredObject() {
        List<Session> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add(sessions.save(new Session(null, "t" + i, "u" + (i % 7), "agent", i), LONG));
        }
        Session kept = sessions.save(new Session(null, "kept", "ann", "agent", 1), LONG);
        // expire writes no object, so it purges nothing: every one of them waits for purgeExpired
        many.forEach(s -> assertTrue(sessions.expire(s.id(), SHORT)));
        awaitExpired(many.get(many.size() - 1).id());
        assertEquals(150, sessions.purgeExpired());
        assertEquals(0, sessions.purgeExpired());
        assertEquals(Set.of(kept.id().toString()), members(base("auth") + ":session:id"));
        assertEquals(Set.of(kept.id().toString()), deadlines(base("auth") + ":session:exp"));
        RedaoAssertions.assertConsistent(sessions, devices, grants);
    }

    @Test
    void thousandsOfShortLivedObjectsLeakNothing() {
        BurstDao bursts = new BurstDao(store);
        List<Burst> made = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            made.add(new Burst(null, "code-" + i, "k" + (i % 10), i));
        }
        bursts.saveAll(made); // the model's ttl: a fifth of a second each
        await(() -> bursts.count() == 0);
        // after the last deadline, with no write since: nothing leaked, and nothing is visible
        ConsistencyReport afterExpiry = RedaoAssertions.check(bursts);
        assertTrue(afterExpiry.isConsistent(), afterExpiry.toString());
        assertEquals(List.of(), bursts.query().filter(BurstQuery.kind.eq("k3")).list());
        assertEquals(List.of(), bursts.query().sortBy(BurstQuery.at.desc()).limit(20).ids());
        assertEquals(Optional.empty(), bursts.getByCode("code-7"));
        // and again after those reads, which write nothing
        ConsistencyReport afterRead = RedaoAssertions.check(bursts);
        assertTrue(afterRead.isConsistent(), afterRead.toString());
        // the purge leaves the id counter alone
        bursts.purgeExpired();
        assertEquals(Set.of(base("burst") + ":ids", base("burst") + ":schema"), keys());
    }

    @Test
    void badTimesToLiveAreRefusedBeforeAnythingIsSent() {
        MemberDao members = new MemberDao(store);
        Member m = new Member(null, "a@x", "a", "DE", 30, "A");
        InvalidArgumentException notExpiring = assertThrows(InvalidArgumentException.class, () -> members.save(m, LONG));
        assertTrue(notExpiring.getMessage().contains("member objects do not expire"), notExpiring.getMessage());
        assertThrows(InvalidArgumentException.class, () -> members.expire(1L, LONG));
        assertThrows(InvalidArgumentException.class, () -> members.purgeExpired());
        InvalidArgumentException negative = assertThrows(InvalidArgumentException.class,
                () -> sessions.save(new Session(null, "t", "u", "a", 1), Duration.ofSeconds(-1)));
        assertTrue(negative.getMessage().contains("session"), negative.getMessage());
        assertThrows(InvalidArgumentException.class, () -> sessions.expire(1L, Duration.ofDays(40_000)));
        assertEquals(Set.of(), keys());
    }

    @Test
    void grantsOfAModelThatDoesNotExpireKeepTheirSessionIdUntilThePurge() {
        Session gone = sessions.save(new Session(null, "tok", "ann", "agent", 7), SHORT);
        Grant grant = grants.save(new Grant(null, gone.id(), "read"));
        awaitExpired(gone.id());
        // the grant model does not expire and is not purged by its own writes: its reference
        // names an object that is none until the session model's next write
        assertEquals(gone.id(), grants.get(grant.id()).orElseThrow().sessionId());
        sessions.purgeExpired();
        assertNull(grants.get(grant.id()).orElseThrow().sessionId());
    }
}
