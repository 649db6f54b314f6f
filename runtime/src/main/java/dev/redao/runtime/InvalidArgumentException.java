package dev.redao.runtime;

/**
 * An argument of a call that cannot work: null where a value is needed, text that has no UTF-8
 * form, an id that Redao cannot store, a pattern that would reach beyond what the store may
 * delete. Raised before anything is sent, so Redis is as it was. Not retryable: change the call.
 * The message names the model, field or argument, and the value when it can be shown;
 * {@link #argument()} names the argument.
 */
public class InvalidArgumentException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String argument;

    /**
     * An argument that a public call refuses before anything is sent.
     *
     * @param argument the argument as the method names it
     * @param message what is wrong with it
     */
    public InvalidArgumentException(String argument, String message) {
        super(message);
        this.argument = argument;
    }

    /**
     * {@return the argument as the method names it, such as {@code id}, {@code ids[2]}, {@code
     * pattern}}
     */
    public String argument() {
        return argument;
    }
}
