package com.example.app;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

@Model(group = "library")
public record Genre(@Id String id, @Unique String label) {}
