package dev.redao.runtime.internal;

import dev.redao.runtime.internal.ModelSchema.StoredField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.IntPredicate;

/**
 * Writes a model's Lua: a header of constants that describe the model (field names and which
 * fields are unique, set-indexed or sorted), then the shared algorithm from the {@code .lua}
 * files under {@code lua/model/}. Field and model names are checked names (Java identifiers, and
 * the model name's letters, digits, '_', '-', '.'); user values never appear in the text, only in
 * KEYS and ARGV.
 */
final class ModelLua {
    private static final String PRELUDE = LuaSource.code("model/prelude.lua");
    private static final String SHARED = LuaSource.code("model/common.lua", "model/model.lua");
    private static final String MODULE = LuaSource.code("model/common.lua", "model/model.lua", "model/save.lua",
            "model/refs.lua", "model/batch.lua", "model/writes.lua");
    private static final String COMMON = LuaSource.code("model/common.lua");
    private static final String LOAD = LuaSource.code("model/load.lua");
    private static final String LOAD_BY_UNIQUE = LuaSource.code("model/load_by_unique.lua");
    private static final LuaTemplate QUERY = LuaTemplate.of("model/", "query");
    private static final String EXPIRE = LuaSource.code("model/expire.lua");
    private static final String INSERT_MANY = LuaSource.code("model/insert_many.lua");

    private ModelLua() {}

    static ModelScripts scripts(ModelSchema<?> model) {
        String name = model.name();
        String names = names(model) + PRELUDE;
        String delete = SingleObjectLua.delete(model);
        String insert = SingleObjectLua.insert(model);
        String replace = SingleObjectLua.replace(model);
        // the bulk insert takes what insert_one.lua takes, but for a partitioned, expiring or
        // ordered model, whose id set or partitions the module's plan handles
        String insertMany = insert == null || model.partitioned() || model.expiring() || model.ordered() ? null
                : comment(model, "save of many new objects") + LuaHelpers.usedBy(INSERT_MANY, header(model) + PRELUDE + SHARED)
                        + INSERT_MANY;
        String query = query(model, false);
        String expire = model.expiring()
                ? comment(model, "expiry") + LuaHelpers.usedBy(EXPIRE, header(model) + PRELUDE + COMMON) + EXPIRE : null;
        return new ModelScripts(
                writeModule(model),
                Script.of(name + ".save", comment(model, "save of one object") + SingleObjectLua.save(model)),
                insert == null ? null : Script.of(name + ".insert", comment(model, "save of one new object") + insert),
                replace == null ? null : Script.of(name + ".replace", comment(model, "save of one object by id with every field") + replace),
                insertMany == null ? null : Script.of(name + ".insertMany", insertMany),
                delete == null ? null : Script.of(name + ".delete", comment(model, "delete of one object") + delete),
                Script.reading(name + ".load", comment(model, "load") + LuaHelpers.usedBy(LOAD, names + COMMON) + LOAD),
                Script.reading(name + ".loadByUnique", comment(model, "load by unique value")
                        + LuaHelpers.usedBy(LOAD_BY_UNIQUE, names + COMMON) + LOAD_BY_UNIQUE),
                // a read-only script, and for delete() the same with the delete (see ModelEngine.runQuery)
                Script.reading(name + ".query", query),
                Script.of(name + ".queryDelete", query(model, true)),
                expire == null ? null : Script.of(name + ".expire", expire),
                expire == null ? null : Script.reading(name + ".timeToLive", expire));
    }

    /**
     * The model's part of every write call: a Lua function of the model's id set and id counter
     * keys that returns the model's check, write and publish steps (see writes.lua). The runtime
     * puts one such module per model in front of its driver, so that a save, a delete and a
     * transaction over several models share one algorithm.
     */
    private static String writeModule(ModelSchema<?> model) {
        return "-- Redao: writes of model '" + model.name() + "'\n"
                + "function(idset, counterkey)\n"
                + "local base = string.sub(idset, 1, -4)\n"
                + header(model)
                // the unique fields whose entries live in the values' partitions (see writes.lua)
                + "local CLAIMED = " + positions(model, f -> model.stored().get(f - 1).unique() && model.partitioned()) + "\n"
                + MODULE
                + "end\n";
    }

