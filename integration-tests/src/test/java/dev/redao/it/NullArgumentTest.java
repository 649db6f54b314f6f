package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.it.query.ItemDao;
import dev.redao.it.query.ItemQuery;
import dev.redao.it.rel.CustomerDao;
import dev.redao.it.rel.CustomerQuery;
import dev.redao.it.rel.OrderDao;
import dev.redao.it.rel.OrderQuery;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.messaging.MessageListener;
import dev.redao.runtime.query.Condition;
import dev.redao.runtime.query.Field;
import dev.redao.runtime.query.Query;
import dev.redao.runtime.query.Sort;
import dev.redao.runtime.tools.Keyspace;
import dev.redao.runtime.tools.LuaPrograms;
import dev.redao.runtime.tools.Pipeline;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A null where a DAO, transaction, query or one of the store's tools needs a value is an {@link InvalidArgumentException}
 * that names the call, the model where it has one, and the argument (an element of a collection
 * by its place), thrown before anything is sent: Redis is left as it was. Before, each of these
 * was a bare NullPointerException from somewhere inside.
 */
class NullArgumentTest extends RedisTestSupport {
    private MemberDao members;
    private Member ann;

    @BeforeEach
    void oneMember() {
        members = new MemberDao(store);
        ann = members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
    }

    @Test
    void daoCalls() {
        refused("id", List.of("get", "'member'"), () -> members.get(null));
        refused("id", List.of("exists", "'member'"), () -> members.exists(null));
        refused("id", List.of("delete", "'member'"), () -> members.delete(null));
        refused("ids[1]", List.of("getAll", "'member'"), () -> members.getAll(Arrays.asList(ann.id(), null)));
        refused("ids", List.of("getAll", "'member'"), () -> members.getAll(null));
        refused("ids[1]", List.of("deleteAll", "'member'"), () -> members.deleteAll(Arrays.asList(ann.id(), null)));
        refused("ids", List.of("deleteAll", "'member'"), () -> members.deleteAll(null));
        refused("object", List.of("save", "'member'"), () -> members.save(null));
        refused("objects[1]", List.of("saveAll", "'member'"),
                () -> members.saveAll(Arrays.asList(new Member(null, "bob@x", "bob", "DE", 40, "Bob"), null)));
        refused("objects", List.of("saveAll", "'member'"), () -> members.saveAll(null));
        refused("mode", List.of("saveAll", "'member'"), () -> members.saveAll(List.of(ann), null));
        refused("object", List.of("update", "'member'"), () -> members.update(null, MemberQuery.name));
        refused("fields[0]", List.of("update", "'member'"), () -> members.update(ann, (Field<Member>) null));
        refused("fields", List.of("update", "'member'"), () -> members.update(ann, (Field<Member>[]) null));
        refused("id", List.of("watch", "'member'"), () -> members.watch(null, (key, event) -> {}));
        refused("listener", List.of("watch", "'member'"), () -> members.watch(ann.id(), null));
        assertEquals(List.of(ann), members.getAll(List.of(ann.id())), "nothing was deleted");
    }

    @Test
    void transactions() {
        refused("work", List.of("transaction"), () -> store.transaction(null));
        refused("dao", List.of("save"), () -> store.transaction(tx -> tx.save(null, ann)));
        refused("object", List.of("save", "'member'"), () -> store.transaction(tx -> tx.save(members, null)));
        refused("objects[0]", List.of("saveAll", "'member'"),
                () -> store.transaction(tx -> tx.saveAll(members, Arrays.asList((Member) null))));
        refused("object", List.of("update", "'member'"), () -> store.transaction(tx -> tx.update(members, null, MemberQuery.name)));
        refused("id", List.of("delete", "'member'"), () -> store.transaction(tx -> tx.delete(members, null)));
        refused("ids[1]", List.of("deleteAll", "'member'"),
                () -> store.transaction(tx -> tx.deleteAll(members, Arrays.asList(ann.id(), null))));
        refused("dao", List.of("delete"), () -> store.transaction(tx -> tx.delete(null, 1L)));
        assertTrue(members.exists(ann.id()), "a transaction with a refused write commits nothing");
    }

    @Test
    void queryVerbs() {
        refused("condition", List.of("filter", "'member'"), () -> members.query().filter(null));
        refused("condition", List.of("exclude", "'member'"), () -> members.query().exclude(null));
        refused("condition", List.of("union", "'member'"), () -> members.query().union((Condition<Member>) null));
        refused("other", List.of("union", "'member'"), () -> members.query().union((Query<Member, Long>) null));
        refused("condition", List.of("intersect", "'member'"), () -> members.query().intersect((Condition<Member>) null));
        refused("order", List.of("sortBy", "'member'"), () -> members.query().sortBy((Sort<Member>) null));
        refused("fields[0]", List.of("loadOnly", "'member'"), () -> members.query().loadOnly((Field<Member>) null));
        refused("other", List.of("and"), () -> MemberQuery.age.gt(3).and(null));
        refused("other", List.of("or"), () -> MemberQuery.age.gt(3).or(null));
        OrderDao orders = new OrderDao(store);
        CustomerDao customers = new CustomerDao(store);
        refused("reference", List.of("loadRelated", "'order'"), () -> orders.query().loadRelated(null, customers));
        refused("related", List.of("loadRelated", "'order'"), () -> orders.query().loadRelated(OrderQuery.customerId, null));
        refused("condition", List.of("matches", "customerId"), () -> OrderQuery.customerId.matches(null));
        refused("reference", List.of("referencedBy"), () -> CustomerQuery.id.referencedBy(null, OrderQuery.status.eq("new")));
        refused("where", List.of("referencedBy"), () -> CustomerQuery.id.referencedBy(OrderQuery.customerId, null));
        assertEquals(0, orders.count() + customers.count());
    }

