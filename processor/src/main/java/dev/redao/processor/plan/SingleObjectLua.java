package dev.redao.processor.plan;

import dev.redao.annotations.OnDelete;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.Incoming;
import dev.redao.processor.model.IndexKind;
import dev.redao.processor.model.ModelDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Straight-line scripts for the commonest writes: a save of one object, and a delete of one
 * object of a model that no reference follows. They refuse what the write module refuses, write
 * what it writes and reply as its driver does, with two differences that make them cheaper. The
 * model's fields are unrolled instead of looped over: on every call the module builds some thirty
 * closures and walks generic field lists, which cost a single save more server time than its Redis
 * commands. And they write before every check is done, keeping each write's inverse: a new
 * object's id comes from INCR and is given back on any refusal, and the index keys are not
 * TYPE-checked first: the index writes come before the other writes and are undone if one meets a
 * key of the wrong type (common.lua's push() and rollback(), undo.lua). That is exact for one
 * object, not for the exchanges of values between objects that a call of many allows, so calls of
 * several objects or models keep the module.
 *
 * <p>ARGV is what the module's driver reads for one model ({@code 1, 0, object} or {@code 0, 1,
 * id}), and the reply is the driver's, so the runtime encodes and decodes both paths alike.
 */
final class SingleObjectLua {
    private final ModelDescriptor model;
    private final List<FieldDescriptor> fields;
    private final StringBuilder lua = new StringBuilder();

    private SingleObjectLua(ModelDescriptor model) {
        this.model = model;
        this.fields = model.fields();
    }

    /**
     * The script that saves one object: ARGV = 1, 0, then the object as save.lua parses it.
     *
     * @param helpers the shared helpers (common.lua and undo.lua) without comments
     */
    static String save(ModelDescriptor model, String helpers) {
        return new SingleObjectLua(model).saveScript(helpers);
    }

    /**
     * The script that deletes one object by id (ARGV = 0, 1, id), or null when deleting the model
     * follows references (CASCADE, SET_NULL, RESTRICT): those deletes need the driver.
     */
    static String delete(ModelDescriptor model, String helpers) {
        for (Incoming incoming : model.referencedBy()) {
            if (incoming.onDelete() != OnDelete.KEEP) {
                return null;
            }
        }
        return new SingleObjectLua(model).deleteScript(helpers);
    }

    private String saveScript(String helpers) {
        // every field present, the usual case, makes new in one table constructor
        StringJoiner all = new StringJoiner(", ", "{", "}");
        for (int f = 1; f <= fields.size(); f++) {
            all.add("ARGV[" + (4 + f) + "]");
        }
        line("local id, mask, p = ARGV[3], ARGV[4], 5");
        line("local new, kept, score = nil, {}, {}");
        line("if mask == '%s' then", "1".repeat(fields.size()));
        line("  new, p = %s, %d", all, 5 + fields.size());
        line("else");
        line("  new = {}");
        for (int f = 1; f <= fields.size(); f++) {
            line("  if string.byte(mask, %d) == 49 then new[%d] = ARGV[p]; p = p + 1 elseif string.byte(mask, %d) == 50 then kept[%d] = true end",
                    f, f, f, f);
        }
        line("end");
        for (int f = 1; f <= fields.size(); f++) {
            if (model.scored(field(f))) {
                line("if new[%d] then score[%d] = ARGV[p]; p = p + 1 end", f, f);
            }
        }
        readOldOrAssignId();
        line("if next(kept) then");
        line("  if not old then return {0, 1, 'missing', id, 1} end");
        for (int f = 1; f <= fields.size(); f++) {
            if (tracked(field(f))) {
                line("  if kept[%d] then new[%d] = old[%d] end", f, f, f);
            }
        }
        line("end");
        line("local was = old or {}");
        if (model.version() != null) {
            int v = model.position(model.version());
            line("local refusal = checkVersion({id = id, key = key, old = old, new = new, index = 1})");
            line("if refusal then");
            line("  if refusal[1] == 'error' then return refused(redis.error_reply(refusal[2])) end");
            line("  return refused({0, 1, unpack(refusal)})");
            line("end");
            line("new[%d] = idIncrement(was[%d] or '0')", v, v);
        }
        checkUniqueClaims();
        writeSave();
        if (model.events()) {
            line("local changed = {}");
            for (int f = 1; f <= fields.size(); f++) {
                line("if was[%d] ~= new[%d] then changed[#changed + 1] = %s end", f, f, quote(field(f).name()));
            }
            line("publishEvent('saved', id, changed)");
        }
        String version = model.version() == null ? "" : "new[" + model.position(model.version()) + "]";
        line("return {1, {0, {id}, {%s}}}", version);
        return withPreamble(helpers);
    }

