package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.samples.OrdersDemo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The orders demo (transactions, versions, partial updates, large batches, references, a link
 * model) runs against a real server, prints what each step did, and leaves only id counters.
 */
class OrdersDemoTest extends RedisTestSupport {

    /** The base key of a model of the demo's group: <code>{&lt;ns&gt;orders}:&lt;model&gt;</code>. */
    private String orders(String model) {
        return nsKey("{orders}:") + model;
    }

    @Test
    void runsAndCleansUp() {
        String printed = printedBy(() -> OrdersDemo.run(store));
        for (String line : new String[] {
            // key names as the application writes them: the demo leaves the namespace out
            "item keys under {orders}:item, purchases under {orders}:purchase",
            // the transaction: a purchase with its server-assigned id, and the stock moved with the version
            "  Purchase[id=1, buyerId=1, sku=BK-1, quantity=2, status=paid]",
            "stored Item{sku=BK-1, barcode=9780441013593, title=Dune, category=books, price=9.99, stock=10, version=2}",
            // the stale copy: refused, and neither the purchase nor the stock was written
            "optimistic lock failed: item id BK-1 was saved with version 1, but the stored version is 2; nothing was written",
            "purchases: 1, Dune's stock: 10",
            "stock=9, version=3}",
            // a unique conflict in a transaction writes none of it
            "unique constraint violated: buyer.email = 'ann@example.com' is already held by buyer id 1",
            "buyers: 3, purchases: 2, Go board's stock: 3",
            "without the duplicate buyer it commits: Go board's stock 2",
            // partial update and loadOnly keep the fields they do not write
            "stored Item{sku=GM-1, barcode=4006381333931, title=Go board, category=games, price=39.00, stock=2, version=3}",
            "loaded Item{sku=BK-1, barcode=null, title=null, category=null, price=null, stock=9, version=3}",
            "stored Item{sku=BK-1, barcode=9780441013593, title=Dune, category=books, price=9.99, stock=19, version=4}",
            // related loads and filters through references
            "purchase 1: 2 x Dune by Ann (DE)",
            "purchase 2: 1 x Dune by Bob (FR)",
            "purchase 3: 1 x Go board by Eve (DE)",
            "each buyer read once: [1, 2, 3]",
            "purchases of DE buyers: [Purchase[id=1, buyerId=1, sku=BK-1, quantity=2, status=paid],"
                    + " Purchase[id=3, buyerId=3, sku=GM-1, quantity=1, status=paid]]",
            "buyers of BK-1: [Ann, Bob]",
            // many-to-many through ItemLabels
            "links: [BK-1:1, BK-1:2, GM-1:1, GM-1:3]",
            "labels of BK-1: [gift, sale]",
            "items labelled gift: [BK-1, GM-1]",
            "items labelled by name 'new' or 'sale': [BK-1, GM-1]",
            "after unlinking sale: labels of BK-1: [gift]",
            // deletes: CASCADE, SET_NULL, RESTRICT, and RESTRICT lifted in one transaction
            "purchases left: [Purchase[id=2, buyerId=2, sku=BK-1, quantity=1, status=paid],"
                    + " Purchase[id=3, buyerId=3, sku=GM-1, quantity=1, status=paid]]",
            "Review[id=1, authorId=null, text=Dune is a classic], Review[id=2, authorId=3, text=Nice board]",
            "cannot delete item id BK-1: purchase id 2 references it through purchase.sku (onDelete = RESTRICT); nothing was written",
            "BK-1 exists: true, labels of BK-1: [gift]",
            "BK-1 exists: false, links: [GM-1:1, GM-1:3]",
            // large batches: chunked keeps whole scripts, all or nothing keeps none
            "batch of item stopped after 500 objects were saved: unique constraint violated:"
                    + " item.barcode = '4006381333931' is already held by item id GM-1",
            "items stored: 501; removing the 500 written ones",
            "  unique constraint violated: item.barcode = '4006381333931' is already held by item id GM-1"
                    + System.lineSeparator() + "  items stored: 1" + System.lineSeparator(),
            "saved 600, items stored: 601, last Item{sku=BULK-600, barcode=2000000000600",
            // clean-up
            "findByBuyerIdCountry(\"DE\") finds the same: true; countByStatus(\"paid\"): ",
            "buyers deleted 2, items 601, labels 3, reviews 2",
            "buyers 0, items 0, purchases 0, reviews 0, labels 0, links 0",
            "keys left under {orders}: 10, of them id counters: 4, stored schemas: 6"}) {
            assertTrue(printed.contains(line), "printed '" + line + "':\n" + printed);
        }

        assertEquals(Set.of(), RawKeys.startingWith(store, ns), "no key outside the models' hash tags");
        // String ids (items, links) have no counter; the numeric ones outlive their objects, as the
        // stored schemas of the models written do
        Set<String> left = new java.util.TreeSet<>(Set.of(orders("buyer") + ":ids", orders("purchase") + ":ids",
                orders("review") + ":ids", orders("label") + ":ids"));
        for (String model : List.of("buyer", "item", "purchase", "review", "label", "item_labels")) {
            left.add(orders(model) + ":schema");
        }
        assertEquals(left, keys(), "only the id counters and the stored schemas are left");
    }
}
