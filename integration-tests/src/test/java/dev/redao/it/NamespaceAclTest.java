package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Account;
import dev.redao.it.model.AccountDao;
import dev.redao.it.model.Ccount;
import dev.redao.it.model.CcountDao;
import dev.redao.it.model.CcountQuery;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.Stock;
import dev.redao.it.model.StockDao;
import dev.redao.runtime.PermissionException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.messaging.ChangeEvent;
import dev.redao.runtime.queue.Delivery;
import dev.redao.runtime.queue.ReliableQueue;
import dev.redao.runtime.tools.Keyspace;
import dev.redao.runtime.tools.Pipeline;
import dev.redao.runtime.tools.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.params.SortingParams;

/**
 * The ACL rule of docs/connection-strings.md ("Confining a user to a namespace") with real ACL users:
 * {@code resetkeys ~N:* ~{N:* resetchannels &N:* &{N:*} lets Redao do everything in namespace N
 * and nothing to any other namespace, even one whose name N starts ({@code acl} and
 * {@code acl.a}, {@code t1} and {@code t10}).
 */
class NamespaceAclTest extends RedisTestSupport {
    private final List<String> users = new ArrayList<>();
    private final Set<String> namespaces = new HashSet<>();
    private String notifyBefore;

    @BeforeEach
    void rememberConfig() {
        notifyBefore = KeyspaceConfig.get(store);
    }

    @AfterEach
    void cleanUp() {
        KeyspaceConfig.set(store, notifyBefore);
        users.forEach(u -> everyServer(jedis -> jedis.aclDelUser(u)));
        namespaces.forEach(n -> deleteNamespace(store, n));
    }

    /** docs/connection-strings.md's rule for namespace {@code n}: its keys and its channels, nothing else. */
    static List<String> confinedTo(String n) {
        return List.of("resetkeys", "~" + n + ":*", "~{" + n + ":*", "resetchannels", "&" + n + ":*", "&{" + n + ":*");
    }

    /**
     * docs/connection-strings.md's commands for a tenant: no keyless command that reaches the whole server, and
     * what Redao needs back (EVAL_RO and EVALSHA_RO on Redis 7, which 6.2 does not know).
     */
    static List<String> tenantCommands() {
        List<String> commands = new ArrayList<>(List.of("+@all", "-@dangerous", "-@scripting", "+eval", "+evalsha", "+info",
                "+client|setname", "+cluster|slots"));
        if (redis7()) {
            commands.addAll(List.of("+eval_ro", "+evalsha_ro"));
        }
        return commands;
    }

    /** The tenant commands a rule written before reads went as EVALSHA_RO has: they still run, as plain scripts. */
    static List<String> tenantCommandsWithoutReadOnlyScripts() {
        return tenantCommands().stream().filter(c -> !c.endsWith("_ro")).toList();
    }

    /** docs/connection-strings.md's addition for watches: CONFIG GET, and the keyspace notification channels of the namespace. */
    private List<String> watchRules(String n) {
        String db = "__keyspace@" + store.url().database() + "__:";
        return List.of("+config|get", "&" + db + n + ":*", "&" + db + "{" + n + ":*");
    }

    /** Every command but CONFIG SET. Redis 6.2 cannot take a subcommand away, only give one back. */
    private List<String> everythingButConfigSet() {
        return redis7() ? List.of("+@all", "-config|set") : List.of("+@all", "-config", "+config|get");
    }

    private static boolean redis7() {
        return Integer.parseInt(TestServers.version().split("\\.")[0]) >= 7;
    }

    private String namespace(String name) {
        String n = ns + name;
        namespaces.add(n);
        return n;
    }

    /** A store in {@code namespace} as a new ACL user with {@code rules}. */
    @SafeVarargs
    private RedisStore connectAs(String namespace, List<String>... rules) {
        String user = "redao-acl-" + ns + "-" + users.size();
        users.add(user);
        List<String> all = new ArrayList<>(List.of("reset", "on", ">pw"));
        for (List<String> r : rules) {
            all.addAll(r);
        }
        everyServer(jedis -> jedis.aclSetUser(user, all.toArray(String[]::new)));
        return RedisStore.connect(TestServers.urlAs(user, "pw")
                + "?db=" + store.url().database() + "&namespace=" + namespace);
    }

