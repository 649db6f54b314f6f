package dev.redao.processor.plan;

import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.IndexKind;
import dev.redao.processor.model.ModelDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * Writes a model's Lua scripts: a header of constants that describe the model (field names and
 * which fields are unique, set-indexed or sorted), then the shared algorithm from the
 * {@code .lua} files beside this class. Field and model names come from Java identifiers and the
 * checked model name; user values never appear in the text, only in KEYS and ARGV.
 */
public final class LuaPlanner {
    private static final String PRELUDE = resource("prelude.lua");
    private static final String COMMON = resource("common.lua");
    private static final String MODEL = resource("model.lua");
    private static final String SINGLE_OBJECT_HELPERS = withoutComments(COMMON + resource("undo.lua"));
    private static final String SAVE = resource("save.lua");
    private static final String REFS = resource("refs.lua");
    private static final String BATCH = resource("batch.lua");
    private static final String WRITES = resource("writes.lua");
    private static final String LOAD = resource("load.lua");
    private static final String LOAD_BY_UNIQUE = resource("load_by_unique.lua");
    private static final String QUERY = resource("query.lua");

    private LuaPlanner() {}

    public static ScriptPlan plan(ModelDescriptor model) {
        String full = header(model) + PRELUDE + COMMON + MODEL;
        String names = names(model) + PRELUDE;
        String delete = SingleObjectLua.delete(model, SINGLE_OBJECT_HELPERS);
        return new ScriptPlan(
                writeModule(model),
                script(model, "save of one object", "", SingleObjectLua.save(model, SINGLE_OBJECT_HELPERS)),
                delete == null ? null : script(model, "delete of one object", "", delete),
                script(model, "load", names, LOAD),
                script(model, "load by unique value", names, LOAD_BY_UNIQUE),
                script(model, "query", LuaHelpers.usedBy(withoutComments(QUERY), withoutComments(full)), QUERY));
    }

    /**
     * The model's part of every write call: a Lua function of the model's id set and id counter
     * keys that returns the model's check, write and publish steps (see writes.lua). The runtime
     * puts one such module per model in front of its driver, so that a save, a delete and a
     * transaction over several models share one algorithm.
     */
    private static String writeModule(ModelDescriptor model) {
        return "-- Redao: writes of model '" + model.name() + "'\n"
                + withoutComments("function(idset, counterkey)\n"
                        + "local base = string.sub(idset, 1, -4)\n"
                        + header(model) + COMMON + MODEL + SAVE + REFS + BATCH + WRITES
                        + "end");
    }

    private static String script(ModelDescriptor model, String operation, String header, String body) {
        return "-- Redao: " + operation + " of model '" + model.name() + "'\n" + withoutComments(header + body);
    }

    /**
     * The .lua files explain themselves in comments; the embedded copies leave them out (and blank
     * lines) to keep generated classes short. Only whole-line comments are removed, so no string
     * literal is touched.
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

    /** The id's and the fields' names, which is all that reading scripts need. */
    static String names(ModelDescriptor model) {
        return "local ID = " + quote(model.id().name()) + "\n"
                + "local F = " + names(model.fields(), f -> true) + "\n";
    }

    /** The model's constants. Lua positions are 1-based: F[1] is the first field after the id. */
    static String header(ModelDescriptor model) {
        List<FieldDescriptor> fields = model.fields();
        StringBuilder lua = new StringBuilder(names(model));
        lua.append("local UNIQUE = ").append(positions(fields, FieldDescriptor::unique)).append('\n');
        lua.append("local SETS = ").append(positions(fields, f -> f.index() == IndexKind.SET)).append('\n');
        lua.append("local SORTED = ").append(positions(fields, f -> f.index() == IndexKind.SORTED)).append('\n');
        lua.append("local LEX = ").append(positions(fields, FieldDescriptor::lexIndexed)).append('\n');
        lua.append("local SCORED = ").append(positions(fields, model::scored)).append('\n');
        // A change event names the fields whose value changed, so a model with events has its
        // save read the old value of every field; other models read only what indexes need.
        // The version is compared with the stored one, so it is read too.
        Predicate<FieldDescriptor> tracked = model.events() ? f -> true : f -> f.tracked() || f == model.version();
        lua.append("local TRACKED = ").append(positions(fields, tracked)).append('\n');
        lua.append("local TRACKED_NAMES = ").append(names(fields, tracked)).append('\n');
        lua.append("local NUMERIC_ID = ").append(model.idKind().assignedByServer()).append('\n');
        lua.append("local ID_MAX = ").append(quote(model.idKind().largestAssigned())).append('\n');
        lua.append("local ORDER = ").append(model.ordering() == null ? 0 : fields.indexOf(model.ordering()) + 1).append('\n');
        lua.append("local ORDER_DESC = ").append(model.orderingDescending()).append('\n');
        lua.append("local EVENTS = ").append(model.events()).append('\n');
        lua.append("local VERSION = ").append(model.version() == null ? 0 : model.position(model.version())).append('\n');
        return lua.toString();
    }

    private static String names(List<FieldDescriptor> fields, Predicate<FieldDescriptor> which) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        for (FieldDescriptor f : fields) {
            if (which.test(f)) {
                out.add(quote(f.name()));
            }
        }
        return out.toString();
    }

    private static String positions(List<FieldDescriptor> fields, Predicate<FieldDescriptor> which) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (which.test(fields.get(i))) {
                out.add(Integer.toString(i + 1));
            }
        }
        return "{" + String.join(", ", out) + "}";
    }

    /** Java identifiers hold no quote, backslash or newline, so single quotes suffice. */
    private static String quote(String name) {
        return "'" + name + "'";
    }

    private static String resource(String name) {
        try (InputStream in = LuaPlanner.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
