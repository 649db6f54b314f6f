package dev.redao.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LuaLintTest {
    @Test
    void cleanLuaHasNoProblem() {
        assertEquals(List.of(), LuaLint.problems("""
                local t = {}
                local function add(k, v) t[k] = v end
                for i, v in ipairs(ARGV) do add(i, tonumber(v)) end
                return redis.call('GET', KEYS[1])
                """));
    }

    @Test
    void aSyntaxErrorIsReported() {
        List<String> problems = LuaLint.problems("local x = = 1\n");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("does not parse"), problems.toString());
    }

    @Test
    void readingAndSettingGlobalsAreReported() {
        assertEquals(List.of("reads the unknown global 'undefinedHelper'"),
                LuaLint.problems("return undefinedHelper(KEYS[1])\n"));
        assertTrue(LuaLint.problems("counter = 1\n").contains("sets the global 'counter'"));
        assertTrue(LuaLint.problems("function helper() return 1 end\n").contains("sets the global 'helper'"));
    }
}