    @Test
    void aUserConfinedToItsNamespaceUsesEveryFeatureThere() throws InterruptedException {
        String tenant = namespace("acl.a");
        try (RedisStore s = connectAs(tenant, confinedTo(tenant), everythingButConfigSet())) {
            useEveryFeature(s, tenant);
        }
    }

    @Test
    void aTenantRuleWithoutTheReadOnlyScriptCommandsStillReads() {
        String tenant = namespace("acl.a");
        try (RedisStore s = connectAs(tenant, confinedTo(tenant), tenantCommandsWithoutReadOnlyScripts())) {
            AccountDao accounts = new AccountDao(s);
            Account ann = accounts.save(new Account(null, "ann@x", "DE", 30, "Ann", 0));
            assertEquals(ann, accounts.getByEmail("ann@x").orElseThrow());
            assertEquals(List.of(ann), accounts.getAll(List.of(ann.id())));
            assertEquals(ann, accounts.getByEmail("ann@x").orElseThrow(), "and again, as a plain script from the start");
        }
    }

    @Test
    void theRecommendedTenantRuleRunsRedaoAndRefusesWhatReachesTheWholeServer() throws InterruptedException {
        String tenant = namespace("acl.a");
        String neighbour = namespace("acl");
        KeyspaceConfig.set(store, "KA"); // an administrator's job: the tenant may only read the setting
        try (RedisStore s = connectAs(tenant, confinedTo(tenant), tenantCommands(), watchRules(tenant));
                RedisStore admin = connect(neighbour)) {
            new AccountDao(admin).save(new Account(null, "bob@x", "DE", 40, "Bob", 0));
            Map<String, String> neighbourBefore = RawKeys.dump(store, neighbour);

            useEveryFeature(s, tenant);
            assertNotNull(s.serverInfo().version());
            String user = users.get(users.size() - 1);
            List<String> connections = everyServer(jedis -> jedis.clientList()).stream().flatMap(String::lines).filter(l -> l.contains(" user=" + user + " ")).toList();
            assertTrue(!connections.isEmpty() && connections.stream().allMatch(l -> l.contains(" name=redao")),
                    "CLIENT SETNAME was allowed: " + connections);

            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            s.watchKey("motd", (key, event) -> events.add(key + " " + event));
            CcountDao ccounts = new CcountDao(s);
            Ccount watched = ccounts.save(new Ccount(null, "w@x", "FR", "W"));
            ccounts.watch(watched.id(), (key, event) -> events.add("ccount " + event));
            s.execute(jedis -> jedis.set(s.keyspace().key("motd"), "hi"));
            ccounts.delete(watched.id());
            // on a cluster the two keys live on different masters, whose notifications arrive in either order
            Set<String> seen = new HashSet<>(List.of(String.valueOf(events.poll(10, TimeUnit.SECONDS)),
                    String.valueOf(events.poll(10, TimeUnit.SECONDS))));
            assertEquals(Set.of("motd set", "ccount del"), seen);

            List<Executable> refused = new ArrayList<>(List.of(
                    () -> s.execute(jedis -> jedis.flushAll()),
                    () -> s.execute(jedis -> jedis.flushDB()),
                    () -> s.execute(jedis -> jedis.keys("*")),
                    () -> s.execute(jedis -> jedis.configSet("maxmemory-policy", "allkeys-random")),
                    () -> s.execute(jedis -> jedis.scriptFlush()),
                    () -> s.execute(jedis -> jedis.sendCommand(Protocol.Command.CLIENT, "LIST")),
                    () -> s.execute(jedis -> jedis.sendCommand(Protocol.Command.SWAPDB, "0", "1"))));
            if (redis7()) {
                refused.add(() -> s.execute(jedis -> jedis.functionFlush()));
            }
            for (Executable command : refused) {
                PermissionException e = assertThrows(PermissionException.class, command);
                assertTrue(e.getMessage().contains("NOPERM"), e.getMessage());
            }
            // SORT's GET reads keys without Redis 6.2 checking the key patterns: the rule leaves SORT out
            String own = s.keyspace().key("ids");
            s.execute(jedis -> jedis.sadd(own, "1"));
            PermissionException sort = assertThrows(PermissionException.class, () -> s.execute(jedis -> jedis.sort(own,
                    new SortingParams().get("{" + neighbour + ":account}:obj:*->name"))));
            assertTrue(sort.getMessage().contains("NOPERM"), sort.getMessage());
            assertEquals(neighbourBefore, RawKeys.dump(store, neighbour));
            assertEquals(1, new AccountDao(admin).count());
        }
    }

