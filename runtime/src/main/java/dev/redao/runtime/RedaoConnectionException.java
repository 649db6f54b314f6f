package dev.redao.runtime;

/** Redis could not be reached or answered too late; the message names the address. */
public class RedaoConnectionException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String address;

    public RedaoConnectionException(String address, Throwable cause) {
        super("cannot reach Redis at " + address + ": " + cause.getMessage(), cause);
        this.address = address;
    }

    public String address() {
        return address;
    }
}
