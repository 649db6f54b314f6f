package dev.redao.testsupport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where a Redis server listens and how to log in: the parts of a {@code redis://} or {@code rediss://}
 * URL that this module needs for its own PING / INFO / SHUTDOWN calls.
 *
 * <p>Parsed by hand rather than with {@link java.net.URI#getHost()}, which returns null for host names
 * with an underscore (common for docker-compose services such as {@code redis_1}).
 */
record RedisUrl(String host, int port, boolean tls, String user, String password) {

    static final int DEFAULT_PORT = 6379;

    /** A plain-text server on 127.0.0.1, which is how every server this module starts listens. */
    static RedisUrl loopback(int port) {
        return new RedisUrl("127.0.0.1", port, false, null, null);
    }

    /**
     * Accepts {@code redis[s]://[[user]:password@]host[:port][/db][?query]}; the database and query are
     * ignored (INFO and SHUTDOWN do not depend on them). {@code user@host} without a colon is a user
     * name with no password. Percent-escapes in the user and password are decoded.
     *
     * @throws IllegalArgumentException if the URL is not of that form
     */
    static RedisUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Redis URL is empty");
        }
        String s = url.strip();
        int schemeEnd = s.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("Not a redis:// URL: " + s);
        }
        boolean tls = switch (s.substring(0, schemeEnd).toLowerCase(Locale.ROOT)) {
            case "redis" -> false;
            case "rediss" -> true;
            default -> throw new IllegalArgumentException("Not a redis:// or rediss:// URL: " + s);
        };

        String rest = s.substring(schemeEnd + 3);
        String authority = rest.substring(0, indexOfAny(rest, "/?#"));

        String user = null;
        String password = null;
        // lastIndexOf: an unescaped '@' in a password is then still read as part of the password.
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                user = emptyToNull(decode(userInfo));
            } else {
                user = emptyToNull(decode(userInfo.substring(0, colon)));
                password = decode(userInfo.substring(colon + 1));
            }
        }

        String host;
        String portText;
        if (authority.startsWith("[")) { // IPv6 literal: [::1]:6379
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Unclosed '[' in Redis URL: " + s);
            }
            host = authority.substring(1, close);
            String afterHost = authority.substring(close + 1);
            if (!afterHost.isEmpty() && !afterHost.startsWith(":")) {
                throw new IllegalArgumentException("Unexpected text after ']' in Redis URL: " + s);
            }
            portText = afterHost.isEmpty() ? "" : afterHost.substring(1);
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? "" : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("Redis URL has no host: " + s);
        }
        return new RedisUrl(host, portText.isEmpty() ? DEFAULT_PORT : parsePort(portText, s), tls, user, password);
    }

    /** Never prints the password: these end up in exception messages and test logs. */
    @Override
    public String toString() {
        String login = user == null && password == null ? "" : (user == null ? "" : user) + (password == null ? "" : ":***") + "@";
        String printedHost = host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "rediss://" : "redis://") + login + printedHost + ":" + port;
    }

    private static int parsePort(String text, String url) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the URL
        }
        throw new IllegalArgumentException("Bad port '" + text + "' in Redis URL: " + url);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** URLDecoder turns '+' into a space (form encoding); in a URL's user info '+' is literal. */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
