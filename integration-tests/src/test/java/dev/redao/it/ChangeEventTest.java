package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.ChannelRecorder.Message;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.it.model.Stock;
import dev.redao.it.model.StockDao;
import dev.redao.it.model.StockQuery;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.messaging.ChangeEvent.Kind;
import dev.redao.runtime.messaging.ChangeEvent;
import dev.redao.runtime.messaging.Subscription;
import dev.redao.samples.messaging.Keyword;
import dev.redao.samples.messaging.KeywordDao;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Saves and deletes of a model with {@code @Model(events = true)} publish one event per object
 * from inside their script, exactly when the write happened; models without events publish nothing.
 * A raw subscriber on every channel ({@link ChannelRecorder}) sees exactly what was published.
 */
class ChangeEventTest extends RedisTestSupport {
    private StockDao stocks;
    private ChannelRecorder recorder;
    private String channel;

    @BeforeEach
    void listenToEverything() throws InterruptedException {
        stocks = new StockDao(store);
        channel = base("stock") + ":events";
        recorder = ChannelRecorder.psubscribe(store, List.of(channel, base("member") + ":events"), "*");
    }

    @AfterEach
    void stopListening() {
        recorder.close();
    }

    private static Message event(String channel, String op, long id, String... fields) {
        StringBuilder json = new StringBuilder("{\"op\":\"" + op + "\",\"id\":\"" + id + "\",\"fields\":[");
        for (int i = 0; i < fields.length; i++) {
            json.append(i > 0 ? "," : "").append('"').append(fields[i]).append('"');
        }
        return new Message(channel, json.append("]}").toString());
    }

    @Test
    void theEventsChannelIsTheModelsBaseKeyPlusEvents() {
        assertEquals(nsKey("{stock}:events"), Internals.keys(stocks).events());
    }

    /**
     * On a cluster of Redis 7 servers an event is a shard message (SPUBLISH), which goes to the node
     * of the model's slot only; elsewhere a PUBLISH. The DAO's subscription receives it either way.
     */
    @Test
    void anEventIsAShardMessageOnARedis7Cluster() throws InterruptedException {
        BlockingQueue<ChangeEvent<Long>> events = new LinkedBlockingQueue<>();
        try (Subscription s = stocks.subscribe(events::add)) {
            stocks.save(new Stock(null, "SKU-0", "north", 1, null)); // loads the script
            Map<String, Long> delta = commandDelta(() -> stocks.save(new Stock(null, "SKU-1", "north", 5, null)));
            boolean sharded = onACluster() && !TestServers.version().startsWith("6.");
            assertEquals(sharded, Internals.shardedEvents(store));
            assertEquals(1L, delta.getOrDefault(sharded ? "spublish" : "publish", 0L), delta.toString());
            assertEquals(null, delta.get(sharded ? "publish" : "spublish"), delta.toString());
            assertEquals(Kind.SAVED, events.poll(10, TimeUnit.SECONDS).kind());
            assertEquals(Kind.SAVED, events.poll(10, TimeUnit.SECONDS).kind());
        }
    }

    @Test
    void aNewObjectPublishesOneEventNamingItsPresentFields() throws InterruptedException {
        Stock s = stocks.save(new Stock(null, "SKU-1", "north", 5, null));
        assertEquals(List.of(event(channel, "saved", s.id(), "sku", "warehouse", "quantity")), recorder.takeAll(),
                "the null note is not stored, so not named");
    }

    @Test
    void anUpdateNamesOnlyTheFieldsWhoseValueChanged() throws InterruptedException {
        Stock s = stocks.save(new Stock(null, "SKU-1", "north", 5, "fragile"));
        recorder.takeAll();

        stocks.save(s.withQuantity(4));
        assertEquals(List.of(event(channel, "saved", s.id(), "quantity")), recorder.takeAll(),
                "an unindexed field's change is seen: every field is read before the save");
        stocks.save(s.withQuantity(4).withNote(null).withSku("SKU-2"));
        assertEquals(List.of(event(channel, "saved", s.id(), "sku", "note")), recorder.takeAll(),
                "a field becoming null changed too");
        stocks.save(s.withQuantity(4).withNote(null).withSku("SKU-2"));
        assertEquals(List.of(event(channel, "saved", s.id())), recorder.takeAll(),
                "a save that changes nothing is still a committed save, with no field named");
    }

    @Test
    void saveAllPublishesOneEventPerObjectInOrder() throws InterruptedException {
        Stock a = stocks.save(new Stock(null, "A", "north", 1, null));
        recorder.takeAll();
        List<Stock> saved = stocks.saveAll(List.of(a.withQuantity(2), new Stock(null, "B", "south", 3, "new")));
        assertEquals(List.of(
                event(channel, "saved", a.id(), "quantity"),
                event(channel, "saved", saved.get(1).id(), "sku", "warehouse", "quantity", "note")), recorder.takeAll());
    }

    @Test
    void aRefusedSavePublishesNothing() throws InterruptedException {
        Stock a = stocks.save(new Stock(null, "A", "north", 1, null));
        Stock b = stocks.save(new Stock(null, "B", "north", 1, null));
        recorder.takeAll();

        assertThrows(UniqueViolationException.class, () -> stocks.save(b.withSku("A")));
        assertThrows(UniqueViolationException.class, () -> stocks.saveAll(List.of(
                new Stock(null, "C", "east", 1, null), new Stock(null, "A", "east", 1, null))));
        assertEquals(List.of(), recorder.takeAll(), "no write, no event");
        assertEquals("A", stocks.get(a.id()).orElseThrow().sku());
    }

