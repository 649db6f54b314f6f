package dev.redao.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import dev.redao.spring.boot.notes.Note;
import dev.redao.spring.boot.notes.NoteDao;
import dev.redao.spring.boot.notes.NoteQuery;
import dev.redao.testsupport.RedisCluster;
import dev.redao.testsupport.RedisNode;
import dev.redao.testsupport.RedisSentinels;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import redis.clients.jedis.Jedis;

/**
 * The starter's store on the other deployments, from Spring Boot's own properties: a cluster from
 * {@code spring.data.redis.cluster.nodes}, and a master found through Sentinel from
 * {@code spring.data.redis.sentinel.*}, which the store follows when it fails over.
 */
class RedaoDeploymentsTest {

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedaoAutoConfiguration.class))
                .withPropertyValues("spring.data.redis.timeout=2s", "redao.namespace=starter-deployments");
    }

    private static Note saveAndFind(NoteDao notes, String topic) {
        Note saved = notes.save(new Note(null, topic, "on " + topic));
        assertEquals(saved, notes.get(saved.id()).orElseThrow());
        assertEquals(List.of(saved), notes.query().filter(NoteQuery.topic.eq(topic)).list());
        return saved;
    }

    @Test
    void aClusterFromItsNodes() {
        try (RedisCluster cluster = RedisCluster.start(3, 0)) {
            runner().withPropertyValues("spring.data.redis.cluster.nodes=" + String.join(",", cluster.seeds())).run(context -> {
                assertNull(context.getStartupFailure());
                assertEquals(RedisUrl.Kind.CLUSTER, context.getBean(RedisStore.class).url().kind());
                saveAndFind(context.getBean(NoteDao.class), "cluster");
            });
        }
    }

    @Test
    void aMasterThroughSentinelFollowedAcrossAFailover() {
        try (RedisSentinels sentinels = RedisSentinels.start()) {
            String nodes = sentinels.sentinels().stream().map(RedisNode::address).collect(Collectors.joining(","));
            runner().withPropertyValues(
                    "spring.data.redis.sentinel.master=" + sentinels.masterName(),
                    "spring.data.redis.sentinel.nodes=" + nodes).run(context -> {
                assertNull(context.getStartupFailure());
                assertEquals(RedisUrl.Kind.SENTINEL, context.getBean(RedisStore.class).url().kind());
                NoteDao notes = context.getBean(NoteDao.class);
                Note before = saveAndFind(notes, "before");
                RedisNode master = sentinels.currentMaster();
                try (Jedis jedis = new Jedis(master.host(), master.port())) {
                    // what was written is on every replica, whichever Sentinel promotes
                    assertEquals(sentinels.replicas().size(), jedis.waitReplicas(sentinels.replicas().size(), 5_000));
                }
                sentinels.kill(master);
                sentinels.awaitFailover();
                Note after = saveAndFind(notes, "after");
                assertEquals(before, notes.get(before.id()).orElseThrow());
                assertEquals(before.id() + 1, after.id());
            });
        }
    }
}