    @Test
    void fieldConditions() {
        refused("value", List.of("country", "not indexed"), () -> MemberQuery.country.eq(null));
        refused("values", List.of("country"), () -> MemberQuery.country.in((Collection<String>) null));
        refused("values", List.of("country"), () -> MemberQuery.country.in((String[]) null));
        refused("values[1]", List.of("country"), () -> MemberQuery.country.in("DE", null));
        refused("prefix", List.of("country", "startsWith"), () -> MemberQuery.country.startsWith(null));
        refused("text", List.of("name", "contains"), () -> ItemQuery.name.contains(null));
        refused("suffix", List.of("name", "endsWith"), () -> ItemQuery.name.endsWith(null));
        refused("value", List.of("email", "never claimed"), () -> MemberQuery.email.eq(null));
        refused("values", List.of("email"), () -> MemberQuery.email.in((Collection<String>) null));
        refused("value", List.of("age", "range"), () -> MemberQuery.age.gt(null));
        refused("high", List.of("age", "range"), () -> MemberQuery.age.between(1, null));
        refused("values", List.of("age"), () -> MemberQuery.age.in((Collection<Integer>) null));
        refused("values[0]", List.of("age"), () -> MemberQuery.age.in((Integer) null));
        refused("id", List.of("id", "no id"), () -> MemberQuery.id.eq(null));
        refused("ids", List.of("id"), () -> MemberQuery.id.in((Collection<Long>) null));
        assertEquals(0, new ItemDao(store).count());
    }

    @Test
    void storeAndTools() {
        refused("work", List.of("execute"), () -> store.execute(null));
        refused("key", List.of("watchKey"), () -> store.watchKey(null, (key, event) -> {}));
        refused("listener", List.of("watchKey"), () -> store.watchKey("k", null));
        refused("name", List.of("queue"), () -> store.queue(null, String.class));
        refused("type", List.of("queue"), () -> store.queue("jobs", (Class<String>) null));
        refused("mapper", List.of("connect"), () -> RedisStore.connect(store.url(), (ObjectMapper) null));
        refused("options", List.of("connect"), () -> RedisStore.connect(store.url(), (RedisStore.Options) null));
        refused("mapper", List.of("Options.mapper"), () -> RedisStore.Options.defaults().mapper(null));
        refused("url", List.of("connect"), () -> RedisStore.connect((RedisUrl) null, new ObjectMapper()));
        Keyspace ks = store.keyspace();
        refused("name", List.of("key"), () -> ks.key(null));
        refused("pattern", List.of("countPattern"), () -> ks.countPattern(null));
        refused("pattern", List.of("deletePattern"), () -> ks.deletePattern(null));
        refused("others[0]", List.of("zdiffstore"), () -> ks.zdiffstore("d", "k", (String) null));
        try (Pipeline p = store.pipeline()) {
            refused("value", List.of("set"), () -> p.set("k", null));
            refused("name", List.of("key"), () -> p.get(null));
            refused("members[1]", List.of("sadd"), () -> p.sadd("s", "a", null));
            refused("message", List.of("publish"), () -> p.publish("c", null));
        }
        refused("message", List.of("publish"), () -> store.pubSub().publish("c", (String) null));
        refused("message", List.of("publish"), () -> store.pubSub().publish("c", (Object) null));
        refused("listener", List.of("subscribe"), () -> store.pubSub().subscribe((MessageListener<String>) null, "c"));
        refused("channels[0]", List.of("channel"), () -> store.pubSub().subscribe((channel, message) -> {}, (String) null));
        refused("message", List.of("push", "'jobs'"), () -> store.queue("jobs", String.class).push(null));
        refused("name", List.of("contains"), () -> store.luaPrograms().contains(null));
        refused("loader", List.of("LuaPrograms.load"), () -> LuaPrograms.load(store, null));
        refused("args[0]", List.of("Lua program 'types.first_arg'"),
                () -> store.luaPrograms().run("types.first_arg", null, Arrays.asList((String) null)));
    }

    /**
     * Asserts that {@code call} throws InvalidArgumentException naming {@code argument} and each
     * of {@code parts}, and that the namespace is byte for byte as before.
     */
    private void refused(String argument, List<String> parts, Executable call) {
        SortedMap<String, String> before = snapshot();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call, argument + " " + parts);
        assertEquals(argument, e.argument(), e.getMessage());
        assertTrue(e.getMessage().contains(argument), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), part + " in: " + e.getMessage());
        }
        assertUnchanged(before);
    }
}
