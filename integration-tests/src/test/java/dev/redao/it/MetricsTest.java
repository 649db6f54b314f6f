package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Account;
import dev.redao.it.model.AccountDao;
import dev.redao.it.model.Login;
import dev.redao.it.model.LoginDao;
import dev.redao.it.model.LoginQuery;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.internal.Metrics;
import dev.redao.runtime.metrics.Operation;
import dev.redao.runtime.metrics.Outcome;
import dev.redao.runtime.metrics.PoolStats;
import dev.redao.runtime.metrics.RedaoObserver;
import dev.redao.runtime.metrics.Retry;
import dev.redao.runtime.tools.Pipeline;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * What a store tells its {@link RedaoObserver}, on every deployment: one report per public call
 * with its model, kind and outcome, nothing for a call refused before it was sent, the pools'
 * figures, the pub/sub connection's reconnects; and an observer that throws changes no call.
 */
class MetricsTest extends RedisTestSupport {

    /** Keeps what it hears, as {@code model operation outcome}. */
    private static final class Recorder implements RedaoObserver {
        final List<String> operations = new CopyOnWriteArrayList<>();
        final List<Retry> retries = new CopyOnWriteArrayList<>();
        final List<String> reconnects = new CopyOnWriteArrayList<>();
        final CountDownLatch reconnected = new CountDownLatch(1);
        final List<String> lifecycle = new CopyOnWriteArrayList<>();

        @Override
        public void attached(RedisStore store) {
            lifecycle.add("attached " + store.namespace());
        }

        @Override
        public void operation(String model, Operation operation, Outcome outcome, long nanos) {
            assertTrue(nanos > 0, "a duration: " + nanos);
            operations.add(model + " " + operation.tag() + " " + outcome.tag());
        }

        @Override
        public void retried(Retry why) {
            retries.add(why);
        }

        @Override
        public void reconnected(String address) {
            reconnects.add(address);
            reconnected.countDown();
        }

        @Override
        public void closed(RedisStore store) {
            lifecycle.add("closed " + store.namespace());
        }
    }

    private RedisStore observed(RedaoObserver observer) {
        return RedisStore.connect(urlWithNamespace(ns), RedisStore.Options.defaults().observer(observer));
    }

