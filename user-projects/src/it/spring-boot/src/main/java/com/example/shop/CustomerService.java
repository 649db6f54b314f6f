package com.example.shop;

import dev.redao.runtime.RedisStore;
import java.util.List;
import org.springframework.stereotype.Service;

@Service
public class CustomerService {
    private final CustomerDao customers;   // a bean the starter registered
    private final RedisStore store;

    public CustomerService(CustomerDao customers, RedisStore store) {
        this.customers = customers;
        this.store = store;
    }

    public Customer register(String email, String country) {
        return customers.save(new Customer(null, email, country, 0));
    }

    public List<Customer> inCountry(String country) {
        return customers.query().filter(CustomerQuery.country.eq(country)).limit(50).list();
    }

    /** Both customers change in one script, or neither does. */
    public void moveCredit(Customer from, Customer to, long amount) {
        store.transaction(tx -> {
            tx.save(customers, new Customer(from.id(), from.email(), from.country(), from.credit() - amount));
            tx.save(customers, new Customer(to.id(), to.email(), to.country(), to.credit() + amount));
        });
    }
}
