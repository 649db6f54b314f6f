package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.tools.Keyspace;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * countPattern and deletePattern see the store's namespace and nothing else: not another
 * namespace, not keys outside any namespace. (Namespaces whose names start alike:
 * {@link NamespaceBoundaryTest}.)
 */
class KeyspacePatternTest extends RedisTestSupport {
    /** Prefixes of keys a test wrote outside the base class's namespace, removed after it. */
    private final List<String> written = new ArrayList<>();

    @AfterEach
    void deleteWrittenKeys() {
        RawKeys.deleteStartingWith(store, written.stream()
                .flatMap(p -> java.util.stream.Stream.of(p, "{" + p))
                .toArray(String[]::new));
    }

    private void set(String key) {
        assertEquals("OK", raw(jedis -> jedis.set(key, "v")));
    }

    @Test
    void keyPutsTheNamespaceInFrontOrInsideTheHashTag() {
        Keyspace ks = store.keyspace();
        assertEquals(ns, ks.namespace());
        assertEquals(ns + ":session:1", ks.key("session:1"));
        assertEquals("{" + ns + ":member}:obj:1", ks.key("{member}:obj:1"));
        assertEquals(Internals.keys(new MemberDao(store)).base(), ks.key("{member}"), "a model's keys are names of the keyspace");
    }

    @Test
    void countsAndDeletesOnlyTheNamespace() {
        Keyspace ks = store.keyspace();
        MemberDao members = new MemberDao(store);
        members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        Set<String> modelKeys = keys(); // {ns:member}:... as the model wrote them
        for (int i = 0; i < 3; i++) {
            set(ks.key("session:" + i));
        }
        set(ks.key("cart:1"));

        String otherNs = newNamespace();
        written.add(nsKey(otherNs, ""));
        String outside = "session:" + ns; // no namespace: what an unprefixed "session:*" would catch
        written.add(outside);
        set(outside);
        try (RedisStore other = connect(otherNs)) {
            set(other.keyspace().key("session:0"));
            MemberDao theirs = new MemberDao(other);
            theirs.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
            Set<String> otherBefore = RawKeys.ofNamespace(store, otherNs);

            assertEquals(3, ks.countPattern("session:*"));
            assertEquals(3, ks.countPattern("session:?"));
            assertEquals(1, ks.countPattern("cart:*"));
            assertEquals(modelKeys.size(), ks.countPattern("{member}:*"));
            assertEquals(1, ks.countPattern("{member}:obj:*"));
            assertEquals(4 + modelKeys.size(), ks.countPattern("*"), "model keys are in the namespace too");
            assertEquals(0, ks.countPattern("nothing:*"));

            assertEquals(3, ks.deletePattern("session:*"));
            assertEquals(Set.of(ks.key("cart:1")), RawKeys.startingWith(store, nsKey("")));
            assertTrue(exists(outside));

            assertEquals(1 + modelKeys.size(), ks.deletePattern("*"));
            assertEquals(Set.of(), RawKeys.ofNamespace(store, ns), "the namespace is empty");
            assertEquals(0, members.count());
            assertTrue(exists(outside), "a key outside any namespace survives");
            assertEquals(otherBefore, RawKeys.ofNamespace(store, otherNs), "another namespace survives whole");
            assertEquals(1, theirs.count());
            assertEquals(0, ks.deletePattern("*"));
        }
    }

