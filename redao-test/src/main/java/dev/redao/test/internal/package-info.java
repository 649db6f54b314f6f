/**
 * Not an API: what {@link dev.redao.test} is built from (the servers, the test namespaces and the
 * checker of the key layout). Anything here may change or go in any release.
 */
package dev.redao.test.internal;
