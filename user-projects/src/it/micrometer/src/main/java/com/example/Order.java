package com.example;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

@Model
public record Order(@Id Long id, @Indexed String status, long cents) {}
