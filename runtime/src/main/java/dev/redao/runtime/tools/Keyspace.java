package dev.redao.runtime.tools;

import dev.redao.runtime.CorruptDataException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.Codecs;
import dev.redao.runtime.internal.Namespaces;
import dev.redao.runtime.internal.Script;
import dev.redao.runtime.internal.SharedSecrets;
import dev.redao.runtime.internal.StoreConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import redis.clients.jedis.commands.KeyBinaryCommands;

/**
 * python-stdnet's client extensions ({@code countpattern}, {@code delpattern}, {@code zdiffstore},
 * {@code zpopbyrank}, {@code zpopbyscore}) for keys of your own, confined to the store's
 * namespace the way stdnet's prefixed client was. Get one from {@link RedisStore#keyspace()}.
 *
 * <p><b>Names.</b> Every method takes key names inside the namespace, and {@link #key(String)}
 * turns a name into the real key: the namespace, {@code :}, then the name. A name that starts with
 * <code>{</code> (a Redis Cluster hash tag) gets the namespace inside the braces, so the tag stays
 * a tag: in namespace {@code shop}, {@code session:7} is the key {@code shop:session:7} and
 * <code>{user}:obj:1</code> is <code>{shop:user}:obj:1</code>. That is where models keep their keys,
 * so patterns reach them too: {@code countPattern("*")} counts every key of the namespace, model
 * keys included, and <code>countPattern("{customer}:*")</code> only the customer model's.
 *
 * <p><b>The boundary.</b> A namespace name holds no {@code :} (see {@link RedisUrl}), so the keys
 * of namespace {@code t1} ({@code t1:...}, <code>{t1:...</code>) never begin like those of
 * {@code t10} or {@code t1.x}, and no pattern of one namespace matches another's keys. The ACL key
 * patterns <code>~t1:* ~{t1:*}</code> confine a user to exactly this keyspace. A store without a
 * namespace has names that are the keys themselves: it is the whole database, and its patterns
 * match every namespace's keys.
 *
 * <p><b>Any other command.</b> Apply the namespace with {@link #key(String)} and run the command
 * on a pooled connection with {@link RedisStore#execute}:
 * <pre>{@code
 * Keyspace ks = store.keyspace();
 * long visits = store.execute(jedis -> jedis.incr(ks.key("visits")));
 * }</pre>
 *
 * <p>There is no flush: like stdnet's prefixed client, this API never empties a database.
 * {@code deletePattern("*")} empties the namespace only; a store without a namespace refuses
 * every pattern that does not start with literal text (see {@link #deletePattern}).
 */
public final class Keyspace {
    static {
        // the store and the DAOs make every tool through this: Keyspace stands for the package
        SharedSecrets.setToolsAccess(new ToolsAccessor());
    }

    /** Keys per UNLINK: one command stays short however many keys a pattern deletes. */
    private static final int UNLINK_BATCH = 500;

    private final StoreConnection store;
    private final String namespace;

    Keyspace(StoreConnection store) {
        this.store = store;
        this.namespace = store.namespace();
    }

    /**
     * {@return the namespace's name, from the connection string's {@code namespace} parameter; empty
     * for none}
     */
    public String namespace() {
        return namespace;
    }

    /**
     * The real key of a name inside the namespace (see the class comment for hash tags).
     *
     * @param name a key name inside the namespace
     * @return the key as Redis knows it
     */
    public String key(String name) {
        return Namespaces.namespaced(namespace, name);
    }

    /**
     * How many keys of the namespace have a name matching the glob {@code pattern} ({@code *},
     * {@code ?}, {@code [abc]}, {@code \} escapes), found with SCAN. A count of a namespace that
     * changes meanwhile is only approximate; keys are deduplicated, so this holds every matching
     * key name in memory while it counts.
     *
     * @param pattern a glob over the names inside the namespace
     * @return how many keys match
     */
    public long countPattern(String pattern) {
        Arguments.requireNonNull(pattern, "pattern", "countPattern");
        Codecs.utf8(pattern, "pattern", "countPattern"); // its '?' would be a wildcard
        Set<String> seen = new HashSet<>();
        // every server that holds data is scanned (each master of a cluster); ISO-8859-1 maps bytes
        // to chars one to one, so any key name, UTF-8 or not, dedupes exactly
        store.forEachMaster(jedis -> forEachMatchingPage(jedis, Namespaces.prefix(namespace), pattern,
                page -> page.forEach(k -> seen.add(new String(k, StandardCharsets.ISO_8859_1)))));
        return seen.size();
    }

