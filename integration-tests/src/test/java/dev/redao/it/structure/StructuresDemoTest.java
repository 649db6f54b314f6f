package dev.redao.it.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.samples.StructuresDemo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The structures demo runs against a real deployment, prints what it did, and leaves only its model's stored schema. */
class StructuresDemoTest extends RedisTestSupport {

    @Test
    void runsAndCleansUp() {
        String printed = printedBy(() -> StructuresDemo.run(store));
        assertTrue(printed.contains("comments [Great read, Thanks!], tags 2, votes [Scored[member=bob, score=3.0], "
                + "Scored[member=ann, score=5.0]], views in the last 2 minutes [TimePoint[time=2026-12-04T09:03:00Z, value=13], "
                + "TimePoint[time=2026-12-04T09:04:00Z, value=14]]"), printed);
        assertTrue(printed.contains("Structure fields in Redis: comments [Great read, Thanks!, Renamed by the editor], "
                + "top vote Scored[member=ann, score=5.0]"), printed);
        assertTrue(printed.contains("MissingObjectException: journal_article id no-such-article does not exist, so its list "
                + "'comments' cannot be written; nothing was written"), printed);
        assertTrue(printed.contains("comments [], views 0"), printed);
        assertEquals(List.of(base("journal_article") + ":schema"), List.copyOf(keys()),
                "only the model's stored schema, which outlives the objects");
    }
}