    /**
     * A fresh numeric id comes from the counter's INCR, the script's first write: every refusal
     * after it gives the id back (refused(), rollback()), so a refused save leaves the counter as
     * it was. An INCR that fails is corrupt data only for a counter that holds no integer; at the
     * largest long it means the ids have run out, and any other error (OOM, READONLY, NOPERM) is
     * returned as Redis gave it. INCR's reply is a Lua number, exact and printed without an
     * exponent below 10^13; a larger counter is read back as text. An EXISTS on the new key
     * catches a counter that was reset behind Redao's back. A given id names an object to read; if there is none, the counter
     * moves past the id at the end, so that it never assigns it. An existing object needs no
     * counter: its id was counted when it was created.
     */
    private void readOldOrAssignId() {
        line("local key, old, counter");
        if (model.idKind().assignedByServer()) {
            line("if id == '' then");
            line("  local n = redis.pcall('INCR', counterkey)");
            line("  if type(n) == 'table' then");
            line("    if string.find(n['err'], 'overflow', 1, true) then");
            line("      return redis.error_reply('REDAO-IDS-EXHAUSTED the id counter ' .. counterkey .. ' has no next id: ' .. n['err'])");
            line("    end");
            line("    if isWrongType(n) or string.find(n['err'], 'not an integer', 1, true) then");
            line("      return redis.error_reply('REDAO-COUNTER-CORRUPT the id counter ' .. counterkey .. ' cannot count: ' .. n['err'])");
            line("    end");
            line("    return n");
            line("  end");
            // a counter that INCR created is deleted again, not left at 0
            line("  if n == 1 then push('DEL', counterkey) else push('DECR', counterkey) end");
            line("  id = n < 1e13 and tostring(n) or redis.call('GET', counterkey)");
            line("  key = base .. ':obj:' .. id");
            line("  if idGreater(id, ID_MAX) then");
            line("    return refused(redis.error_reply('REDAO-IDS-EXHAUSTED the next id, ' .. idIncrement(ID_MAX) .. ', does not fit the id type (largest ' .. ID_MAX .. ')'))");
            line("  end");
            line("  if read('EXISTS', key) == 1 then");
            line("    return refused(redis.error_reply('REDAO-COUNTER-BEHIND the id counter ' .. counterkey .. ' would assign ' .. id .. ', which an object already has: the counter was reset or deleted'))");
            line("  end");
            line("else");
            line("  key = base .. ':obj:' .. id");
            readTracked("  ");
            line("  if not old then");
            line("    local c = read('GET', counterkey) or '0'");
            line("    if idGreater(id, c) then counter = id end");
            line("  end");
            line("end");
        } else {
            line("key = base .. ':obj:' .. id");
            readTracked("");
        }
    }

    /** old = the tracked fields' stored values, or nil if the object does not exist. */
    private void readTracked(String indent) {
        StringBuilder names = new StringBuilder("ID");
        for (FieldDescriptor f : fields) {
            if (tracked(f)) {
                names.append(", ").append(quote(f.name()));
            }
        }
        line(indent + "local got = read('HMGET', key, %s)", names);
        line(indent + "if got[1] then");
        line(indent + "  old = {}");
        int slot = 2;
        for (int f = 1; f <= fields.size(); f++) {
            if (tracked(field(f))) {
                line(indent + "  old[%d] = got[%d] or nil", f, slot++);
            }
        }
        line(indent + "end");
    }

    /**
     * Unique values the object gives up (only if the unique hash says it holds them) and takes:
     * refused if a running batch claimed the value for another object, or if another live object
     * holds it. A value claimed for this object is its own, whoever the unique hash still names.
     */
    private void checkUniqueClaims() {
        line("local releases = {}");
        for (int f = 1; f <= fields.size(); f++) {
            FieldDescriptor field = field(f);
            if (field.unique()) {
                String hash = uniqueKey(field);
                line("if was[%d] and was[%d] ~= new[%d] then releases[%d] = read('HGET', %s, was[%d]) == id end",
                        f, f, f, f, hash, f);
                line("if new[%d] and was[%d] ~= new[%d] then", f, f, f);
                line("  local holder = read('GET', claimKey(%d, new[%d]))", f, f);
                line("  if not holder then");
                line("    holder = read('HGET', %s, new[%d])", hash, f);
                line("    if holder and holder ~= id and not holds(holder, %d, new[%d]) then holder = nil end", f, f);
                line("  end");
                line("  if holder and holder ~= id then");
                line("    return refused({0, 1, 'unique', %s, new[%d], holder, 1})", quote(field.name()), f);
                line("  end");
                line("end");
            }
        }
    }

