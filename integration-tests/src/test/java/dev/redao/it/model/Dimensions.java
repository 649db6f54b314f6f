package dev.redao.it.model;

import java.util.List;

/** A nested record, stored as JSON inside its owner's hash. */
public record Dimensions(int width, int height, String unit, List<Integer> marks) {}
