package dev.redao.processor.plan;

import dev.redao.annotations.OnDelete;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.Incoming;
import dev.redao.processor.model.IndexKind;
import dev.redao.processor.model.ModelDescriptor;
import java.util.List;

/**
 * Straight-line scripts for the commonest writes: a save of one object, and a delete of one
 * object of a model that no reference follows. They do what the write module does for one object
 * (the same reads and checks before the first write, the same writes, refusals and reply), with
 * the model's fields unrolled instead of looped over: on every call the module builds some thirty
 * closures and walks generic field lists, which cost a single save more server time than its
 * Redis commands. Calls of several objects or models keep the module, which handles what one
 * object never meets (values exchanged between objects, cascades, chunking).
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

    /** The script that saves one object: ARGV = 1, 0, then the object as save.lua parses it. */
    static String save(ModelDescriptor model, String common) {
        return new SingleObjectLua(model).saveScript(common);
    }

    /**
     * The script that deletes one object by id (ARGV = 0, 1, id), or null when deleting the model
     * follows references (CASCADE, SET_NULL, RESTRICT): those deletes need the driver.
     */
    static String delete(ModelDescriptor model, String common) {
        for (Incoming incoming : model.referencedBy()) {
            if (incoming.onDelete() != OnDelete.KEEP) {
                return null;
            }
        }
        return new SingleObjectLua(model).deleteScript(common);
    }

    private String saveScript(String common) {
        preamble(common);
        line("local id, mask, p = ARGV[3], ARGV[4], 5");
        line("local new, kept, score = {}, {}, {}");
        for (int f = 1; f <= fields.size(); f++) {
            line("if string.byte(mask, %d) == 49 then new[%d] = ARGV[p]; p = p + 1 elseif string.byte(mask, %d) == 50 then kept[%d] = true end",
                    f, f, f, f);
        }
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
            line("  if refusal[1] == 'error' then return redis.error_reply(refusal[2]) end");
            line("  return {0, 1, unpack(refusal)}");
            line("end");
            line("new[%d] = idIncrement(was[%d] or '0')", v, v);
        }
        checkSaveClaimsAndKeys();
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
        return lua.toString();
    }

    /**
     * A fresh numeric id comes from the counter; an EXISTS on it catches a counter that was reset
     * behind Redao's back. A given id names an object to read; if there is none, the counter moves
     * past the id, so that the counter never assigns it. An existing object needs no counter read:
     * its id was counted when it was created.
     */
    private void readOldOrAssignId() {
        line("local key, old, counter");
        if (model.idKind().assignedByServer()) {
            line("if id == '' then");
            line("  counter = idIncrement(read('GET', counterkey) or '0')");
            line("  if idGreater(counter, ID_MAX) then");
            line("    return redis.error_reply('REDAO-IDS-EXHAUSTED the next id, ' .. idIncrement(ID_MAX) .. ', does not fit the id type (largest ' .. ID_MAX .. ')')");
            line("  end");
            line("  id, key = counter, base .. ':obj:' .. counter");
            line("  if read('EXISTS', key) == 1 then");
            line("    return redis.error_reply('REDAO-COUNTER-BEHIND the id counter ' .. counterkey .. ' would assign ' .. id .. ', which an object already has: the counter was reset or deleted')");
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
     * Unique values the object gives up (only if the unique hash says it holds them) and claims
     * (refused if another live object holds them), then the type of every index key it writes.
     */
    private void checkSaveClaimsAndKeys() {
        line("local releases = {}");
        for (int f = 1; f <= fields.size(); f++) {
            FieldDescriptor field = field(f);
            if (field.unique()) {
                String hash = "base .. ':uni:" + field.name() + "'";
                line("if was[%d] and was[%d] ~= new[%d] then releases[%d] = read('HGET', %s, was[%d]) == id end",
                        f, f, f, f, hash, f);
                line("if new[%d] and was[%d] ~= new[%d] then", f, f, f);
                line("  local holder = read('HGET', %s, new[%d])", hash, f);
                line("  if holder and holder ~= id and holds(holder, %d, new[%d]) then", f, f);
                line("    return {0, 1, 'unique', %s, new[%d], holder, 1}", quote(field.name()), f);
                line("  end");
                line("end");
            }
        }
        for (int f = 1; f <= fields.size(); f++) {
            FieldDescriptor field = field(f);
            if (field.index() == IndexKind.SET) {
                line("if was[%d] ~= new[%d] then", f, f);
                line("  if new[%d] then expect(%s, 'set') end", f, setKey(field, "new[" + f + "]"));
                line("  if was[%d] then expect(%s, 'set') end", f, setKey(field, "was[" + f + "]"));
                line("end");
            }
            if (field.lexIndexed()) {
                line("if was[%d] ~= new[%d] then expect(%s, 'zset') end", f, f, lexKey(field));
            }
            if (field.index() == IndexKind.SORTED) {
                line("if was[%d] ~= new[%d] then expect(%s, 'zset') end", f, f, sortedKey(field));
            }
        }
        line(model.ordering() != null ? "expect(idset, 'zset')" : "if not old then expect(idset, 'set') end");
    }

    /** Removals first, then the hash and the additions, then the counter. */
    private void writeSave() {
        line("if old then");
        for (int f = 1; f <= fields.size(); f++) {
            FieldDescriptor field = field(f);
            if (field.unique()) {
                line("  if releases[%d] then redis.call('HDEL', base .. ':uni:%s', was[%d]) end", f, field.name(), f);
            }
            if (field.index() == IndexKind.SET) {
                line("  if was[%d] and was[%d] ~= new[%d] then redis.call('SREM', %s, id) end",
                        f, f, f, setKey(field, "was[" + f + "]"));
            }
            if (field.lexIndexed()) {
                line("  if was[%d] and was[%d] ~= new[%d] then redis.call('ZREM', %s, lexMember(was[%d], id)) end",
                        f, f, f, lexKey(field), f);
            }
            if (field.index() == IndexKind.SORTED) {
                line("  if was[%d] and not new[%d] then redis.call('ZREM', %s, id) end", f, f, sortedKey(field));
            }
        }
        line("  local gone = {}");
        for (int f = 1; f <= fields.size(); f++) {
            line("  if not new[%d] and not kept[%d] then gone[#gone + 1] = %s end", f, f, quote(field(f).name()));
        }
        line("  if #gone > 0 then redis.call('HDEL', key, unpack(gone)) end");
        line("end");
        line("local hash = {ID, id}");
        for (int f = 1; f <= fields.size(); f++) {
            line("if new[%d] and not kept[%d] then hash[#hash + 1] = %s; hash[#hash + 1] = new[%d] end",
                    f, f, quote(field(f).name()), f);
        }
        line("redis.call('HSET', key, unpack(hash))");
        if (model.ordering() != null) {
            int o = model.position(model.ordering());
            String none = model.orderingDescending() ? "'-inf'" : "'+inf'";
            line("if not kept[%d] then redis.call('ZADD', idset, score[%d] or %s, id) end", o, o, none);
        } else {
            line("if not old then redis.call('SADD', idset, id) end");
        }
        for (int f = 1; f <= fields.size(); f++) {
            FieldDescriptor field = field(f);
            String moved = "if new[" + f + "] and was[" + f + "] ~= new[" + f + "] then ";
            if (field.unique()) {
                line(moved + "redis.call('HSET', base .. ':uni:%s', new[%d], id) end", field.name(), f);
            }
            if (field.index() == IndexKind.SET) {
                line(moved + "redis.call('SADD', %s, id) end", setKey(field, "new[" + f + "]"));
            }
            if (field.lexIndexed()) {
                line(moved + "redis.call('ZADD', %s, 0, lexMember(new[%d], id)) end", lexKey(field), f);
            }
            if (field.index() == IndexKind.SORTED) {
                line(moved + "redis.call('ZADD', %s, score[%d], id) end", sortedKey(field), f);
            }
        }
        if (model.idKind().assignedByServer()) {
            line("if counter then redis.call('SET', counterkey, counter) end");
        }
    }

    private String deleteScript(String common) {
        preamble(common);
        line("local id, old = ARGV[3], nil");
        line("local key = base .. ':obj:' .. id");
        readTracked("");
        line("if not old then return {1, {0, {}, {}}} end");
        line("local releases = {}");
        for (int f = 1; f <= fields.size(); f++) {
            FieldDescriptor field = field(f);
            if (field.unique()) {
                line("if old[%d] then releases[%d] = read('HGET', base .. ':uni:%s', old[%d]) == id end",
                        f, f, field.name(), f);
            }
            if (field.index() == IndexKind.SET) {
                line("if old[%d] then expect(%s, 'set') end", f, setKey(field, "old[" + f + "]"));
            }
            if (field.lexIndexed()) {
                line("if old[%d] then expect(%s, 'zset') end", f, lexKey(field));
            }
            if (field.index() == IndexKind.SORTED) {
                line("if old[%d] then expect(%s, 'zset') end", f, sortedKey(field));
            }
        }
        line("expect(idset, idsetType)");
        for (int f = 1; f <= fields.size(); f++) {
            FieldDescriptor field = field(f);
            if (field.unique()) {
                line("if releases[%d] then redis.call('HDEL', base .. ':uni:%s', old[%d]) end", f, field.name(), f);
            }
            if (field.index() == IndexKind.SET) {
                line("if old[%d] then redis.call('SREM', %s, id) end", f, setKey(field, "old[" + f + "]"));
            }
            if (field.lexIndexed()) {
                line("if old[%d] then redis.call('ZREM', %s, lexMember(old[%d], id)) end", f, lexKey(field), f);
            }
            if (field.index() == IndexKind.SORTED) {
                line("if old[%d] then redis.call('ZREM', %s, id) end", f, sortedKey(field));
            }
        }
        line(model.ordering() != null ? "redis.call('ZREM', idset, id)" : "redis.call('SREM', idset, id)");
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
        return lua.toString();
    }

    /** The keys, the constants the shared helpers read (common.lua), and the helpers. */
    private void preamble(String common) {
        line("local idset, counterkey = KEYS[1], KEYS[2]");
        line("local base = string.sub(idset, 1, -4)");
        lua.append(LuaPlanner.names(model));
        line("local ORDER = %d", model.ordering() == null ? 0 : model.position(model.ordering()));
        line("local VERSION = %d", model.version() == null ? 0 : model.position(model.version()));
        line("local ID_MAX = %s", quote(model.idKind().largestAssigned()));
        lua.append(common);
    }

    /** Whether the save reads the field's stored value (the module's TRACKED). */
    private boolean tracked(FieldDescriptor field) {
        return model.events() || field.tracked() || field == model.version();
    }

    private FieldDescriptor field(int position) {
        return fields.get(position - 1);
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
