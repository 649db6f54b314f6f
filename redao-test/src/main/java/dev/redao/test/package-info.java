/**
 * Testing code that uses Redao against a real Redis server, with JUnit Jupiter (JUnit 6):
 * {@link dev.redao.test.RedaoTest} (or {@link dev.redao.test.RedaoExtension} in a
 * {@code @RegisterExtension} field) gives each test a {@link dev.redao.runtime.RedisStore} in a
 * namespace of its own, emptied afterwards, and {@link dev.redao.test.RedaoAssertions} checks that
 * the keys of your models are consistent.
 */
package dev.redao.test;
