package dev.redao.processor.plan;

/**
 * The Lua text of a model's scripts, ready to be embedded as constants: the write module (which
 * the runtime completes into save, delete and transaction scripts) and three whole scripts.
 */
public record ScriptPlan(String writeModule, String load, String loadByUnique, String query) {}
