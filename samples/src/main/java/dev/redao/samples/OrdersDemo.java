package dev.redao.samples;

import dev.redao.runtime.BatchMode;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.OptimisticLockException;
import dev.redao.runtime.PartialBatchException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.ReferencedObjectException;
import dev.redao.runtime.Saved;
import dev.redao.runtime.Transaction;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.query.Related;
import dev.redao.runtime.tools.Keyspace;
import dev.redao.samples.orders.Buyer;
import dev.redao.samples.orders.BuyerDao;
import dev.redao.samples.orders.BuyerQuery;
import dev.redao.samples.orders.Item;
import dev.redao.samples.orders.ItemDao;
import dev.redao.samples.orders.ItemLabels;
import dev.redao.samples.orders.ItemLabelsDao;
import dev.redao.samples.orders.ItemLabelsQuery;
import dev.redao.samples.orders.ItemQuery;
import dev.redao.samples.orders.Label;
import dev.redao.samples.orders.LabelDao;
import dev.redao.samples.orders.LabelQuery;
import dev.redao.samples.orders.Purchase;
import dev.redao.samples.orders.PurchaseQueries;
import dev.redao.samples.orders.PurchaseQueriesImpl;
import dev.redao.samples.orders.PurchaseDao;
import dev.redao.samples.orders.PurchaseQuery;
import dev.redao.samples.orders.Review;
import dev.redao.samples.orders.ReviewDao;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders: transactions over several models, {@code @Version} optimistic locking, partial
 * updates, large all-or-nothing batches, references (related loads, filters through a
 * reference, CASCADE / SET_NULL / RESTRICT on delete) and a many-to-many link model. The models
 * are in {@link dev.redao.samples.orders}. Prints each step; leaves only the id counters and the stored schemas behind.
 */
public final class OrdersDemo {
    /** More than one script ({@link ModelDao#BATCH_SIZE} objects), so the batch modes differ. */
    static final int BULK = 600;

    private OrdersDemo() {}