    /**
     * Deletes every key of the namespace whose name matches {@code pattern} (as in
     * {@link #countPattern}), with SCAN and batched UNLINK (memory is reclaimed in the background).
     * Not atomic: keys created while it runs may survive. {@code "*"} empties the namespace.
     *
     * <p>Without a namespace, names are the keys themselves, so a pattern that starts with a
     * wildcard reaches every key of the database, whatever wrote it ({@code "*?"} empties it as
     * {@code "*"} would), and one that starts with a lone <code>{</code> every namespace's models:
     * such a pattern is refused. One that starts with literal text deletes only keys that start
     * with that text.
     *
     * @param pattern a glob over the names inside the namespace
     * @return how many keys were deleted
     * @throws InvalidArgumentException when the store has no namespace and the pattern does not
     *     start with literal text; nothing is deleted
     */
    public long deletePattern(String pattern) {
        Arguments.requireNonNull(pattern, "pattern", "deletePattern");
        Codecs.utf8(pattern, "pattern", "deletePattern"); // its '?' would be a wildcard
        if (namespace.isEmpty()) {
            String prefix = Glob.literalPrefix(pattern);
            if (prefix != null && (prefix.isEmpty() || prefix.equals("{"))) {
                throw new InvalidArgumentException("pattern", "deletePattern(\"" + pattern + "\") on a store without a"
                        + " namespace: it reaches keys of every namespace and application in the database, and may empty it;"
                        + " without a namespace, only a pattern that starts with literal text (session:*, {user}:*) is taken. Run"
                        + " store.execute(client -> client.flushDB()) if you mean to empty the database");
            }
        }
        long[] deleted = {0};
        // each server is scanned on a connection of its own; the keys go through the client, which
        // sends those of a cluster's slots each to its node
        store.forEachMaster(jedis -> forEachMatchingPage(jedis, Namespaces.prefix(namespace), pattern, page -> {
            for (int from = 0; from < page.size(); from += UNLINK_BATCH) {
                byte[][] batch = page.subList(from, Math.min(page.size(), from + UNLINK_BATCH)).toArray(byte[][]::new);
                deleted[0] += store.execute(client -> client.unlink(batch));
            }
        }));
        return deleted[0];
    }

    /**
     * Stores in {@code dest} the members of {@code key} that are in none of {@code others}, with
     * their scores from {@code key} (Redis's ZDIFFSTORE; the others may be plain sets too), and
     * returns how many there are. An empty result deletes {@code dest}. This is stdnet's
     * {@code zdiffstore} without its {@code withscores} option (which subtracted scores instead of
     * removing members): that variant is not offered.
     *
     * @param dest the name of the sorted set to write
     * @param key the name of the sorted set, inside the namespace
     * @param others the sets whose members are left out
     * @return how many members {@code dest} holds now
     * @throws RedaoException if a key holds neither a sorted set nor a set
     */
    public long zdiffstore(String dest, String key, String... others) {
        Arguments.requireNoNulls(others, "others", "zdiffstore");
        byte[] destination = utf8(key(dest));
        byte[][] sources = new byte[1 + others.length][];
        sources[0] = utf8(key(key));
        for (int i = 0; i < others.length; i++) {
            sources[i + 1] = utf8(key(others[i]));
        }
        return store.execute(jedis -> jedis.zdiffstore(destination, sources), "zdiffstore",
                reason -> new RedaoException("zdiffstore: one of " + Arrays.stream(sources).map(Keyspace::text).toList()
                        + " is not a sorted set or set; nothing was written (" + reason + ")"));
    }

    /**
     * Removes and returns, atomically (one script), the members of the sorted set {@code key} at
     * ranks {@code start} to {@code stop} inclusive, counted from the lowest score, or from the
     * highest when {@code descending}. Ranks follow ZRANGE: negative ones count from the other end
     * ({@code -1} is the last), and ranges past the end are clipped. Members come in rank order.
     * Two clients popping at once never receive the same member.
     *
     * @param key the name of the sorted set, inside the namespace
     * @param start the first rank, from 0; negative counts from the end
     * @param stop the last rank, included; negative counts from the end
     * @param descending true to count ranks from the highest score, or to list the highest scores first
     * @return the members removed, with their scores
     * @throws RedaoException if the key holds something other than a sorted set (nothing is removed)
     */
    public List<ScoredMember> zpopByRank(String key, long start, long stop, boolean descending) {
        // Descending rank r is ascending rank -r-1, which is ~r without overflow.
        long removeFrom = descending ? ~stop : start;
        long removeTo = descending ? ~start : stop;
        return pop(KeyspaceScripts.ZPOP_BY_RANK, key, List.of(
                ascii(Long.toString(start)), ascii(Long.toString(stop)), flag(descending),
                ascii(Long.toString(removeFrom)), ascii(Long.toString(removeTo))));
    }

