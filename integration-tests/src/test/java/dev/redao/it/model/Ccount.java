package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/**
 * The model of issue #14: named {@code ccount} in namespace {@code acl.a}, its keys were
 * <code>{acl.account}</code> in the old layout, the same as {@link Account}'s in namespace
 * {@code acl.}.
 */
@Model(name = "ccount")
public record Ccount(
        @Id Long id,
        @Unique String email,
        @Indexed String country,
        String name) {}
