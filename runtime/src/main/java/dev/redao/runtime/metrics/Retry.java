package dev.redao.runtime.metrics;

import java.util.Locale;

/** Why the store sent a call again, as its {@link RedaoObserver} hears it. */
public enum Retry {
    /**
     * Redis did not have the script cached (NOSCRIPT: after a restart, a SCRIPT FLUSH, or on a
     * node of a cluster that had not run it yet): its text went in a second round trip.
     */
    SCRIPT_NOT_CACHED,
    /** On a Redis Cluster, the slot of a write sent on a connection of its own had moved (MOVED): it went again to the new owner. */
    SLOT_MOVED,
    /**
     * An ACL rule refused EVALSHA_RO: the read went again as EVALSHA (once; reads go that way
     * from then on).
     */
    READ_ONLY_REFUSED;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** {@return the name as a metric tag: {@code script_not_cached}, {@code slot_moved}, {@code read_only_refused}} */
    public String tag() {
        return tag;
    }
}