    /**
     * The index writes, which may meet a key of the wrong type (see undo.lua), then the writes to
     * keys that the checks have read (unique hashes, the object) or that any type allows (the
     * counter's SET).
     */
    private void writeSave() {
        List<IndexWrite> writes = new ArrayList<>();
        for (int f = 1; f <= fields.size(); f++) {
            FieldDescriptor field = field(f);
            String was = "was[" + f + "]";
            String now = "new[" + f + "]";
            String leaves = was + " and " + was + " ~= " + now;
            String enters = now + " and " + was + " ~= " + now;
            if (field.index() == IndexKind.SET) {
                writes.add(IndexWrite.of(leaves, Op.SREM, setKey(field, was), "id"));
                writes.add(IndexWrite.of(enters, Op.SADD, setKey(field, now), "id"));
            }
            if (field.lexIndexed()) {
                writes.add(IndexWrite.of(leaves, Op.LEXREM, lexKey(field), "lexMember(" + was + ", id)"));
                writes.add(IndexWrite.of(enters, Op.LEXADD, lexKey(field), "lexMember(" + now + ", id)"));
            }
        }
        if (model.ordering() != null) {
            int o = model.position(model.ordering());
            String none = model.orderingDescending() ? "'-inf'" : "'+inf'";
            writes.add(IndexWrite.of("not kept[" + o + "]", Op.zadd("score[" + o + "] or " + none, "old"), "idset", "id"));
        } else {
            writes.add(IndexWrite.of("not old", Op.SADD, "idset", "id"));
        }
        // scored members last: the last index write needs no undo, and theirs would cost a ZSCORE
        for (int f = 1; f <= fields.size(); f++) {
            FieldDescriptor field = field(f);
            if (field.index() == IndexKind.SORTED) {
                String was = "was[" + f + "]";
                String now = "new[" + f + "]";
                writes.add(new IndexWrite(now + " and " + was + " ~= " + now,
                        Op.zadd("score[" + f + "]", was), sortedKey(field), "id",
                        was + " and not " + now, Op.ZREM));
            }
        }
        emit(writes);
        line("if old then");
        for (int f = 1; f <= fields.size(); f++) {
            FieldDescriptor field = field(f);
            if (field.unique()) {
                line("  if releases[%d] then redis.call('HDEL', %s, was[%d]) end", f, uniqueKey(field), f);
            }
        }
        line("  local gone = {}");
        for (int f = 1; f <= fields.size(); f++) {
            line("  if not new[%d] and not kept[%d] then gone[#gone + 1] = %s end", f, f, quote(field(f).name()));
        }
        line("  if #gone > 0 then redis.call('HDEL', key, unpack(gone)) end");
        line("end");
        // the HSET arguments, in a table made at its full size at once
        line("local hash, k = {ID, id%s}, 2", ", false".repeat(2 * fields.size()));
        for (int f = 1; f <= fields.size(); f++) {
            line("if new[%d] and not kept[%d] then hash[k + 1] = %s; hash[k + 2] = new[%d]; k = k + 2 end",
                    f, f, quote(field(f).name()), f);
        }
        line("redis.call('HSET', key, unpack(hash, 1, k))");
        for (int f = 1; f <= fields.size(); f++) {
            FieldDescriptor field = field(f);
            if (field.unique()) {
                line("if new[%d] and was[%d] ~= new[%d] then redis.call('HSET', %s, new[%d], id) end",
                        f, f, f, uniqueKey(field), f);
            }
        }
        if (model.idKind().assignedByServer()) {
            line("if counter then redis.call('SET', counterkey, counter) end");
        }
    }

