/**
 * Redao's metrics in Micrometer: {@link dev.redao.micrometer.MicrometerObserver#bind} gives the
 * observer to attach to a store when it connects.
 */
package dev.redao.micrometer;
