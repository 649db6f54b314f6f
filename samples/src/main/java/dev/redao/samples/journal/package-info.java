/** The structures demo's model: an article that owns a list, a set, a sorted set and a time series. */
package dev.redao.samples.journal;
