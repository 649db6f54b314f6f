package dev.redao.runtime.tools;

import java.nio.charset.StandardCharsets;

/**
 * Redis's glob patterns, as KEYS and SCAN MATCH read them: {@code *}, {@code ?}, {@code [...]}
 * (with {@code ^} and ranges) and {@code \} to take the next character literally. Braces are not
 * special (there is no shell-style brace expansion), so a hash tag in a pattern is plain text.
 */
final class Glob {
    private Glob() {}

    /**
     * {@code literal} as a pattern that matches exactly that text: a namespace of the old layout
     * such as {@code a*b.} ({@link LegacyNamespace}), or a queue name, must not widen a pattern to
     * other keys ({@code aXb.}). Namespaces of the current layout hold no glob character.
     */
    static String escape(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 4);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * The text every key the pattern matches starts with: what comes before its first wildcard
     * ({@code *}, {@code ?} or {@code [}), escapes resolved; null when the pattern has no
     * wildcard and matches one name only.
     */
    static String literalPrefix(String pattern) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return prefix.toString();
            }
            if (c == '\\' && i + 1 < pattern.length()) { // as the server reads it: a backslash at the end is itself
                c = pattern.charAt(++i);
            }
            prefix.append(c);
        }
        return null;
    }

    static boolean matches(String pattern, byte[] text) {
        return matches(pattern.getBytes(StandardCharsets.UTF_8), text);
    }

    /**
     * Matches byte by byte exactly as the server does (a port of {@code stringmatchlen} in Redis's
     * util.c, case-sensitive), so that keys filtered here agree with keys the server filters with
     * MATCH. Bytes compare as signed values there too, which matters only for ranges that reach
     * past ASCII.
     */
    static boolean matches(byte[] pattern, byte[] text) {
        return match(pattern, 0, text, 0, new boolean[1], 0);
    }

    private static boolean match(byte[] p, int pi, byte[] s, int si, boolean[] skipLongerMatches, int nesting) {
        if (nesting > 1000) { // the server's guard against abusive patterns
            return false;
        }
        while (pi < p.length && si < s.length) {
            switch (p[pi]) {
                case '*' -> {
                    while (pi + 1 < p.length && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length) {
                        return true;
                    }
                    while (si < s.length) {
                        if (match(p, pi + 1, s, si, skipLongerMatches, nesting + 1)) {
                            return true;
                        }
                        if (skipLongerMatches[0]) {
                            return false;
                        }
                        si++;
                    }
                    // The rest of the pattern matches nowhere in the rest of the text, so an
                    // earlier star cannot help by matching more: stop (the server does the same).
                    skipLongerMatches[0] = true;
                    return false;
                }
                case '?' -> si++;
                case '[' -> {
                    pi++;
                    boolean not = at(p, pi) == '^';
                    if (not) {
                        pi++;
                    }
                    boolean matched = false;
                    while (true) {
                        if (at(p, pi) == '\\' && p.length - pi >= 2) {
                            pi++;
                            if (p[pi] == s[si]) {
                                matched = true;
                            }
                        } else if (at(p, pi) == ']') {
                            break;
                        } else if (pi >= p.length) {
                            pi--; // an unclosed class ends with the pattern
                            break;
                        } else if (p.length - pi >= 3 && p[pi + 1] == '-') {
                            int start = p[pi];
                            int end = p[pi + 2];
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            pi += 2;
                            if (s[si] >= start && s[si] <= end) {
                                matched = true;
                            }
                        } else if (p[pi] == s[si]) {
                            matched = true;
                        }
                        pi++;
                    }
                    if (not) {
                        matched = !matched;
                    }
                    if (!matched) {
                        return false;
                    }
                    si++;
                }
                default -> {
                    if (p[pi] == '\\' && p.length - pi >= 2) {
                        pi++;
                    }
                    if (p[pi] != s[si]) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
            if (si == s.length) {
                while (pi < p.length && p[pi] == '*') {
                    pi++;
                }
                break;
            }
        }
        return pi == p.length && si == s.length;
    }

    /** The pattern byte at {@code i}, or 0 past its end (the C code reads the terminating NUL there). */
    private static int at(byte[] p, int i) {
        return i < p.length ? p[i] : 0;
    }
}
