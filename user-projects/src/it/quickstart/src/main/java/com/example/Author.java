package com.example;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import java.util.List;

@Model
public record Author(@Id Long id, @Unique String email, @Indexed String country, List<String> tags) {}
