package dev.redao.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.runtime.internal.LuaLint;
import dev.redao.runtime.internal.Script;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyspaceScriptsTest {
    /** The keyspace tools' scripts, checked as the models' are (see ModelLuaTest). */
    @Test
    void theScriptsAreValidLuaWithoutOwnGlobals() {
        for (Script script : List.of(KeyspaceScripts.ZPOP_BY_RANK, KeyspaceScripts.ZPOP_BY_SCORE)) {
            assertEquals(List.of(), LuaLint.problems(script.source()), script.name());
        }
    }
}
