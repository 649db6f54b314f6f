package com.example.shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

@Model
public record Customer(@Id Long id, @Unique String email, @Indexed String country, long credit) {}
