package dev.redao.runtime;

/**
 * With {@code wait=N} in the connection string: the master ran the write, but fewer than N
 * replicas confirmed it within half the store's timeout. The write is on the master and may reach
 * the replicas later; if the master fails before it does, a failover loses it. Not retryable as
 * is: the write took place, so read the object back before writing it again.
 */
public class UnconfirmedWriteException extends ServerException {
    private static final long serialVersionUID = 1L;
    private final long confirmed;
    private final int required;

    /**
     * A write fewer replicas confirmed than the connection string asks for.
     *
     * @param address the master, as {@code host:port}
     * @param what what was written
     * @param confirmed how many replicas confirmed it in time
     * @param required how many the connection string asks for
     */
    public UnconfirmedWriteException(String address, String what, long confirmed, int required) {
        super(address, "WAIT " + required + ": " + confirmed,
                what + " ran on the master at " + address + ", but " + confirmed + " of the " + required
                        + " replicas the connection string's wait asks for confirmed it in time: a failover"
                        + " of that master before they have it would lose it", null);
        this.confirmed = confirmed;
        this.required = required;
    }

    /** {@return how many replicas confirmed the write in time} */
    public long confirmed() {
        return confirmed;
    }

    /** {@return how many replicas the connection string's {@code wait} asks for} */
    public int required() {
        return required;
    }
}
