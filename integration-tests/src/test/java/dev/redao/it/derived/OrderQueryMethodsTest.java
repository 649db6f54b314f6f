package dev.redao.it.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.rel.Customer;
import dev.redao.it.rel.CustomerDao;
import dev.redao.it.rel.Order;
import dev.redao.it.rel.OrderDao;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Query methods whose conditions go through a reference, and finds that return records of some fields (#19). */
class OrderQueryMethodsTest extends RedisTestSupport {

    @Test
    void conditionsThroughAReferenceAndRecordProjections() {
        CustomerDao customers = new CustomerDao(store);
        OrderDao orders = new OrderDao(store);
        OrderQueries queries = new OrderQueriesImpl(orders);
        Customer ann = customers.save(new Customer(null, "ann@x", "DE", "Ann"));
        Customer bob = customers.save(new Customer(null, "bob@x", "FR", "Bob"));
        Order a1 = orders.save(new Order(null, ann.id(), "open", 10));
        Order a2 = orders.save(new Order(null, ann.id(), "paid", 30));
        Order b1 = orders.save(new Order(null, bob.id(), "open", 20));

        assertEquals(List.of(a2, a1), queries.findByCustomerIdCountryOrderByTotalDesc("DE"));
        assertEquals(List.of(), queries.findByCustomerIdCountryOrderByTotalDesc("IT"));
        assertEquals(1, queries.countByStatusAndCustomerIdEmail("open", "bob@x"));
        assertEquals(0, queries.countByStatusAndCustomerIdEmail("paid", "bob@x"));

        assertEquals(List.of(new OrderQueries.Summary(a1.id(), "open", 10), new OrderQueries.Summary(b1.id(), "open", 20)),
                queries.findByStatusOrderByTotal("open"));
        assertEquals(Optional.of(new OrderQueries.Summary(b1.id(), "open", 20)), queries.findFirstByStatusOrderByTotalDesc("open"));
        assertEquals(Optional.empty(), queries.findFirstByStatusOrderByTotalDesc("gone"));
    }
}
