package dev.redao.runtime;

import dev.redao.runtime.tools.Keyspace;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed connection string, following python-stdnet:
 * {@code redis://[user:password@]host:port?db=3&password=bla&namespace=test&timeout=5}, and
 * {@code rediss://} for TLS. Defaults: 127.0.0.1, port 6379, db 0, no namespace, 5 s timeout,
 * a pool of 16 connections ({@code pool=N}). A namespace is a name such as {@code shop} or
 * {@code tenant-7.eu} (see {@link Keyspace} for the keys it gives).
 */
public record RedisUrl(
        boolean tls,
        String host,
        int port,
        String user,
        String password,
        int database,
        String namespace,
        int timeoutMillis,
        int poolSize) {

    private static final int DEFAULT_PORT = 6379;
    private static final int DEFAULT_TIMEOUT_SECONDS = 5;
    private static final int DEFAULT_POOL_SIZE = 16;
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    public RedisUrl {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("Redis port out of range: " + port);
        }
        checkNamespace(namespace);
    }

    /** Parses a {@code redis://} or {@code rediss://} URL; an unknown parameter is an error, not ignored. */
    public static RedisUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("empty Redis URL");
        }
        boolean tls;
        String rest;
        if (url.startsWith("redis://")) {
            tls = false;
            rest = url.substring("redis://".length());
        } else if (url.startsWith("rediss://")) {
            tls = true;
            rest = url.substring("rediss://".length());
        } else {
            throw new IllegalArgumentException("Redis URL must start with redis:// or rediss://: " + url);
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                user = emptyToNull(decode(userInfo.substring(0, colon)));
                password = decode(userInfo.substring(colon + 1));
            } else {
                password = decode(userInfo); // redis://secret@host, as redis-cli reads it
            }
        }
        String host = rest.isEmpty() ? "127.0.0.1" : rest;
        int port = DEFAULT_PORT;
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && !host.endsWith("]")) {
            port = parseInt("port", host.substring(colon + 1));
            host = host.substring(0, colon);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int database = path.isEmpty() ? 0 : parseInt("database", path);
        String namespace = "";
        int timeoutMillis = DEFAULT_TIMEOUT_SECONDS * 1000;
        int poolSize = DEFAULT_POOL_SIZE;
        for (Map.Entry<String, String> p : parameters(query).entrySet()) {
            String value = p.getValue();
            switch (p.getKey()) {
                case "db" -> database = parseInt("db", value);
                case "password" -> password = value;
                case "user", "username" -> user = emptyToNull(value);
                case "namespace" -> namespace = value;
                case "timeout" -> timeoutMillis = (int) Math.round(parseDouble("timeout", value) * 1000);
                case "pool" -> poolSize = parseInt("pool", value);
                default -> throw new IllegalArgumentException("unknown Redis URL parameter '" + p.getKey()
                        + "' (known: db, password, user, namespace, timeout, pool)");
            }
        }
        if (database < 0) {
            throw new IllegalArgumentException("db must not be negative: " + database);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool must be at least 1: " + poolSize);
        }
        return new RedisUrl(tls, host, port, user, password, database, namespace, timeoutMillis, poolSize);
    }

    /** The same URL without the password, for messages and logs. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(tls ? "rediss://" : "redis://");
        if (user != null) {
            s.append(user).append('@');
        }
        s.append(address()).append("?db=").append(database);
        if (!namespace.isEmpty()) {
            s.append("&namespace=").append(namespace);
        }
        return s.toString();
    }

    /** host:port, as it appears in error messages. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * A namespace is empty or a name: segments of {@code [A-Za-z0-9_-]} joined by single dots.
     * Redao puts {@code :} after it, and as no name holds {@code :}, <code>{</code>, <code>}</code>
     * or a glob character, {@code N:} and <code>{N:</code> begin no other namespace's keys, and a
     * pattern {@code N:*} matches no other namespace's keys or channels.
     */
    private static void checkNamespace(String namespace) {
        if (namespace.isEmpty() || NAMESPACE.matcher(namespace).matches()) {
            return;
        }
        String withoutDots = namespace.replaceFirst("\\.+$", "");
        if (!withoutDots.equals(namespace) && NAMESPACE.matcher(withoutDots).matches()) {
            throw new IllegalArgumentException("namespace '" + namespace + "' ends with '.': Redao now puts ':' between"
                    + " the namespace and every key name itself, so write namespace=" + withoutDots + " (keys become "
                    + withoutDots + ":... and {" + withoutDots + ":user}...). Data stored under the old layout moves with"
                    + " LegacyNamespace: see 'Moving data from the old key layout' in the README");
        }
        throw new IllegalArgumentException("namespace '" + namespace + "' is not a name: use letters, digits, '_' and"
                + " '-', in segments joined by single dots (shop, acl.a, tenant-7.eu). Redao puts ':' after it; ':', braces,"
                + " glob characters or white space in it would let one namespace's keys or patterns reach another's");
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.put(key, value);
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static int parseInt(String what, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Redis URL: " + what + " must be a whole number, got '" + value + "'");
        }
    }

    private static double parseDouble(String what, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Redis URL: " + what + " must be a number of seconds, got '" + value + "'");
        }
    }
}
