package dev.redao.runtime.internal;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * The scripts of a model's audit and repair ({@link ModelAudit}), built from its schema on first
 * use: the model's header (ModelLua), the prelude, the helpers of {@code audit/common.lua} that a
 * script uses, and its body from {@code lua/audit/}. The scripts that settle a partitioned
 * model's unique values take their keys whole and are the same for every model.
 *
 * @param scan a step of the walk over the model's keys and the checks of each object
 * @param entries a step of the walk over one kind of index, unique or id-set entries
 * @param repair a list of fixes, each read again before it is made
 * @param holds whether objects of a partition hold values (a partitioned model's unique values)
 * @param lookup the unique entries and claims of values in their partition
 */
record AuditScripts(Script scan, Script entries, Script repair, Script holds, Script lookup) {
    static final Script FENCE = LuaSource.script("audit.fence", "audit/fence.lua");
    static final Script UNFENCE = LuaSource.script("audit.unfence", "audit/unfence.lua");
    static final Script SETTLE = LuaSource.script("audit.settle", "audit/settle.lua");

    private static final String PRELUDE = LuaSource.code("model/prelude.lua");
    private static final String HELPERS = LuaSource.code("audit/common.lua");
    /** Per schema (compared by identity, as a DAO's is one object), dropped with it. */
    private static final Map<ModelSchema<?>, AuditScripts> BUILT = new WeakHashMap<>();

    static synchronized AuditScripts of(ModelSchema<?> model) {
        return BUILT.computeIfAbsent(model, AuditScripts::build);
    }

    static AuditScripts build(ModelSchema<?> model) {
        return new AuditScripts(
                Script.onMaster(model.name() + ".auditScan", text(model, "scan")),
                Script.onMaster(model.name() + ".auditEntries", text(model, "entries")),
                Script.of(model.name() + ".repair", text(model, "repair")),
                Script.onMaster(model.name() + ".auditHolds", text(model, "holds")),
                Script.onMaster(model.name() + ".auditLookup", text(model, "lookup")));
    }

    private static String text(ModelSchema<?> model, String name) {
        String body = LuaSource.code("audit/" + name + ".lua");
        return "-- Redao: audit " + name + " of model '" + model.name() + "'\n" + ModelLua.header(model) + PRELUDE
                + LuaHelpers.usedBy(body, HELPERS) + body;
    }
}
