package dev.redao.it.rel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.ReferencedObjectException;
import dev.redao.runtime.query.Related;
import dev.redao.test.RedaoAssertions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** References: indexes, loadRelated, filters through references, and what deletes do to referrers. */
class RelationsTest extends RedisTestSupport {

    private CustomerDao customers;
    private OrderDao orders;
    private OrderLineDao lines;
    private ReviewDao reviews;
    private InvoiceDao invoices;
    private VisitDao visits;

    @BeforeEach
    void daos() {
        customers = new CustomerDao(store);
        orders = new OrderDao(store);
        lines = new OrderLineDao(store);
        reviews = new ReviewDao(store);
        invoices = new InvoiceDao(store);
        visits = new VisitDao(store);
    }

    private String shop(String model) {
        return nsKey("{shop}:") + model;
    }

    private void checkInvariants() {
        RedaoAssertions.assertConsistent(customers, orders, lines, reviews, invoices, visits);
    }


    /** Runs {@code work} and returns how many scripts it ran (EVALSHA or EVAL). */
    private long scripts(Runnable work) {
        long before = scriptCalls();
        work.run();
        return scriptCalls() - before;
    }

    private <T> T once(Supplier<T> work) {
        work.get(); // the first call also sends the script text
        long before = scriptCalls();
        T result = work.get();
        assertEquals(1, scriptCalls() - before, "one script call");
        return result;
    }

    @Test
    void aReferenceIsIndexedByValueAndModelsOfAGroupShareAHashTag() {
        Customer ann = customers.save(new Customer(null, "ann@x", "DE", "Ann"));
        Order o1 = orders.save(new Order(null, ann.id(), "open", 10));
        Order o2 = orders.save(new Order(null, ann.id(), "paid", 20));
        orders.save(new Order(null, null, "open", 5));
        assertEquals(Set.of("1", "2"), members(shop("order") + ":idx:customerId:" + ann.id()));
        assertEquals(List.of(o1, o2), orders.query().filter(OrderQuery.customerId.eq(ann.id())).list());
        assertTrue(keys().stream().allMatch(k -> k.startsWith(nsKey("{shop}:"))), keys().toString());
        assertFalse(exists(shop("order") + ":lex:customerId"), "a reference has no prefix index");
        checkInvariants();
    }

    @Test
    void loadRelatedReadsEachReferencedObjectOnceInTheSameScript() {
        Customer ann = customers.save(new Customer(null, "ann@x", "DE", "Ann"));
        Customer bob = customers.save(new Customer(null, "bob@x", "FR", "Bob"));
        for (int i = 0; i < 3; i++) {
            orders.save(new Order(null, ann.id(), "open", i));
        }
        orders.save(new Order(null, bob.id(), "open", 9));
        orders.save(new Order(null, null, "open", 0));

        Related<Order> result = once(() -> orders.query().filter(OrderQuery.status.eq("open"))
                .loadRelated(OrderQuery.customerId, customers).list());
        assertEquals(5, result.objects().size());
        Map<Long, Customer> byId = result.related(OrderQuery.customerId);
        assertEquals(Map.of(ann.id(), ann, bob.id(), bob), byId, "each customer once");
        assertEquals(ann, result.get(OrderQuery.customerId, result.objects().get(0).customerId()));
        assertNull(result.get(OrderQuery.customerId, null), "no reference, no related object");

        Related<Order> names = orders.query().loadRelated(OrderQuery.customerId, customers, CustomerQuery.name).list();
        assertEquals(new Customer(ann.id(), null, null, "Ann"), names.get(OrderQuery.customerId, ann.id()));
    }

    @Test
    void aDanglingReferenceLoadsAsNull() {
        Customer ann = customers.save(new Customer(null, "ann@x", "DE", "Ann"));
        Visit v = visits.save(new Visit(null, ann.id(), "/home"));
        customers.delete(ann.id()); // KEEP: the visit keeps pointing at nothing
        assertEquals(v, visits.get(v.id()).orElseThrow());
        if (onACluster()) {
            return; // visit and customer are in two hash slots: see the next test
        }
        Related<Visit> result = visits.query().loadRelated(VisitQuery.customerId, customers).list();
        assertEquals(List.of(v), result.objects());
        assertNull(result.get(VisitQuery.customerId, ann.id()));
        assertEquals(Map.of(), result.related(VisitQuery.customerId));
    }

