package dev.redao.runtime;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Completes the write modules of one or more models into one script: a save or delete of one
 * model, or a transaction over several. Each module is a Lua function of the model's id set and
 * id counter keys that returns the model's parse, check, write and publish steps; the driver
 * below runs them so that every model is read and checked before the first write to any of them.
 * A script is the same text, and so the same SHA-1, for the same models in the same order.
 */
final class WriteScripts {
    /**
     * KEYS: per model, its id set and id counter. ARGV: per model, the number of objects to save
     * and of ids to delete, then the objects (see the model's save.lua), then the ids. The reply is
     * {1, per model {deleted count, ids, versions}}, or {0, model, refusal...} when a check fails.
     */
    private static final String DRIVER = """
            local work, p = {}, 1
            for m, model in ipairs(M) do
              local saves, deletes = tonumber(ARGV[p]), tonumber(ARGV[p + 1])
              local w = {deletes = {}}
              w.saves, p = model.parse(ARGV, p + 2, saves)
              for i = 1, deletes do
                w.deletes[i] = ARGV[p]
                p = p + 1
              end
              work[m] = w
            end
            for m, model in ipairs(M) do
              local refusal = model.check(work[m])
              if refusal then
                if refusal[1] == 'error' then return redis.error_reply(refusal[2]) end
                table.insert(refusal, 1, m)
                table.insert(refusal, 1, 0)
                return refusal
              end
            end
            local reply = {1}
            for m, model in ipairs(M) do reply[m + 1] = model.write(work[m]) end
            for m, model in ipairs(M) do model.publish(work[m]) end
            return reply
            """;

    /** The steps of a large all-or-nothing batch (the model's batch.lua), each a driver for one model. */
    static final String REGISTER = """
            local objs = M.parse(ARGV, 4, tonumber(ARGV[3]))
            return M.register(objs, ARGV[1], tonumber(ARGV[2]))
            """;
    static final String CLAIM = """
            local t = redis.call('TIME')
            local deadline = t[1] * 1000 + math.floor(t[2] / 1000) + tonumber(ARGV[2])
            local objs = M.parse(ARGV, 5, tonumber(ARGV[4]))
            local r = M.claim(objs, ARGV[1], deadline, ARGV[3])
            if r[1] == 'error' then return redis.error_reply(r[2]) end
            if r[1] == 'ok' then return {1, r[2]} end
            table.insert(r, 1, 1)
            table.insert(r, 1, 0)
            return r
            """;
    static final String FINISH = """
            local n = tonumber(ARGV[2])
            local ids, claims = {}, {}
            for i = 1, n do ids[i] = ARGV[2 + i] end
            for i = 3 + n, #ARGV do claims[#claims + 1] = ARGV[i] end
            return M.finish(ARGV[1], ids, claims)
            """;
    private static final Map<List<Object>, Script> BATCH_STEPS = new ConcurrentHashMap<>();

    /** Distinct model combinations are few in an application; the bound only guards against a leak. */
    private static final int CACHED_AT_MOST = 1_000;
    private static final Map<List<ModelSchema<?>>, Script> CACHE = new ConcurrentHashMap<>();

    private WriteScripts() {}

    static Script of(List<ModelSchema<?>> models) {
        Script cached = CACHE.get(models);
        if (cached != null) {
            return cached;
        }
        Script script = compose(models);
        if (CACHE.size() < CACHED_AT_MOST) {
            CACHE.putIfAbsent(List.copyOf(models), script);
        }
        return script;
    }

    /** One step of a large batch: {@link #REGISTER}, {@link #CLAIM} or {@link #FINISH}. */
    static Script batchStep(ModelSchema<?> model, String driver) {
        String step = driver == REGISTER ? "register" : driver == CLAIM ? "claim" : "finish";
        return BATCH_STEPS.computeIfAbsent(List.of(model, step), key -> {
            String name = model.name() + ".batch-" + step;
            return Script.of(name, "-- Redao: " + name + "\nlocal M = (" + model.writeModule()
                    + ")(KEYS[1], KEYS[2])\n" + driver);
        });
    }

    private static Script compose(List<ModelSchema<?>> models) {
        StringJoiner names = new StringJoiner(", ");
        StringBuilder lua = new StringBuilder("local M = {\n");
        for (int i = 0; i < models.size(); i++) {
            ModelSchema<?> model = models.get(i);
            names.add(model.name());
            lua.append('(').append(model.writeModule()).append(")(KEYS[").append(2 * i + 1)
                    .append("], KEYS[").append(2 * i + 2).append("]),\n");
        }
        lua.append("}\n").append(DRIVER);
        String name = models.size() == 1 ? models.get(0).name() + ".write" : "transaction(" + names + ")";
        return Script.of(name, "-- Redao: " + name + "\n" + lua);
    }
}
