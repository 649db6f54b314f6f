package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.samples.MessagingDemo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The messaging sample runs to its end, prints what its listeners got, and leaves no key behind. */
class MessagingDemoTest extends RedisTestSupport {

    @Test
    void theDemoRunsAndCleansUp() {
        String keyspaceFlags = KeyspaceConfig.get(store);
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            MessagingDemo.run(store);
        } finally {
            System.setOut(console);
            KeyspaceConfig.set(store, keyspaceFlags);
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        for (String line : new String[] {
            "chat: hello, subscribers",
            "featured: Keyword[word=redis, weight=10, category=databases]",
            "SAVED lua [weight, category]",
            "SAVED lua [weight]",
            "DELETED lua [weight, category]",
            "{keyword}:obj:redis: hset",
            "motd: set"}) {
            assertTrue(out.contains(line), "printed '" + line + "':\n" + out);
        }
        assertEquals(Set.of(base("keyword") + ":schema"), keys(), "the model's stored schema outlives its objects");
        assertFalse(exists(nsKey("motd")));
    }

    @Test
    void onAServerItDidNotStartTheDemoSkipsTheWatchRatherThanChangeTheServer() {
        String keyspaceFlags = KeyspaceConfig.get(store);
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            KeyspaceConfig.set(store, "");
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            MessagingDemo.run(store, false);
            assertEquals("", KeyspaceConfig.get(store), "the demo left notify-keyspace-events alone");
        } finally {
            System.setOut(console);
            KeyspaceConfig.set(store, keyspaceFlags);
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Watch keys through keyspace notifications: skipped"), out);
        assertFalse(out.contains("motd: set"), "no watch ran:\n" + out);
        assertTrue(out.contains("DELETED lua [weight, category]"), "the rest of the demo ran:\n" + out);
        assertEquals(Set.of(base("keyword") + ":schema"), keys(), "the model's stored schema outlives its objects");
    }
}
