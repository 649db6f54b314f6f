package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.redao.runtime.RedisStore;
import dev.redao.testsupport.LocalRedis;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorDaoTest {

    @Test
    void theGeneratedDaoSavesFindsQueriesAndDeletes() {
        try (LocalRedis redis = LocalRedis.start();
                RedisStore store = RedisStore.connect(redis.url() + "?namespace=quickstart" + System.nanoTime())) {
            AuthorDao authors = new AuthorDao(store);
            Author ann = authors.save(new Author(null, "ann@example.com", "DE", List.of("poet")));
            Author bob = authors.save(new Author(null, "bob@example.com", "FR", List.of()));
            assertNotNull(ann.id(), "the server assigns the id");

            assertEquals(Optional.of(ann), authors.getByEmail("ann@example.com"));
            assertEquals(List.of(ann), authors.query().filter(AuthorQuery.country.eq("DE")).list());

            authors.delete(ann.id());
            assertFalse(authors.exists(ann.id()));
            assertEquals(List.of(bob.id()), authors.query().ids());
            authors.delete(bob.id());
            assertEquals(0, authors.count());
        }
    }

    @Test
    void theMainClassRunsTheQuickStart() {
        try (LocalRedis redis = LocalRedis.start();
                RedisStore store = RedisStore.connect(redis.url() + "?namespace=quickstart" + System.nanoTime())) {
            assertEquals("Author[id=1, email=ann@example.com, country=DE, tags=[poet]]; authors in DE: 1", App.run(store));
        }
    }
}
