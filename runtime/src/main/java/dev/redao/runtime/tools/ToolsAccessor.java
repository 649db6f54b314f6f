package dev.redao.runtime.tools;

import dev.redao.runtime.internal.ModelEngine;
import dev.redao.runtime.internal.StoreConnection;
import dev.redao.runtime.internal.ToolsAccess;

/** The tools package's accessor, which {@link Keyspace} registers (see {@code SharedSecrets}). */
final class ToolsAccessor implements ToolsAccess {
    @Override
    public Keyspace newKeyspace(StoreConnection store) {
        return new Keyspace(store);
    }

    @Override
    public Pipeline newPipeline(StoreConnection store) {
        return new Pipeline(store);
    }

    @Override
    public RedisInfo serverInfo(StoreConnection store) {
        return RedisInfo.parse(store.execute(jedis -> jedis.info()));
    }

    @Override
    public ModelStats stats(ModelEngine<?, ?> model) {
        return ModelStatsCollector.collect(model, ModelStatsCollector.EXACT_UP_TO, ModelStatsCollector.SAMPLES_PER_KIND);
    }

    @Override
    public ModelStats stats(ModelEngine<?, ?> model, int exactUpTo, int samplesPerKind) {
        return ModelStatsCollector.collect(model, exactUpTo, samplesPerKind);
    }
}
