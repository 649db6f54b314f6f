package dev.redao.runtime;

/**
 * Redis refused a write because it has reached {@code maxmemory} and may evict nothing
 * ({@code OOM}, under the {@code noeviction} policy). Reads still work. Not retryable as is: free
 * memory, raise {@code maxmemory} or choose an eviction policy. Redis refuses a script's first
 * write only, so a refused write script wrote nothing.
 */
public class RedisOutOfMemoryException extends ServerException {
    private static final long serialVersionUID = 1L;

    /**
     * A write refused because the server reached its {@code maxmemory}.
     *
     * @param address the server, as {@code host:port}
     * @param reason the server's error text or code
     * @param message the whole message, which names the address and carries the server's words
     * @param cause what failed underneath, or null
     */
    public RedisOutOfMemoryException(String address, String reason, String message, Throwable cause) {
        super(address, reason, message, cause);
    }
}
