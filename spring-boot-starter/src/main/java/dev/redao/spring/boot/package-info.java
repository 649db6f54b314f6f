/**
 * Spring Boot auto-configuration for Redao: a {@link dev.redao.runtime.RedisStore} built from the
 * {@code spring.data.redis.*} and {@code redao.*} properties and closed with the context, a bean for
 * every DAO Redao generated for the application (found through the processor's DAO catalogs, not by
 * scanning), and a health indicator. docs/spring-boot.md is the user's guide.
 */
package dev.redao.spring.boot;