    @Test
    void deleteNamesTheFieldsTheObjectHad() throws InterruptedException {
        Stock s = stocks.save(new Stock(null, "SKU-1", "north", 5, null));
        Stock t = stocks.save(new Stock(null, "SKU-2", "south", 1, "x"));
        recorder.takeAll();

        assertTrue(stocks.delete(s.id()));
        assertEquals(List.of(event(channel, "deleted", s.id(), "sku", "warehouse", "quantity")), recorder.takeAll());
        assertEquals(1, stocks.deleteAll(List.of(s.id(), t.id(), 999L)));
        assertEquals(List.of(event(channel, "deleted", t.id(), "sku", "warehouse", "quantity", "note")), recorder.takeAll(),
                "only objects that existed");
    }

    @Test
    void queryDeletePublishesForEachDeletedObject() throws InterruptedException {
        Stock a = stocks.save(new Stock(null, "A", "north", 1, null));
        stocks.save(new Stock(null, "B", "south", 1, null));
        Stock c = stocks.save(new Stock(null, "C", "north", 2, null));
        recorder.takeAll();

        assertEquals(2, stocks.query().filter(StockQuery.warehouse.eq("north")).delete());
        assertEquals(List.of(
                event(channel, "deleted", a.id(), "sku", "warehouse", "quantity"),
                event(channel, "deleted", c.id(), "sku", "warehouse", "quantity")), recorder.takeAll());
        assertEquals(0, stocks.query().filter(StockQuery.warehouse.eq("north")).delete());
        assertEquals(List.of(), recorder.takeAll());
    }

    @Test
    void aModelWithoutEventsPublishesNothing() throws InterruptedException {
        MemberDao members = new MemberDao(store);
        Member ann = members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
        members.save(ann.withAge(32));
        assertThrows(UniqueViolationException.class, () -> members.save(new Member(null, "ann@x", "x", "FR", 1, "X")));
        members.delete(ann.id());
        members.save(ann.withId(null).withEmail("b@x"));
        members.query().filter(MemberQuery.country.eq("DE")).delete();
        assertEquals(List.of(), recorder.takeAll(), "no PUBLISH on any channel");
        assertEquals(0, sumOverServers(jedis -> jedis.pubsubNumSub(base("member") + ":events").get(base("member") + ":events")));
    }

    @Test
    void theDaoDeliversTypedEvents() throws InterruptedException {
        BlockingQueue<ChangeEvent<Long>> events = new LinkedBlockingQueue<>();
        Subscription subscription = stocks.subscribe(events::add);
        Stock s = stocks.save(new Stock(null, "SKU-1", "north", 5, null));
        stocks.save(s.withNote("fragile"));
        stocks.delete(s.id());

        assertEquals(new ChangeEvent<>(Kind.SAVED, s.id(), Set.of("sku", "warehouse", "quantity")), next(events));
        assertEquals(new ChangeEvent<>(Kind.SAVED, s.id(), Set.of("note")), next(events));
        assertEquals(new ChangeEvent<>(Kind.DELETED, s.id(), Set.of("sku", "warehouse", "quantity", "note")), next(events));
        subscription.close();
        // a listener still open on the same connection: once it has the next event, a closed one would have it too
        BlockingQueue<ChangeEvent<Long>> stillOpen = new LinkedBlockingQueue<>();
        stocks.subscribe(stillOpen::add);
        Stock t = stocks.save(new Stock(null, "SKU-2", "north", 5, null));
        assertEquals(t.id(), next(stillOpen).id());
        assertTrue(events.isEmpty(), "no event after close: " + events);
    }

    /** Events are published by the server, so a DAO hears the writes of every process, not only its own. */
    @Test
    void eventsOfWritesFromAnotherStoreArrive() throws InterruptedException {
        BlockingQueue<ChangeEvent<Long>> events = new LinkedBlockingQueue<>();
        stocks.subscribe(events::add);
        try (RedisStore other = connect(ns)) {
            Stock s = new StockDao(other).save(new Stock(null, "SKU-9", "west", 1, null));
            assertEquals(new ChangeEvent<>(Kind.SAVED, s.id(), Set.of("sku", "warehouse", "quantity")), next(events));
        }
    }

    /** The payload is JSON written by cjson in the script: an id with quotes, slashes and non-ASCII text survives. */
    @Test
    void anyStringIdComesBackExactly() throws InterruptedException {
        KeywordDao keywords = new KeywordDao(store);
        BlockingQueue<ChangeEvent<String>> events = new LinkedBlockingQueue<>();
        keywords.subscribe(events::add);
        String word = "a/b \"c\" \\ ü✓ \u0001";
        keywords.save(new Keyword(word, 1, null));
        keywords.delete(word);
        assertEquals(new ChangeEvent<>(Kind.SAVED, word, Set.of("weight")), next(events));
        assertEquals(new ChangeEvent<>(Kind.DELETED, word, Set.of("weight")), next(events));
    }

    private static <ID> ChangeEvent<ID> next(BlockingQueue<ChangeEvent<ID>> events) throws InterruptedException {
        ChangeEvent<ID> e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no event within 10 s");
        return e;
    }
}