    /**
     * Visit and customer are in different groups, so in different hash slots: on a Redis Cluster a
     * query that reads both (related loads, filters through the reference) is refused before
     * anything is sent, whichever nodes hold the slots. A single server runs it.
     */
    @Test
    void aQueryAcrossGroupsRunsOnOneServerAndIsRefusedOnACluster() {
        Customer ann = customers.save(new Customer(null, "ann@x", "DE", "Ann"));
        Visit v = visits.save(new Visit(null, ann.id(), "/home"));
        if (onACluster()) {
            CrossSlotException e = assertThrows(CrossSlotException.class,
                    () -> visits.query().loadRelated(VisitQuery.customerId, customers).list());
            assertTrue(e.getMessage().contains(base("shop") + ":customer") && e.getMessage().contains("@Model(group)"),
                    e.getMessage());
            assertThrows(CrossSlotException.class,
                    () -> visits.query().filter(VisitQuery.customerId.matches(CustomerQuery.country.eq("DE"))).list());
        } else {
            assertEquals(ann, visits.query().loadRelated(VisitQuery.customerId, customers).list()
                    .get(VisitQuery.customerId, ann.id()));
            assertEquals(List.of(v),
                    visits.query().filter(VisitQuery.customerId.matches(CustomerQuery.country.eq("DE"))).list());
        }
    }

    @Test
    void filtersGoThroughReferencesInOneScript() {
        Customer ann = customers.save(new Customer(null, "ann@x", "DE", "Ann"));
        Customer bob = customers.save(new Customer(null, "bob@x", "FR", "Bob"));
        Customer eve = customers.save(new Customer(null, "eve@x", "DE", "Eve"));
        Order a1 = orders.save(new Order(null, ann.id(), "open", 1));
        Order a2 = orders.save(new Order(null, ann.id(), "paid", 2));
        orders.save(new Order(null, bob.id(), "open", 3));
        Order e1 = orders.save(new Order(null, eve.id(), "open", 4));
        OrderLine l1 = lines.save(new OrderLine(null, a1.id(), "sku-1", 1));
        lines.save(new OrderLine(null, 3L, "sku-2", 1));
        OrderLine l3 = lines.save(new OrderLine(null, e1.id(), "sku-3", 1));

        List<Order> german = once(() -> orders.query()
                .filter(OrderQuery.customerId.matches(CustomerQuery.country.eq("DE"))).list());
        assertEquals(List.of(a1, a2, e1), german);
        assertEquals(List.of(a1, e1), orders.query()
                .filter(OrderQuery.customerId.matches(CustomerQuery.country.eq("DE")))
                .filter(OrderQuery.status.eq("open")).list());
        assertEquals(List.of(a2), orders.query()
                .filter(OrderQuery.customerId.matches(CustomerQuery.email.eq("ann@x")))
                .exclude(OrderQuery.status.eq("open")).list());
        // two levels: lines whose order's customer lives in Germany
        assertEquals(List.of(l1, l3), lines.query()
                .filter(OrderLineQuery.orderId.matches(OrderQuery.customerId.matches(CustomerQuery.country.eq("DE"))))
                .list());
        assertEquals(0, orders.query().filter(OrderQuery.customerId.matches(CustomerQuery.country.eq("IT"))).count());
        assertEquals(0, scripts(() -> orders.query()
                .filter(OrderQuery.customerId.matches(CustomerQuery.country.in(List.of()))).list()),
                "nothing can match: no round trip");
    }

