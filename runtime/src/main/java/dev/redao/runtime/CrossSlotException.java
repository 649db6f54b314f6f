package dev.redao.runtime;

/**
 * A call on a Redis Cluster that needs keys of several hash slots in one command or script, which
 * a cluster cannot run: every key of one script must live on one node. Nothing was sent. Models
 * written together (in a transaction, or through references) share a slot when they share a
 * {@code @Model(group)}; keys of your own share one when they share a hash tag, such as
 * <code>{cart}:items</code> and <code>{cart}:total</code>. On a single server, or through
 * Sentinel, any keys may be mixed.
 */
public class CrossSlotException extends RedaoException {
    private static final long serialVersionUID = 1L;

    /**
     * A call refused before anything was sent.
     *
     * @param message which keys of which slots the call needed
     */
    public CrossSlotException(String message) {
        super(message);
    }

    /**
     * A call that Redis refused with {@code CROSSSLOT}.
     *
     * @param message which keys of which slots the call needed
     * @param cause Redis's refusal
     */
    public CrossSlotException(String message, Throwable cause) {
        super(message, cause);
    }
}