    /**
     * Removes and returns, atomically (one script), the members of the sorted set {@code key}
     * scored from {@code min} to {@code max} inclusive (infinities allowed), lowest score first, or
     * highest first when {@code descending}.
     *
     * @param key the name of the sorted set, inside the namespace
     * @param min the lowest score, included
     * @param max the highest score, included
     * @param descending true to count ranks from the highest score, or to list the highest scores first
     * @return the members removed, with their scores
     * @throws InvalidArgumentException if a bound is NaN
     * @throws RedaoException if the key holds something other than a sorted set (nothing is removed)
     */
    public List<ScoredMember> zpopByScore(String key, double min, double max, boolean descending) {
        return pop(KeyspaceScripts.ZPOP_BY_SCORE, key, List.of(bound("min", min), bound("max", max), flag(descending)));
    }

    private List<ScoredMember> pop(Script script, String key, List<byte[]> args) {
        byte[] sortedSet = utf8(key(key));
        List<?> reply;
        try {
            reply = (List<?>) store.eval(script, List.of(sortedSet), args);
        } catch (CorruptDataException e) { // eval's reading of WRONGTYPE; here the caller picked the key
            throw new RedaoException("key '" + text(sortedSet) + "' is not a sorted set; nothing was removed ("
                    + script.name() + ")", e);
        }
        List<ScoredMember> popped = new ArrayList<>(reply.size() / 2);
        for (int i = 0; i < reply.size(); i += 2) {
            popped.add(new ScoredMember(text((byte[]) reply.get(i)), score(text((byte[]) reply.get(i + 1)))));
        }
        return popped;
    }

    /**
     * Hands each page of the keys whose name under {@code prefix} matches {@code pattern} to
     * {@code page}. A plain name {@code x} is the key {@code <prefix>x} and a hash-tagged name
     * <code>{x</code> the key <code>{&lt;prefix&gt;x</code> (with the prefix {@code N:} these are the
     * keys of namespace {@code N}; {@link LegacyNamespace} passes the old layout's prefix). Plain keys
     * are matched by the server (MATCH on the prefix, escaped, then the pattern). Hash-tagged keys
     * need a second scan: the server matches them itself when the pattern starts with a literal
     * brace; when it starts with a wildcard, the scan lists every tagged key under the prefix and
     * {@link Glob} matches their names here, as the server would; any other first character can
     * never match a name that starts with a brace. An empty prefix makes names the keys: one scan.
     */
    static void forEachMatchingPage(KeyBinaryCommands jedis, String prefix, String pattern, Consumer<List<byte[]>> page) {
        String escapedPrefix = Glob.escape(prefix);
        KeyScan.forEachPage(jedis, utf8(escapedPrefix + pattern), page);
        if (prefix.isEmpty()) {
            return;
        }
        if (pattern.startsWith("{") || pattern.startsWith("\\{")) {
            String rest = pattern.substring(pattern.indexOf('{') + 1);
            KeyScan.forEachPage(jedis, utf8("{" + escapedPrefix + rest), page);
        } else if (!pattern.isEmpty() && "*?[".indexOf(pattern.charAt(0)) >= 0) {
            byte[] glob = utf8(pattern);
            int taggedPrefixLength = 1 + utf8(prefix).length;
            KeyScan.forEachPage(jedis, utf8("{" + escapedPrefix + "*"), keys -> {
                List<byte[]> matching = new ArrayList<>();
                for (byte[] k : keys) {
                    if (Glob.matches(glob, nameOfTagged(k, taggedPrefixLength))) {
                        matching.add(k);
                    }
                }
                if (!matching.isEmpty()) {
                    page.accept(matching);
                }
            });
        }
    }

    /** <code>{&lt;prefix&gt;rest</code> → <code>{rest</code>. */
    static byte[] nameOfTagged(byte[] key, int taggedPrefixLength) {
        byte[] name = new byte[key.length - taggedPrefixLength + 1];
        name[0] = '{';
        System.arraycopy(key, taggedPrefixLength, name, 1, key.length - taggedPrefixLength);
        return name;
    }

    private static byte[] bound(String which, double v) {
        if (Double.isNaN(v)) {
            throw new InvalidArgumentException(which, "zpopByScore: " + which + " is NaN");
        }
        if (Double.isInfinite(v)) {
            return ascii(v > 0 ? "+inf" : "-inf");
        }
        return ascii(Double.toString(v)); // "1.0E-5" is valid for Redis's strtod
    }

    /** Redis writes infinite scores as {@code inf} / {@code -inf}, which Java does not parse. */
    private static double score(String s) {
        return switch (s) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static byte[] flag(boolean on) {
        return ascii(on ? "1" : "0");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
