package dev.redao.runtime.internal;

import dev.redao.runtime.AuthenticationException;
import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.IdsExhaustedException;
import dev.redao.runtime.PermissionException;
import dev.redao.runtime.QueryTooLongException;
import dev.redao.runtime.ReadOnlyException;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisOutOfMemoryException;
import dev.redao.runtime.RedisUnavailableException;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.ScriptException;
import java.net.ConnectException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisBroadcastException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one place where what Jedis throws becomes a {@link RedaoException}, so that no Jedis type
 * reaches a caller and one server condition gets one type wherever it meets a call. Server errors
 * are told apart by their error code (the reply's first word), which a script's error carries too,
 * once the wrapping that Redis puts around it is taken off.
 */
public final class RedisErrors {
    /** Conditions that pass by themselves: the same call can succeed later. */
    private static final Set<String> PASSING = Set.of(
            "LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN", "CLUSTERDOWN", "NOREPLICAS", "UNBLOCKED");

    /** Redis 6 wraps every error that stops a script: {@code ERR Error running script (call to f_<sha>): }. */
    private static final Pattern REDIS6_SCRIPT = Pattern.compile("^ERR Error running script \\(call to f_[0-9a-f]+\\): ");
    /**
     * Where in the script the error was raised: {@code @user_script:5: } (Redis 6), {@code @user_script: 5: }
     * (Redis 6's checks before a command runs), {@code user_script:5: } (Lua's error() with text, which
     * Redis 7 puts after {@code ERR }).
     */
    private static final Pattern POSITION = Pattern.compile("^(?:ERR (?=@?user_script:))?(?:@?user_script: ?\\d+: )+");
    /** Redis 7 names the script after the error: {@code  script: <sha>, on @user_script:5.} */
    private static final Pattern REDIS7_SCRIPT = Pattern.compile(" script: (?:f_)?[0-9a-f]+, on @user_script:\\d+\\.$");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_-]*");
    /** How Redis 6 and 7.0 word an ACL refusal inside a script, without the NOPERM code that 7.2 added. */
    private static final String SCRIPT_ACL = "The user executing the script can't";

    private RedisErrors() {}

    /**
     * What a failed command outside scripts means.
     *
     * @param what the call, for messages: {@code GET on key 'x'}, or {@code the command}
     * @param wrongType the exception for a WRONGTYPE reply, given Redis's words, when the caller
     *     knows which of its keys holds the wrong type; null for a plain refusal
     */
    public static RedaoException command(String address, JedisException e, String what, Function<String, RedaoException> wrongType) {
        if (e instanceof JedisBroadcastException broadcast) {
            // a command a cluster client sent to several nodes: the first node's failure is the error
            for (Map.Entry<HostAndPort, Object> reply : broadcast.getReplies().entrySet()) {
                if (reply.getValue() instanceof JedisException failure) {
                    return command(reply.getKey().toString(), failure, what, wrongType);
                }
            }
        }
        if (!(e instanceof JedisDataException)) {
            return notAnswered(address, e);
        }
        String reason = reason(e.getMessage());
        RedaoException condition = condition(address, e, reason, what);
        if (condition != null) {
            return condition;
        }
        if (wrongType != null && "WRONGTYPE".equals(code(reason))) {
            return wrongType.apply(reason);
        }
        return new RedaoException("Redis at " + address + " refused " + what + ": " + reason, e);
    }

    /** What a failed script call means: a server condition, a refusal the script raised with a REDAO- tag, or a ScriptException. */
    static RedaoException script(String address, JedisException e, Script script) {
        if (!(e instanceof JedisDataException)) {
            if (crossSlot(e)) {
                return crossSlot(script);
            }
            return unreachable(e)
                    ? new RedaoConnectionException(address, script.writes() && sent(e) ? "script '" + script.name() + "'" : null, e)
                    : new ScriptException(script.name(), String.valueOf(e.getMessage()), e);
        }
        String reason = reason(e.getMessage());
        String code = code(reason);
        // a tag decides, whatever error of Redis its text quotes
        RedaoException condition = code.startsWith("REDAO-") ? null : condition(address, e, reason, "script '" + script.name() + "'");
        if (condition != null) {
            return condition;
        }
        String detail = reason.substring(code.length()).strip();
        switch (code) {
            case "REDAO-IDS-EXHAUSTED":
                return new IdsExhaustedException(detail, detail + written(script), e);
            case "REDAO-QUERY-TOO-LONG":
                return new QueryTooLongException(detail + "; narrow it with an indexed filter, ask for a shorter page,"
                        + " or give the connection a longer timeout", e);
            case "REDAO-VERSION-EXHAUSTED":
                return new RedaoException(detail + written(script), e);
            case "REDAO-COUNTER-BEHIND", "REDAO-COUNTER-CORRUPT":
                return new CorruptDataException(detail + written(script));
            case "REDAO-WRONGTYPE", "REDAO-CORRUPT":
                return new CorruptDataException(detail + " (found by " + script.name()
                        + (script.readOnly() ? ")" : "; nothing was written)"));
            case "WRONGTYPE":
                return new CorruptDataException("a key read by " + script.name() + " holds the wrong type of value: " + reason);
            default:
                // Redis's whole message: for a user's Lua program, where in it the error was raised
                return new ScriptException(script.name(), String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * What a failure to open a pooled connection means: the server is out of reach, refused the
     * credentials or a setting of the connection string, or cannot serve now.
     */
    static RedaoException connecting(RedisUrl url, JedisException e) {
        String address = url.address();
        JedisDataException refusal = refusalInside(e);
        if (refusal != null) {
            // a cluster client that reached no node wraps what each refused (WRONGPASS, say)
            e = refusal;
        }
        if (!(e instanceof JedisDataException)) {
            // no socket, or the pool had no connection to give in time
            return new RedaoConnectionException(address, e);
        }
        String reason = reason(e.getMessage());
        RedaoException condition = condition(address, e, reason, "a new connection");
        if (condition != null) {
            return condition;
        }
        if (reason.contains("DB index")) {
            return new ConfigurationException(reason, "Redis at " + address + " refused the connection string "
                    + url + ": " + reason, e);
        }
        return new RedaoException("Redis at " + address + " refused a new connection: " + reason, e);
    }

    /** The first error reply among the causes and suppressed exceptions of {@code e}, if any. */
    private static JedisDataException refusalInside(Throwable e) {
        if (e == null) {
            return null;
        }
        if (e instanceof JedisDataException refusal) {
            return refusal;
        }
        for (Throwable suppressed : e.getSuppressed()) {
            JedisDataException found = refusalInside(suppressed);
            if (found != null) {
                return found;
            }
        }
        return e.getCause() == e ? null : refusalInside(e.getCause());
    }

    /**
     * What a failed INCRBY of a model's id counter means: a counter at the end of the long range
     * has run out of ids; one that holds no integer, or is no string, is corrupt.
     */
    static RedaoException idCounter(String address, JedisException e, String counter) {
        if (e instanceof JedisDataException) {
            String reason = reason(e.getMessage());
            if (reason.contains("overflow")) {
                return new IdsExhaustedException(reason, "the id counter " + counter
                        + " has no more ids (it would pass the largest long): " + reason + "; nothing was written", e);
            }
            if (reason.contains("not an integer") || "WRONGTYPE".equals(code(reason))) {
                return new CorruptDataException("the id counter " + counter + " cannot count: " + reason
                        + "; nothing was written");
            }
        }
        return command(address, e, "the id counter's INCRBY", null);
    }

    /** The conditions that mean the same wherever they meet a call; null for any other error. */
    private static RedaoException condition(String address, JedisException e, String reason, String what) {
        String code = code(reason);
        if (PASSING.contains(code)) {
            return new RedisUnavailableException(address, code,
                    "Redis at " + address + " cannot serve " + what + " now: " + reason, e);
        }
        switch (code) {
            case "NOPERM":
                return permission(address, e, reason, what);
            case "READONLY":
                return new ReadOnlyException(address, reason,
                        "Redis at " + address + " is a read-only replica and refused " + what + ": " + reason, e);
            case "OOM":
                return new RedisOutOfMemoryException(address, reason,
                        "Redis at " + address + " has reached its maxmemory and refused " + what + ": " + reason, e);
            case "WRONGPASS", "NOAUTH":
                return new AuthenticationException(address, reason,
                        "Redis at " + address + " refused the credentials: " + reason, e);
            default:
                return reason.contains(SCRIPT_ACL) ? permission(address, e, reason, what) : null;
        }
    }

    private static PermissionException permission(String address, JedisException e, String reason, String what) {
        return new PermissionException(address, reason,
                "Redis at " + address + " refused " + what + " to this connection's user: " + reason, e);
    }

    /** A failure without a reply from the server. */
    private static RedaoException notAnswered(String address, JedisException e) {
        if (crossSlot(e)) {
            return new CrossSlotException("a command names keys of several hash slots, which a Redis Cluster cannot run"
                    + " in one command; nothing was sent. Keys used together need one hash tag", e);
        }
        if (unreachable(e)) {
            return new RedaoConnectionException(address, e);
        }
        return new RedaoException("the Redis client failed talking to " + address + ": " + e.getMessage(), e);
    }

    /**
     * Whether no server answered: a lost or refused connection, a pool that could not give one
     * (its servers unreachable, or every connection in use past the timeout), or a cluster client
     * that ran out of attempts or time (a failover under way).
     */
    private static boolean unreachable(JedisException e) {
        return e instanceof JedisConnectionException
                || e instanceof JedisClusterOperationException
                || String.valueOf(e.getMessage()).startsWith("Could not get a resource from the pool");
    }

    /**
     * Whether a connection that was open broke during the call (killed, timed out, cut off), so
     * that its pool drops it and opens another: not one that could not be opened, nor a pool that
     * gave none.
     */
    static boolean brokeConnection(JedisException e) {
        return e instanceof JedisConnectionException && sent(e);
    }

    /**
     * Whether a call that got no reply may have reached the server: anything but a connection
     * that could not be opened or a pool that gave none, which fail before a byte is sent.
     */
    private static boolean sent(JedisException e) {
        if (String.valueOf(e.getMessage()).startsWith("Could not get a resource from the pool")) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || String.valueOf(t.getMessage()).startsWith("Failed to connect")) {
                return false;
            }
        }
        return true;
    }

    /** A script whose keys a Redis Cluster cannot bring together. */
    static CrossSlotException crossSlot(Script script) {
        return new CrossSlotException("script '" + script.name() + "' names keys of several hash slots, which a"
                + " Redis Cluster cannot run in one script; nothing was sent. Keys used together need one hash"
                + " tag, models written together one @Model(group)");
    }

    /** The cluster client refuses, before sending, a command whose keys hash to several slots. */
    private static boolean crossSlot(JedisException e) {
        return e instanceof JedisClusterOperationException && String.valueOf(e.getMessage()).contains("multiple hash slots");
    }

    private static String written(Script script) {
        return " (" + script.name() + "; nothing was written)";
    }

    /**
     * The server's error text without what Redis wraps around an error that stops a script: for
     * {@code ERR Error running script (call to f_1): @user_script:3: @user_script: 3: -OOM command
     * not allowed} it is {@code OOM command not allowed}.
     */
    static String reason(String message) {
        String m = String.valueOf(message).strip();
        m = REDIS6_SCRIPT.matcher(m).replaceFirst("");
        m = POSITION.matcher(m).replaceFirst("");
        m = REDIS7_SCRIPT.matcher(m).replaceFirst("");
        // Redis 6 raises its shared replies (OOM, READONLY) inside a script with their RESP dash
        return m.startsWith("-") ? m.substring(1).strip() : m;
    }

    /** The error code, the reason's first word ({@code LOADING}, {@code REDAO-WRONGTYPE}), or "" if it has none. */
    static String code(String reason) {
        int space = reason.indexOf(' ');
        String first = space < 0 ? reason : reason.substring(0, space);
        return CODE.matcher(first).matches() ? first : "";
    }
}
