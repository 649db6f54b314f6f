package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Account;
import dev.redao.it.model.AccountDao;
import dev.redao.it.model.Ccount;
import dev.redao.it.model.CcountDao;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.Stock;
import dev.redao.it.model.StockDao;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.tools.Keyspace;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #14: a namespace is a name and Redao puts ':' after it, so no two (namespace, model) pairs
 * share a key, and no pattern of one namespace matches another's keys or channels, even where one
 * namespace's name starts with another's ({@code t1} and {@code t10}, {@code shop} and
 * {@code shop.x}). Each namespace here is the test's unique one followed by the name the issue
 * used, so that concurrent runs on one server stay apart.
 */
class NamespaceBoundaryTest extends RedisTestSupport {
    private final Set<String> namespaces = new HashSet<>();

    @AfterEach
    void deleteNamespaces() {
        namespaces.forEach(n -> deleteNamespace(store, n));
    }

    private String namespace(String name) {
        String n = ns + name;
        namespaces.add(n);
        return n;
    }

    private Map<String, String> dump(String namespace) {
        return RawKeys.dump(store, namespace);
    }

    /** Namespace acl.a with model ccount and namespace acl with model account: {acl.account} for both in the old layout. */
    @Test
    void namespaceAndModelNamesThatConcatenateAlikeNeverShareAKey() {
        String acl = namespace("acl");
        String aclA = namespace("acl.a");
        try (RedisStore a = connect(aclA); RedisStore b = connect(acl)) {
            CcountDao ccounts = new CcountDao(a);
            AccountDao accounts = new AccountDao(b);
            assertEquals("{" + aclA + ":ccount}", Internals.keys(ccounts).base());
            assertEquals("{" + acl + ":account}", Internals.keys(accounts).base());

            Ccount ann = ccounts.save(new Ccount(null, "ann@x", "DE", "Ann"));
            Account bob = accounts.save(new Account(null, "ann@x", "DE", 31, "Bob", 0));
            assertEquals(1L, ann.id(), "each model counts its own ids");
            assertEquals(1L, bob.id());
            Set<String> ofA = RawKeys.ofNamespace(store, aclA);
            Set<String> ofB = RawKeys.ofNamespace(store, acl);
            assertTrue(ofA.contains("{" + aclA + ":ccount}:obj:1"), ofA.toString());
            assertTrue(ofB.contains("{" + acl + ":account}:obj:1"), ofB.toString());
            assertTrue(ofA.stream().noneMatch(ofB::contains), "no key is shared: " + ofA + " " + ofB);

            assertEquals(Optional.of(ann), ccounts.get(1L));
            assertEquals(Optional.of(bob), accounts.get(1L));
            assertEquals(Optional.of(ann), ccounts.getByEmail("ann@x"), "the same unique value in both: no conflict");
            assertEquals(Optional.of(bob), accounts.getByEmail("ann@x"));

            Map<String, String> before = dump(acl);
            ccounts.delete(1L);
            assertEquals(RawKeys.ofNamespace(store, aclA).size(), a.keyspace().deletePattern("*"));
            assertEquals(Set.of(), RawKeys.ofNamespace(store, aclA));
            assertEquals(before, dump(acl), "the other namespace is byte for byte unchanged");
            assertEquals(Optional.of(bob), accounts.get(1L));
        }
    }

    /**
     * One namespace's name starts the other's: in the old layout {@code t1}'s pattern {@code t1*}
     * matched {@code t10}'s keys, and {@code shop.}'s matched {@code shop.x}'s.
     */
    @ParameterizedTest
    @ValueSource(strings = {"t1|t10", "shop|shop.x", "shop|shop-x", "shop|shopx", "a.b|a.bc", "a|a.b.c"})
    void patternsOfANamespaceNeverReachAnotherWhoseNameItStarts(String pair) {
        String mine = namespace(pair.substring(0, pair.indexOf('|')));
        String theirs = namespace(pair.substring(pair.indexOf('|') + 1));
        try (RedisStore m = connect(mine); RedisStore t = connect(theirs)) {
            for (RedisStore s : List.of(m, t)) {
                Keyspace ks = s.keyspace();
                s.execute(jedis -> jedis.set(ks.key("session:1"), "v"));
                s.execute(jedis -> jedis.zadd(ks.key("{board}"), 1, "ann"));
                new MemberDao(s).save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
                s.queue("jobs", String.class).push("job");
            }
            Map<String, String> theirsBefore = dump(theirs);
            int mineCount = RawKeys.ofNamespace(store, mine).size();

            Keyspace ks = m.keyspace();
            assertEquals(mineCount, ks.countPattern("*"));
            assertEquals(1, ks.countPattern("session:*"));
            assertEquals(1, ks.countPattern("{board}*"));
            assertEquals(1, ks.countPattern("*board*"));
            assertEquals(1, ks.deletePattern("session:*"));
            assertEquals(mineCount - 1, ks.deletePattern("*"));
            assertEquals(Set.of(), RawKeys.ofNamespace(store, mine));
            assertEquals(theirsBefore, dump(theirs), theirs + " is byte for byte unchanged");
            assertEquals(1, new MemberDao(t).count());
            assertEquals(1, t.queue("jobs", String.class).size());
        }
    }