    /**
     * A store of the other namespace ({@code acl}, model {@code account}: <code>{acl.account}</code>
     * in the old layout, as {@code ccount} of {@code acl.a} was) opened by the confined user, and raw
     * commands of the user's own store on the other's keys: each is refused and nothing changes.
     */
    @Test
    void aConfinedUserIsRefusedAnotherNamespaceAndChangesNothing() {
        String tenant = namespace("acl.a");
        String neighbour = namespace("acl");
        try (RedisStore admin = connect(neighbour)) {
            AccountDao theirs = new AccountDao(admin);
            theirs.save(new Account(null, "bob@x", "DE", 40, "Bob", 0));
            admin.execute(jedis -> jedis.set(admin.keyspace().key("session:1"), "v"));
            admin.queue("jobs", String.class).push("job");
        }
        Map<String, String> before = RawKeys.dump(store, neighbour);
        String theirObject = "{" + neighbour + ":account}:obj:1";
        assertTrue(before.containsKey(theirObject), before.keySet().toString());

        try (RedisStore wrong = connectAs(neighbour, confinedTo(tenant), everythingButConfigSet());
                RedisStore own = connectAs(tenant, confinedTo(tenant), everythingButConfigSet())) {
            AccountDao accounts = new AccountDao(wrong);
            ReliableQueue<String> jobs = wrong.queue("jobs", String.class);
            Pipeline pipeline = wrong.pipeline();
            Reply<Long> deleted = pipeline.del("session:1");
            pipeline.sync();
            List<Executable> refused = List.of(
                    () -> accounts.get(1L),
                    () -> accounts.getByEmail("bob@x"),
                    () -> accounts.count(),
                    () -> accounts.query().list(),
                    () -> accounts.save(new Account(null, "eve@x", "DE", 20, "Eve", 0)),
                    () -> accounts.delete(1L),
                    () -> accounts.query().delete(),
                    () -> wrong.keyspace().deletePattern("*"),
                    () -> wrong.keyspace().zpopByRank("{account}:idx:age", 0, -1, false),
                    () -> wrong.pubSub().publish("chat", "x"),
                    () -> wrong.pubSub().subscribe((channel, message) -> {}, "chat"),
                    () -> jobs.push("x"),
                    () -> jobs.take(Duration.ZERO),
                    deleted::get,
                    () -> wrong.luaPrograms().run("mylib.rename_if_exists", List.of("{session}1", "{session}stolen"), List.of()),
                    () -> own.execute(jedis -> jedis.del(theirObject)),
                    () -> own.execute(jedis -> jedis.hgetAll(theirObject)),
                    () -> own.luaPrograms().withRawKeys().run("mylib.rename_if_exists", List.of(theirObject, theirObject + ":x"), List.of()),
                    () -> own.execute(jedis -> jedis.publish(neighbour + ":chat", "x")));
            for (Executable command : refused) {
                PermissionException e = assertThrows(PermissionException.class, command);
                assertTrue(e.getMessage().contains("NOPERM"), e.getMessage());
            }
        }
        assertEquals(before, RawKeys.dump(store, neighbour), "the other namespace is byte for byte unchanged");
    }

    /** In the old layout t1's SCAN MATCH t1* listed t10's keys too, and its UNLINK was refused. */
    @Test
    void deletePatternOfAConfinedUserInT1LeavesT10Alone() {
        String t1 = namespace("t1");
        String t10 = namespace("t10");
        for (String n : List.of(t1, t10)) {
            try (RedisStore admin = connect(n)) {
                admin.execute(jedis -> jedis.set(admin.keyspace().key("session:1"), "v"));
                admin.execute(jedis -> jedis.zadd(admin.keyspace().key("{board}"), 1, "ann"));
                new MemberDao(admin).save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
            }
        }
        Map<String, String> t10Before = RawKeys.dump(store, t10);
        int t1Keys = RawKeys.ofNamespace(store, t1).size();
        try (RedisStore s = connectAs(t1, confinedTo(t1), everythingButConfigSet())) {
            Keyspace ks = s.keyspace();
            assertEquals(t1Keys, ks.countPattern("*"));
            assertEquals(t1Keys, ks.deletePattern("*"));
        }
        assertEquals(Set.of(), RawKeys.ofNamespace(store, t1));
        assertEquals(t10Before, RawKeys.dump(store, t10));
    }

