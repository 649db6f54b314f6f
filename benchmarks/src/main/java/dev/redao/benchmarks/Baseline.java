package dev.redao.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * What a careful developer would write by hand with Jedis: the same key layout, one Lua script
 * per operation with the same atomicity as Redao's (the unique check before any write), loaded
 * once and called with EVALSHA; batches through a plain pipeline. It knows only this one model.
 */
final class Baseline {
    private static final String SAVE = """
            local base = string.sub(KEYS[1], 1, -4)
            local uni = base .. ':uni:email'
            if redis.call('HEXISTS', uni, ARGV[1]) == 1 then return redis.error_reply('email taken') end
            local id = redis.call('INCR', KEYS[2])
            redis.call('HSET', base .. ':obj:' .. id, 'id', id, 'email', ARGV[1], 'country', ARGV[2],
                'age', ARGV[3], 'name', ARGV[4], 'score', ARGV[5])
            redis.call('HSET', uni, ARGV[1], id)
            redis.call('SADD', KEYS[1], id)
            redis.call('SADD', base .. ':idx:country:' .. ARGV[2], id)
            redis.call('ZADD', base .. ':idx:age', ARGV[3], id)
            return id
            """;
    private static final String UPDATE = """
            local base = string.sub(KEYS[1], 1, -4)
            local id = ARGV[1]
            local key = base .. ':obj:' .. id
            local old = redis.call('HMGET', key, 'email', 'country')
            local uni = base .. ':uni:email'
            if old[1] ~= ARGV[2] then
              local holder = redis.call('HGET', uni, ARGV[2])
              if holder and holder ~= id then return redis.error_reply('email taken') end
            end
            if old[1] and old[1] ~= ARGV[2] then redis.call('HDEL', uni, old[1]) end
            if old[2] and old[2] ~= ARGV[3] then redis.call('SREM', base .. ':idx:country:' .. old[2], id) end
            redis.call('HSET', key, 'id', id, 'email', ARGV[2], 'country', ARGV[3], 'age', ARGV[4],
                'name', ARGV[5], 'score', ARGV[6])
            redis.call('HSET', uni, ARGV[2], id)
            redis.call('SADD', base .. ':idx:country:' .. ARGV[3], id)
            redis.call('ZADD', base .. ':idx:age', ARGV[4], id)
            return id
            """;
    private static final String BY_EMAIL = """
            local base = string.sub(KEYS[1], 1, -4)
            local id = redis.call('HGET', base .. ':uni:email', ARGV[1])
            if not id then return false end
            return redis.call('HGETALL', base .. ':obj:' .. id)
            """;
    private static final String QUERY = """
            local base = string.sub(KEYS[1], 1, -4)
            local tmp = base .. ':tmp:bench'
            redis.call('ZINTERSTORE', tmp, 2, base .. ':idx:country:' .. ARGV[1], base .. ':idx:age', 'WEIGHTS', 0, 1)
            local ids = redis.call('ZRANGE', tmp, 0, tonumber(ARGV[2]) - 1)
            redis.call('DEL', tmp)
            local rows = {}
            for i, id in ipairs(ids) do rows[i] = redis.call('HGETALL', base .. ':obj:' .. id) end
            return rows
            """;
    /**
     * The same page with work in proportion to the page rather than to the country: walk the age
     * index in order and keep the users of the country, until the page is full. It stores nothing.
     * The leanest walk we could write: each round reads the entries the rest of the page is
     * expected to need (the sizes read first) and asks the country set about them all at once.
     */
    private static final String QUERY_WALKING = """
            local base = string.sub(KEYS[1], 1, -4)
            local country, limit = base .. ':idx:country:' .. ARGV[1], tonumber(ARGV[2])
            local age = base .. ':idx:age'
            local members = redis.call('SCARD', country)
            if members == 0 then return {} end
            local ratio = redis.call('ZCARD', age) / members
            local rows, from = {}, 0
            while true do
              local n = math.max(32, math.ceil((limit - #rows) * ratio * 0.6))
              local ids = redis.call('ZRANGE', age, from, from + n - 1)
              if #ids == 0 then return rows end
              local found = redis.call('SMISMEMBER', country, unpack(ids))
              for i = 1, #ids do
                if found[i] == 1 then
                  rows[#rows + 1] = redis.call('HGETALL', base .. ':obj:' .. ids[i])
                  if #rows == limit then return rows end
                end
              end
              from = from + n
            end
            """;
    private static final String DELETE = """
            local base = string.sub(KEYS[1], 1, -4)
            local id = ARGV[1]
            local key = base .. ':obj:' .. id
            local old = redis.call('HMGET', key, 'email', 'country')
            if not old[1] and not old[2] then return 0 end
            if old[1] then redis.call('HDEL', base .. ':uni:email', old[1]) end
            if old[2] then redis.call('SREM', base .. ':idx:country:' .. old[2], id) end
            redis.call('ZREM', base .. ':idx:age', id)
            redis.call('DEL', key)
            redis.call('SREM', KEYS[1], id)
            return 1
            """;