    private String deleteScript(String helpers) {
        line("local id, old = ARGV[3], nil");
        line("local key = base .. ':obj:' .. id");
        readTracked("");
        line("if not old then return {1, {0, {}, {}}} end");
        line("local releases = {}");
        List<IndexWrite> writes = new ArrayList<>();
        for (int f = 1; f <= fields.size(); f++) {
            FieldDescriptor field = field(f);
            String had = "old[" + f + "]";
            if (field.unique()) {
                line("if %s then releases[%d] = read('HGET', %s, %s) == id end", had, f, uniqueKey(field), had);
            }
            if (field.index() == IndexKind.SET) {
                writes.add(IndexWrite.of(had, Op.SREM, setKey(field, had), "id"));
            }
            if (field.lexIndexed()) {
                writes.add(IndexWrite.of(had, Op.LEXREM, lexKey(field), "lexMember(" + had + ", id)"));
            }
        }
        writes.add(IndexWrite.of("true", model.ordering() != null ? Op.ZREM : Op.SREM, "idset", "id"));
        for (int f = 1; f <= fields.size(); f++) {
            if (field(f).index() == IndexKind.SORTED) {
                writes.add(IndexWrite.of("old[" + f + "]", Op.ZREM, sortedKey(field(f)), "id"));
            }
        }
        emit(writes);
        for (int f = 1; f <= fields.size(); f++) {
            FieldDescriptor field = field(f);
            if (field.unique()) {
                line("if releases[%d] then redis.call('HDEL', %s, old[%d]) end", f, uniqueKey(field), f);
            }
        }
        line("redis.call('DEL', key)");
        if (model.events()) {
            // with events every field is tracked, so old holds every field the object had
            line("local had = {}");
            for (int f = 1; f <= fields.size(); f++) {
                line("if old[%d] then had[#had + 1] = %s end", f, quote(field(f).name()));
            }
            line("publishEvent('deleted', id, had)");
        }
        line("return {1, {1, {}, {}}}");
        return withPreamble(helpers);
    }

    /** Emits index writes in order; the last one is made without recording an undo. */
    private void emit(List<IndexWrite> writes) {
        for (int i = 0; i < writes.size(); i++) {
            IndexWrite w = writes.get(i);
            boolean last = i == writes.size() - 1;
            String then = w.op().lua(w.key(), w.member(), last);
            if (w.condition().equals("true")) {
                line(then);
            } else if (w.elseOp() == null) {
                line("if %s then %s end", w.condition(), then);
            } else {
                line("if %s then %s elseif %s then %s end", w.condition(), then, w.elseCondition(),
                        w.elseOp().lua(w.key(), w.member(), last));
            }
        }
    }

    /** An index write under a condition, or one of two under two conditions, on one key and member. */
    private record IndexWrite(String condition, Op op, String key, String member, String elseCondition, Op elseOp) {
        static IndexWrite of(String condition, Op op, String key, String member) {
            return new IndexWrite(condition, op, key, member, null, null);
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
    private String withPreamble(String helpers) {
        String body = lua.toString();
        String constants = "local idset, counterkey = KEYS[1], KEYS[2]\n"
                + "local base = string.sub(idset, 1, -4)\n"
                + LuaPlanner.names(model)
                + "local ORDER = " + (model.ordering() == null ? 0 : model.position(model.ordering())) + "\n"
                + "local VERSION = " + (model.version() == null ? 0 : model.position(model.version())) + "\n"
                + "local ID_MAX = " + quote(model.idKind().largestAssigned()) + "\n";
        return LuaHelpers.usedBy(body, constants + helpers) + body;
    }

    /** Whether the save reads the field's stored value (the module's TRACKED). */
    private boolean tracked(FieldDescriptor field) {
        return model.events() || field.tracked() || field == model.version();
    }

    private FieldDescriptor field(int position) {
        return fields.get(position - 1);
    }

    private static String uniqueKey(FieldDescriptor field) {
        return "base .. ':uni:" + field.name() + "'";
    }

    private static String setKey(FieldDescriptor field, String value) {
        return "base .. ':idx:" + field.name() + ":' .. " + value;
    }

    private static String lexKey(FieldDescriptor field) {
        return "base .. ':lex:" + field.name() + "'";
    }

    private static String sortedKey(FieldDescriptor field) {
        return "base .. ':idx:" + field.name() + "'";
    }

    private static String quote(String name) {
        return "'" + name + "'";
    }

    private void line(String format, Object... args) {
        lua.append(args.length == 0 ? format : String.format(format, args)).append('\n');
    }
}
