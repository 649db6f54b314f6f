package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UnconfirmedWriteException;
import dev.redao.runtime.UniqueViolationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code wait=1} in the connection string: each write script and a WAIT for one replica go to the
 * master in one round trip, and a write no replica confirmed in time throws
 * {@link UnconfirmedWriteException}. The cluster and Sentinel deployments have a replica per
 * master; the single server has none, so there every write is unconfirmed.
 */
class DurabilityTest extends RedisTestSupport {
    private static final boolean REPLICATED = TestServers.DEPLOYMENT != TestServers.Deployment.SERVER;

    /** A store of this test's namespace whose writes wait for one replica, for at most half a second. */
    private RedisStore waiting() {
        return RedisStore.connect(TestServers.url() + "?namespace=" + ns + "&wait=1&timeout=1");
    }

    @Test
    void aWriteAndItsWaitAreOneRoundTrip() {
        try (RedisStore durable = waiting()) {
            MemberDao dao = new MemberDao(durable);
            if (!REPLICATED) {
                UnconfirmedWriteException e = assertThrows(UnconfirmedWriteException.class,
                        () -> dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann")));
                assertEquals(0, e.confirmed());
                assertEquals(1, e.required());
                assertTrue(e.getMessage().contains("member.insert") && e.getMessage().contains("0 of the 1 replicas"),
                        e.getMessage());
                assertEquals(Optional.of(new Member(1L, "ann@x", "ann", "DE", 31, "Ann")), dao.get(1L),
                        "the master ran the write");
                return;
            }
            dao.save(new Member(null, "warm@x", "warm", "DE", 1, "Warm")); // sends the script's text once
            Map<String, Long> delta = commandDelta(() -> dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann")));
            delta.remove("info");
            assertEquals(1L, delta.get("evalsha"), delta.toString());
            assertEquals(1L, delta.get("wait"), "the WAIT went with the script: " + delta);
            assertEquals(Optional.of(new Member(2L, "ann@x", "ann", "DE", 31, "Ann")), dao.getByEmail("ann@x"));
        }
    }

    @Test
    void readsSendNoWaitAndARefusedWriteIsItsRefusal() {
        MemberDao plain = new MemberDao(store);
        Member ann = plain.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        try (RedisStore durable = waiting()) {
            MemberDao dao = new MemberDao(durable);
            Map<String, Long> delta = commandDelta(() -> {
                assertEquals(Optional.of(ann), dao.get(ann.id()));
                assertEquals(Optional.of(ann), dao.getByEmail("ann@x"));
                assertEquals(List.of(ann), dao.query().filter(MemberQuery.country.eq("DE")).list());
                assertEquals(1, dao.query().count());
            });
            assertEquals(null, delta.get("wait"), "reads send no WAIT: " + delta);
            // a refused write wrote nothing: its refusal comes before the replicas' count
            UniqueViolationException e = assertThrows(UniqueViolationException.class,
                    () -> dao.save(new Member(null, "ann@x", "other", "FR", 1, "Other")));
            assertEquals("email", e.field());
        }
    }

    @Test
    void deletesTransactionsAndBatchesWaitToo() {
        try (RedisStore durable = waiting()) {
            MemberDao dao = new MemberDao(durable);
            MemberDao plain = new MemberDao(store);
            List<Member> saved = plain.saveAll(List.of(new Member(null, "a@x", "a", "DE", 1, "A"),
                    new Member(null, "b@x", "b", "DE", 2, "B"), new Member(null, "c@x", "c", "FR", 3, "C")));
            List<Runnable> writes = List.of(
                    () -> dao.delete(saved.get(0).id()),
                    () -> dao.saveAll(List.of(new Member(null, "d@x", "d", "IT", 4, "D"), new Member(null, "e@x", "e", "IT", 5, "E"))),
                    () -> durable.transaction(tx -> tx.delete(dao, saved.get(1).id())),
                    () -> dao.query().filter(MemberQuery.country.eq("FR")).delete());
            for (Runnable write : writes) {
                if (REPLICATED) {
                    Map<String, Long> delta = commandDelta(write);
                    assertEquals(1L, delta.get("wait"), delta.toString());
                } else {
                    assertThrows(UnconfirmedWriteException.class, write::run);
                }
            }
            assertEquals(List.of("d@x", "e@x"), plain.query().list().stream().map(Member::email).sorted().toList(),
                    "every write ran");
        }
    }
}
