package dev.redao.runtime.internal;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.luaj.vm2.ast.Chunk;
import org.luaj.vm2.ast.Exp;
import org.luaj.vm2.ast.FuncName;
import org.luaj.vm2.ast.NameResolver;
import org.luaj.vm2.ast.Stat;
import org.luaj.vm2.parser.LuaParser;
import org.luaj.vm2.parser.ParseException;

/**
 * Checks Lua text the way Redis would take it, with LuaJ's parser and name resolution: it must
 * parse, and it may read no global but those Redis gives a script, and set none (Redis refuses a
 * script that creates a global). This runs in every build: no luac binary is needed.
 */
public final class LuaLint {
    /** What Redis's Lua 5.1 gives a script. */
    static final Set<String> REDIS_GLOBALS = Set.of("redis", "KEYS", "ARGV", "unpack", "ipairs", "pairs",
            "tonumber", "tostring", "type", "error", "string", "table", "math", "select", "next", "assert",
            "pcall", "cjson", "bit", "struct", "cmsgpack");

    private LuaLint() {}

    /** The problems of a chunk of Lua, empty when there is none. */
    public static List<String> problems(String lua) {
        Chunk chunk;
        try {
            chunk = new LuaParser(new StringReader(lua)).Chunk();
        } catch (ParseException | Error e) {
            return List.of("does not parse: " + e.getMessage());
        }
        Globals globals = new Globals();
        chunk.accept(globals);
        List<String> out = new ArrayList<>();
        for (String set : globals.set) {
            out.add("sets the global '" + set + "'");
        }
        for (String read : globals.read) {
            if (!REDIS_GLOBALS.contains(read)) {
                out.add("reads the unknown global '" + read + "'");
            }
        }
        return out;
    }

    /** Collects the names that resolve to no local variable. */
    private static final class Globals extends NameResolver {
        final Set<String> read = new TreeSet<>();
        final Set<String> set = new TreeSet<>();

        @Override
        public void visit(Exp.NameExp exp) {
            super.visit(exp);
            if (!exp.name.variable.isLocal()) {
                read.add(exp.name.name);
            }
        }

        @Override
        public void visit(Stat.Assign stat) {
            super.visit(stat);
            for (Object var : stat.vars) {
                if (var instanceof Exp.NameExp name && !name.name.variable.isLocal()) {
                    set.add(name.name.name);
                }
            }
        }

        @Override
        public void visit(Stat.FuncDef stat) {
            super.visit(stat);
            FuncName name = stat.name;
            if (name.dots == null && name.method == null && !name.name.variable.isLocal()) {
                set.add(name.name.name);
            }
        }
    }
}
