package dev.redao.runtime.internal;

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
    /** Runs the models' write modules, M, over the references R between them: see driver.lua. */
    private static final String DRIVER = LuaSource.code("model/driver.lua");
    /**
     * How many objects past their deadline a call that writes an expiring model purges first, at
     * most (see driver.lua): enough to keep up with the writes that made them, few enough to keep
     * the call short.
     */
    static final int PURGED_PER_CALL = 64;

    /** The steps of a large all-or-nothing batch (see batch.lua), each run under one model's write module. */
    enum BatchStep {
        REGISTER("register"), CLAIM("claim"), FINISH("finish");

        private final String name;
        private final String lua;

        BatchStep(String name) {
            this.name = name;
            this.lua = LuaSource.code("model/batch_" + name + ".lua");
        }
    }

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

    /** One step of a large batch, for one model. */
    static Script batchStep(ModelSchema<?> model, BatchStep step) {
        return BATCH_STEPS.computeIfAbsent(List.of(model, step), key -> {
            String name = model.name() + ".batch-" + step.name;
            return Script.of(name, "-- Redao: " + name + "\nlocal M = (" + model.writeModule()
                    + ")(KEYS[1], KEYS[2])\n" + step.lua);
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
        lua.append("}\nlocal PURGE = ").append(PURGED_PER_CALL).append('\n').append(DRIVER);
        String name = models.size() == 1 ? models.get(0).name() + ".write" : "transaction(" + names + ")";
        return Script.of(name, "-- Redao: " + name + "\n" + lua);
    }
}
