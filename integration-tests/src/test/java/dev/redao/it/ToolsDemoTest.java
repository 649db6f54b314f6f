package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.samples.ToolsDemo;
import dev.redao.samples.shop.CustomerDao;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tools demo runs against a real server, prints what it did, and takes its keys away again. */
class ToolsDemoTest extends RedisTestSupport {

    @Test
    void runsAndCleansUp() {
        String printed = printedBy(() -> ToolsDemo.run(store));
        assertTrue(printed.contains("session:*      -> 5"), printed);
        assertTrue(printed.contains("popped [ScoredMember[member=eve, score=450.0], ScoredMember[member=ann, score=310.0],"
                + " ScoredMember[member=kim, score=275.0]]"), printed);
        assertTrue(printed.contains("due now [send-invoice, email-receipt]"), printed);
        assertTrue(printed.contains("2 allowed: [joe, ann]"), printed);
        assertTrue(printed.contains("customer: 3 objects"), printed);

        assertEquals(Set.of(), RawKeys.startingWith(store, ns), "no key of its own is left");
        assertEquals(0, new CustomerDao(store).count());
        assertEquals(Set.of(base("customer") + ":ids", base("customer") + ":schema"), keys(),
                "only the id counter and the stored schema, which outlive the objects");
    }
}
