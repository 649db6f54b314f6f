package dev.redao.processor.plan;

/**
 * The Lua text of a model's scripts, ready to be embedded as constants: the write module (which
 * the runtime completes into the scripts of calls with several objects or models), the
 * straight-line scripts that save one object and delete one object (null for a model whose
 * deletes follow references), and three reading scripts.
 */
public record ScriptPlan(String writeModule, String saveOne, String deleteOne, String load, String loadByUnique,
        String query) {}