    /** DAO, queries, audit, change events, pub/sub, a queue, a pipeline, a Lua program, keyspace tools and statistics. */
    private void useEveryFeature(RedisStore s, String namespace) throws InterruptedException {
        CcountDao ccounts = new CcountDao(s);
        Ccount ann = ccounts.save(new Ccount(null, "ann@x", "DE", "Ann"));
        Ccount bob = ccounts.save(new Ccount(null, "bob@x", "FR", "Bob"));
        assertEquals(Optional.of(ann), ccounts.get(ann.id()));
        assertEquals(Optional.of(bob), ccounts.getByEmail("bob@x"));
        assertEquals(List.of(ann, bob), ccounts.query().list(), "SORT orders the ids");
        assertEquals(List.of(bob), ccounts.query().filter(CcountQuery.country.eq("FR")).list());
        assertEquals(2, ccounts.audit().objects(), "an audit's scripts SCAN inside the namespace's tag");
        assertTrue(ccounts.repair().isClean());
        ccounts.save(new Ccount(ann.id(), "ann@y", "DE", "Ann"));
        assertEquals(Optional.empty(), ccounts.getByEmail("ann@x"));
        assertEquals(1, ccounts.query().filter(CcountQuery.country.eq("FR")).delete());
        assertTrue(ccounts.delete(ann.id()));
        assertEquals(0, ccounts.count());
        assertEquals(0, ccounts.stats().objects());

        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        s.pubSub().subscribe((channel, message) -> heard.add(channel + "=" + message), "chat");
        // only a pattern the rule lists literally: PSUBSCRIBE is checked so, not by matching
        s.pubSub().psubscribe((channel, message) -> heard.add("p " + channel + "=" + message), "{*");
        StockDao stocks = new StockDao(s);
        stocks.subscribe((ChangeEvent<Long> event) -> heard.add("event " + event.kind()));
        assertEquals(1, s.pubSub().publish("chat", "hi"));
        assertEquals("chat=hi", heard.poll(10, TimeUnit.SECONDS));
        Stock stock = stocks.save(new Stock(null, "A", "north", 1, null));
        if (Internals.shardedEvents(s)) { // a shard message: the DAO's subscription gets it, a pattern does not
            assertEquals("event SAVED", heard.poll(10, TimeUnit.SECONDS));
        } else {
            Set<String> both = new HashSet<>(List.of(heard.poll(10, TimeUnit.SECONDS), heard.poll(10, TimeUnit.SECONDS)));
            assertTrue(both.contains("event SAVED"), both.toString());
            assertTrue(both.stream().anyMatch(m -> m.startsWith("p {stock}:events=")), both.toString());
        }
        stocks.delete(stock.id());

        ReliableQueue<String> jobs = s.queue("jobs", String.class);
        jobs.push("job 1");
        Delivery<String> job = jobs.take(Duration.ofSeconds(5)).orElseThrow();
        assertEquals("job 1", job.message());
        assertTrue(jobs.ack(job));
        assertEquals(0, jobs.recoverExpired(Duration.ofSeconds(30)));

        try (Pipeline p = s.pipeline()) {
            p.set("{r}from", "v");
            Reply<Long> visits = p.incr("visits");
            p.zadd("{board}", 2, "ann");
            p.zadd("{board}", 1, "bob");
            p.sync();
            assertEquals(1L, visits.get());
        }
        assertEquals(10L, s.luaPrograms().runLong("mylib.rename_if_exists", List.of("{r}from", "{r}to"), null));
        Keyspace ks = s.keyspace();
        assertEquals("bob", ks.zpopByRank("{board}", 0, 0, false).get(0).member());
        assertEquals(1, ks.countPattern("{r}to"));
        long left = RawKeys.ofNamespace(store, namespace).size();
        assertTrue(left > 0);
        assertEquals(left, ks.deletePattern("*"));
        assertEquals(Set.of(), RawKeys.ofNamespace(store, namespace));
    }
}
