package dev.redao.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Glob matching as Redis does it. The expected sets are what KEYS returned on Redis 7.0.15 for a
 * database holding exactly {@link #KEYS}, including its odd corners (unclosed and reversed
 * classes, a class swallowing a star, bytes rather than characters).
 */
class GlobTest {
    private static final List<String> KEYS = List.of(
            "a", "ab", "[", "]", "\\", "a\\", "abc", "x{y}", "{a}b", "\u00ff", "\u00e9");

    private static final Map<String, Set<String>> SERVER = Map.ofEntries(
            Map.entry("*", Set.copyOf(KEYS)),
            Map.entry("**", Set.copyOf(KEYS)),
            Map.entry("?", Set.of("a", "[", "\\", "]")),          // one byte: not the two-byte UTF-8 letters
            Map.entry("[abc", Set.of("a")),                       // an unclosed class ends with the pattern
            Map.entry("[a-c]*", Set.of("a", "a\\", "ab", "abc")),
            Map.entry("[c-a]*", Set.of("a", "a\\", "ab", "abc")), // a reversed range is swapped
            Map.entry("a\\", Set.of("a\\")),                      // a trailing backslash is itself
            Map.entry("\\", Set.of("\\")),
            Map.entry("[\\]]", Set.of("]")),
            Map.entry("[]", Set.of()),
            Map.entry("[^a]*", Set.of("[", "\u00ff", "{a}b", "\\", "\u00e9", "]", "x{y}")),
            Map.entry("[a-]*", Set.of("a", "]")),                 // range a..']', then '*' inside the unclosed class
            Map.entry("a[", Set.of()),
            Map.entry("*[", Set.of()),
            Map.entry("[a-\\]", Set.of("a", "\\", "]")),
            Map.entry("{*", Set.of("{a}b")),                      // braces are plain text
            Map.entry("[\u00e4-\u00ff]", Set.of()));

    @Test
    void matchesWhatTheServerMatches() {
        SERVER.forEach((pattern, expected) -> {
            Set<String> matched = new TreeSet<>();
            for (String key : KEYS) {
                if (Glob.matches(pattern, key.getBytes(StandardCharsets.UTF_8))) {
                    matched.add(key);
                }
            }
            assertEquals(new TreeSet<>(expected), matched, "pattern " + pattern);
        });
    }

    @Test
    void anEscapedTextMatchesOnlyItself() {
        String literal = "a*b?[x]\\y.";
        String glob = Glob.escape(literal);
        assertEquals("a\\*b\\?\\[x\\]\\\\y.", glob);
        assertTrue(Glob.matches(glob, bytes(literal)));
        assertTrue(Glob.matches(glob + "*", bytes(literal + "session:1")));
        assertFalse(Glob.matches(glob, bytes("aXb?[x]\\y.")), "'*' of the text is no wildcard");
        assertFalse(Glob.matches(glob, bytes("a*bZ[x]\\y.")), "'?' of the text is no wildcard");
        assertFalse(Glob.matches(glob, bytes("a*b?x\\y.")), "'[x]' of the text is no class");
        assertFalse(Glob.matches(glob + "*", bytes("aXbZx\\y.session:1")));
    }

    @Test
    void theLiteralPrefixEndsAtTheFirstWildcard() {
        assertEquals("", Glob.literalPrefix("*"));
        assertEquals("", Glob.literalPrefix("*?"));
        assertEquals("", Glob.literalPrefix("?*"));
        assertEquals("", Glob.literalPrefix("[a-z]*"));
        assertEquals("{", Glob.literalPrefix("{*"));
        assertEquals("session:", Glob.literalPrefix("session:*"));
        assertEquals("a*b", Glob.literalPrefix("a\\*b?"), "an escaped wildcard is text");
        assertNull(Glob.literalPrefix("session:7"), "no wildcard: one name");
        assertNull(Glob.literalPrefix(""));
        assertNull(Glob.literalPrefix("a\\"), "a last backslash is itself");
    }

    @Test
    void aLongRunOfStarsFailsFast() {
        // Without the server's early stop this backtracks exponentially and never returns.
        String pattern = "*a".repeat(30) + "b";
        assertFalse(Glob.matches(pattern, bytes("a".repeat(60))));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