    public static void run(RedisStore store) {
        BuyerDao buyers = new BuyerDao(store);
        ItemDao items = new ItemDao(store);
        PurchaseDao purchases = new PurchaseDao(store);
        ReviewDao reviews = new ReviewDao(store);
        LabelDao labels = new LabelDao(store);
        ItemLabelsDao itemLabels = new ItemLabelsDao(store);

        step("Orders: the models of @Model(group = \"orders\") share one hash tag, so one script may write several of them");
        Buyer ann = buyers.save(new Buyer(null, "ann@example.com", "DE", "Ann"));
        Buyer bob = buyers.save(new Buyer(null, "bob@example.com", "FR", "Bob"));
        Buyer eve = buyers.save(new Buyer(null, "eve@example.com", "DE", "Eve"));
        items.saveAll(List.of(
                new Item("BK-1", "9780441013593", "Dune", "books", new BigDecimal("9.99"), 12),
                new Item("GM-1", "4006381333931", "Go board", "games", new BigDecimal("45.00"), 3)));
        System.out.println("  buyers " + buyers.query().list());
        System.out.println("  item keys under {orders}:item, purchases under {orders}:purchase");

        step("Ann buys two copies of Dune in a transaction: the purchase and the new stock in one script");
        Item annsCopy = items.get("BK-1").orElseThrow();
        Item bobsCopy = items.get("BK-1").orElseThrow(); // Bob reads the same version at the same time
        System.out.println("  Ann and Bob both read " + annsCopy);
        Saved<Purchase> annsPurchase;
        try (Transaction tx = store.beginTransaction()) {
            annsPurchase = tx.save(purchases, new Purchase(null, ann.id(), "BK-1", 2, "paid"));
            annsCopy.setStock(annsCopy.getStock() - 2);
            // writes only stock (and the version, always checked and advanced); other fields stay
            tx.update(items, annsCopy, ItemQuery.stock);
            tx.commit();
        }
        // the server assigns the purchase's id inside the script: it is known after the commit
        System.out.println("  " + annsPurchase.get());
        System.out.println("  stored " + items.get("BK-1").orElseThrow());

        step("Bob's copy is stale (version 1, stored 2): his transaction is refused and writes nothing");
        try (Transaction tx = store.beginTransaction()) {
            tx.save(purchases, new Purchase(null, bob.id(), "BK-1", 1, "paid"));
            bobsCopy.setStock(bobsCopy.getStock() - 1);
            tx.update(items, bobsCopy, ItemQuery.stock);
            tx.commit();
        } catch (OptimisticLockException e) {
            System.out.println("  " + e.getMessage());
        }
        System.out.println("  purchases: " + purchases.count() + ", Dune's stock: " + items.get("BK-1").orElseThrow().getStock());

        step("Bob reads Dune again and retries: now his version is current");
        Item fresh = items.get("BK-1").orElseThrow();
        store.transaction(tx -> {
            tx.save(purchases, new Purchase(null, bob.id(), "BK-1", 1, "paid"));
            fresh.setStock(fresh.getStock() - 1);
            tx.update(items, fresh, ItemQuery.stock);
        });
        System.out.println("  stored " + items.get("BK-1").orElseThrow());

        step("A transaction with a unique conflict (a new buyer with Ann's email) writes none of its parts");
        Item board = items.get("GM-1").orElseThrow();
        try {
            store.transaction(tx -> {
                tx.save(purchases, new Purchase(null, eve.id(), "GM-1", 1, "paid"));
                board.setStock(board.getStock() - 1);
                tx.update(items, board, ItemQuery.stock);
                tx.save(buyers, new Buyer(null, "ann@example.com", "AT", "Ann's double"));
            });
        } catch (UniqueViolationException e) {
            System.out.println("  " + e.getMessage());
        }
        System.out.println("  buyers: " + buyers.count() + ", purchases: " + purchases.count()
                + ", Go board's stock: " + items.get("GM-1").orElseThrow().getStock());
        store.transaction(tx -> {
            tx.save(purchases, new Purchase(null, eve.id(), "GM-1", 1, "paid"));
            tx.update(items, board, ItemQuery.stock); // board still carries the decrement and version 1
        });
        System.out.println("  without the duplicate buyer it commits: Go board's stock " + items.get("GM-1").orElseThrow().getStock());

        step("Partial update: a new price for the board; an object holding only sku, price and version is enough");
        Item priceChange = new Item();
        priceChange.setSku("GM-1");
        priceChange.setPrice(new BigDecimal("39.00"));
        priceChange.setVersion(board.getVersion());
        items.update(priceChange, ItemQuery.price);
        System.out.println("  stored " + items.get("GM-1").orElseThrow());

        step("loadOnly: restock every book, loading only the stock; the save writes stock and version, nothing else");
        for (Item book : items.query().filter(ItemQuery.category.eq("books")).loadOnly(ItemQuery.stock).list()) {
            System.out.println("  loaded " + book);
            book.setStock(book.getStock() + 10);
            items.save(book);
        }
        System.out.println("  stored " + items.get("BK-1").orElseThrow());

        step("loadRelated: the paid purchases with their buyers and the items' titles, one round trip");
        Related<Purchase> paid = purchases.query()
                .filter(PurchaseQuery.status.eq("paid"))
                .loadRelated(PurchaseQuery.buyerId, buyers)
                .loadRelated(PurchaseQuery.sku, items, ItemQuery.title)
                .list();
        for (Purchase p : paid.objects()) {
            Buyer buyer = paid.get(PurchaseQuery.buyerId, p.buyerId());
            Item item = paid.get(PurchaseQuery.sku, p.sku());
            System.out.println("  purchase " + p.id() + ": " + p.quantity() + " x " + item.getTitle()
                    + " by " + buyer.name() + " (" + buyer.country() + ")");
        }
        System.out.println("  each buyer read once: " + paid.related(PurchaseQuery.buyerId).keySet());

        step("Filters through references: purchases of German buyers, and who bought Dune (each one script)");
        List<Purchase> german = purchases.query()
                .filter(PurchaseQuery.buyerId.matches(BuyerQuery.country.eq("DE")))
                .list();
        System.out.println("  purchases of DE buyers: " + german);
        List<Buyer> duneBuyers = buyers.query()
                .filter(BuyerQuery.id.referencedBy(PurchaseQuery.buyerId, PurchaseQuery.sku.eq("BK-1")))
                .list();
        System.out.println("  buyers of BK-1: " + duneBuyers.stream().map(Buyer::name).toList());

        step("Query methods: the same filters declared by name in PurchaseQueries, checked at compile time");
        PurchaseQueries byName = new PurchaseQueriesImpl(purchases);
        System.out.println("  findByBuyerIdCountry(\"DE\") finds the same: " + byName.findByBuyerIdCountry("DE").equals(german)
                + "; countByStatus(\"paid\"): " + byName.countByStatus("paid") + "; findIdBySku(\"BK-1\"): "
                + byName.findIdBySku("BK-1"));

        step("Many-to-many: labels on items through the generated link model ItemLabels");
        List<Label> made = labels.saveAll(List.of(new Label(null, "gift"), new Label(null, "sale"), new Label(null, "new")));
        Label gift = made.get(0);
        Label sale = made.get(1);
        Label brandNew = made.get(2);
        itemLabels.saveAll(List.of(
                ItemLabels.of("BK-1", gift.id()), ItemLabels.of("BK-1", sale.id()),
                ItemLabels.of("GM-1", gift.id()), ItemLabels.of("GM-1", brandNew.id())));
        // the link's id is made of both ids, so linking a pair again is the same object, not a second link
        itemLabels.save(ItemLabels.of("BK-1", gift.id()));
        System.out.println("  links: " + itemLabels.query().ids());
        System.out.println("  labels of BK-1: " + labelNames(labels, "BK-1"));
        System.out.println("  items labelled gift: " + items.query()
                .filter(ItemQuery.sku.referencedBy(ItemLabelsQuery.itemId, ItemLabelsQuery.labelId.eq(gift.id())))
                .ids());
        System.out.println("  items labelled by name 'new' or 'sale': " + items.query()
                .filter(ItemQuery.sku.referencedBy(ItemLabelsQuery.itemId,
                        ItemLabelsQuery.labelId.matches(LabelQuery.name.in("new", "sale"))))
                .ids());
        itemLabels.delete(ItemLabels.idOf("BK-1", sale.id()));
        System.out.println("  after unlinking sale: labels of BK-1: " + labelNames(labels, "BK-1"));

        step("Deleting Ann: her purchases go with her (CASCADE), her review stays without author (SET_NULL)");
        Review annsReview = reviews.save(new Review(null, ann.id(), "Dune is a classic"));
        Review evesReview = reviews.save(new Review(null, eve.id(), "Nice board"));
        buyers.delete(ann.id()); // one script: the buyer, her purchases, her reviews' reference
        System.out.println("  purchases left: " + purchases.query().list());
        System.out.println("  " + reviews.get(annsReview.id()).orElseThrow() + ", " + reviews.get(evesReview.id()).orElseThrow());

        step("Deleting Dune while Bob's purchase references it: refused (RESTRICT), nothing is written");
        try {
            items.delete("BK-1");
        } catch (ReferencedObjectException e) {
            System.out.println("  " + e.getMessage());
        }
        System.out.println("  BK-1 exists: " + items.exists("BK-1") + ", labels of BK-1: " + labelNames(labels, "BK-1"));

        step("Deleting the purchase and the item in one transaction is allowed; Dune's label links go too (CASCADE)");
        List<Long> dunePurchases = purchases.query().filter(PurchaseQuery.sku.eq("BK-1")).ids();
        store.transaction(tx -> {
            tx.deleteAll(purchases, dunePurchases);
            tx.delete(items, "BK-1");
        });
        System.out.println("  BK-1 exists: " + items.exists("BK-1") + ", links: " + itemLabels.query().ids());

        step("saveAll of " + BULK + " items in the default CHUNKED mode: scripts of " + ModelDao.BATCH_SIZE
                + "; a conflict in the last one keeps the earlier ones");
        try {
            items.saveAll(bulkItems(board.getBarcode()), BatchMode.CHUNKED);
        } catch (PartialBatchException e) {
            System.out.println("  " + e.getMessage());
            System.out.println("  items stored: " + items.count() + "; removing the " + e.written() + " written ones");
            items.deleteAll(bulkSkus(e.written()));
        }

        step("The same batch with BatchMode.ALL_OR_NOTHING: every barcode is claimed first, so nothing is written");
        // fresh objects: a class saved by the chunked run carries its new version, which a new save would refuse
        try {
            items.saveAll(bulkItems(board.getBarcode()), BatchMode.ALL_OR_NOTHING);
        } catch (UniqueViolationException e) {
            System.out.println("  " + e.getMessage());
        }
        System.out.println("  items stored: " + items.count());

        step("The fixed batch: all " + BULK + " items or none, and here all");
        List<Item> bulk = items.saveAll(bulkItems(null), BatchMode.ALL_OR_NOTHING);
        System.out.println("  saved " + bulk.size() + ", items stored: " + items.count()
                + ", last " + items.get("BULK-600").orElseThrow());

        step("Clean up: delete by query; cascades take the purchases and the label links");
        System.out.println("  buyers deleted " + buyers.query().delete() + ", items " + items.query().delete()
                + ", labels " + labels.query().delete() + ", reviews " + reviews.query().delete());
        System.out.println("  buyers " + buyers.count() + ", items " + items.count() + ", purchases " + purchases.count()
                + ", reviews " + reviews.count() + ", labels " + labels.count() + ", links " + itemLabels.count());
        Keyspace ks = store.keyspace();
        System.out.println("  keys left under {orders}: " + ks.countPattern("{orders}:*")
                + ", of them id counters: " + ks.countPattern("{orders}:*:ids") + ", stored schemas: "
                + ks.countPattern("{orders}:*:schema"));
    }

    /** The names of the labels of an item: the labels that a link of this item references. */
    private static List<String> labelNames(LabelDao labels, String sku) {
        return labels.query()
                .filter(LabelQuery.id.referencedBy(ItemLabelsQuery.labelId, ItemLabelsQuery.itemId.eq(sku)))
                .list().stream().map(Label::name).toList();
    }

    /**
     * BULK-001 .. BULK-600 with barcodes of their own, as new objects each time; with
     * {@code takenBarcode} (not null) the last one reuses that barcode instead.
     */
    private static List<Item> bulkItems(String takenBarcode) {
        List<Item> out = new ArrayList<>(BULK);
        for (int i = 1; i <= BULK; i++) {
            String barcode = i == BULK && takenBarcode != null ? takenBarcode : String.format("2000000000%03d", i);
            out.add(new Item(String.format("BULK-%03d", i), barcode, "Bulk item " + i, i % 2 == 0 ? "books" : "games",
                    new BigDecimal("1.00"), 100));
        }
        return out;
    }

    /** The SKUs of the first {@code n} bulk items. */
    private static List<String> bulkSkus(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(String.format("BULK-%03d", i));
        }
        return out;
    }

    private static void step(String what) {
        System.out.println();
        System.out.println("== " + what);
    }
}