    @Test
    void deletingACustomerCascadesThreeLevelsAndClearsReviewsInOneScript() {
        Customer ann = customers.save(new Customer(null, "ann@x", "DE", "Ann"));
        Customer bob = customers.save(new Customer(null, "bob@x", "FR", "Bob"));
        Order a1 = orders.save(new Order(null, ann.id(), "open", 1));
        Order a2 = orders.save(new Order(null, ann.id(), "paid", 2));
        Order b1 = orders.save(new Order(null, bob.id(), "open", 3));
        lines.save(new OrderLine(null, a1.id(), "a1-x", 1));
        lines.save(new OrderLine(null, a1.id(), "a1-y", 2));
        lines.save(new OrderLine(null, a2.id(), "a2-x", 1));
        OrderLine bLine = lines.save(new OrderLine(null, b1.id(), "b1-x", 1));
        Review r = reviews.save(new Review(null, ann.id(), "great", 0));
        Review other = reviews.save(new Review(null, bob.id(), "fine", 0));

        long calls = scripts(() -> assertTrue(customers.delete(ann.id())));
        assertTrue(calls == 1 || calls == 2, "one EVALSHA (and an EVAL the first time): " + calls);

        assertEquals(List.of(bob), customers.query().list());
        assertEquals(List.of(b1), orders.query().list());
        assertEquals(List.of(bLine), lines.query().list());
        assertEquals(new Review(r.id(), null, "great", 2), reviews.get(r.id()).orElseThrow(),
                "the reference is cleared and the version moved");
        assertEquals(other, reviews.get(other.id()).orElseThrow());
        assertFalse(exists(shop("review") + ":idx:authorId:" + ann.id()));
        assertEquals(Map.of("b1-x", String.valueOf(bLine.id())), hash(shop("line") + ":uni:sku"));
        checkInvariants();
    }

    @Test
    void aRestrictReferenceRefusesTheWholeDelete() {
        Customer ann = customers.save(new Customer(null, "ann@x", "DE", "Ann"));
        Order a1 = orders.save(new Order(null, ann.id(), "open", 1));
        orders.save(new Order(null, ann.id(), "open", 2));
        lines.save(new OrderLine(null, a1.id(), "x", 1));
        reviews.save(new Review(null, ann.id(), "r", 0));
        invoices.save(new Invoice("inv-1", a1.id(), "2026-001"));
        SortedMap<String, String> before = snapshot();

        ReferencedObjectException e = assertThrows(ReferencedObjectException.class, () -> customers.delete(ann.id()));
        assertEquals("order", e.model());
        assertEquals(a1.id(), e.id());
        assertEquals("invoice", e.referrerModel());
        assertEquals("orderId", e.referrerField());
        assertEquals("inv-1", e.referrerId());
        assertUnchanged(before);

        // deleting the invoice in the same call lets the delete through
        store.transaction(tx -> {
            tx.delete(invoices, "inv-1");
            tx.delete(customers, ann.id());
        });
        assertEquals(0, orders.count());
        assertEquals(0, invoices.count());
        assertEquals(0, lines.count());
        checkInvariants();
    }

    @Test
    void aTransactionCanDeleteACustomerAndGiveItsEmailToANewOne() {
        Customer ann = customers.save(new Customer(null, "ann@x", "DE", "Ann"));
        orders.save(new Order(null, ann.id(), "open", 1));
        store.transaction(tx -> {
            tx.delete(customers, ann.id());
            tx.save(customers, new Customer(null, "ann@x", "AT", "Ann again"));
        });
        assertEquals("AT", customers.getByEmail("ann@x").orElseThrow().country());
        assertEquals(0, orders.count());
        checkInvariants();
    }

    @Test
    void deleteByQueryAndDeleteAllFollowReferences() {
        Customer ann = customers.save(new Customer(null, "ann@x", "DE", "Ann"));
        Customer eve = customers.save(new Customer(null, "eve@x", "DE", "Eve"));
        Customer bob = customers.save(new Customer(null, "bob@x", "FR", "Bob"));
        for (Customer c : List.of(ann, eve, bob)) {
            Order o = orders.save(new Order(null, c.id(), "open", 1));
            lines.save(new OrderLine(null, o.id(), "sku-" + c.id(), 1));
        }
        assertEquals(2, customers.query().filter(CustomerQuery.country.eq("DE")).delete());
        assertEquals(1, orders.count());
        assertEquals(1, lines.count());
        assertEquals(1, customers.deleteAll(List.of(bob.id(), 99L)));
        assertEquals(0, orders.count());
        assertEquals(0, lines.count());
        checkInvariants();
    }

    @Test
    void savingAReferrerInTheSameCallKeepsItsReference() {
        Customer ann = customers.save(new Customer(null, "ann@x", "DE", "Ann"));
        Review r = reviews.save(new Review(null, ann.id(), "r", 0));
        store.transaction(tx -> {
            tx.delete(customers, ann.id());
            tx.save(reviews, new Review(r.id(), ann.id(), "edited", r.version()));
        });
        assertEquals(new Review(r.id(), ann.id(), "edited", 2), reviews.get(r.id()).orElseThrow(),
                "the save decides the review's fields");
        checkInvariants();
    }
}
