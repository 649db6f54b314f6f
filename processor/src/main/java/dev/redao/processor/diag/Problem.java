package dev.redao.processor.diag;

/**
 * One error as the user reads it: a message of the catalogue with its arguments filled in. Only
 * {@link Message} makes them, so every error the processor reports is a catalogued one.
 */
public final class Problem {
    private final Message message;
    private final String text;

    Problem(Message message, String text) {
        this.message = message;
        this.text = text;
    }

    public Message message() {
        return message;
    }

    /** The text with its tag, for example {@code [Redao/ID_PRIMITIVE] @Id field 'id' is ...}. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