    /** An asynchronous call is reported once, as its blocking call is, whether a pipeline's leader or a thread of the store's completes it. */
    @Test
    void anAsynchronousCallIsReportedOnceWithItsModelKindAndOutcome() throws Exception {
        Recorder heard = new Recorder();
        try (RedisStore observed = observed(heard)) {
            MemberDao members = new MemberDao(observed);
            Member ann = members.async().save(new Member(null, "ann@x", "ann", "DE", 31, "Ann")).get(60, TimeUnit.SECONDS);
            members.async().get(ann.id()).get(60, TimeUnit.SECONDS);
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> members.async().save(new Member(null, "ann@x", "ann2", "FR", 5, "")).get(60, TimeUnit.SECONDS));
            assertInstanceOf(UniqueViolationException.class, refused.getCause());
            members.async().exists(ann.id()).get(60, TimeUnit.SECONDS); // a blocking call on a thread of the store's
            members.async().delete(ann.id()).get(60, TimeUnit.SECONDS);
            assertEquals(List.of(
                    "member save ok",
                    "member get ok",
                    "member save unique_violation",
                    "member get ok",
                    "member delete ok"), heard.operations);
        }
    }

    @Test
    void eachCallIsReportedOnceWithItsModelKindAndOutcome() {
        Recorder heard = new Recorder();
        try (RedisStore observed = observed(heard)) {
            MemberDao members = new MemberDao(observed);
            AccountDao accounts = new AccountDao(observed);
            Member ann = members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
            members.get(ann.id());
            members.getAll(List.of(ann.id()));
            members.getByEmail("ann@x");
            members.exists(ann.id());
            members.count();
            members.query().filter(MemberQuery.country.eq("DE")).first();
            members.query().filter(MemberQuery.age.between(30, 40)).count();
            assertThrows(UniqueViolationException.class, () -> members.save(new Member(null, "ann@x", "ann2", "FR", 5, "")));
            accounts.saveAll(List.of(new Account(null, "a@x", "DE", 1, "A", 0)));
            observed.transaction(tx -> {
                if (!onACluster()) { // two models of different hash slots cannot share a script there
                    tx.save(accounts, new Account(null, "b@x", "DE", 2, "B", 0));
                }
                tx.save(members, new Member(null, "bob@x", "bob", "FR", 22, "Bob"));
            });
            observed.transaction(tx -> { }); // sends nothing
            assertThrows(InvalidArgumentException.class, () -> members.get(null)); // refused before anything is sent
            try (Pipeline pipeline = observed.pipeline()) {
                pipeline.sync(); // nothing queued: nothing sent
                pipeline.incr("visits");
                pipeline.sync();
            }
            members.delete(ann.id());

            assertEquals(List.of(
                    "member save ok",
                    "member get ok",
                    "member get ok",
                    "member get ok",
                    "member get ok",
                    "member get ok",
                    "member query ok",
                    "member query ok",
                    "member save unique_violation",
                    "account batch ok",
                    onACluster() ? "member transaction ok" : "account+member transaction ok",
                    "none pipeline ok",
                    "member delete ok"), heard.operations);
        }
        assertEquals(List.of("attached " + ns, "closed " + ns), heard.lifecycle);
    }

    @Test
    void aPartitionedModelsOperationIsReportedOnce() {
        Recorder heard = new Recorder();
        try (RedisStore observed = observed(heard)) {
            LoginDao logins = new LoginDao(observed);
            Login ann = logins.save(new Login(null, "ann@x", "ann", "DE", 0)); // its values claimed in their partitions
            logins.getByEmail("ann@x");
            logins.saveAll(List.of(new Login(null, "bob@x", "bob", "FR", 0), new Login(null, "cy@x", "cy", "FR", 0)));
            assertEquals(2, logins.query().filter(LoginQuery.country.eq("FR")).count()); // every partition's script
            // a unique value's holder is looked up (getByUnique) before the partitions' scripts: one query all the same
            assertEquals(1, logins.query().filter(LoginQuery.email.eq("bob@x")).count());
            logins.deleteAll(List.of(ann.id()));
            assertEquals(List.of("login save ok", "login get ok", "login batch ok", "login query ok", "login query ok",
                    "login delete ok"), heard.operations);
        }
    }

    @Test
    void poolStatsSumTheStoresPools() {
        try (RedisStore observed = observed(new Recorder())) {
            new MemberDao(observed).count();
            PoolStats pools = observed.poolStats();
            assertTrue(pools.pools() >= (onACluster() ? 3 : 1), "a pool per node of a cluster: " + pools);
            assertEquals(0, pools.active(), pools.toString());
            assertTrue(pools.idle() >= 1, pools.toString());
            assertEquals(0, pools.waiting(), pools.toString());
            observed.close();
            assertThrows(IllegalStateException.class, observed::poolStats);
        }
        assertTrue(store.poolStats().pools() >= 1, "a store without an observer has its figures too");
    }

    @Test
    void aPubSubConnectionThatComesBackIsReportedAsAReconnect() throws InterruptedException {
        Recorder heard = new Recorder();
        try (RedisStore observed = observed(heard)) {
            observed.pubSub().subscribe((channel, message) -> { }, "orders");
            long killed = sumOverServers(jedis -> jedis.clientKill(new ClientKillParams().type(ClientType.PUBSUB)));
            assertTrue(killed >= 1, "killed " + killed + " pub/sub connections");
            assertTrue(heard.reconnected.await(10, TimeUnit.SECONDS), "no reconnect reported");
            assertEquals(observed.url().address(), heard.reconnects.get(0));
        }
    }

    @Test
    void anObserverThatThrowsChangesNoCallAndIsLoggedOnce() {
        RedaoObserver failing = new RedaoObserver() {
            @Override
            public void attached(RedisStore s) {
                throw new IllegalStateException("attached fails");
            }

            @Override
            public void operation(String model, Operation operation, Outcome outcome, long nanos) {
                throw new IllegalStateException("operation fails");
            }

            @Override
            public void closed(RedisStore s) {
                throw new IllegalStateException("closed fails");
            }
        };
        try (LogCapture log = new LogCapture(Metrics.class.getName())) {
            try (RedisStore observed = observed(failing)) {
                MemberDao members = new MemberDao(observed);
                Member ann = members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
                assertEquals(ann, members.get(ann.id()).orElseThrow());
                UniqueViolationException refused = assertThrows(UniqueViolationException.class,
                        () -> members.save(new Member(null, "ann@x", "ann2", "FR", 5, "")));
                assertEquals("ann@x", refused.value());
                assertEquals(1, members.query().count());
            }
            List<LogRecord> warnings = log.records().stream().filter(r -> r.getLevel() == Level.WARNING).toList();
            assertEquals(1, warnings.size(), "one warning: " + log.records());
            assertTrue(warnings.get(0).getMessage().contains("failed"), warnings.get(0).getMessage());
        }
    }
}
