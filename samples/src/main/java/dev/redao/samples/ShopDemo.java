package dev.redao.samples;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.samples.shop.Category;
import dev.redao.samples.shop.Customer;
import dev.redao.samples.shop.CustomerDao;
import dev.redao.samples.shop.CustomerQuery;
import dev.redao.samples.shop.Product;
import dev.redao.samples.shop.ProductDao;
import dev.redao.samples.shop.ProductQuery;
import dev.redao.testsupport.LocalRedis;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The samples' entry point ({@code mvn -B -pl samples -am -DskipTests package exec:java} runs its
 * main): a small shop, then {@link MessagingDemo}, {@link QueueDemo}, {@link ToolsDemo},
 * {@link OrdersDemo}, {@link DictionaryDemo} and {@link StructuresDemo}, run against
 * {@code REDIS_URL} if it is set, else against a Redis server started for the run. Prints each step and what it did in Redis.
 * Everything it writes is under a namespace of its own, which the output leaves out of key names,
 * and is deleted at the end.
 */
public final class ShopDemo {
    private ShopDemo() {}

    public static void main(String[] args) {
        System.out.println("dev.redao.samples.ShopDemo: the shop, messaging, queue, tools, orders, dictionary and structures demos");
        try (LocalRedis redis = LocalRedis.start()) {
            System.out.println("Redis " + redis.version() + " (" + redis.source() + ") at " + redis);
            String namespace = "shopdemo" + Long.toString(System.nanoTime(), 36);
            System.out.println("Namespace " + namespace + ": key names below leave it out ({customer}:... is "
                    + "{" + namespace + ":customer}:... in Redis, motd is " + namespace + ":motd)");
            try (RedisStore store = RedisStore.connect(redis.url() + "?namespace=" + namespace)) {
                run(store);
                MessagingDemo.run(store, redis.source() != LocalRedis.Source.ENV);
                QueueDemo.run(store);
                ToolsDemo.run(store);
                OrdersDemo.run(store);
                DictionaryDemo.run(store);
                StructuresDemo.run(store);
                AsyncDemo.run(store);
                // the id counters stay when objects go (an id is never given twice), and so do the models'
                // stored schemas: this run's namespace is its own
                System.out.println();
                System.out.println("Removed the run's " + store.keyspace().deletePattern("*")
                        + " id counters and stored schemas: its namespace is empty");
            }
        }
    }

    static void run(RedisStore store) {
        CustomerDao customers = new CustomerDao(store);
        ProductDao products = new ProductDao(store);

        step("Save two customers: the server assigns their ids inside the save script");
        Customer ann = customers.save(new Customer(null, "ann@example.com", "DE", "Ann", List.of("vip"), Instant.now()));
        Customer bob = customers.save(new Customer(null, "bob@example.com", "FR", "Bob", List.of(), Instant.now()));
        System.out.println("  " + ann + "\n  " + bob);

        step("Look Ann up by her unique email (one round trip)");
        System.out.println("  " + customers.getByEmail("ann@example.com").orElseThrow());

        step("Bob tries to take Ann's email: refused, and nothing is written");
        try {
            customers.save(new Customer(bob.id(), "ann@example.com", "FR", "Bob", List.of(), bob.joinedAt()));
        } catch (UniqueViolationException e) {
            System.out.println("  " + e.getMessage());
        }
        System.out.println("  Bob is still " + customers.get(bob.id()).orElseThrow().email());

        step("Ann moves to Austria: her id leaves the DE index and joins AT, atomically");
        customers.save(new Customer(ann.id(), ann.email(), "AT", ann.name(), ann.tags(), ann.joinedAt()));
        for (String key : List.of("{customer}:idx:country:DE", "{customer}:idx:country:AT")) {
            System.out.println("  " + key + " -> " + members(store, store.keyspace().key(key)));
        }

        step("Stock the shelves with saveAll: all or nothing, one script");
        List<Product> stocked = products.saveAll(List.of(
                new Product("BK-1", "Dune", Category.BOOKS, new BigDecimal("9.99"), 12),
                new Product("GM-1", "Go board", Category.GAMES, new BigDecimal("45.00"), 3),
                new Product("MU-1", "Kind of Blue", Category.MUSIC, new BigDecimal("14.50"), 7)));
        stocked.forEach(p -> System.out.println("  " + p));

        step("A batch with one duplicate SKU is refused whole");
        try {
            products.saveAll(List.of(
                    new Product("TL-1", "Hammer", Category.TOOLS, new BigDecimal("19.00"), 5),
                    new Product("BK-1", "Dune (again)", Category.BOOKS, new BigDecimal("8.00"), 1)));
        } catch (UniqueViolationException e) {
            System.out.println("  " + e.getMessage());
        }
        System.out.println("  products stored: " + products.count() + " (the hammer was not saved either)");

        step("Query: books and music under 15.00, dearest first (one script: index algebra, sort, page, load)");
        List<Product> cheap = products.query()
                .filter(ProductQuery.category.in(Category.BOOKS, Category.MUSIC))
                .filter(ProductQuery.price.lt(new BigDecimal("15.00")))
                .sortBy(ProductQuery.price.desc())
                .limit(10)
                .list();
        cheap.forEach(p -> System.out.println("  " + p));

        step("Query: customers with either email, except those in FR");
        System.out.println("  ids " + customers.query()
                .filter(CustomerQuery.email.in("ann@example.com", "bob@example.com"))
                .exclude(CustomerQuery.country.eq("FR"))
                .ids()
                + ", count in AT = " + customers.query().filter(CustomerQuery.country.eq("AT")).count());

        step("Delete a product: its hash, its id and every index entry go in one script");
        Product board = stocked.get(1);
        products.delete(board.getId());
        System.out.println("  exists(" + board.getId() + ") = " + products.exists(board.getId())
                + ", SKU GM-1 free again: " + products.getBySku("GM-1").isEmpty());

        step("Clean up this run's keys");
        customers.deleteAll(List.of(ann.id(), bob.id()));
        products.deleteAll(stocked.stream().map(Product::getId).toList());
        System.out.println("  customers: " + customers.count() + ", products: " + products.count());
    }

    private static Object members(RedisStore store, String key) {
        return store.execute(jedis -> jedis.smembers(key));
    }

    private static void step(String what) {
        System.out.println();
        System.out.println("== " + what);
    }
}
