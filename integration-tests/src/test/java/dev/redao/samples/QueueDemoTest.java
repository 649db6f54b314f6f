package dev.redao.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.RedisStore;
import dev.redao.testsupport.LocalRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The queue demo runs, tells the story it promises, and leaves no key behind. In the samples'
 * package because {@code QueueDemo.run} is package-private (the shop demo's main calls it).
 */
class QueueDemoTest {
    @Test
    void theDemoRunsAndCleansUp() {
        String namespace = "queuedemotest" + Long.toString(System.nanoTime(), 36);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream console = System.out;
        try (RedisStore store = RedisStore.connect(LocalRedis.shared().url() + "?namespace=" + namespace)) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                QueueDemo.run(store);
            } finally {
                System.setOut(console);
            }
            String out = captured.toString(StandardCharsets.UTF_8);
            for (String expected : List.of(
                    "given back: 2; waiting: 2, in flight: 0",
                    "took Payment[order=A-101, cents=990] (delivery 2): already charged, nothing to do; ack -> true",
                    "revenue 6740 cents = 1250 + 990 + 4500",
                    "no Lua program named 'shop.charge_onse'",
                    "shop.charge_once, shop.revenue")) {
                assertTrue(out.contains(expected), "the demo prints '" + expected + "':\n" + out);
            }
            assertEquals(List.of(), store.execute(jedis -> jedis.keys("*" + namespace + "*")).stream().toList(),
                    "the demo deletes what it wrote");
        }
    }
}
