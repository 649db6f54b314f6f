package dev.redao.it.derived;

import dev.redao.annotations.Queries;
import dev.redao.it.rel.Order;
import java.util.List;
import java.util.Optional;

/** Query methods through Order's reference to Customer, and projections to a record. */
@Queries(Order.class)
public interface OrderQueries {
    /** An order's total and status, without the rest of it. */
    record Summary(Long id, String status, int total) {}

    List<Order> findByCustomerIdCountryOrderByTotalDesc(String country);

    long countByStatusAndCustomerIdEmail(String status, String email);

    List<Summary> findByStatusOrderByTotal(String status);

    Optional<Summary> findFirstByStatusOrderByTotalDesc(String status);
}