    /**
     * A namespace with glob characters could widen a pattern to other namespaces ({@code a*b}
     * matches {@code aZZb}, {@code [x]} matches {@code x}, a backslash escapes what follows): such
     * a name is refused when the store connects, before anything is read or written.
     */
    @ParameterizedTest
    @ValueSource(strings = {"a*b", "[x]", "a?b", "a\\*", "a*b.", "[x]."})
    void namespacesWithGlobCharactersAreRefused(String namespace) {
        String url = TestServers.url() + "?namespace=" + URLEncoder.encode(namespace, StandardCharsets.UTF_8);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> RedisStore.connect(url));
        assertTrue(e.getMessage().contains("namespace '" + namespace + "'"), e.getMessage());
    }

    @Test
    void deletesFiveThousandKeysInBatches() {
        Keyspace ks = store.keyspace();
        List<String> keysAndValues = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            keysAndValues.add(ks.key("bulk:" + i));
            keysAndValues.add("v" + i);
        }
        assertEquals("OK", raw(jedis -> jedis.mset(keysAndValues.toArray(String[]::new))));
        for (int i = 0; i < 10; i++) {
            set(ks.key("keep:" + i));
        }

        assertEquals(5_000, ks.countPattern("bulk:*"));
        assertEquals(5_000, ks.deletePattern("bulk:*"));
        assertEquals(0, ks.countPattern("bulk:*"));
        assertEquals(10, RawKeys.startingWith(store, nsKey("")).size(), "only the keep:* keys are left");
        assertEquals(10, ks.countPattern("keep:*"));
    }

    /**
     * Without a namespace, names are the keys themselves: a pattern that starts with a wildcard
     * reaches every key of the database, whatever namespace or application wrote it, and
     * {@code "*?"} empties it as {@code "*"} would. Such a pattern is refused, and so is one that
     * starts with a lone <code>{</code> (every namespace's models); one that starts with literal
     * text reaches only the keys that start with it.
     */
    @Test
    void withoutANamespaceAPatternMustStartWithLiteralText() {
        String mark = newNamespace(); // used as a plain key prefix: the store below has no namespace
        written.add(mark);
        set(mark + "a");
        set(mark + "b");
        set("{" + mark + "}:c");
        Set<String> everyKey = RawKeys.startingWith(store, "");
        try (RedisStore bare = RedisStore.connect(TestServers.url())) {
            Keyspace ks = bare.keyspace();
            assertEquals("", ks.namespace());
            assertEquals(mark + "a", ks.key(mark + "a"));
            for (String wide : List.of("*", "**", "*?", "?*", "??*", "*?*", "[a-z]*", "[^x]*", "[]*", "*[^x]", "*:tmp", "?",
                    "[", "{*", "{?*", "{[a-z]*")) {
                InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ks.deletePattern(wide), wide);
                assertEquals("pattern", e.argument());
                assertTrue(e.getMessage().contains("deletePattern(\"" + wide + "\")"), e.getMessage());
                assertTrue(e.getMessage().contains("starts with literal text"), e.getMessage());
            }
            assertEquals(everyKey, RawKeys.startingWith(store, ""), "nothing was deleted");
            assertEquals(2, ks.countPattern(mark + "*"), "counting is not refused");
            assertEquals(1, ks.deletePattern(mark + "a"));
            assertEquals(1, ks.deletePattern("{" + mark + "}:*"), "a tag with a name is literal text");
            assertEquals(1, ks.deletePattern("\\" + mark + "?"),
                    "an escaped first character is literal text");
            assertEquals(Set.of(), RawKeys.startingWith(store, mark, "{" + mark));
        }
    }

    /**
     * Names of hash-tagged keys are matched in Java when a pattern starts with a wildcard; the
     * server is the reference: the same names, written as plain keys under a prefix free of glob
     * characters, are counted with the server's own MATCH.
     */
    @Test
    void wildcardPatternsOnTaggedKeysAgreeWithTheServer() {
        Keyspace ks = store.keyspace();
        List<String> names = List.of("{a}x", "{ab}:1", "{a?}", "{[x]}", "{a\\b}", "{}", "{b}*", "{\u00e9}", "{a}{b}", "{");
        String reference = "ref" + nsKey(""); // plain keys: reference + name
        written.add(reference);
        for (String name : names) {
            set(ks.key(name));
            set(reference + name);
        }
        List<String> patterns = List.of("*", "?a*", "[{]*", "[^{]*", "*}*", "*b}*", "?[a-b]*", "*\\**", "*[x]*",
                "?", "??", "*\u00e9*", "[z-{]*", "*{b}", "{a*", "\\{a*", "{*", "a*");
        for (String pattern : patterns) {
            long server = TestServers.onEachDataServer(jedis -> {
                long n = 0;
                var params = new redis.clients.jedis.params.ScanParams().match(reference + pattern).count(1000);
                String cursor = "0";
                do {
                    var page = jedis.scan(cursor, params);
                    n += page.getResult().size();
                    cursor = page.getCursor();
                } while (!cursor.equals("0"));
                return n;
            }).stream().mapToLong(Long::longValue).sum();
            assertEquals(server, ks.countPattern(pattern), "pattern " + pattern);
        }
        assertEquals(names.size(), ks.countPattern("*"));
    }
}
