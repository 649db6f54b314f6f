package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.testsupport.LocalRedis;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppTest {

    @Test
    void theCrmValueTranslatesIntoBilling() {
        try (LocalRedis redis = LocalRedis.start()) {
            assertEquals(Optional.of("I"), App.run(redis.url() + "?namespace=dictionary" + System.nanoTime()));
        }
    }
}
