package dev.redao.it.rel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.runtime.ReferencedObjectException;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Eight threads create customers, orders, lines, reviews and invoices while others delete
 * customers (cascading to orders and lines, clearing reviews, refused by invoices) and orders.
 * Whatever the interleaving, every index and unique entry of every model agrees with the objects
 * afterwards, and a final delete of every customer leaves no order or line of theirs behind.
 */
class RelationsConcurrencyTest extends RedisTestSupport {
    private static final int THREADS = 8;
    private static final int OPERATIONS = 250;
    private static final int CUSTOMERS = 30;

    @Test
    void cascadesUnderConcurrentWritersKeepEveryIndexTrue() throws Exception {
        CustomerDao customers = new CustomerDao(store);
        OrderDao orders = new OrderDao(store);
        OrderLineDao lines = new OrderLineDao(store);
        ReviewDao reviews = new ReviewDao(store);
        InvoiceDao invoices = new InvoiceDao(store);
        AtomicLong cascades = new AtomicLong();
        AtomicLong restricted = new AtomicLong();
        AtomicLong taken = new AtomicLong();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 9100 + t;
                futures.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    for (int i = 0; i < OPERATIONS; i++) {
                        long customer = 1 + rnd.nextInt(CUSTOMERS);
                        long order = 1 + rnd.nextInt(4 * CUSTOMERS);
                        try {
                            switch (rnd.nextInt(10)) {
                                case 0, 1 -> customers.save(new Customer(customer, "c" + rnd.nextInt(CUSTOMERS) + "@x",
                                        rnd.nextBoolean() ? "DE" : "FR", "C" + customer));
                                case 2, 3 -> orders.save(new Order(order, customer, rnd.nextBoolean() ? "open" : "paid", i));
                                case 4 -> lines.save(new OrderLine(null, order, "sku-" + rnd.nextInt(50), 1));
                                case 5 -> reviews.save(new Review(null, customer, "r", 0));
                                case 6 -> invoices.save(new Invoice("inv-" + rnd.nextInt(10), order, "n" + rnd.nextInt(20)));
                                case 7 -> invoices.delete("inv-" + rnd.nextInt(10));
                                case 8 -> {
                                    customers.delete(customer);
                                    cascades.incrementAndGet();
                                }
                                default -> orders.delete(order);
                            }
                        } catch (ReferencedObjectException e) {
                            restricted.incrementAndGet();
                        } catch (UniqueViolationException e) {
                            taken.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS); // rethrows anything unexpected
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(cascades.get() > 0 && restricted.get() > 0 && taken.get() > 0,
                "every outcome happens: " + cascades + " deletes, " + restricted + " restricted, " + taken + " taken");
        RedaoAssertions.assertConsistent(customers, orders, lines, reviews, invoices);

        // every order and line that still names a live customer goes with it
        invoices.deleteAll(invoices.query().ids());
        List<Long> live = customers.query().ids();
        assertEquals(live.size(), customers.deleteAll(live));
        for (Order o : orders.query().list()) {
            assertTrue(o.customerId() == null || live.stream().noneMatch(o.customerId()::equals),
                    "order " + o.id() + " of deleted customer " + o.customerId() + " survived");
        }
        assertEquals(List.of(), reviews.query().filter(ReviewQuery.authorId.in(live)).ids(), "reviews are cleared");
        RedaoAssertions.assertConsistent(customers, orders, lines, reviews, invoices);
    }
}
