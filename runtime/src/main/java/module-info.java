/**
 * Redao's runtime: the store, the DAO base that generated code extends, queries, messaging, queues
 * and tools.
 *
 * <p>A module with models needs only {@code requires dev.redao.runtime;}: the annotations, Jackson
 * (generated DAOs name Jackson's {@code TypeReference} for JSON fields, and {@code RedisStore} takes
 * an {@code ObjectMapper}) and Jedis ({@code RedisStore.execute} hands out a {@code UnifiedJedis})
 * come with it.
 */
// Jedis is an automatic module (its jar has only an Automatic-Module-Name): javac's lint reports
// every requires of one (requires-automatic, in -Xlint:all) and warns on requires transitive of one
// by default (requires-transitive-automatic). Jedis is a public dependency of this module all the
// same (RedisStore.execute), and has no module-info to require instead.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.redao.runtime {
    requires transitive dev.redao.annotations;
    requires transitive com.fasterxml.jackson.core;
    requires transitive com.fasterxml.jackson.databind;
    requires transitive redis.clients.jedis;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.apache.commons.pool2;
    requires org.slf4j;

    exports dev.redao.runtime;
    exports dev.redao.runtime.query;
    exports dev.redao.runtime.messaging;
    exports dev.redao.runtime.queue;
    exports dev.redao.runtime.tools;
    exports dev.redao.runtime.metrics;
    exports dev.redao.runtime.audit;
    exports dev.redao.runtime.spi;
    // DaoCatalogs.find looks for the catalogs that Redao's processor writes
    uses dev.redao.runtime.spi.DaoCatalog;
    // for the code Redao generates in users' modules, with no compatibility promise (see its package-info)
    exports dev.redao.runtime.internal;
}
