package dev.redao.runtime.metrics;

/**
 * The store's connection pools at one moment, summed over its pools: one for a server or a
 * Sentinel master (and one for the replica that {@code readFrom=replica} reads from), one per node
 * of a Redis Cluster. The pub/sub connection is not pooled and not counted.
 *
 * @param active connections lent to a call now
 * @param idle connections open and waiting in the pools
 * @param waiting callers waiting for a connection, every one being in use
 * @param pools how many pools the figures add up
 */
public record PoolStats(int active, int idle, int waiting, int pools) {}
