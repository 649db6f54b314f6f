package dev.redao.runtime.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.internal.IdType;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reading the change events the scripts publish (the JSON as Redis's cjson writes it). */
class ChangeEventsTest {

    @Test
    void savedAndDeletedEvents() {
        assertEquals(new ChangeEvent<>(ChangeEvent.Kind.SAVED, 7L, Set.of("sku", "quantity")),
                ChangeEvents.parse("{\"op\":\"saved\",\"id\":\"7\",\"fields\":[\"sku\",\"quantity\"]}", IdType.LONG));
        assertEquals(new ChangeEvent<>(ChangeEvent.Kind.DELETED, 7, Set.of()),
                ChangeEvents.parse("{\"op\":\"deleted\",\"id\":\"7\",\"fields\":[]}", IdType.INTEGER));
        UUID id = UUID.randomUUID();
        assertEquals(id, ChangeEvents.parse("{\"op\":\"saved\",\"id\":\"" + id + "\",\"fields\":[]}", IdType.UUID_TYPE).id());
    }

    @Test
    void fieldsKeepTheirOrderAndCannotBeChanged() {
        ChangeEvent<Long> e = ChangeEvents.parse("{\"op\":\"saved\",\"id\":\"1\",\"fields\":[\"b\",\"a\",\"c\"]}", IdType.LONG);
        assertEquals(List.of("b", "a", "c"), List.copyOf(e.fields()));
        assertThrows(UnsupportedOperationException.class, () -> e.fields().add("d"));
    }

    /** cjson escapes '/' as "\/"; JSON allows it, and the id comes back as it was. */
    @Test
    void escapedTextIsDecoded() {
        assertEquals("a/b \"c\" ü✓", ChangeEvents.parse(
                "{\"op\":\"saved\",\"id\":\"a\\/b \\\"c\\\" ü✓\",\"fields\":[]}", IdType.STRING).id());
    }

    @Test
    void whatIsNoChangeEventIsRefusedWithTheReason() {
        for (String bad : new String[] {
            "not json",
            "{\"op\":\"saved\",\"fields\":[]}",
            "{\"op\":\"saved\",\"id\":\"1\"}",
            "{\"op\":\"saved\",\"id\":1,\"fields\":[]}",
            "[]"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChangeEvents.parse(bad, IdType.LONG), bad);
            assertTrue(e.getMessage().startsWith("not a change event"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChangeEvents.parse("{\"op\":\"renamed\",\"id\":\"1\",\"fields\":[]}", IdType.LONG));
        assertEquals("unknown change event op 'renamed'", e.getMessage());
    }
}
