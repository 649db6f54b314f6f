package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.testsupport.LocalRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class AppTest {

    @Test
    void theStoresOperationsAreInTheRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LocalRedis redis = LocalRedis.start()) {
            Order order = App.run(redis.url() + "?namespace=micrometer" + System.nanoTime(), registry);
            assertEquals("new", order.status());
        }
        assertEquals(1, registry.get("redao.operation").tags("model", "order", "operation", "save", "outcome", "ok").timer().count());
        assertEquals(1, registry.get("redao.operation").tags("model", "order", "operation", "get", "outcome", "ok").timer().count());
        assertEquals(0, registry.get("redao.pool.active").gauge().value());
    }
}
