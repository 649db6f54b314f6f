package dev.redao.samples.spring;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** A member of a club: the processor writes MemberDao and MemberQuery, and the catalog that makes MemberDao a bean. */
@Model
public record Member(
        @Id Long id,
        @Unique String email,
        @Indexed String country,
        @Indexed int age,
        String name) {}
