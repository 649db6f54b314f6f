package dev.redao.it.model;

/** An enum field type. */
public enum Color { RED, GREEN, BLUE }
