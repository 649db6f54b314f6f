package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.ScriptException;
import dev.redao.runtime.tools.LuaPrograms;
import dev.redao.runtime.tools.UnknownLuaProgramException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User Lua programs from {@code src/test/resources/lua/} (a directory on the class path) and from a
 * jar, run by name against a real Redis.
 */
class LuaProgramsTest extends RedisTestSupport {
    private static final String RENAME = "mylib.rename_if_exists";

    @Test
    void programsAreFoundByTheirPathBelowLua() {
        LuaPrograms lua = store.luaPrograms();
        // the samples module on the class path brings programs of its own
        assertTrue(lua.names().containsAll(List.of(RENAME, "mylib.fail", "mylib.echo", "types.first_arg", "types.nested")),
                lua.names().toString());
        assertTrue(lua.contains(RENAME));
        assertFalse(lua.contains("mylib"));
        assertEquals(lua.names().stream().sorted().toList(), lua.names());
    }

    // the keys of one program share a hash tag: a Redis Cluster runs a script only on keys of one slot

    @Test
    void zatosRenameIfExistsRunsAtomicallyOnNamespacedKeys() {
        LuaPrograms lua = store.luaPrograms();
        raw(j -> j.set(nsKey("{r}from"), "v"));
        assertEquals(10L, lua.runLong(RENAME, List.of("{r}from", "{r}to"), null));
        assertEquals("v", raw(j -> j.get(nsKey("{r}to"))));
        assertFalse(exists(nsKey("{r}from")));
        assertEquals(11L, lua.run(RENAME, List.of("{r}from", "{r}to"), List.of()));
    }

    @Test
    void aProgramOnKeysOfSeveralSlotsRunsOnOneServerAndIsRefusedOnACluster() {
        LuaPrograms lua = store.luaPrograms();
        raw(j -> j.set(nsKey("from"), "v"));
        if (onACluster()) {
            CrossSlotException e = assertThrows(CrossSlotException.class, () -> lua.run(RENAME, List.of("from", "to"), null));
            assertTrue(e.getMessage().contains(RENAME) && e.getMessage().contains("hash tag"), e.getMessage());
            assertEquals("v", raw(j -> j.get(nsKey("from"))), "nothing was sent");
        } else {
            assertEquals(10L, lua.runLong(RENAME, List.of("from", "to"), null));
        }
    }

    @Test
    void keysAreNamespacedUnlessRawKeysAreAsked() {
        LuaPrograms lua = store.luaPrograms();
        assertTrue(lua.namespacesKeys());
        // a hash-tagged key gets the namespace inside its braces, as Keyspace.key does
        assertEquals(List.of(nsKey("{t}a"), nsKey("{t}b"), "arg", "{t}c"),
                lua.runList("mylib.echo", List.of("{t}a", "{t}b"), List.of("arg", "{t}c")), "arguments are never changed");

        LuaPrograms raw = lua.withRawKeys();
        assertFalse(raw.namespacesKeys());
        assertEquals(List.of("{t}a", "arg"), raw.runList("mylib.echo", List.of("{t}a"), List.of("arg")));
        assertTrue(lua.namespacesKeys(), "withRawKeys returns a new view");
    }

    @Test
    void repliesAreDecodedAndTyped() {
        LuaPrograms lua = store.luaPrograms();
        assertEquals(List.of(1L, "two", List.of(3L, "four"), "OK"), lua.run("types.nested", null, null));
        assertEquals("héllo", lua.runString("types.first_arg", null, List.of("héllo")));
        assertNull(lua.runString("types.first_arg", null, null), "nil is null");
        assertNull(lua.run("types.first_arg", List.of(), List.of()));

        RedaoException e = assertThrows(RedaoException.class, () -> lua.runString(RENAME, List.of("{r}x", "{r}y"), null));
        assertEquals("Lua program 'mylib.rename_if_exists' returned the integer 11, not text", e.getMessage());
        e = assertThrows(RedaoException.class, () -> lua.runLong("types.nested", null, null));
        assertTrue(e.getMessage().endsWith("returned a table of 4, not an integer"), e.getMessage());
    }

    @Test
    void aProgramRunsAgainAfterScriptFlush() throws Exception {
        LuaPrograms lua = store.luaPrograms();
        String sha = sha1(resource("lua/mylib/rename_if_exists.lua"));
        assertEquals(11L, lua.runLong(RENAME, List.of("{r}a", "{r}b"), null));
        assertTrue(scriptLoaded(sha));

        everyServer(j -> j.scriptFlush());
        assertFalse(scriptLoaded(sha));
        raw(j -> j.set(nsKey("{r}a"), "1"));
        assertEquals(10L, lua.runLong(RENAME, List.of("{r}a", "{r}b"), null), "NOSCRIPT: the text is sent again");
        assertTrue(scriptLoaded(sha));
        assertEquals("1", raw(j -> j.get(nsKey("{r}b"))));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        LuaPrograms lua = store.luaPrograms();
        UnknownLuaProgramException e = assertThrows(UnknownLuaProgramException.class,
                () -> lua.run("mylib.rename_if_exist", List.of(), List.of()));
        assertEquals("mylib.rename_if_exist", e.name());
        assertEquals(lua.names(), e.known());
        assertTrue(e.getMessage().startsWith("no Lua program named 'mylib.rename_if_exist' (a file lua/mylib/rename_if_exist.lua"),
                e.getMessage());
        assertTrue(e.getMessage().contains(RENAME + ", "), e.getMessage());
    }

    @Test
    void aLuaErrorNamesTheProgramAndCarriesRedissMessage() {
        LuaPrograms lua = store.luaPrograms();
        ScriptException e = assertThrows(ScriptException.class, () -> lua.run("mylib.fail", List.of(), List.of("42")));
        assertEquals("mylib.fail", e.script());
        assertTrue(e.getMessage().startsWith("script 'mylib.fail' failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("no such order: 42"), e.getMessage());
    }

    @Test
    void programsAreFoundInJarsToo(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("programs.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String folder : List.of("lua/", "lua/jarlib/")) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            put(out, "lua/jarlib/hello.lua", "return 'hello from a jar: ' .. KEYS[1]");
            put(out, "lua/jarlib.flat.lua", "return 7");
            put(out, "lua/jarlib/notes.txt", "not a program");
        }
        // no parent: only the jar's programs are visible
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            LuaPrograms lua = LuaPrograms.load(store, loader);
            assertEquals(List.of("jarlib.flat", "jarlib.hello"), lua.names());
            assertEquals("hello from a jar: " + nsKey("k"), lua.runString("jarlib.hello", List.of("k"), null));
            assertEquals(7L, lua.runLong("jarlib.flat", null, null));
        }
    }

    private boolean scriptLoaded(String sha) {
        return everyServer(j -> j.scriptExists(sha)).contains(true);
    }

    private static void put(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = LuaProgramsTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static String sha1(byte[] text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text));
    }
}
