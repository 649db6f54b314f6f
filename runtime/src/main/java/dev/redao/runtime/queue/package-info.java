/**
 * A reliable 1:1 handoff: a {@link dev.redao.runtime.queue.ReliableQueue} delivers each message
 * to one consumer and keeps it until that consumer acknowledges it, so a consumer that dies
 * loses nothing (delivery at least once).
 */
package dev.redao.runtime.queue;
