package com.example;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

@Model
public record User(@Id Long id, @Unique String email, @Indexed String country) {}
