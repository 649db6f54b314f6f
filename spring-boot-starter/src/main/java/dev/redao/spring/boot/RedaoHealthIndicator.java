package dev.redao.spring.boot;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.tools.RedisInfo;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up when the store's servers answer {@link RedisStore#serverInfo()} (INFO, on each master of a
 * cluster), with the Redis version, the servers' role and the store's namespace as details; down
 * with the error otherwise. Its messages never show a password.
 */
public final class RedaoHealthIndicator extends AbstractHealthIndicator {
    private final RedisStore store;

    /**
     * An indicator for {@code store}.
     *
     * @param store the store to check
     */
    public RedaoHealthIndicator(RedisStore store) {
        super("Redao health check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        RedisInfo info = store.serverInfo();
        builder.up()
                .withDetail("version", info.version())
                .withDetail("servers", info.servers().size())
                .withDetail("namespace", store.namespace());
    }
}
