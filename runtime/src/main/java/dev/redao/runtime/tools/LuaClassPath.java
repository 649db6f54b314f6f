package dev.redao.runtime.tools;

import dev.redao.runtime.RedaoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the {@code .lua} files under {@code lua/} in every class path root a class loader knows:
 * directories ({@code file:} URLs) and jars ({@code jar:} URLs). No index file is needed.
 *
 * <p>A file's name is its path below {@code lua/} with {@code /} replaced by {@code .} and without
 * {@code .lua}: {@code lua/mylib/rename_if_exists.lua} and Zato's flat {@code lua/mylib.rename_if_exists.lua}
 * are both {@code mylib.rename_if_exists}. A jar is found only if it has a {@code lua/} directory
 * entry, which Maven, Gradle and the {@code jar} tool all write.
 */
final class LuaClassPath {
    static final String FOLDER = "lua";
    private static final String SUFFIX = ".lua";

    /** A program's text and where it was found (for error messages). */
    record Source(String text, String origin) {}

    private LuaClassPath() {}

    /**
     * Every program, by name, in class path order.
     *
     * @throws RedaoException if a root cannot be read, or two roots hold different programs under one name
     *     (which one would win would depend on the class path order, so Redao refuses to guess)
     */
    static Map<String, Source> scan(ClassLoader loader) {
        Map<String, Source> found = new LinkedHashMap<>();
        Enumeration<URL> roots;
        try {
            roots = loader.getResources(FOLDER);
        } catch (IOException e) {
            throw new RedaoException("cannot list the class path's " + FOLDER + "/ folders: " + e.getMessage(), e);
        }
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            try {
                switch (root.getProtocol()) {
                    case "file" -> scanDirectory(Path.of(root.toURI()), root, found);
                    case "jar" -> scanJar(root, found);
                    default -> throw new RedaoException("cannot read Lua programs from " + root
                            + ": only directories (file:) and jars (jar:) on the class path are supported");
                }
            } catch (IOException | UncheckedIOException | URISyntaxException e) {
                throw new RedaoException("cannot read Lua programs from " + root + ": " + e.getMessage(), e);
            }
        }
        return found;
    }

    private static void scanDirectory(Path dir, URL root, Map<String, Source> found) throws IOException {
        if (!Files.isDirectory(dir)) {
            return; // a file named "lua" at the root holds no programs
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            StringJoiner relative = new StringJoiner("/");
            for (Iterator<Path> it = dir.relativize(file).iterator(); it.hasNext(); ) {
                relative.add(it.next().toString());
            }
            if (!hidden(relative.toString())) {
                add(found, name(relative.toString()), Files.readString(file, StandardCharsets.UTF_8), file.toUri().toString());
            }
        }
    }

    private static void scanJar(URL root, Map<String, Source> found) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("not a jar connection: " + connection);
        }
        // our own JarFile, closed below; a cached one may be shared with the rest of the JVM
        jarConnection.setUseCaches(false);
        String prefix = jarConnection.getEntryName() + "/";
        try (JarFile jar = jarConnection.getJarFile()) {
            List<JarEntry> entries = jar.stream()
                    .filter(e -> !e.isDirectory() && e.getName().startsWith(prefix) && e.getName().endsWith(SUFFIX)
                            && !hidden(e.getName().substring(prefix.length())))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
            for (JarEntry entry : entries) {
                String text;
                try (InputStream in = jar.getInputStream(entry)) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                add(found, name(entry.getName().substring(prefix.length())), text, "jar:" + jarConnection.getJarFileURL() + "!/" + entry.getName());
            }
        }
    }

    /** {@code mylib/rename_if_exists.lua} (relative to {@code lua/}) is {@code mylib.rename_if_exists}. */
    static String name(String relativePath) {
        return relativePath.substring(0, relativePath.length() - SUFFIX.length()).replace('/', '.');
    }

    /** Editors and version control leave dot files behind ({@code .#x.lua}); they are not programs. */
    static boolean hidden(String relativePath) {
        return relativePath.startsWith(".") || relativePath.contains("/.");
    }

    private static void add(Map<String, Source> found, String name, String text, String origin) {
        Source earlier = found.putIfAbsent(name, new Source(text, origin));
        // the same file reached twice (classes and a jar of them, say) is one program
        if (earlier != null && !earlier.text().equals(text)) {
            throw new RedaoException("two different Lua programs are named '" + name + "': " + earlier.origin()
                    + " and " + origin);
        }
    }
}
