package dev.redao.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The readable Lua of every script Redao runs, in the {@code .lua} files under
 * {@code dev/redao/runtime/lua/}. They explain themselves in comments; the text sent to Redis
 * leaves those out (and blank lines), since every byte of a script travels on its first call and
 * is hashed on every load.
 */
public final class LuaSource {
    private static final String ROOT = "/dev/redao/runtime/lua/";

    private LuaSource() {}

    /** A file as it is, comments included, for templates and tests. */
    static String read(String path) {
        try (InputStream in = LuaSource.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua resource " + ROOT + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files' code, one after the other, without their comments. */
    static String code(String... paths) {
        StringBuilder out = new StringBuilder();
        for (String path : paths) {
            out.append(withoutComments(read(path)));
        }
        return out.toString();
    }

    /** A script made of the files' code, in order. */
    public static Script script(String name, String... paths) {
        return Script.of(name, code(paths));
    }

    /**
     * Lua without its whole-line comments and blank lines. Only lines that are nothing but a
     * comment go, so no string literal is touched; a comment after code stays.
     */
    static String withoutComments(String lua) {
        StringBuilder out = new StringBuilder(lua.length());
        for (String line : lua.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
