package dev.redao.runtime.internal;

import dev.redao.runtime.tools.Keyspace;

/**
 * The one rule for putting a namespace on a key, channel or pattern name, shared by everything
 * that names keys (see {@link Keyspace} for what it gives).
 */
public final class Namespaces {
    /** Between a namespace and each name; no namespace holds it, which makes {@code N:} a boundary. */
    static final String SEPARATOR = ":";

    private Namespaces() {}

    /**
     * {@code N:name}, or <code>{N:rest</code> for a name <code>{rest</code>; the name itself without
     * a namespace. Namespaces hold no glob character, so the rule gives a pattern that matches only
     * the namespace's names. A name with an unpaired surrogate is refused: it has no UTF-8 form,
     * and its {@code '?'} would name another key, or be a wildcard.
     */
    public static String namespaced(String namespace, String name) {
        Arguments.requireNonNull(name, "name", "a key or channel name");
        Codecs.utf8(name, "name", "a key or channel name"); // refused rather than sent with a '?' for its surrogate
        if (namespace.isEmpty()) {
            return name;
        }
        return name.startsWith("{") ? "{" + namespace + SEPARATOR + name.substring(1) : namespace + SEPARATOR + name;
    }

    /** What {@link #namespaced} puts before a plain name: {@code N:}, or nothing without a namespace. */
    public static String prefix(String namespace) {
        return namespace.isEmpty() ? "" : namespace + SEPARATOR;
    }
}
