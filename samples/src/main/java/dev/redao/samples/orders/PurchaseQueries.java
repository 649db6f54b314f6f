package dev.redao.samples.orders;

import dev.redao.annotations.Queries;
import java.util.List;

/**
 * Queries on purchases declared by name: the processor checks each against {@link Purchase} and
 * writes {@code PurchaseQueriesImpl}, one query builder call per method.
 */
@Queries(Purchase.class)
public interface PurchaseQueries {
    /** The purchases of buyers from a country: a condition through the buyerId reference. */
    List<Purchase> findByBuyerIdCountry(String country);

    long countByStatus(String status);

    /** The ids of an item's purchases. */
    List<Long> findIdBySku(String sku);
}
