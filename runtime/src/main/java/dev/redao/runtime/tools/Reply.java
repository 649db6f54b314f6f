package dev.redao.runtime.tools;

import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisOutOfMemoryException;
import dev.redao.runtime.RedisUnavailableException;

/**
 * The reply to one command queued on a {@link Pipeline}: {@link #get()} gives it once the pipeline's
 * {@link Pipeline#sync()} has returned. Not thread-safe (like the pipeline that made it).
 *
 * @param <T> the type of the reply
 */
public final class Reply<T> {
    private enum State { QUEUED, DONE, FAILED, DISCARDED }

    /** The command and its key(s) as Redis knows them, for messages: {@code INCR on key 'shop.visits'}. */
    private final String command;
    private State state = State.QUEUED;
    private T value;
    private RedaoException failure;

    Reply(String command) {
        this.command = command;
    }

    /**
     * The reply, after {@link Pipeline#sync()}.
     *
     * @return the reply
     * @throws IllegalStateException if the pipeline has not been synced since this command was
     *     queued, or was closed without a sync (the command was never sent)
     * @throws RedaoException naming the command and key if Redis answered this command with an
     *     error (such as {@code WRONGTYPE}), typed as any call's ({@link RedisUnavailableException}
     *     for a server that cannot serve now, {@link RedisOutOfMemoryException}...); the other
     *     commands of the pipeline are unaffected
     * @throws RedaoConnectionException if the connection failed during the sync (whether this
     *     command was applied is unknown)
     */
    public T get() {
        return switch (state) {
            case DONE -> value;
            case FAILED -> throw failure;
            case QUEUED -> throw new IllegalStateException("the reply to " + command
                    + " is not there yet: call sync() on the pipeline before get()");
            case DISCARDED -> throw new IllegalStateException("the reply to " + command
                    + " will never come: the pipeline was closed without sync(), and the command was not sent");
        };
    }

    /**
     * True once the command's batch has been synced: {@link #get()} then returns the reply or throws
     * the command's error, rather than {@link IllegalStateException}.
     *
     * @return whether the reply is there
     */
    public boolean isDone() {
        return state == State.DONE || state == State.FAILED;
    }

    @Override
    public String toString() {
        return "Reply[" + command + ", " + state + "]";
    }

    String command() {
        return command;
    }

    void complete(T value) {
        this.value = value;
        this.state = State.DONE;
    }

    void fail(RedaoException failure) {
        this.failure = failure;
        this.state = State.FAILED;
    }

    void discard() {
        this.state = State.DISCARDED;
    }
}
