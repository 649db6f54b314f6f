/**
 * Translation dictionaries: the values of one system's keys linked to the values of another's,
 * kept in Redis as Redao models, and translated in one round trip. Start with
 * {@link dev.redao.dictionary.TranslationDictionary#on(dev.redao.runtime.RedisStore)}.
 *
 * <p>Every error is a {@link dev.redao.runtime.RedaoException}: an
 * {@link dev.redao.dictionary.UnknownEntryException} names the system, key or value that does not
 * exist, an {@link dev.redao.dictionary.AlreadyLinkedException} the link that is in the way.
 *
 * @serial exclude
 */
package dev.redao.dictionary;
