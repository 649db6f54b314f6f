package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.RedisStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation is one command from the client, counted with INFO commandstats. Commands that a
 * script runs count there too (HSET, SADD...), so script operations are checked by their
 * client-level command: exactly one EVALSHA, no EVAL, nothing else that only a client sends.
 */
class RoundTripCountTest extends RedisTestSupport {
    /** Commands that only a client sends (scripts cannot call these). */
    private static final Set<String> CLIENT_ONLY = Set.of("evalsha", "eval", "evalsha_ro", "eval_ro", "script|load",
            "script|exists", "ping", "hello", "select", "auth", "client|setname", "client|info", "multi", "exec",
            "info", "fcall");

    private MemberDao dao;

    @BeforeEach
    void warmUp() {
        dao = new MemberDao(store);
        // sends every script's text once (see aScriptsFirstCallSendsItsText...) and opens a connection
        Member m = dao.save(new Member(null, "warm@x", null, null, 0, null));
        dao.getByEmail("warm@x");
        dao.getAll(List.of(m.id()));
        dao.delete(m.id());
        List<Member> two = dao.saveAll(List.of(new Member(null, "w1@x", null, null, 0, null),
                new Member(null, "w2@x", null, null, 0, null)));
        dao.deleteAll(two.stream().map(Member::id).toList());
    }

    /**
     * The change of each command's calls during {@code operation}, less the INFO that measures it
     * and what sentinels send the master meanwhile (a PING each second, an INFO each ten).
     */
    private Map<String, Long> commandsOf(Runnable operation) {
        Map<String, Long> delta = commandDelta(operation);
        Long info = delta.remove("info");
        assertTrue(info != null && info >= dataServerCount(), "the INFO before the operation: " + delta);
        if (TestServers.DEPLOYMENT == TestServers.Deployment.SENTINEL) {
            delta.remove("ping");
        }
        return delta;
    }

    private void assertOneScript(String what, Runnable operation) {
        Map<String, Long> delta = commandsOf(operation);
        // the first call of a script from this store sends its text (EVAL), later ones its SHA-1;
        // a read goes as EVAL_RO / EVALSHA_RO on Redis 7
        assertEquals(1L, SCRIPT_CALLS.stream().mapToLong(c -> delta.getOrDefault(c, 0L)).sum(), what + ": " + delta);
        for (String cmd : delta.keySet()) {
            assertTrue(SCRIPT_CALLS.contains(cmd) || !CLIENT_ONLY.contains(cmd), what + " sent " + cmd + ": " + delta);
        }
    }

    private void assertOneCommand(String what, String command, Runnable operation) {
        assertEquals(Map.of(command, 1L), commandsOf(operation), what);
    }

    @Test
    void oneRoundTripPerOperation() {
        Member[] ann = new Member[1];
        assertOneScript("save", () -> ann[0] = dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann")));
        assertOneScript("update", () -> dao.save(ann[0].withCountry("FR")));
        List<Member> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(new Member(null, "m" + i + "@x", "h" + i, "C" + i % 7, i, "M" + i));
        }
        List<Member> saved = new ArrayList<>();
        assertOneScript("saveAll(100)", () -> saved.addAll(dao.saveAll(hundred)));
        assertEquals(100, saved.size());
        assertOneCommand("get", "hmget", () -> assertTrue(dao.get(ann[0].id()).isPresent()));
        assertOneCommand("get of a missing id", "hmget", () -> assertTrue(dao.get(9999L).isEmpty()));
        assertOneScript("getByEmail", () -> assertTrue(dao.getByEmail("ann@x").isPresent()));
        assertOneScript("getAll(100)", () -> assertEquals(100, dao.getAll(saved.stream().map(Member::id).toList()).size()));
        assertOneCommand("exists", "sismember", () -> assertTrue(dao.exists(ann[0].id())));
        assertOneCommand("count", "scard", () -> assertEquals(101, dao.count()));
        assertOneScript("delete", () -> assertTrue(dao.delete(ann[0].id())));
        assertOneScript("deleteAll(100)", () -> assertEquals(100, dao.deleteAll(saved.stream().map(Member::id).toList())));
        assertEquals(Map.of(), commandsOf(() -> {
            dao.saveAll(List.of());
            dao.getAll(List.of());
            dao.deleteAll(List.of());
            dao.getByEmail(null);
        }), "empty calls do not reach Redis");
    }

    @Test
    void aScriptsFirstCallSendsItsTextAndLaterCallsItsSha() {
        try (RedisStore fresh = connect(ns)) {
            MemberDao members = new MemberDao(fresh);
            assertEquals(Map.of("eval", 1L), scriptCalls(commandsOf(() -> members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann")))));
            assertEquals(Map.of("evalsha", 1L), scriptCalls(commandsOf(() -> members.save(new Member(null, "bob@x", "bob", "DE", 31, "Bob")))));
        }
    }

    @Test
    void afterScriptFlushTheTextIsSentOnce() {
        dao.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        raw(jedis -> jedis.scriptFlush());
        Map<String, Long> delta = commandsOf(() -> dao.save(new Member(null, "bob@x", "bob", "DE", 31, "Bob")));
        assertEquals(Map.of("evalsha", 1L, "eval", 1L), scriptCalls(delta), "NOSCRIPT, then the text");
        assertEquals(Map.of("evalsha", 1L), scriptCalls(commandsOf(() -> dao.save(new Member(null, "cy@x", "cy", "DE", 31, "Cy")))));
    }

    private static Map<String, Long> scriptCalls(Map<String, Long> delta) {
        Map<String, Long> calls = new HashMap<>(delta);
        calls.keySet().retainAll(Set.of("eval", "evalsha"));
        return calls;
    }
}
