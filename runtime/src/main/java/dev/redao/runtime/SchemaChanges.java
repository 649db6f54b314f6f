package dev.redao.runtime;

/**
 * What a DAO does when the schema stored with its model (fields, indexes, unique fields, expiry)
 * differs from its own, which it reads on its first call (docs/schema.md). Set with
 * {@link RedisStore.Options#schemaChanges}.
 */
public enum SchemaChanges {
    /**
     * The DAO refuses every call with a {@link SchemaChangedException} that lists the
     * differences; {@code dao.reindex()} builds the new entries and records the DAO's schema.
     */
    REFUSE,
    /**
     * The DAO's first call re-indexes the model as {@code dao.reindex()} does, then records the
     * DAO's schema as the next version and goes on.
     */
    REINDEX
}
