package dev.redao.samples.shop;

/** What a product is. */
public enum Category { BOOKS, GAMES, MUSIC, TOOLS }
