package dev.redao.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LuaHelpersTest {
    private static final String HELPERS = """
            local A, B = 1, 2
            local C = {'x'}
            local function two()
              return B
            end
            local function unused(x)
              return C[x]
            end
            local function caller()
              return two() + 1
            end
            """;

    @Test
    void keepsWhatTheBodyUsesDirectlyOrThroughAnotherHelperInTheirOrder() {
        assertEquals("""
                local A, B = 1, 2
                local function two()
                  return B
                end
                local function caller()
                  return two() + 1
                end
                """, LuaHelpers.usedBy("return caller()\n", HELPERS));
    }

    @Test
    void wordsInsideStringsNameNothing() {
        assertEquals("", LuaHelpers.usedBy("error('unused two caller \\'C\\' \"A\"')\n", HELPERS));
        assertEquals("local C = {'x'}\n", LuaHelpers.usedBy("return C, 'A'\n", HELPERS));
    }
}
