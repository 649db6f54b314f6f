/**
 * Structure fields: a list, set, sorted set, map or time series that an object owns, under a key
 * of its own next to the object's hash, changed element by element in one script per call, never
 * read and rewritten whole (python-stdnet's {@code ListField}, {@code SetField}, {@code HashField}
 * and {@code TimeSeriesField}). A model declares one as a field of one of these types; its
 * generated DAO gives the handle of an object's structure by id, and a loaded object holds the
 * same handle. A write to the structure of an object that does not exist is refused with
 * {@link dev.redao.runtime.MissingObjectException}; a structure is deleted with its object. See
 * docs/structures.md.
 */
package dev.redao.runtime.structure;
