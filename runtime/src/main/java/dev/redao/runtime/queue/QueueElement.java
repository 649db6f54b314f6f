package dev.redao.runtime.queue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One element of a queue's lists: {@code <id>:<delivery>:<json>}. The id comes from the queue's
 * counter, so two identical messages are two elements; the delivery number (1 on push, one more
 * each time recovery gives the message back) makes each delivery's element unique, so an ack that
 * arrives after its delivery expired cannot remove the next delivery of the same message.
 *
 * <p>The <em>handle</em> {@code <id>:<delivery>} names one delivery in the leases sorted set. The
 * recovery script computes it with the same rule ({@code ^(%d+):(%d+):}); an element without that
 * header (pushed by another program) is its own handle and its whole text is the message.
 */
final class QueueElement {
    private final byte[] raw;
    private final byte[] handle;
    private final long id;
    private final int delivery;
    private final int bodyStart;

    private QueueElement(byte[] raw, byte[] handle, long id, int delivery, int bodyStart) {
        this.raw = raw;
        this.handle = handle;
        this.id = id;
        this.delivery = delivery;
        this.bodyStart = bodyStart;
    }

    static QueueElement parse(byte[] raw) {
        int idEnd = digitsEnd(raw, 0);
        if (idEnd > 0 && idEnd < raw.length && raw[idEnd] == ':') {
            int deliveryEnd = digitsEnd(raw, idEnd + 1);
            if (deliveryEnd > idEnd + 1 && deliveryEnd < raw.length && raw[deliveryEnd] == ':') {
                return new QueueElement(raw, Arrays.copyOf(raw, deliveryEnd),
                        number(raw, 0, idEnd), (int) Math.min(Integer.MAX_VALUE, number(raw, idEnd + 1, deliveryEnd)),
                        deliveryEnd + 1);
            }
        }
        return new QueueElement(raw, raw, 0, 0, 0);
    }

    /** The element as the push script writes it, for unit tests and for documentation. */
    static byte[] format(long id, int delivery, byte[] body) {
        byte[] header = (id + ":" + delivery + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] raw = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, raw, header.length, body.length);
        return raw;
    }

    byte[] raw() {
        return raw;
    }

    byte[] handle() {
        return handle;
    }

    /** The message id; 0 for an element without a header. */
    long id() {
        return id;
    }

    /** 1 on the first delivery; 0 for an element without a header. */
    int delivery() {
        return delivery;
    }

    byte[] body() {
        return Arrays.copyOfRange(raw, bodyStart, raw.length);
    }

    private static int digitsEnd(byte[] raw, int from) {
        int i = from;
        while (i < raw.length && raw[i] >= '0' && raw[i] <= '9') {
            i++;
        }
        return i;
    }

    /** Saturates instead of overflowing: only a hand-made element has more digits than a long. */
    private static long number(byte[] raw, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            int digit = raw[i] - '0';
            if (n > (Long.MAX_VALUE - digit) / 10) {
                return Long.MAX_VALUE;
            }
            n = n * 10 + digit;
        }
        return n;
    }
}
