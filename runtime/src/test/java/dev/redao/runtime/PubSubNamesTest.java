package dev.redao.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A namespace is matched literally inside a subscription pattern. */
class PubSubNamesTest {

    @Test
    void globCharactersAreEscaped() {
        assertEquals("shop.", PubSub.escapeGlob("shop."));
        assertEquals("a\\*b\\?c\\[d\\]e\\\\f.", PubSub.escapeGlob("a*b?c[d]e\\f."));
        assertEquals("", PubSub.escapeGlob(""));
    }
}
