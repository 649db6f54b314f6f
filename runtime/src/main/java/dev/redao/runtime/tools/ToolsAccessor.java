package dev.redao.runtime.tools;

import dev.redao.runtime.internal.ModelEngine;
import dev.redao.runtime.internal.StoreConnection;
import dev.redao.runtime.internal.ToolsAccess;
import java.util.LinkedHashMap;
import java.util.Map;

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
        Map<String, String> infos = new LinkedHashMap<>();
        store.forEachMaster(jedis -> infos.put(jedis.getConnection().getHostAndPort().toString(), jedis.info()));
        return RedisInfo.parse(infos);
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
