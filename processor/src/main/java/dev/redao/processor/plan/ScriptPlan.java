package dev.redao.processor.plan;

/** The Lua text of a model's scripts, ready to be embedded as constants. */
public record ScriptPlan(String save, String delete, String load, String loadByUnique, String query) {}
