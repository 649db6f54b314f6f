package dev.redao.samples;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.async.AsyncDao;
import dev.redao.samples.shop.Customer;
import dev.redao.samples.shop.CustomerDao;
import dev.redao.samples.shop.CustomerQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asynchronous calls (docs/async.md): 64 customers saved at once, each future completing with
 * the saved customer; a query and a count as futures; a unique violation as a failed future with
 * the blocking call's exception; the customers deleted again. Prints each step.
 */
public final class AsyncDemo {
    private AsyncDemo() {}

    public static void run(RedisStore store) {
        CustomerDao customers = new CustomerDao(store);
        AsyncDao<Customer, Long> async = customers.async();

        step("Save 64 customers at once: 64 futures, their scripts sent together in pipelines");
        List<CompletableFuture<Customer>> saves = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            saves.add(async.save(new Customer(null, "async" + i + "@example.com", i % 2 == 0 ? "DE" : "FR",
                    "Customer " + i, List.of(), Instant.parse("2026-12-04T10:00:00Z"))));
        }
        List<Customer> saved = saves.stream().map(CompletableFuture::join).toList();
        System.out.println("  saved " + saved.size() + " customers, " + saved.stream().map(Customer::id).distinct().count()
                + " distinct ids");

        step("A query and a count, as futures");
        CompletableFuture<Long> germans = async.count(customers.query().filter(CustomerQuery.country.eq("DE")));
        CompletableFuture<Long> all = async.count();
        System.out.println("  " + germans.join() + " in DE, " + all.join() + " in all");

        step("A refusal completes the future with the blocking call's exception, and writes nothing");
        String refusal = async.save(new Customer(null, "async0@example.com", "DE", "Twin", List.of(), Instant.EPOCH))
                .handle((customer, e) -> {
                    // the future's own exception; past a thenApply, wrapped in a CompletionException
                    Throwable cause = e instanceof CompletionException c ? c.getCause() : e;
                    return cause instanceof UniqueViolationException u ? u.getClass().getSimpleName() + ": " + u.getMessage()
                            : "saved " + customer;
                })
                .join();
        System.out.println("  " + refusal);

        step("Delete them, 64 futures again");
        CompletableFuture.allOf(saved.stream().map(c -> async.delete(c.id())).toArray(CompletableFuture[]::new)).join();
        System.out.println("  " + customers.count() + " customers left");
    }

    private static void step(String what) {
        System.out.println();
        System.out.println("== " + what);
    }
}
