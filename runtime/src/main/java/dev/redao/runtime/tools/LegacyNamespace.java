package dev.redao.runtime.tools;

import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.Codecs;
import dev.redao.runtime.internal.ModelEngine;
import dev.redao.runtime.internal.ModelSchema;
import dev.redao.runtime.internal.Namespaces;
import dev.redao.runtime.internal.QueueKeys;
import dev.redao.runtime.internal.SharedSecrets;
import dev.redao.runtime.internal.StoreConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Moves data written under the old key layout, where the namespace was glued to each name without
 * a separator ({@code namespace=shop.}: <code>{shop.user}:obj:1</code>, {@code shop.session:7},
 * <code>{shop.queue:jobs}:ready</code>), to the store's namespace in the current layout
 * (<code>{shop:user}:obj:1</code>, {@code shop:session:7}, <code>{shop:queue:jobs}:ready</code>).
 *
 * <pre>{@code
 * try (RedisStore store = RedisStore.connect("redis://127.0.0.1:6379?namespace=shop")) {
 *     LegacyNamespace old = LegacyNamespace.of(store, "shop.");   // as the old URL spelled it
 *     old.moveModel(new UserDao(store));
 *     old.moveQueue("jobs");
 *     old.moveKeys("session:*");
 * }
 * }</pre>
 *
 * <p>The old layout is ambiguous, which was the defect: <code>{acl.account}</code> is model
 * {@code account} of namespace {@code acl.} and model {@code ccount} of {@code acl.a}, and
 * {@code t1}'s name {@code 0x} is {@code t10}'s {@code x}. So nothing here guesses: each call moves
 * exactly the keys its argument names, and a pattern that also matches another old namespace's
 * keys moves those too. Stop the writers of the old namespace first.
 *
 * <p>Each call finds the keys with SCAN, checks that none of their new names exists (else it
 * throws {@link KeyExistsException} and moves nothing), then moves them one by one with RENAMENX,
 * which keeps values and times to live and never overwrites a key. It is not atomic: if it stops
 * (a key created meanwhile under a new name, a lost connection), the keys already moved are in
 * place and the call can be run again. Keys already in the store's namespace are never moved. On a
 * single server (or through Sentinel) only: RENAMENX between hash slots is refused on a Redis Cluster.
 */
public final class LegacyNamespace {
    /** Commands per pipeline: bounds the replies held at once. */
    private static final int BATCH = 500;

    private final StoreConnection store;
    private final String oldNamespace;

    private LegacyNamespace(StoreConnection store, String oldNamespace) {
        this.store = store;
        this.oldNamespace = oldNamespace;
    }

    /**
     * {@return the keys of {@code oldNamespace}, the namespace parameter exactly as the old connection
     * string had it (usually with its trailing dot), to be moved into {@code store}'s namespace}
     *
     * @param store the store whose namespace the keys move into
     * @param oldNamespace the old connection string's namespace parameter, exactly as it was
     * @throws InvalidArgumentException if {@code oldNamespace} is empty (the layout without a
     *     namespace has not changed) or could not have been a namespace (braces, ':', white space)
     * @throws CrossSlotException if the store is on a Redis Cluster
     */
    public static LegacyNamespace of(RedisStore store, String oldNamespace) {
        Arguments.requireNonNull(store, "store", "LegacyNamespace.of");
        Arguments.requireNonNull(oldNamespace, "oldNamespace", "LegacyNamespace.of");
        if (oldNamespace.isEmpty()) {
            throw new InvalidArgumentException("oldNamespace", "LegacyNamespace.of: the key layout without a namespace has not"
                    + " changed: there is nothing to move");
        }
        for (int i = 0; i < oldNamespace.length(); i++) {
            char c = oldNamespace.charAt(i);
            if (c == '{' || c == '}' || c == ':' || Character.isWhitespace(c)) {
                throw new InvalidArgumentException("oldNamespace", "LegacyNamespace.of: '" + oldNamespace + "' was never a"
                        + " valid namespace (braces, ':' and white space were refused): no data can be under it");
            }
        }
        StoreConnection connection = SharedSecrets.core().connection(store);
        if (connection.url().kind() == RedisUrl.Kind.CLUSTER) {
            throw new CrossSlotException("LegacyNamespace moves each key to a new hash tag with RENAMENX, which a Redis"
                    + " Cluster refuses between hash slots; the old layout was only ever written on a single server:"
                    + " move the data there (or through Sentinel) before it goes to the cluster");
        }
        return new LegacyNamespace(connection, oldNamespace);
    }

    /** {@return the old namespace, as given to {@link #of}} */
    public String oldNamespace() {
        return oldNamespace;
    }

    /**
     * Moves every key of the DAO's model: <code>{&lt;old&gt;&lt;model&gt;}:*</code> (or
     * <code>{&lt;old&gt;&lt;group&gt;}:&lt;model&gt;:*</code>) to the DAO's base key.
     *
     * @param dao the DAO of the model to move
     * @return how many keys were moved
     * @throws InvalidArgumentException if the DAO is not of this store
     * @throws KeyExistsException if a new name is taken; see the class comment
     */
    public long moveModel(ModelDao<?, ?> dao) {
        ModelEngine<?, ?> model = SharedSecrets.core().engine(Arguments.requireNonNull(dao, "dao", "moveModel"));
        ModelSchema<?> schema = model.schema();
        if (model.connection() != store) {
            throw new InvalidArgumentException("dao", "moveModel: the DAO of " + schema.name() + " belongs to another store");
        }
        return move(schema.group().isEmpty() ? "{" + schema.name() + "}:*" : "{" + schema.group() + "}:" + schema.name() + ":*");
    }

