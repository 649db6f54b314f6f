package dev.redao.runtime.tools;

import dev.redao.runtime.RedaoException;

/**
 * {@link LegacyNamespace} refused to move a key because its new name is taken: moving it would
 * have overwritten data.
 */
public class KeyExistsException extends RedaoException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String key;

    /**
     * A move that would overwrite a key.
     *
     * @param source the key that was to be moved
     * @param key the existing key
     * @param message the whole message
     */
    public KeyExistsException(String source, String key, String message) {
        super(message);
        this.source = source;
        this.key = key;
    }

    /** {@return the key that was to be moved} */
    public String source() {
        return source;
    }

    /** {@return the existing key it would have overwritten} */
    public String key() {
        return key;
    }
}
