package dev.redao.it.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.samples.AsyncDemo;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The samples' AsyncDemo prints what it did and leaves only the model's counter and schema. */
class AsyncDemoTest extends RedisTestSupport {

    @Test
    void runsAndCleansUp() {
        String printed = printedBy(() -> AsyncDemo.run(store));
        assertTrue(printed.contains("  saved 64 customers, 64 distinct ids"), printed);
        assertTrue(printed.contains("  32 in DE, 64 in all"), printed);
        assertTrue(printed.contains("  UniqueViolationException: unique constraint violated: customer.email = 'async0@example.com'"),
                printed);
        assertTrue(printed.contains("  0 customers left"), printed);
        String base = base("customer") + ":";
        assertEquals(Set.of("ids", "schema"), keys().stream().map(k -> k.substring(base.length())).collect(Collectors.toSet()),
                "only the id counter and the stored schema");
    }
}