    /**
     * Moves every key of the reliable queue {@code name}: <code>{&lt;old&gt;queue:&lt;name&gt;}:*</code>.
     *
     * @param name the model's key name in the old layout
     * @return how many keys were moved
     * @throws KeyExistsException if a new name is taken; see the class comment
     */
    public long moveQueue(String name) {
        QueueKeys.checkName(name);
        return move("{queue:" + Glob.escape(name) + "}:*");
    }

    /**
     * Moves the keys whose name in the old namespace matches the glob {@code pattern}, as
     * {@link Keyspace#countPattern} matches names: {@code session:*} moves {@code <old>session:*}
     * to {@code <namespace>:session:*}, and a name that starts with a brace is matched and moved
     * inside the hash tag (<code>{board}</code>: <code>{&lt;old&gt;board}</code> to
     * <code>{&lt;namespace&gt;:board}</code>). {@code "*"} moves everything under the old prefix:
     * models, queues and your own keys, and the keys of any other old namespace that the old
     * prefix begins.
     *
     * @param pattern a glob over key names inside the old namespace
     * @return how many keys were moved
     * @throws KeyExistsException if a new name is taken; see the class comment
     */
    public long moveKeys(String pattern) {
        Arguments.requireNonNull(pattern, "pattern", "moveKeys");
        return move(Codecs.requireUtf8Form(pattern, "pattern", "moveKeys")); // its '?' would be a wildcard
    }

    private long move(String pattern) {
        String target = Namespaces.prefix(store.namespace());
        long[] moved = {0};
        store.forEachMaster(jedis -> {
            // ISO-8859-1 maps bytes to chars one to one: any key name, UTF-8 or not, is kept exactly
            Map<String, String> moves = new LinkedHashMap<>();
            Keyspace.forEachMatchingPage(jedis, oldNamespace, pattern, page -> {
                for (byte[] key : page) {
                    String old = latin1(key);
                    if (!target.isEmpty() && (old.startsWith(target) || old.startsWith("{" + target))) {
                        continue; // already in the new layout: a second run, or an old prefix that the new one begins
                    }
                    moves.put(old, newName(old, target));
                }
            });
            refuseTakenNames(jedis, moves);
            moved[0] += renameAll(jedis, moves);
        });
        return moved[0];
    }

    /** {@code <old>name} → {@code <target>name}, <code>{&lt;old&gt;rest</code> → <code>{&lt;target&gt;rest</code>, byte for byte. */
    private String newName(String oldKey, String target) {
        int oldLength = oldNamespace.getBytes(StandardCharsets.UTF_8).length;
        // the target is a namespace name and ':', all ASCII: the same chars in ISO-8859-1
        return oldKey.startsWith("{") ? "{" + target + oldKey.substring(1 + oldLength) : target + oldKey.substring(oldLength);
    }

    private static void refuseTakenNames(Jedis jedis, Map<String, String> moves) {
        List<Map.Entry<String, String>> all = new ArrayList<>(moves.entrySet());
        long taken = 0;
        Map.Entry<String, String> first = null;
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Map.Entry<String, String>> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            List<Response<Boolean>> exists = new ArrayList<>(batch.size());
            try (Pipeline p = jedis.pipelined()) {
                for (Map.Entry<String, String> move : batch) {
                    exists.add(p.exists(bytes(move.getValue())));
                }
                p.sync();
            }
            for (int i = 0; i < batch.size(); i++) {
                if (exists.get(i).get()) {
                    taken++;
                    first = first == null ? batch.get(i) : first;
                }
            }
        }
        if (first != null) {
            throw new KeyExistsException(text(first.getKey()), text(first.getValue()), "cannot move '" + text(first.getKey())
                    + "' to '" + text(first.getValue()) + "': that key exists" + (taken > 1 ? " (and " + (taken - 1)
                    + " more of the " + all.size() + " new names)" : "") + "; nothing was moved");
        }
    }

    private static long renameAll(Jedis jedis, Map<String, String> moves) {
        List<Map.Entry<String, String>> all = new ArrayList<>(moves.entrySet());
        long moved = 0;
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Map.Entry<String, String>> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            List<Response<Long>> renamed = new ArrayList<>(batch.size());
            try (Pipeline p = jedis.pipelined()) {
                for (Map.Entry<String, String> move : batch) {
                    renamed.add(p.renamenx(bytes(move.getKey()), bytes(move.getValue())));
                }
                p.sync();
            }
            Map.Entry<String, String> refused = null;
            for (int i = 0; i < batch.size(); i++) {
                long done;
                try {
                    done = renamed.get(i).get();
                } catch (JedisDataException e) {
                    continue; // "no such key": deleted since the scan, so there is nothing to move
                }
                moved += done;
                refused = done == 0 && refused == null ? batch.get(i) : refused;
            }
            if (refused != null) {
                throw new KeyExistsException(text(refused.getKey()), text(refused.getValue()), "cannot move '"
                        + text(refused.getKey()) + "' to '" + text(refused.getValue()) + "': that key was created meanwhile; "
                        + moved + " keys were moved, and the call may be run again");
            }
        }
        return moved;
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(String latin1) {
        return new String(bytes(latin1), StandardCharsets.UTF_8);
    }
}
