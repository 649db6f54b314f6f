package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.PermissionException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Refusals that stay until someone acts (a full memory, a read-only replica, an ACL, a connection
 * string the server rejects) each have a type of their own that carries the server's words, is not
 * retryable, and is never mistaken for corrupt data. Redis is left as it was.
 */
class ServerRefusalsTest extends RedisTestSupport {

    private static Member member(Long id, String email, String country) {
        return new Member(id, email, email.substring(0, email.indexOf('@')), country, 30, null);
    }

    /** The call throws {@code type}, which is not retryable and whose reason (read by {@code reason}) starts with {@code code}. */
    private static <E extends RedaoException> Executable refused(Class<E> type, Function<E, String> reason, String code,
            Executable call) {
        return () -> {
            E e = assertThrows(type, call);
            assertFalse(e.isRetryable(), e.getMessage());
            assertTrue(reason.apply(e).startsWith(code) || reason.apply(e).contains("The user executing the script can't"),
                    "the server's words: " + reason.apply(e));
            assertTrue(e.getMessage().contains(reason.apply(e)), e.getMessage());
        };
    }

    // ---- ACLs: NOPERM, inside scripts and out

    private String user;

    private RedisStore connectAs(String... rules) {
        user = "redao-refused-" + ns.substring(0, ns.length() - 1);
        raw(jedis -> jedis.aclSetUser(user, rules));
        return RedisStore.connect("redis://" + user + ":pw@" + redis().host() + ":" + redis().port() + "?namespace=" + ns);
    }

    private void dropUser() {
        raw(jedis -> jedis.aclDelUser(user));
    }

    private static Executable permission(Executable call) {
        return refused(PermissionException.class, PermissionException::reason, "NOPERM", call);
    }

    /**
     * A user who may touch the model's objects, ids and unique hashes, but not its index keys: the
     * index write is refused after the INCR of the new id, which is given back.
     */
    @Test
    void aKeyTheUserMayNotTouchInsideAScriptIsAPermissionErrorAndTheIdIsGivenBack() {
        MemberDao admin = new MemberDao(store);
        admin.save(member(null, "ann@x", "DE"));
        SortedMap<String, String> before = snapshot();
        String base = base("member");
        try (RedisStore limited = connectAs("on", ">pw", "&*", "+@all",
                "~" + base + ":obj:*", "~" + base + ":id", "~" + base + ":ids", "~" + base + ":uni:*")) {
            MemberDao dao = new MemberDao(limited);
            assertAll(
                    permission(() -> dao.save(member(null, "bob@x", "FR"))),
                    permission(() -> dao.saveAll(List.of(member(null, "c@x", "FR"), member(null, "d@x", "FR")))));
        } finally {
            dropUser();
        }
        assertUnchanged(before);
    }

    /** Channels the user may not use: publishing and subscribing are permission errors. */
    @Test
    void aChannelTheUserMayNotUseIsAPermissionError() {
        try (RedisStore limited = connectAs("on", ">pw", "~*", "resetchannels", "&" + ns + "redao:*", "+@all")) {
            assertAll(
                    permission(() -> limited.pubSub().publish("orders", "m")),
                    permission(() -> limited.pubSub().subscribe((channel, message) -> {}, "orders")));
        } finally {
            dropUser();
        }
    }

    // ---- the connection string

    /** A database the server does not have: a configuration error naming the URL, without its password. */
    @Test
    void aDatabaseTheServerDoesNotHaveIsAConfigurationError() {
        user = "redao-db-" + ns.substring(0, ns.length() - 1);
        raw(jedis -> jedis.aclSetUser(user, "on", ">s3cret-pw", "~*", "&*", "+@all"));
        try {
            String hostPort = redis().host() + ":" + redis().port();
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> RedisStore.connect("redis://" + user + ":s3cret-pw@" + hostPort + "?db=99&namespace=" + ns).close());
            assertFalse(e.isRetryable());
            assertTrue(e.reason().contains("DB index is out of range"), e.reason());
            assertTrue(e.getMessage().contains("redis://" + user + "@" + hostPort + "?db=99"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), "the password leaked: " + e.getMessage());
        } finally {
            dropUser();
        }
    }

    // ---- execute(jedis -> ...)

    @Test
    void executeTurnsWhatJedisThrowsIntoARedaoExceptionAndLetsTheCallersOwnThrough() {
        raw(jedis -> jedis.set(ns + "text", "abc"));
        RedaoException e = assertThrows(RedaoException.class, () -> store.execute(jedis -> jedis.incr(ns + "text")));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().contains("not an integer") && e.getMessage().contains(store.url().address()), e.getMessage());

        IllegalStateException mine = new IllegalStateException("mine");
        assertSame(mine, assertThrows(IllegalStateException.class, () -> store.execute(jedis -> {
            throw mine;
        })));
    }
}
