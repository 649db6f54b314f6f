package dev.redao.runtime.internal;

import dev.redao.annotations.OnDelete;
import dev.redao.runtime.internal.ModelSchema.StoredField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Straight-line scripts for the commonest writes: a save of one object, and a delete of one
 * object of a model that no reference follows (the templates save_one.lua and delete_one.lua),
 * with shorter forms of the save for a new object (insert_one.lua) and for the usual update
 * (replace_one.lua), each with every field given.
 * They refuse what the write module refuses and write what it writes, with three differences
 * that make them cheaper. The model's fields are unrolled instead of looped
 * over: on every call the module builds some thirty closures and walks generic field lists, which
 * cost a single save more server time than its Redis commands. And they write before every check
 * is done, keeping each write's inverse: a new object's id comes from INCR and is given back on
 * any refusal, and the index keys are not TYPE-checked first: the index writes come before the
 * other writes and are undone if one meets a key of the wrong type (common.lua's push() and
 * rollback(), undo.lua). That is exact for one object, not for the exchanges of values between
 * objects that a call of many allows, so calls of several objects or models keep the module.
 * And a success replies flat, {@code {1, deleted, id[, version]}} rather than the driver's nested
 * {@code {1, {deleted, ids, versions}}}: Redis converts each nested table separately.
 *
 * <p>ARGV is what the module's driver reads for one model ({@code 1, 0, object} or {@code 0, 1,
 * id}), and refusals are the driver's, so the runtime encodes both paths alike.
 */
final class SingleObjectLua {
    private static final String FOLDER = "model/";
    /** The helpers a single-object script may call: common.lua and undo.lua, without comments. */
    private static final String HELPERS = LuaSource.code("model/common.lua", "model/undo.lua");

    private final ModelSchema<?> model;
    private final List<StoredField> fields;

    private SingleObjectLua(ModelSchema<?> model) {
        this.model = model;
        this.fields = model.stored();
    }

    /** The script that saves one object: ARGV = 1, 0, then the object as save.lua parses it. */
    static String save(ModelSchema<?> model) {
        return new SingleObjectLua(model).saveScript();
    }

    /**
     * The script that saves one new object whose every field has a value, its id from the counter
     * (the commonest write, see insert_one.lua), or null where the model's new objects need what
     * only save_one.lua does: ids the client gives (their object may exist), a version to check,
     * unique values claimed in other partitions, change events.
     */
    static String insert(ModelSchema<?> model) {
        boolean claimsUnique = model.partitioned() && model.stored().stream().anyMatch(StoredField::unique);
        if (!model.idType().assignedByServer() || model.versioned() || claimsUnique || model.events()) {
            return null;
        }
        return new SingleObjectLua(model).insertScript();
    }

    /**
     * The script that saves one object by its id with every field given a value (replace_one.lua,
     * the usual update), or null where such a save needs what only save_one.lua does: a version to
     * check, unique values claimed in other partitions, change events, deadlines, an ordering.
     */
    static String replace(ModelSchema<?> model) {
        boolean claimsUnique = model.partitioned() && model.stored().stream().anyMatch(StoredField::unique);
        if (model.versioned() || claimsUnique || model.events() || model.expiring() || model.ordered()) {
            return null;
        }
        return new SingleObjectLua(model).replaceScript();
    }

    /**
     * The script that deletes one object by id (ARGV = 0, 1, id), or null when deleting the model
     * follows references (CASCADE, SET_NULL, RESTRICT): those deletes need the driver.
     */
    static String delete(ModelSchema<?> model) {
        for (IncomingReference incoming : model.referencedBy()) {
            if (incoming.onDelete() != OnDelete.KEEP) {
                return null;
            }
        }
        return new SingleObjectLua(model).deleteScript();
    }