    /** Channels follow the key rule: a pattern of one namespace hears nothing of another whose name it starts. */
    @ParameterizedTest
    @ValueSource(strings = {"t1|t10", "shop|shop.x"})
    void channelPatternsOfANamespaceNeverHearAnother(String pair) throws InterruptedException {
        String mine = namespace(pair.substring(0, pair.indexOf('|')));
        String theirs = namespace(pair.substring(pair.indexOf('|') + 1));
        try (RedisStore m = connect(mine); RedisStore t = connect(theirs)) {
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            m.pubSub().psubscribe((channel, message) -> heard.add(channel + "=" + message), "*", "{*", "0*");
            assertEquals(0, t.pubSub().publish("chat", "theirs"));
            assertEquals(0, t.pubSub().publish("0chat", "theirs"));
            assertEquals(0, t.pubSub().publish("{stock}:events", "theirs"));
            new StockDao(t).save(new Stock(null, "A", "north", 1, null)); // an event on theirs' model channel
            assertEquals(1, m.pubSub().publish("chat", "mine"), "one connection, however many patterns match");
            // a message of theirs that a pattern matched would have arrived first, on the same connection
            assertEquals("chat=mine", heard.poll(10, TimeUnit.SECONDS));
        }
    }

    /** Every name Redao makes from a namespace has the separator: keys, model and queue bases, channels, the control channel. */
    @Test
    void everyNameTheNamespaceMakesHasTheSeparator() throws InterruptedException {
        Keyspace ks = store.keyspace();
        assertEquals(ns, ks.namespace());
        assertEquals(ns + ":session:7", ks.key("session:7"));
        assertEquals("{" + ns + ":user}:obj:1", ks.key("{user}:obj:1"));
        assertEquals("{" + ns + ":member}", Internals.keys(new MemberDao(store)).base());
        assertEquals("{" + ns + ":stock}:events", Internals.keys(new StockDao(store)).events());
        assertEquals("{" + ns + ":member}", new MemberDao(store).stats().baseKey());
        assertEquals("{" + ns + ":queue:jobs}", Internals.keys(store.queue("jobs", String.class)).base());

        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        store.pubSub().subscribe((channel, message) -> heard.add(channel + "=" + message), "chat", "{user}:events");
        assertEquals(1L, rawPublish(ns + ":chat", "a"));
        assertEquals(1L, rawPublish("{" + ns + ":user}:events", "b"));
        assertEquals("chat=a", heard.poll(10, TimeUnit.SECONDS), "the listener gets the name without the namespace");
        assertEquals("{user}:events=b", heard.poll(10, TimeUnit.SECONDS));
        List<String> control = everyServer(jedis -> jedis.pubsubChannels(ns + ":redao:pubsub:*")).stream().flatMap(List::stream).toList();
        assertEquals(1, control.size(), "the connection's private channel is in the namespace: " + control);
    }

    /** Without a namespace, names are the keys: the store is the whole database. */
    @Test
    void withoutANamespaceNamesAreUnchanged() {
        try (RedisStore bare = RedisStore.connect(TestServers.url())) {
            Keyspace ks = bare.keyspace();
            assertEquals("", ks.namespace());
            assertEquals("session:7", ks.key("session:7"));
            assertEquals("{user}:obj:1", ks.key("{user}:obj:1"));
            assertEquals("{member}", Internals.keys(new MemberDao(bare)).base());
            assertEquals("{queue:jobs}", Internals.keys(bare.queue("jobs", String.class)).base());
            assertFalse(ks.key("x").contains(":"));
        }
    }
}
