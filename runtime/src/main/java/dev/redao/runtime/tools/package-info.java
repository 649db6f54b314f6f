/**
 * Tools beside the DAOs, confined to the store's namespace: keys of your own
 * ({@link dev.redao.runtime.tools.Keyspace}), pipelines ({@link dev.redao.runtime.tools.Pipeline}),
 * Lua programs on the class path ({@link dev.redao.runtime.tools.LuaPrograms}), the server's and
 * a model's statistics ({@link dev.redao.runtime.tools.RedisInfo},
 * {@link dev.redao.runtime.tools.ModelStats}), and the move of data stored under the old key
 * layout ({@link dev.redao.runtime.tools.LegacyNamespace}).
 *
 * <p>The exceptions are {@link java.io.Serializable}, as every {@link Throwable} is, but their
 * serialized form is no API: it may change in any release.
 *
 * @serial exclude
 */
package dev.redao.runtime.tools;