    private final UnifiedJedis client;
    private final String base;
    private final List<byte[]> keys;
    private final byte[] save;
    private final byte[] update;
    private final byte[] byEmail;
    private final byte[] query;
    private final byte[] queryWalking;
    private final byte[] delete;

    /** @param client Jedis's client for one server ({@code RedisClient}) or a cluster ({@code RedisClusterClient}) */
    Baseline(UnifiedJedis client, String namespace) {
        this.client = client;
        this.base = "{" + namespace + ":user}"; // Redao's layout, so that both sides write keys of one length
        this.keys = List.of(bytes(base + ":id"), bytes(base + ":ids"));
        byte[] node = keys.get(0); // on a cluster, scripts are loaded on the node of the model's slot
        save = client.scriptLoad(bytes(SAVE), node);
        update = client.scriptLoad(bytes(UPDATE), node);
        byEmail = client.scriptLoad(bytes(BY_EMAIL), node);
        query = client.scriptLoad(bytes(QUERY), node);
        queryWalking = client.scriptLoad(bytes(QUERY_WALKING), node);
        delete = client.scriptLoad(bytes(DELETE), node);
    }

    long save(User u) {
        return (Long) client.evalsha(save, keys, List.of(bytes(u.email()), bytes(u.country()),
                bytes(Integer.toString(u.age())), bytes(u.name()), bytes(Double.toString(u.score()))));
    }

    void update(User u) {
        client.evalsha(update, keys, List.of(bytes(u.id().toString()), bytes(u.email()), bytes(u.country()),
                bytes(Integer.toString(u.age())), bytes(u.name()), bytes(Double.toString(u.score()))));
    }

    User get(long id) {
        Map<byte[], byte[]> hash = client.hgetAll(bytes(base + ":obj:" + id));
        return hash.isEmpty() ? null : fromHash(hash);
    }

    User getByEmail(String email) {
        Object reply = client.evalsha(byEmail, keys, List.of(bytes(email)));
        return reply == null ? null : fromFlat((List<?>) reply);
    }

    /** The page by set algebra: ZINTERSTORE of the country with the age index, then its first entries. */
    List<User> firstByAge(String country, int limit) {
        return rows(client.evalsha(query, keys, List.of(bytes(country), bytes(Integer.toString(limit)))));
    }

    /** The page by a walk of the age index (see {@link #QUERY_WALKING}). */
    List<User> firstByAgeWalking(String country, int limit) {
        return rows(client.evalshaReadonly(queryWalking, keys, List.of(bytes(country), bytes(Integer.toString(limit)))));
    }

    private static List<User> rows(Object reply) {
        List<?> rows = (List<?>) reply;
        List<User> out = new ArrayList<>(rows.size());
        for (Object row : rows) {
            out.add(fromFlat((List<?>) row));
        }
        return out;
    }

    boolean delete(long id) {
        return (Long) client.evalsha(delete, keys, List.of(bytes(Long.toString(id)))) == 1L;
    }

    /** A plain, non-atomic pipeline: HSET + SADD + ZADD + HSET (+ SADD of the id) per user. */
    void pipelineBatch(List<User> users) {
        long last = client.incrBy(keys.get(1), users.size());
        long id = last - users.size();
        try (AbstractPipeline p = client.pipelined()) {
            for (User u : users) {
                id++;
                String sid = Long.toString(id);
                Map<String, String> hash = new HashMap<>();
                hash.put("id", sid);
                hash.put("email", u.email());
                hash.put("country", u.country());
                hash.put("age", Integer.toString(u.age()));
                hash.put("name", u.name());
                hash.put("score", Double.toString(u.score()));
                p.hset(base + ":obj:" + sid, hash);
                p.sadd(base + ":idx:country:" + u.country(), sid);
                p.zadd(base + ":idx:age", u.age(), sid);
                p.hset(base + ":uni:email", u.email(), sid);
                p.sadd(base + ":id", sid);
            }
            p.sync();
        }
    }

    private static User fromHash(Map<byte[], byte[]> hash) {
        Map<String, String> m = new HashMap<>();
        hash.forEach((k, v) -> m.put(text(k), text(v)));
        return fromMap(m);
    }

    private static User fromFlat(List<?> flat) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < flat.size(); i += 2) {
            m.put(text((byte[]) flat.get(i)), text((byte[]) flat.get(i + 1)));
        }
        return fromMap(m);
    }

    private static User fromMap(Map<String, String> m) {
        return new User(Long.valueOf(m.get("id")), m.get("email"), m.get("country"), Integer.parseInt(m.get("age")),
                m.get("name"), Double.parseDouble(m.get("score")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
