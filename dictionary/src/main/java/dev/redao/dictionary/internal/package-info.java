/**
 * The models a translation dictionary keeps in Redis, their generated DAOs, and how an entry's
 * address becomes its id. Not part of the API: use {@link dev.redao.dictionary.TranslationDictionary}.
 */
package dev.redao.dictionary.internal;