    /** The query script, with its delete operation or without (see query.lua). */
    private static String query(ModelSchema<?> model, boolean deletes) {
        String body = LuaSource.withoutComments(QUERY.render(Map.of("deletes", deletes)));
        return comment(model, "query") + LuaHelpers.usedBy(body, header(model) + PRELUDE + SHARED) + body;
    }

    private static String comment(ModelSchema<?> model, String operation) {
        return "-- Redao: " + operation + " of model '" + model.name() + "'\n";
    }

    /** The model's name (for errors), the id's and the fields' names: all that reading scripts need. */
    static String names(ModelSchema<?> model) {
        return "local MODEL = " + quote(model.name()) + "\n"
                + "local ID = " + quote(model.fields().get(0)) + "\n"
                + "local F = " + names(model, f -> true) + "\n"
                // objects that may pass a deadline, kept in the sorted set <base>:exp (see common.lua)
                + "local EXPIRES = " + model.expiring() + "\n";
    }

    /** The model's constants. Lua positions are 1-based: F[1] is the first field after the id. */
    static String header(ModelSchema<?> model) {
        List<StoredField> fields = model.stored();
        IntPredicate tracked = model.events() ? f -> true
                : f -> fields.get(f - 1).tracked() || f == model.versionField();
        return names(model)
                // a partitioned model's unique values are claimed outside its scripts (PartitionedUniques)
                + "local UNIQUE = " + positions(model, f -> fields.get(f - 1).unique() && !model.partitioned()) + "\n"
                + "local SETS = " + positions(model, f -> fields.get(f - 1).setIndex()) + "\n"
                + "local SORTED = " + positions(model, f -> fields.get(f - 1).sortedIndex()) + "\n"
                + "local LEX = " + positions(model, f -> fields.get(f - 1).prefixIndex()) + "\n"
                // each compound index's fields {first, second} (see ModelSchema.CompoundIndex)
                + "local COMPOUND = " + compound(model) + "\n"
                // the structure fields' key prefixes: a structure is deleted with its object
                + "local STRUCTURES = " + structures(model) + "\n"
                + "local SCORED = " + positions(model, f -> fields.get(f - 1).sortedIndex() || f == model.orderingField()) + "\n"
                // A change event names the fields whose value changed, so a model with events has
                // its save read the old value of every field; other models read only what indexes
                // need. The version is compared with the stored one, so it is read too.
                + "local TRACKED = " + positions(model, tracked) + "\n"
                + "local TRACKED_NAMES = " + names(model, tracked) + "\n"
                + "local NUMERIC_ID = " + model.idType().assignedByServer() + "\n"
                + "local ID_MAX = " + quote(model.idType().largestAssigned()) + "\n"
                + "local PARTS = " + model.partitions() + "\n"
                + "local ORDER = " + model.orderingField() + "\n"
                + "local ORDER_DESC = " + model.orderingDescending() + "\n"
                + "local EVENTS = " + model.events() + "\n"
                + "local VERSION = " + model.versionField() + "\n";
    }

    private static String compound(ModelSchema<?> model) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        model.compoundIndexes().forEach(c -> out.add("{" + c.first() + ", " + c.second() + "}"));
        return out.toString();
    }

    private static String structures(ModelSchema<?> model) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        model.structures().forEach(name -> out.add(quote(":st:" + name + ":")));
        return out.toString();
    }

    private static String names(ModelSchema<?> model, IntPredicate which) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        for (int f = 1; f < model.fields().size(); f++) {
            if (which.test(f)) {
                out.add(quote(model.fields().get(f)));
            }
        }
        return out.toString();
    }

    private static String positions(ModelSchema<?> model, IntPredicate which) {
        List<String> out = new ArrayList<>();
        for (int f = 1; f < model.fields().size(); f++) {
            if (which.test(f)) {
                out.add(Integer.toString(f));
            }
        }
        return "{" + String.join(", ", out) + "}";
    }

    /**
     * Java identifiers, model names (letters, digits, '_', '-', '.') and decimal ids hold no quote,
     * backslash or newline, so single quotes suffice.
     */
    private static String quote(String name) {
        return "'" + name + "'";
    }
}
