package dev.redao.runtime.messaging;

import dev.redao.runtime.AuthenticationException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.internal.RedisErrors;
import dev.redao.runtime.internal.StoreConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Makes sure the server publishes the keyspace notifications a watch needs: {@code K} (events on
 * {@code __keyspace@<db>__:<key>} channels) and the event classes. Flags already set stay set;
 * missing ones are added with CONFIG SET. Where CONFIG is not allowed, it fails with what to set.
 */
final class KeyspaceEvents {
    private static final Logger LOG = LoggerFactory.getLogger(KeyspaceEvents.class);
    static final String PARAMETER = "notify-keyspace-events";

    /**
     * What can happen to a model's object: generic commands (del, expire, rename), hash commands
     * (hset, hdel), expiry and eviction.
     */
    static final String OBJECT = "ghxe";
    /** A key of any type: every class that {@code A} stands for. */
    static final String ANY_KEY = "g$lshztxe";
    private static final String ALIAS_A = ANY_KEY;

    private KeyspaceEvents() {}

    /**
     * Makes sure every server that holds data (each master of a cluster, whose notifications are
     * its own keys') publishes the event classes.
     *
     * @param classes the event classes needed, for example {@link #OBJECT}
     */
    static void ensure(StoreConnection store, String classes) {
        String required = "K" + classes;
        store.forEachMaster(jedis -> ensureOn(store, jedis, required));
    }

    /** As {@link #ensure}, on one server; {@code required} includes the {@code K}. */
    static void ensureOn(StoreConnection store, Jedis jedis, String required) {
        String server = jedis.getConnection().getHostAndPort().toString();
        String current;
        try {
            current = jedis.configGet(PARAMETER).getOrDefault(PARAMETER, "");
        } catch (JedisException e) { // NOPERM, or CONFIG renamed away on a managed server
            throw refused(server, null, required, RedisErrors.command(server, e, "CONFIG GET " + PARAMETER, null));
        }
        String missing = missing(current, required);
        if (missing.isEmpty()) {
            return;
        }
        String wanted = current + missing;
        try {
            jedis.configSet(PARAMETER, wanted);
        } catch (JedisException e) {
            throw refused(server, current, required, RedisErrors.command(server, e, "CONFIG SET " + PARAMETER, null));
        }
        LOG.info("Redao: set " + PARAMETER + " on " + server + " from '" + current
                + "' to '" + wanted + "' for a watch");
    }

    /** The flags of {@code required} that {@code current} lacks, 'A' counting as all its classes. */
    static String missing(String current, String required) {
        String have = current.replace("A", ALIAS_A);
        StringBuilder out = new StringBuilder();
        for (char c : required.toCharArray()) {
            if (have.indexOf(c) < 0 && out.indexOf(String.valueOf(c)) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The watch's failure: a refusal of CONFIG says what to set; a server that cannot serve now, or
     * refused the connection's credentials, is that error itself, since setting nothing would help.
     */
    private static RedaoException refused(String server, String current, String required, RedaoException e) {
        if (e.isRetryable() || e instanceof AuthenticationException) {
            return e;
        }
        String suggestion = current == null ? "KA" : current + missing(current, required);
        String state = current == null
                ? "its value could not be read"
                : "it is '" + current + "'";
        String message = "Watching keys needs Redis keyspace notifications: " + PARAMETER + " on "
                + server + " must include K plus the event classes '" + required.substring(1)
                + "' (for example '" + suggestion + "', or 'KA' for every class), but " + state
                + " and this connection may not change it (" + reason(e) + "). Run CONFIG SET " + PARAMETER
                + " " + suggestion + " as an administrator, or set " + PARAMETER + " " + suggestion
                + " in redis.conf (on a managed service, in its parameter group).";
        return new KeyspaceEventsException(message, current, required, e);
    }

    /** The server's words, as Jedis gave them: what the administrator will recognize. */
    private static String reason(RedaoException e) {
        return e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    }
}
