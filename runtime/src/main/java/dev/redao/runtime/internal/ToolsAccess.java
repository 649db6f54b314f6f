package dev.redao.runtime.internal;

import dev.redao.runtime.tools.Keyspace;
import dev.redao.runtime.tools.ModelStats;
import dev.redao.runtime.tools.Pipeline;
import dev.redao.runtime.tools.RedisInfo;

/** What the tools package hides for Redao's other packages (see {@link SharedSecrets}). */
public interface ToolsAccess {
    Keyspace newKeyspace(StoreConnection store);

    Pipeline newPipeline(StoreConnection store);

    /** The server's INFO, in one round trip. */
    RedisInfo serverInfo(StoreConnection store);

    /** The model's statistics, measured exactly up to the default number of keys, else sampled. */
    ModelStats stats(ModelEngine<?, ?> model);

    ModelStats stats(ModelEngine<?, ?> model, int exactUpTo, int samplesPerKind);
}
