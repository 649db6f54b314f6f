package com.example;

import dev.redao.micrometer.MicrometerObserver;
import dev.redao.runtime.RedisStore;
import io.micrometer.core.instrument.MeterRegistry;

/** A store whose operations go to a Micrometer registry, as docs/metrics.md shows it. */
public final class App {
    private App() {}

    /** Connects to {@code url}, saves an order and reads it back; the registry has the meters. */
    static Order run(String url, MeterRegistry registry) {
        RedisStore store = RedisStore.connect(url,
                RedisStore.Options.defaults().observer(MicrometerObserver.bind(registry)));
        try (store) {
            OrderDao orders = new OrderDao(store);
            Order saved = orders.save(new Order(null, "new", 1250));
            return orders.get(saved.id()).orElseThrow();
        }
    }
}
