package dev.redao.runtime;

import dev.redao.annotations.OnDelete;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Completes the write modules of one or more models into one script: the saves and deletes of
 * several objects of one model (a save or delete of one object has the model's straight-line
 * script, see {@link ModelSchema}), deletes that follow references, or a transaction over several
 * models. Each module is a Lua function of the model's id set and
 * id counter keys that returns the model's parse, check, write and publish steps; the driver
 * below runs them so that every model is read and checked before the first write to any of them.
 * A script is the same text, and so the same SHA-1, for the same models in the same order.
 */
final class WriteScripts {
    /**
     * KEYS: per model, its id set and id counter. ARGV: per model, the number of objects to save
     * and of ids to delete, then the objects (see the model's save.lua), then the ids. R[m] lists
     * the references to model m from models of the script, which its deletes follow. The reply is
     * {1, per model {deleted count, ids, versions}}, or {0, model, refusal...} when a check fails.
     */
    private static final String DRIVER = """
            local work, p = {}, 1
            for m, model in ipairs(M) do
              local saves, deletes = tonumber(ARGV[p]), tonumber(ARGV[p + 1])
              local w = {queue = {}, doomed = {}, dying = {}, clears = {}, cleared = {}}
              w.saves, p = model.parse(ARGV, p + 2, saves)
              for i = 1, deletes do
                w.queue[i] = ARGV[p]
                p = p + 1
              end
              work[m] = w
            end

            -- 1. Deletes, and the deletes, cleared references and refusals their references lead
            -- to, until no object is newly doomed. Each object is doomed once, so this ends.
            local restricted = {}
            local function doom(m)
              local w = work[m]
              local queue = w.queue
              if #queue == 0 then return 0 end
              w.queue = {}
              local doomed = M[m].checkDeletes(queue, w.dying)
              for _, o in ipairs(doomed) do
                w.doomed[#w.doomed + 1] = o
                for _, r in ipairs(R[m]) do
                  local from = work[r[1]]
                  for _, rid in ipairs(M[r[1]].referrers(r[2], o.id)) do
                    if r[3] == 'CASCADE' then
                      from.queue[#from.queue + 1] = rid
                    elseif r[3] == 'SET_NULL' then
                      from.clears[#from.clears + 1] = {r[2], rid, o.id}
                    else
                      restricted[#restricted + 1] = {r[1], r[2], rid, m, o.id}
                    end
                  end
                end
              end
              return #doomed
            end
            for m = 1, #M do work[m].direct = doom(m) end
            local more = true
            while more do
              more = false
              for m = 1, #M do
                if #work[m].queue > 0 then
                  more = true
                  doom(m)
                end
              end
            end
            -- 2. A RESTRICT reference refuses the delete, unless the call deletes its holder too.
            for _, x in ipairs(restricted) do
              if not work[x[1]].dying[x[3]] then
                return {0, x[4], 'restricted', x[5], x[1], x[2], x[3]}
              end
            end

            -- 3. Saves, then the references to clear of objects the call neither deletes nor saves.
            for m, model in ipairs(M) do
              local w = work[m]
              local result = model.checkSaves(w.saves, w.dying)
              if result[1] then
                if result[1] == 'error' then return redis.error_reply(result[2]) end
                table.insert(result, 1, m)
                table.insert(result, 1, 0)
                return result
              end
              w.plan = result
              if #w.clears > 0 then
                local saving = {}
                for _, o in ipairs(w.saves) do saving[o.id] = true end
                w.cleared = model.checkClears(w.clears, w.dying, saving)
              end
            end

            -- 4. Every check passed: write, then tell subscribers.
            local reply = {1}
            for m, model in ipairs(M) do reply[m + 1] = model.write(work[m]) end
            for m, model in ipairs(M) do model.publish(work[m]) end
            return reply
            """;

    /** The steps of a large all-or-nothing batch (the model's batch.lua), each a driver for one model. */
    static final String REGISTER = """
            local objs = M.parse(ARGV, 4, tonumber(ARGV[3]))
            return M.batch().register(objs, ARGV[1], tonumber(ARGV[2]))
            """;
    static final String CLAIM = """
            local objs = M.parse(ARGV, 5, tonumber(ARGV[4]))
            local r = M.batch().claim(objs, ARGV[1], tonumber(ARGV[2]), ARGV[3])
            if r[1] == 'error' then return redis.error_reply(r[2]) end
            if r[1] == 'ok' then return {1, r[2]} end
            table.insert(r, 1, 1)
            table.insert(r, 1, 0)
            return r
            """;
    static final String FINISH = """
            local claims = {}
            for i = 2, #ARGV do claims[#claims + 1] = ARGV[i] end
            return M.batch().finish(ARGV[1], claims)
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

    /**
     * The models of the call first, in their order, then every model whose references a delete of
     * them can follow (CASCADE, SET_NULL, RESTRICT), transitively: the script must hold their
     * modules too. The caller's models keep their indexes, so the reply's first parts are theirs.
     */
    static List<ModelSchema<?>> withReferrers(List<ModelSchema<?>> models) {
        List<ModelSchema<?>> all = new ArrayList<>(models);
        for (int i = 0; i < all.size(); i++) {
            for (IncomingReference r : all.get(i).referencedBy()) {
                ModelSchema<?> from = r.from().get();
                if (r.onDelete() != OnDelete.KEEP && !all.contains(from)) {
                    all.add(from);
                }
            }
        }
        return all;
    }

    private static Script compose(List<ModelSchema<?>> models) {
        List<ModelSchema<?>> all = withReferrers(models);
        StringJoiner names = new StringJoiner(", ");
        StringBuilder lua = new StringBuilder("local M = {\n");
        for (int i = 0; i < all.size(); i++) {
            ModelSchema<?> model = all.get(i);
            if (i < models.size()) {
                names.add(model.name());
            }
            lua.append('(').append(model.writeModule()).append(")(KEYS[").append(2 * i + 1)
                    .append("], KEYS[").append(2 * i + 2).append("]),\n");
        }
        lua.append("}\nlocal R = {\n");
        for (ModelSchema<?> model : all) {
            StringJoiner refs = new StringJoiner(", ", "{", "},\n");
            for (IncomingReference r : model.referencedBy()) {
                if (r.onDelete() != OnDelete.KEEP) {
                    // field names are Java identifiers: no quote can end the string early
                    refs.add("{" + (all.indexOf(r.from().get()) + 1) + ", '" + r.field() + "', '" + r.onDelete().name() + "'}");
                }
            }
            lua.append(refs);
        }
        lua.append("}\n").append(DRIVER);
        String name = models.size() == 1 ? models.get(0).name() + ".write" : "transaction(" + names + ")";
        return Script.of(name, "-- Redao: " + name + "\n" + lua);
    }
}
