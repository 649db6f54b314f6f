package dev.redao.runtime.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.runtime.internal.LuaLint;
import dev.redao.runtime.internal.Script;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueScriptsTest {
    /** The queue's scripts, checked as the models' are (see ModelLuaTest). */
    @Test
    void theScriptsAreValidLuaWithoutOwnGlobals() {
        for (Script script : List.of(QueueScripts.PUSH, QueueScripts.LEASE, QueueScripts.ACK, QueueScripts.RECOVER)) {
            assertEquals(List.of(), LuaLint.problems(script.source()), script.name());
        }
    }
}
