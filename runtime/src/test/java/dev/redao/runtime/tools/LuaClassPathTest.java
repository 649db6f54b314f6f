package dev.redao.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.RedaoException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding {@code lua/} programs in class path directories and jars, without Redis. */
class LuaClassPathTest {
    @TempDir
    Path tmp;

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private Path jar(String name, boolean folderEntries, String... pathsAndTexts) throws IOException {
        Path jar = tmp.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            if (folderEntries) {
                out.putNextEntry(new JarEntry("lua/"));
                out.closeEntry();
            }
            for (int i = 0; i < pathsAndTexts.length; i += 2) {
                out.putNextEntry(new JarEntry(pathsAndTexts[i]));
                out.write(pathsAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Only the given roots: no parent loader, so the JDK's and this module's resources stay out. */
    private static Map<String, LuaClassPath.Source> scan(Path... roots) throws IOException {
        URL[] urls = new URL[roots.length];
        for (int i = 0; i < roots.length; i++) {
            urls[i] = roots[i].toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, null)) {
            return LuaClassPath.scan(loader);
        }
    }

    @Test
    void namesComeFromThePathBelowLua() throws IOException {
        Path dir = tmp.resolve("classes");
        write(dir.resolve("lua/mylib/rename_if_exists.lua"), "return 1");
        write(dir.resolve("lua/mylib.check_if_exists.lua"), "return 2");
        write(dir.resolve("lua/a/b/c.lua"), "return 3");
        write(dir.resolve("lua/readme.txt"), "not a program");
        write(dir.resolve("lua/.#backup.lua"), "an editor's lock file");
        write(dir.resolve("lua/.git/x.lua"), "hidden");
        write(dir.resolve("other/z.lua"), "not under lua/");
        Map<String, LuaClassPath.Source> found = scan(dir);
        assertEquals(List.of("a.b.c", "mylib.check_if_exists", "mylib.rename_if_exists"), found.keySet().stream().sorted().toList());
        assertEquals("return 1", found.get("mylib.rename_if_exists").text());
        assertTrue(found.get("a.b.c").origin().endsWith("/lua/a/b/c.lua"), found.get("a.b.c").origin());
    }

    @Test
    void jarsAreScannedWhenTheyHaveTheFolderEntry() throws IOException {
        Path jar = jar("p.jar", true, "lua/j/one.lua", "return 'one'", "lua/j.two.lua", "return 'two'", "x/three.lua", "no");
        Map<String, LuaClassPath.Source> found = scan(jar);
        assertEquals(List.of("j.one", "j.two"), found.keySet().stream().sorted().toList());
        assertEquals("return 'one'", found.get("j.one").text());
        assertTrue(found.get("j.one").origin().startsWith("jar:file:") && found.get("j.one").origin().endsWith("p.jar!/lua/j/one.lua"),
                found.get("j.one").origin());

        // without a "lua/" entry the class loader cannot list the folder (documented limitation)
        assertEquals(Map.of(), scan(jar("bare.jar", false, "lua/j/one.lua", "return 'one'")));
    }

    @Test
    void theSameProgramTwiceIsOneButTwoDifferentOnesUnderOneNameAreRefused() throws IOException {
        Path dir = tmp.resolve("classes");
        write(dir.resolve("lua/x/y.lua"), "return 1");
        Path same = jar("same.jar", true, "lua/x.y.lua", "return 1");
        assertEquals(List.of("x.y"), List.copyOf(scan(dir, same).keySet()));

        Path other = jar("other.jar", true, "lua/x/y.lua", "return 2");
        RedaoException e = assertThrows(RedaoException.class, () -> scan(dir, other));
        assertTrue(e.getMessage().startsWith("two different Lua programs are named 'x.y': file:"), e.getMessage());
        assertTrue(e.getMessage().contains("other.jar!/lua/x/y.lua"), e.getMessage());
    }

    @Test
    void aClassPathWithoutLuaHasNoPrograms() throws IOException {
        Path dir = tmp.resolve("empty");
        write(dir.resolve("lua"), "a file, not a folder");
        assertEquals(Map.of(), scan(dir));
        assertEquals(Map.of(), scan(tmp.resolve("missing")));
    }

    @Test
    void pathsToNames() {
        assertEquals("mylib.rename_if_exists", LuaClassPath.name("mylib/rename_if_exists.lua"));
        assertEquals("mylib.rename_if_exists", LuaClassPath.name("mylib.rename_if_exists.lua"));
        assertTrue(LuaClassPath.hidden(".x.lua"));
        assertTrue(LuaClassPath.hidden("a/.x.lua"));
        assertTrue(!LuaClassPath.hidden("a.b/x.lua"));
    }
}
