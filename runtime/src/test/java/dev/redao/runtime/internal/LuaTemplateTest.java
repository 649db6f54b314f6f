package dev.redao.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template files of test/resources/dev/redao/runtime/lua/test/. */
class LuaTemplateTest {
    private static final LuaTemplate TEMPLATE = LuaTemplate.of("test/", "template");

    @Test
    void repeatsConditionsAndIncludesWithTheDirectiveIndent() {
        Map<String, Object> values = Map.of(
                "model", "user",
                "fields", List.of(Map.of("f", 1, "name", "email"), Map.of("f", 2, "name", "age")),
                "unique", true,
                "events", false);
        assertEquals("""
                -- template of model user
                local a = {}
                a[1] = 'email'
                a[2] = 'age'
                if unique then
                  local part = 'user'
                end
                no events
                """, TEMPLATE.render(values));
    }

    @Test
    void anEmptyListRepeatsNothingAndIsFalse() {
        Map<String, Object> values = Map.of("model", "note", "fields", List.of(), "unique", false, "events", List.of());
        assertEquals("""
                -- template of model note
                local a = {}
                no events
                """, TEMPLATE.render(values));
    }

    @Test
    void aMissingValueIsAnErrorNamingTheLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TEMPLATE.render(Map.of("fields", List.of(), "unique", false, "events", false)));
        assertTrue(e.getMessage().contains("test/template.lua:1: no value for 'model'"), e.getMessage());
    }
}
