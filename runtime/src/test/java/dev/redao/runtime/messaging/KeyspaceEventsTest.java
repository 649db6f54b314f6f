package dev.redao.runtime.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which notify-keyspace-events flags a watch still needs, given the server's current value. */
class KeyspaceEventsTest {

    @Test
    void nothingSetMeansEverythingIsMissing() {
        assertEquals("Kghxe", KeyspaceEvents.missing("", "K" + KeyspaceEvents.OBJECT));
    }

    @Test
    void flagsAlreadySetAreNotAskedForAgain() {
        assertEquals("Kgx", KeyspaceEvents.missing("Eeh", "K" + KeyspaceEvents.OBJECT));
        assertEquals("", KeyspaceEvents.missing("g$hxeK", "K" + KeyspaceEvents.OBJECT));
    }

    /** CONFIG GET reports every class as 'A'. */
    @Test
    void aStandsForEveryClass() {
        assertEquals("", KeyspaceEvents.missing("AK", "K" + KeyspaceEvents.ANY_KEY));
        assertEquals("K", KeyspaceEvents.missing("AE", "K" + KeyspaceEvents.OBJECT));
    }
}
