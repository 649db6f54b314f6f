package dev.redao.runtime.tools;

import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.ScriptException;
import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.Codecs;
import dev.redao.runtime.internal.Metrics;
import dev.redao.runtime.internal.Namespaces;
import dev.redao.runtime.internal.Script;
import dev.redao.runtime.internal.SharedSecrets;
import dev.redao.runtime.internal.StoreConnection;
import dev.redao.runtime.metrics.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * User Lua programs (Zato's {@code run_lua}): each {@code .lua} file under {@code lua/} on the
 * class path, in a directory or a jar, runs atomically on the server by name with keys and
 * arguments. {@code lua/mylib/rename_if_exists.lua} (or {@code lua/mylib.rename_if_exists.lua}) is
 * {@code mylib.rename_if_exists}.
 *
 * <pre>{@code
 * LuaPrograms lua = store.luaPrograms();     // scans once; keep it
 * Long out = lua.runLong("mylib.rename_if_exists", List.of("from", "to"), List.of());
 * }</pre>
 *
 * <p>Programs run with EVALSHA; the text is sent only when Redis does not have it (first use, a
 * restart, SCRIPT FLUSH). <b>Keys are namespaced</b>: each key is put in the store's namespace by
 * the rule of {@link Keyspace#key} before it reaches the program, as every key of the DAOs is, so
 * programs of one namespace cannot touch another's data and tests stay isolated. {@link #withRawKeys()}
 * passes keys as given, for keys you name in full (a model's {@code {shop:user}:obj:7}, or keys
 * outside Redao).
 * Arguments are never changed. Thread-safe and immutable.
 */
public final class LuaPrograms {
    private final StoreConnection store;
    private final Map<String, Script> programs;
    private final boolean rawKeys;

    private LuaPrograms(StoreConnection store, Map<String, Script> programs, boolean rawKeys) {
        this.store = store;
        this.programs = programs;
        this.rawKeys = rawKeys;
    }

    /**
     * Scans the thread's context class loader (else the one that loaded Redao).
     *
     * @param store the store the programs run on
     * @return the programs found
     */
    public static LuaPrograms load(RedisStore store) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(store, loader != null ? loader : LuaPrograms.class.getClassLoader());
    }

    /**
     * Scans {@code loader}'s class path for the {@code .lua} files under {@code lua/}.
     *
     * @param store the store the programs run on
     * @param loader the class loader whose class path is scanned
     * @return the programs found
     * @throws RedaoException if a class path root cannot be read, or two different files have one name
     */
    public static LuaPrograms load(RedisStore store, ClassLoader loader) {
        Arguments.requireNonNull(store, "store", "LuaPrograms.load");
        Arguments.requireNonNull(loader, "loader", "LuaPrograms.load");
        Map<String, Script> programs = new TreeMap<>();
        LuaClassPath.scan(loader).forEach((name, source) -> programs.put(name, Script.of(name, source.text())));
        return new LuaPrograms(SharedSecrets.core().connection(store), programs, false);
    }

    /**
     * {@return the same programs, with keys passed to them exactly as given (not put in the
     * namespace)}
     */
    public LuaPrograms withRawKeys() {
        return new LuaPrograms(store, programs, true);
    }

    /** {@return whether keys are put in the store's namespace (true unless {@link #withRawKeys()})} */
    public boolean namespacesKeys() {
        return !rawKeys;
    }

    /** {@return every program's name, sorted} */
    public List<String> names() {
        return List.copyOf(programs.keySet());
    }

    /**
     * Whether a program of this name was found.
     *
     * @param name the program's name
     * @return whether it exists
     */
    public boolean contains(String name) {
        return programs.containsKey(Arguments.requireNonNull(name, "name", "contains"));
    }

    /**
     * Runs a program. The reply comes back as Redis gives it, with text decoded: a bulk or status
     * reply is a {@link String}, an integer (and Lua's {@code true}) a {@link Long}, a table a
     * {@link List} of these, and nil (or Lua's {@code false}) {@code null}.
     *
     * @param keys the program's {@code KEYS} (namespaced unless {@link #withRawKeys()}); null for none
     * @param args the program's {@code ARGV}; null for none
     * @param name the program's name: its path under {@code lua/}, dots for slashes, without {@code .lua}
     * @return the reply, decoded
     * @throws UnknownLuaProgramException if there is no program of that name
     * @throws ScriptException if the program raised an error or Redis refused it; names the program
     *     and carries Redis's message (a wrong-typed key gives a {@link CorruptDataException})
     */
    public Object run(String name, List<String> keys, List<String> args) {
        Script script = programs.get(Arguments.requireNonNull(name, "name", "run"));
        if (script == null) {
            throw new UnknownLuaProgramException(name, names());
        }
        List<byte[]> k = encode(name, "keys", keys, rawKeys ? null : store.namespace());
        List<byte[]> a = encode(name, "args", args, null);
        Metrics metrics = store.metrics();
        return decode(metrics == null ? store.eval(script, k, a) : metrics.time(name, Operation.LUA, () -> store.eval(script, k, a)));
    }

    /**
     * As {@link #run}, for a program that returns text (or nil: null).
     *
     * @param name the program's name: its path under {@code lua/}, dots for slashes, without {@code .lua}
     * @param keys the key names ({@code KEYS}), put in the namespace unless {@link #withRawKeys()}
     * @param args the arguments ({@code ARGV})
     * @return the text, or null
     */
    public String runString(String name, List<String> keys, List<String> args) {
        return expect(name, run(name, keys, args), String.class, "text");
    }

    /**
     * As {@link #run}, for a program that returns an integer (or nil: null).
     *
     * @param name the program's name: its path under {@code lua/}, dots for slashes, without {@code .lua}
     * @param keys the key names ({@code KEYS}), put in the namespace unless {@link #withRawKeys()}
     * @param args the arguments ({@code ARGV})
     * @return the integer, or null
     */
    public Long runLong(String name, List<String> keys, List<String> args) {
        return expect(name, run(name, keys, args), Long.class, "an integer");
    }

    /**
     * As {@link #run}, for a program that returns a table (or nil: null).
     *
     * @param name the program's name: its path under {@code lua/}, dots for slashes, without {@code .lua}
     * @param keys the key names ({@code KEYS}), put in the namespace unless {@link #withRawKeys()}
     * @param args the arguments ({@code ARGV})
     * @return the table, or null
     */
    @SuppressWarnings("unchecked")
    public List<Object> runList(String name, List<String> keys, List<String> args) {
        return expect(name, run(name, keys, args), List.class, "a table");
    }

    private static <R> R expect(String name, Object reply, Class<R> type, String what) {
        if (reply == null || type.isInstance(reply)) {
            return type.cast(reply);
        }
        throw new RedaoException("Lua program '" + name + "' returned " + describe(reply) + ", not " + what);
    }

    private static String describe(Object reply) {
        if (reply instanceof String s) {
            return "the text '" + (s.length() > 100 ? s.substring(0, 100) + "..." : s) + "'";
        }
        if (reply instanceof Long n) {
            return "the integer " + n;
        }
        return "a table of " + ((List<?>) reply).size();
    }

    /**
     * @param argument {@code keys} or {@code args}, for messages
     * @param namespace applied to each value as to a key name ({@link Keyspace#key}); null for none
     */
    private static List<byte[]> encode(String program, String argument, List<String> values, String namespace) {
        String where = "Lua program '" + program + "'";
        List<byte[]> out = new ArrayList<>(values == null ? 0 : values.size());
        if (values != null) {
            Arguments.requireNoNulls(values, argument, where);
            int i = 0;
            for (String value : values) {
                String text = namespace == null ? value : Namespaces.namespaced(namespace, value);
                out.add(Codecs.utf8(text, argument + "[" + i++ + "]", where));
            }
        }
        return out;
    }

    /** Jedis gives bulk and status replies as bytes; programs are text in, text out. */
    private static Object decode(Object reply) {
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(decode(item));
            }
            return out;
        }
        return reply;
    }

    @Override
    public String toString() {
        return "LuaPrograms" + names() + (rawKeys ? " (raw keys)" : "");
    }
}
