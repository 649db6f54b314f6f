package dev.redao.runtime.queue;

import dev.redao.runtime.CorruptValueException;

/**
 * One delivery of a message taken from a {@link ReliableQueue}: the message and the handle that
 * {@link ReliableQueue#ack(Delivery)} needs. Dropping a delivery without acknowledging it is what
 * a crashed consumer does: the message stays in the queue's processing list until
 * {@link ReliableQueue#recoverExpired(java.time.Duration)} gives it back.
 *
 * @param <T> the message type
 */
public final class Delivery<T> {
    private final String queue;
    private final QueueElement element;
    private final T message;
    private final CorruptValueException undecodable;

    Delivery(String queue, QueueElement element, T message, CorruptValueException undecodable) {
        this.queue = queue;
        this.element = element;
        this.message = message;
        this.undecodable = undecodable;
    }

    /**
     * The message.
     *
     * @return the message
     * @throws CorruptValueException if the stored text does not decode into the queue's type; the
     *     delivery can still be acknowledged, which drops the message (else it comes back after
     *     every recovery)
     */
    public T message() {
        if (undecodable != null) {
            throw undecodable;
        }
        return message;
    }

    /**
     * {@return the id {@link ReliableQueue#push(Object)} returned; 0 for an element another program
     * pushed without Redao's header}
     */
    public long id() {
        return element.id();
    }

    /**
     * 1 on the first delivery, one more each time recovery gave the message back (0 without Redao's header).
     *
     * @return how many times the message was delivered
     */
    public int deliveryCount() {
        return element.delivery();
    }

    /** {@return the base key of the queue it came from, {@code {<namespace>:queue:<name>}}} */
    public String queue() {
        return queue;
    }

    QueueElement element() {
        return element;
    }

    @Override
    public String toString() {
        return "Delivery[" + queue + " id=" + id() + " delivery=" + deliveryCount() + "]";
    }
}