    private String saveScript() {
        Map<String, Object> values = everyFieldValues();
        values.put("allPresent", "1".repeat(fields.size()));
        values.put("serverIds", model.idType().assignedByServer());
        values.put("partitioned", model.partitioned());
        values.put("addId", model.ordered() ? "try('zset', 'ZADD', idset, 'NX', " + idScore() + ", id)"
                : "try('set', 'SADD', idset, id)");
        values.put("removeId", model.ordered() ? "ZREM" : "SREM");
        values.put("versioned", model.versioned());
        values.put("version", model.versionField());
        values.put("newVersion", model.versioned() ? ", new[" + model.versionField() + "]" : "");
        values.put("hashSlots", ", false".repeat(2 * fields.size()));
        values.put("indexWrites", lines(saveWrites()));
        return withPreamble(LuaTemplate.of(FOLDER, "save_one").render(values));
    }

    private String insertScript() {
        Map<String, Object> values = everyFieldValues();
        values.put("idName", model.fields().get(0));
        values.put("partitioned", model.partitioned());
        values.put("narrowIds", !model.idType().largestAssigned().equals(Long.toString(Long.MAX_VALUE)));
        values.put("isLive", model.ordered() ? "look('ZSCORE', idset, holder)" : "look('SISMEMBER', idset, holder) == 1");
        values.put("addId", model.ordered() ? "'ZADD', idset, 'NX', " + idScore() + ", id" : "'SADD', idset, id");
        values.put("idSetType", model.ordered() ? "zset" : "set");
        values.put("removeId", model.ordered() ? "ZREM" : "SREM");
        List<Map<String, Object>> writes = new ArrayList<>();
        for (int f = 1; f <= fields.size(); f++) {
            StoredField field = fields.get(f - 1);
            String now = "new[" + f + "]";
            if (field.setIndex()) {
                writes.add(insertWrite(writes.size(), setKey(field, now), "'SADD', key%d, id", "set", "SREM", "id"));
            }
            if (field.prefixIndex()) {
                String member = now + " .. '\\0' .. id";
                writes.add(insertWrite(writes.size(), lexKey(field), "'ZADD', key%d, 'NX', 0, " + member, "zset", "ZREM", member));
            }
        }
        for (int f = 1; f <= fields.size(); f++) {
            StoredField field = fields.get(f - 1);
            if (field.sortedIndex()) {
                writes.add(insertWrite(writes.size(), sortedKey(field), "'ZADD', key%d, score[" + f + "], id", "zset", "ZREM", "id"));
            }
        }
        for (ModelSchema.CompoundIndex c : model.compoundIndexes()) {
            writes.add(insertWrite(writes.size(), compoundKey(c, "new[" + c.first() + "]"),
                    "'ZADD', key%d, score[" + c.second() + "], id", "zset", "ZREM", "id"));
        }
        // each write but the last notes what it added, which a later failure takes back, last first
        List<Map<String, Object>> undo = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            boolean noted = i < writes.size() - 1;
            Map<String, Object> write = new HashMap<>(writes.get(i));
            write.put("noted", noted);
            writes.set(i, write);
            if (noted) {
                undo.add(0, write);
            }
        }
        values.put("indexWrites", writes);
        values.put("undoWrites", undo);
        values.put("changedSlots", changedSlots(writes.size()));
        String body = LuaSource.withoutComments(LuaTemplate.of(FOLDER, "insert_one").render(values));
        // the keys and constants, and of common.lua's helpers only what the body calls (idOfCount)
        String constants = "local idset, counterkey = KEYS[1], KEYS[2]\n"
                + "local base = string.sub(idset, 1, -4)\n"
                + "local ID_MAX = '" + model.idType().largestAssigned() + "'\n"
                + "local PARTS = " + model.partitions() + "\n";
        return LuaHelpers.usedBy(body, constants + HELPERS) + body;
    }

    /** One index write of a new object, in the form insert_one.lua's indexWrites take. */
    private static Map<String, Object> insertWrite(int i, String key, String command, String want, String inverse, String member) {
        return Map.of("i", i, "slot", i + 1, "key", key, "command", String.format(command, i), "want", want, "inverse", inverse,
                "member", member);
    }

    private String replaceScript() {
        Map<String, Object> values = everyFieldValues();
        values.put("serverIds", model.idType().assignedByServer());
        values.put("partitioned", model.partitioned());
        values.put("isLive", "look('SISMEMBER', idset, holder) == 1");
        values.putAll(inline(replaceWrites()));
        values.put("rest", rest());
        String body = LuaSource.withoutComments(LuaTemplate.of(FOLDER, "replace_one").render(values));
        // the keys and constants, and of common.lua's helpers only what the body calls
        // (look, corruption, idGreater, countOfId)
        String constants = "local idset, counterkey = KEYS[1], KEYS[2]\n"
                + "local base = string.sub(idset, 1, -4)\n"
                + ModelLua.names(model)
                + "local PARTS = " + model.partitions() + "\n";
        return LuaHelpers.usedBy(body, constants + HELPERS) + body;
    }

    private String deleteScript() {
        Map<String, Object> values = commonValues();
        values.putAll(inline(deleteWrites()));
        // the structure fields' keys go with the object's hash, in its DEL
        StringBuilder structureKeys = new StringBuilder();
        for (String structure : model.structures()) {
            structureKeys.append(", base .. ':st:").append(structure).append(":' .. id");
        }
        values.put("structureKeys", structureKeys);
        String rest = rest();
        values.put("rest", rest);
        values.put("untracked", !rest.equals("nil"));
        String body = LuaSource.withoutComments(LuaTemplate.of(FOLDER, "delete_one").render(values));
        // the keys and constants, and of common.lua's helpers only what the body calls
        // (publishEvent)
        String constants = "local idset, counterkey = KEYS[1], KEYS[2]\n"
                + "local base = string.sub(idset, 1, -4)\n"
                + ModelLua.names(model);
        return LuaHelpers.usedBy(body, constants + HELPERS) + body;
    }

    /**
     * {@link #commonValues()}, and what the saves read for an object with every field given: the
     * fields' ARGV slots (allArguments) and the one after them, the scored fields, whose scores
     * follow, and the object's HSET arguments.
     */
    private Map<String, Object> everyFieldValues() {
        Map<String, Object> values = commonValues();
        StringBuilder arguments = new StringBuilder();
        StringBuilder hash = new StringBuilder();
        List<Map<String, Object>> scored = new ArrayList<>();
        for (int f = 1; f <= fields.size(); f++) {
            arguments.append(f > 1 ? ", " : "").append("ARGV[").append(4 + f).append(']');
            hash.append(", '").append(fields.get(f - 1).name()).append("', new[").append(f).append(']');
            if (scored(f)) {
                scored.add(field(f));
            }
        }
        values.put("allArguments", arguments);
        values.put("afterArguments", 5 + fields.size());
        values.put("scored", scored);
        values.put("hashArguments", hash);
        return values;
    }

    /** What every template reads: the fields, the tracked ones (with their HMGET slots), the unique ones. */
    private Map<String, Object> commonValues() {
        List<Map<String, Object>> all = new ArrayList<>();
        List<Map<String, Object>> tracked = new ArrayList<>();
        List<Map<String, Object>> unique = new ArrayList<>();
        StringBuilder trackedNames = new StringBuilder();
        for (int f = 1; f <= fields.size(); f++) {
            Map<String, Object> field = field(f);
            all.add(field);
            if (tracked(f)) {
                Map<String, Object> t = new HashMap<>(field);
                t.put("slot", tracked.size() + 2);
                tracked.add(t);
                trackedNames.append(", '").append(fields.get(f - 1).name()).append('\'');
            }
            if (fields.get(f - 1).unique()) {
                unique.add(field);
            }
        }
        Map<String, Object> values = new HashMap<>();
        values.put("fields", all);
        values.put("tracked", tracked);
        values.put("trackedNames", trackedNames);
        // a hash without its id is a corrupt object if it holds any field of the model (see
        // corruption() in common.lua): the untracked ones are read when the tracked show none
        values.put("rest", tracked.size() < fields.size() ? "F" : "nil");
        // a partitioned model's unique values live in their own partitions, where the runtime
        // claims them around the write (PartitionedUniques): the script only reports the old ones
        values.put("unique", model.partitioned() ? List.of() : unique);
        values.put("claimsUnique", model.partitioned() && !unique.isEmpty());
        StringBuilder oldUnique = new StringBuilder();
        for (Map<String, Object> u : model.partitioned() ? unique : List.<Map<String, Object>>of()) {
            oldUnique.append(", was[").append(u.get("f")).append("] or false");
        }
        values.put("oldUnique", oldUnique);
        // a success with nothing but the id (a save) or the count (a delete) replies it alone
        values.put("bareId", oldUnique.isEmpty() && !model.versioned());
        values.put("bareCount", oldUnique.isEmpty());
        values.put("events", model.events());
        values.put("expiring", model.expiring());
        return values;
    }

    private Map<String, Object> field(int f) {
        return Map.of("f", f, "name", fields.get(f - 1).name());
    }

    /**
     * A save's index writes, in order: each value's set and lexicographic entries, the id set,
     * then the scored members, last: the last write needs no undo, and theirs would cost a ZSCORE.
     */
    private List<IndexWrite> saveWrites() {
        List<IndexWrite> writes = new ArrayList<>();
        for (int f = 1; f <= fields.size(); f++) {
            StoredField field = fields.get(f - 1);
            String was = "was[" + f + "]";
            String now = "new[" + f + "]";
            String leaves = was + " and " + was + " ~= " + now;
            String enters = now + " and " + was + " ~= " + now;
            if (field.setIndex()) {
                writes.add(IndexWrite.of(leaves, Op.SREM, setKey(field, was), "id"));
                writes.add(IndexWrite.of(enters, Op.SADD, setKey(field, now), "id"));
            }
            if (field.prefixIndex()) {
                writes.add(IndexWrite.of(leaves, Op.LEXREM, lexKey(field), "lexMember(" + was + ", id)"));
                writes.add(IndexWrite.of(enters, Op.LEXADD, lexKey(field), "lexMember(" + now + ", id)"));
            }
        }
        // an id from the counter is in the id set already (see save_one.lua)
        String given = model.idType().assignedByServer() ? " and not fresh" : "";
        if (model.ordered()) {
            int o = model.orderingField();
            writes.add(IndexWrite.of("not kept[" + o + "]" + given, Op.zadd(idScore(), "old"), "idset", "id"));
        } else {
            writes.add(IndexWrite.of("not old" + given, Op.SADD, "idset", "id"));
        }
        for (int f = 1; f <= fields.size(); f++) {
            StoredField field = fields.get(f - 1);
            if (field.sortedIndex()) {
                String was = "was[" + f + "]";
                String now = "new[" + f + "]";
                writes.add(new IndexWrite(now + " and " + was + " ~= " + now,
                        Op.zadd("score[" + f + "]", was), sortedKey(field), "id",
                        was + " and not " + now, Op.ZREM));
            }
        }
        for (ModelSchema.CompoundIndex c : model.compoundIndexes()) {
            String wasA = "was[" + c.first() + "]";
            String nowA = "new[" + c.first() + "]";
            String wasB = "was[" + c.second() + "]";
            String nowB = "new[" + c.second() + "]";
            // the entry moves when the first value changes, and goes when either value does
            writes.add(IndexWrite.of(wasA + " and " + wasB + " and (" + wasA + " ~= " + nowA + " or not " + nowB + ")",
                    Op.ZREM, compoundKey(c, wasA), "id"));
            // a partial save that keeps the second field sends no score for it: its sorted index has it
            String score = "(score[" + c.second() + "] or redis.call('ZSCORE', " + sortedKey(fields.get(c.second() - 1)) + ", id))";
            writes.add(IndexWrite.of(nowA + " and " + nowB + " and (" + wasA + " ~= " + nowA + " or " + wasB + " ~= " + nowB + ") and "
                    + score,
                    Op.zadd(score, wasA + " == " + nowA + " and " + wasB), compoundKey(c, nowA), "id"));
        }
        return writes;
    }

    /** Lua for an object's score in the id set of an ordered model: its ordering value, or the end. */
    private String idScore() {
        String none = model.orderingDescending() ? "'-inf'" : "'+inf'";
        return "score[" + model.orderingField() + "] or " + none;
    }

    /**
     * A save's index writes by id with every field given (replace_one.lua), in save_one.lua's
     * order: each value's entries that move, the id set for a new object, then the scored members.
     */
    private List<InlineWrite> replaceWrites() {
        List<InlineWrite> writes = new ArrayList<>();
        for (int f = 1; f <= fields.size(); f++) {
            StoredField field = fields.get(f - 1);
            String was = "was[" + f + "]";
            String now = "new[" + f + "]";
            String moves = was + " ~= " + now;
            if (field.setIndex()) {
                writes.add(new InlineWrite(was + " and " + moves, "SREM", setKey(field, was), "id", null));
                writes.add(new InlineWrite(moves, "SADD", setKey(field, now), "id", null));
            }
            if (field.prefixIndex()) {
                writes.add(new InlineWrite(was + " and " + moves, "LEXREM", lexKey(field), "lexMember(" + was + ", id)", null));
                writes.add(new InlineWrite(moves, "LEXADD", lexKey(field), "lexMember(" + now + ", id)", null));
            }
        }
        writes.add(new InlineWrite("not old", "SADD", "idset", "id", null));
        for (int f = 1; f <= fields.size(); f++) {
            if (fields.get(f - 1).sortedIndex()) {
                writes.add(new InlineWrite("was[" + f + "] ~= new[" + f + "]", "ZADD", sortedKey(fields.get(f - 1)), "id", "score[" + f + "]"));
            }
        }
        for (ModelSchema.CompoundIndex c : model.compoundIndexes()) {
            String wasA = "was[" + c.first() + "]";
            String nowA = "new[" + c.first() + "]";
            // the entry moves to the new first value's set, or takes the second's new score
            writes.add(new InlineWrite(wasA + " and was[" + c.second() + "] and " + wasA + " ~= " + nowA, "ZREM", compoundKey(c, wasA), "id", null));
            writes.add(new InlineWrite(wasA + " ~= " + nowA + " or was[" + c.second() + "] ~= new[" + c.second() + "]", "ZADD",
                    compoundKey(c, nowA), "id", "score[" + c.second() + "]"));
        }
        return writes;
    }

    /**
     * A delete's index writes: each value's entries, the id set, the scored members, last: the
     * last write needs no inverse, and a scored member's costs a ZSCORE.
     */
    private List<InlineWrite> deleteWrites() {
        List<InlineWrite> writes = new ArrayList<>();
        for (int f = 1; f <= fields.size(); f++) {
            StoredField field = fields.get(f - 1);
            String had = "old[" + f + "]";
            if (field.setIndex()) {
                writes.add(new InlineWrite(had, "SREM", setKey(field, had), "id", null));
            }
            if (field.prefixIndex()) {
                writes.add(new InlineWrite(had, "LEXREM", lexKey(field), "lexMember(" + had + ", id)", null));
            }
        }
        writes.add(new InlineWrite(null, model.ordered() ? "ZREM" : "SREM", "idset", "id", null));
        for (int f = 1; f <= fields.size(); f++) {
            if (fields.get(f - 1).sortedIndex()) {
                writes.add(new InlineWrite("old[" + f + "]", "ZREM", sortedKey(fields.get(f - 1)), "id", null));
            }
        }
        for (ModelSchema.CompoundIndex c : model.compoundIndexes()) {
            String first = "old[" + c.first() + "]";
            writes.add(new InlineWrite(first + " and old[" + c.second() + "]", "ZREM", compoundKey(c, first), "id", null));
        }
        return writes;
    }

    /** The untracked fields, which a hash without its id is read for (see corruption() in common.lua), or nil for none. */
    private String rest() {
        for (int f = 1; f <= fields.size(); f++) {
            if (!tracked(f)) {
                StringJoiner all = new StringJoiner(", ", "{", "}");
                fields.forEach(field -> all.add("'" + field.name() + "'"));
                return all.toString();
            }
        }
        return "nil";
    }

    /**
     * Inline writes as give_back.lua's values: the writes, in order, the last noting nothing; what
     * puts each other back, last first; and the flags they note, one slot each.
     */
    private static Map<String, Object> inline(List<InlineWrite> writes) {
        List<Map<String, Object>> lines = new ArrayList<>();
        List<Map<String, Object>> undo = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            boolean last = i == writes.size() - 1;
            lines.add(Map.of("write", writes.get(i).lua(i, last)));
            if (!last) {
                undo.add(0, Map.of("undo", writes.get(i).undo(i)));
            }
        }
        return Map.of("indexWrites", lines, "undoWrites", undo,
                "changedSlots", changedSlots(writes.size()));
    }

    /**
     * The contents of the table of flags that {@code writes} index writes note what they changed
     * in: a slot for each but the last, so that it is sized once, not grown per write.
     */
    private static String changedSlots(int writes) {
        return String.join(", ", Collections.nCopies(Math.max(writes - 1, 0), "false"));
    }

    /**
     * One index write under a condition (null for none), in the inline form of delete_one.lua and
     * replace_one.lua (give_back.lua): the command through pcall, a break out of the writes on an
     * error, and, unless it is the last write, what it changed in {@code changed[i + 1]}.
     *
     * @param op SADD or SREM (a set member), LEXADD or LEXREM (a member of a lexicographic index,
     *     scored 0), ZADD or ZREM (a scored member: its score is read first, to be put back)
     * @param score Lua for a ZADD's score, else null
     */
    private record InlineWrite(String condition, String op, String key, String member, String score) {
        String lua(int i, boolean last) {
            String k = "key" + i;
            String slot = "changed[" + (i + 1) + "]";
            StringBuilder out = new StringBuilder();
            out.append(condition == null ? "do\n" : "if " + condition + " then\n");
            out.append("  local ").append(k).append(" = ").append(key).append('\n');
            if (scored() && !last) {
                // the score goes back with the member: '' for a member that was not there
                out.append("  local prior = redis.pcall('ZSCORE', ").append(k).append(", ").append(member).append(")\n");
                out.append("  if type(prior) == 'table' then r, failedKey, failedType = prior, ").append(k).append(", 'zset' break end\n");
                if (op.equals("ZADD")) {
                    out.append("  redis.call('ZADD', ").append(k).append(", ").append(score).append(", ").append(member).append(")\n");
                    out.append("  ").append(slot).append(" = prior or ''\n");
                } else {
                    out.append("  if prior then\n");
                    out.append("    redis.call('ZREM', ").append(k).append(", ").append(member).append(")\n");
                    out.append("    ").append(slot).append(" = prior\n  end\n");
                }
            } else {
                String command = switch (op) {
                    case "SADD", "SREM", "ZREM" -> "'" + op + "', " + k;
                    case "LEXADD" -> "'ZADD', " + k + ", 'NX', 0";
                    case "LEXREM" -> "'ZREM', " + k;
                    case "ZADD" -> "'ZADD', " + k + ", " + score;
                    default -> throw new IllegalArgumentException(op);
                };
                out.append("  r = redis.pcall(").append(command).append(", ").append(member).append(")\n");
                String want = op.startsWith("S") ? "set" : "zset";
                out.append("  if type(r) == 'table' then failedKey, failedType = ").append(k).append(", '").append(want).append("' break end\n");
                if (!last) {
                    out.append("  ").append(slot).append(" = r == 1\n");
                }
            }
            return out.append("end").toString();
        }

        /** Lua that puts back what write {@code i} changed, as {@code changed[i + 1]} says; its key is built again. */
        String undo(int i) {
            String slot = "changed[" + (i + 1) + "]";
            String back = switch (op) {
                case "SADD" -> "redis.call('SREM', " + key + ", " + member + ")";
                case "SREM" -> "redis.call('SADD', " + key + ", " + member + ")";
                case "LEXADD" -> "redis.call('ZREM', " + key + ", " + member + ")";
                case "LEXREM" -> "redis.call('ZADD', " + key + ", 0, " + member + ")";
                case "ZREM" -> "redis.call('ZADD', " + key + ", " + slot + ", " + member + ")";
                case "ZADD" -> null;
                default -> throw new IllegalArgumentException(op);
            };
            if (back == null) { // a member that was not there goes, one that was gets its score back
                return "if " + slot + " == '' then redis.call('ZREM', " + key + ", " + member + ") elseif " + slot
                        + " then redis.call('ZADD', " + key + ", " + slot + ", " + member + ") end";
            }
            return "if " + slot + " then " + back + " end";
        }

        private boolean scored() {
            return op.equals("ZADD") || op.equals("ZREM");
        }
    }

    /** The index writes as template lines; the last one is made without recording an undo. */
    private static List<Map<String, Object>> lines(List<IndexWrite> writes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            out.add(Map.of("write", writes.get(i).lua(i == writes.size() - 1)));
        }
        return out;
    }

    /** An index write under a condition, or one of two under two conditions, on one key and member. */
    private record IndexWrite(String condition, Op op, String key, String member, String elseCondition, Op elseOp) {
        static IndexWrite of(String condition, Op op, String key, String member) {
            return new IndexWrite(condition, op, key, member, null, null);
        }

        String lua(boolean last) {
            String then = op.lua(key, member, last);
            if (condition.equals("true")) {
                return then;
            }
            if (elseOp == null) {
                return "if " + condition + " then " + then + " end";
            }
            return "if " + condition + " then " + then + " elseif " + elseCondition + " then "
                    + elseOp.lua(key, member, last) + " end";
        }
    }

    /**
     * A helper of undo.lua, and what it becomes as the script's last index write: the bare
     * command through try(), which still stops on a wrong type but records no undo.
     *
     * @param score Lua for the member's score, for a scored member (else null)
     * @param expected Lua that is true when a scored member should be there already
     */
    private record Op(String helper, String want, String command, String lastArgs, String score, String expected) {
        static final Op SADD = new Op("sadd", "set", "SADD", "", null, null);
        static final Op SREM = new Op("srem", "set", "SREM", "", null, null);
        static final Op LEXADD = new Op("lexadd", "zset", "ZADD", "'NX', 0, ", null, null);
        static final Op LEXREM = new Op("lexrem", "zset", "ZREM", "", null, null);
        static final Op ZREM = new Op("zrem", "zset", "ZREM", "", null, null);

        static Op zadd(String score, String expected) {
            return new Op("zadd", "zset", "ZADD", score + ", ", score, expected);
        }

        String lua(String key, String member, boolean last) {
            if (last) {
                return "try('" + want + "', '" + command + "', " + key + ", " + lastArgs + member + ")";
            }
            return score == null ? helper + "(" + key + ", " + member + ")"
                    : helper + "(" + key + ", " + score + ", " + member + ", " + expected + ")";
        }
    }

    /** The keys, the constants the helpers read, and the helpers the body uses, before the body. */
    private String withPreamble(String lua) {
        String body = LuaSource.withoutComments(lua);
        String constants = "local idset, counterkey = KEYS[1], KEYS[2]\n"
                + "local base = string.sub(idset, 1, -4)\n"
                + ModelLua.names(model)
                + "local ORDER = " + model.orderingField() + "\n"
                + "local VERSION = " + model.versionField() + "\n"
                + "local ID_MAX = '" + model.idType().largestAssigned() + "'\n"
                + "local PARTS = " + model.partitions() + "\n";
        return LuaHelpers.usedBy(body, constants + HELPERS) + body;
    }

    /** Whether the save passes the field's sorted-set score: for its sorted index or the model's ordering. */
    private boolean scored(int f) {
        return fields.get(f - 1).sortedIndex() || f == model.orderingField();
    }

    /** Whether the save reads the field's stored value (the module's TRACKED). */
    private boolean tracked(int f) {
        return model.events() || fields.get(f - 1).tracked() || f == model.versionField();
    }

    private static String setKey(StoredField field, String value) {
        return "base .. ':idx:" + field.name() + ":' .. " + value;
    }

    private static String lexKey(StoredField field) {
        return "base .. ':lex:" + field.name() + "'";
    }

    /** A compound index's sorted set for the first field's value that Lua expression {@code value} gives. */
    private String compoundKey(ModelSchema.CompoundIndex c, String value) {
        return "base .. ':cidx:" + model.fields().get(c.first()) + ":" + model.fields().get(c.second()) + ":' .. " + value;
    }

    private static String sortedKey(StoredField field) {
        return "base .. ':idx:" + field.name() + "'";
    }
}
