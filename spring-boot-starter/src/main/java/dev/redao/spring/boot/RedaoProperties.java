package dev.redao.spring.boot;

import dev.redao.runtime.SchemaChanges;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Redao's own settings, under redao.. Where to connect comes from spring.data.redis.*
 * (RedisConnectionProperties), unless url gives a whole Redao connection string.
 *
 * @param url a Redao connection string (docs/connection-strings.md), for what
 *     spring.data.redis.* cannot say (a cluster with readFrom, Sentinel with TLS...):
 *     when set, no spring.data.redis property is read
 * @param namespace the namespace every key and channel of the store is in, such as shop;
 *     none when unset
 * @param pool pooled connections per server (default 16)
 * @param waitReplicas replicas that must confirm each write before it returns (default 0)
 * @param readFrom replica to read by id, by unique value and by query on replicas (a
 *     cluster, or Sentinel); master by default
 * @param autoPipeline how many pipelines of calls made at the same time may be under way at
 *     once (default 2, 0 for none; docs/async.md)
 * @param schemaChanges what a DAO does when the schema stored with its model differs from its
 *     own: refuse (the default) or reindex (docs/schema.md)
 */
@ConfigurationProperties("redao")
public record RedaoProperties(String url, String namespace, Integer pool, Integer waitReplicas, ReadFrom readFrom,
                              Integer autoPipeline, SchemaChanges schemaChanges) {

    /** Where reads go. */
    public enum ReadFrom {
        /** Every call goes to the master. */
        MASTER,
        /** Reads by id, by unique value and queries go to a replica. */
        REPLICA
    }
}
