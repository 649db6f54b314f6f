package dev.redao.runtime.internal;

import dev.redao.runtime.SchemaChangedException;
import dev.redao.runtime.SchemaChanges;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's schema as Redis keeps it (docs/schema.md): the hash {@link ModelKeys#schema()} holds
 * the {@link ModelSchema#layout()} of the DAO that wrote it last and a version, which each
 * re-index that records another layout raises by one.
 *
 * @param version the stored version
 * @param layout the stored layout
 */
record StoredSchema(long version, String layout) {
    static final Script RECORD = LuaSource.script("schema.record", "schema/record.lua");
    private static final byte[] CHECK = Codecs.encode("check");
    private static final byte[] VERSION = Codecs.encode("version");
    private static final byte[] LAYOUT = Codecs.encode("layout");
    private static final byte[] BEGIN = Codecs.encode("begin");
    private static final byte[] DONE = Codecs.encode("done");
    /** The lines of a layout that no re-index can change: they decide which keys hold the objects. */
    private static final List<String> FIXED = List.of("partitions", "ordering");

    /** The model's stored schema, or null for none: a read, which any server of the deployment answers. */
    static StoredSchema read(ModelEngine<?, ?> engine) {
        byte[] key = engine.keys(0).schema();
        List<byte[]> stored = engine.connection().execute(jedis -> jedis.hmget(key, VERSION, LAYOUT), key,
                engine.schema().name());
        if (stored.get(0) == null || stored.get(1) == null) {
            return null;
        }
        return new StoredSchema(Long.parseLong(Utf8.decode(stored.get(0))), Utf8.decode(stored.get(1)));
    }

    /** The model's stored schema; the DAO's own, recorded as version 1, when none was stored. */
    static StoredSchema recorded(ModelEngine<?, ?> engine) {
        return call(engine, List.of(Codecs.encode(engine.schema().layout()), CHECK));
    }

    /**
     * Before a re-index: records the DAO's layout as the next version, marked as re-indexing, if
     * {@code from} is still the stored one; the stored schema afterwards (another DAO's, if one
     * recorded its own meanwhile).
     */
    static StoredSchema begin(ModelEngine<?, ?> engine, String from) {
        return call(engine, List.of(Codecs.encode(engine.schema().layout()), BEGIN, Codecs.encode(from)));
    }

    /** After a re-index: drops the mark if the DAO's layout is still the stored one. */
    static void done(ModelEngine<?, ?> engine) {
        call(engine, List.of(Codecs.encode(engine.schema().layout()), DONE));
    }

    private static StoredSchema call(ModelEngine<?, ?> engine, List<byte[]> args) {
        List<?> reply = (List<?>) engine.connection().eval(RECORD, List.of(engine.keys(0).schema()), args);
        return new StoredSchema((Long) reply.get(0), Utf8.decode((byte[]) reply.get(1)));
    }

    /**
     * Whether a DAO of {@code layout} can work on objects stored under this schema as they are:
     * the two differ only by fields without an index or unique constraint, which one adds or the
     * other drops, since no key but the objects' hashes holds them (a dropped field's values stay
     * unread, an added one reads as missing). A change that both drops and adds such fields may be
     * a field renamed without {@code @Stored}, whose values would silently read as missing: that
     * one is not.
     */
    boolean compatibleWith(String layout) {
        Map<String, String> stored = lines(this.layout);
        Map<String, String> mine = lines(layout);
        boolean added = false;
        boolean dropped = false;
        for (Map.Entry<String, String> e : mine.entrySet()) {
            String before = stored.get(e.getKey());
            if (before == null && e.getKey().startsWith("field ") && e.getValue().isEmpty()) {
                added = true;
            } else if (!e.getValue().equals(before)) {
                return false;
            }
        }
        for (Map.Entry<String, String> e : stored.entrySet()) {
            if (!mine.containsKey(e.getKey())) {
                if (!e.getKey().startsWith("field ") || !e.getValue().isEmpty()) {
                    return false;
                }
                dropped = true;
            }
        }
        return !(added && dropped);
    }

    /** Whether a re-index can bring objects stored under this schema to {@code layout}. */
    boolean reindexableTo(String layout) {
        Map<String, String> stored = lines(this.layout);
        Map<String, String> mine = lines(layout);
        return FIXED.stream().allMatch(k -> Objects.equals(stored.get(k), mine.get(k)));
    }

    /** The refusal of a DAO whose layout differs from this stored one. */
    SchemaChangedException refusal(String model, String layout, SchemaChanges policy) {
        List<String> differences = differences(this.layout, layout);
        boolean reindexable = reindexableTo(layout);
        StringBuilder message = new StringBuilder("the schema stored with model '").append(model).append("' (version ")
                .append(version).append(") differs from this DAO's: ").append(String.join("; ", differences)).append(". ");
        if (!reindexable) {
            message.append("A re-index cannot move the stored objects to other keys: run the DAO of the stored schema,"
                    + " or move the objects to a model of another name");
        } else if (policy == SchemaChanges.REFUSE) {
            message.append("The stored objects lack this DAO's new entries: call reindex() on the DAO, or connect with"
                    + " RedisStore.Options.schemaChanges(SchemaChanges.REINDEX)");
        } else {
            message.append("Another DAO recorded its schema while this one re-indexed: the two versions of the model"
                    + " run at once");
        }
        String renamed = renameHint(this.layout, layout);
        if (renamed != null) {
            message.append(". ").append(renamed);
        }
        return new SchemaChangedException(model, version, differences, reindexable, message.toString());
    }

    /** What differs from {@code stored} to {@code mine}, a phrase each. */
    static List<String> differences(String stored, String mine) {
        Map<String, String> was = lines(stored);
        Map<String, String> now = lines(mine);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : now.entrySet()) {
            String before = was.get(e.getKey());
            if (before == null) {
                out.add(e.getKey() + " is new" + options(e.getValue()));
            } else if (!before.equals(e.getValue())) {
                out.add(e.getKey() + " was '" + before + "', is '" + e.getValue() + "'");
            }
        }
        for (String key : was.keySet()) {
            if (!now.containsKey(key)) {
                out.add(key + " is gone");
            }
        }
        return out;
    }

    /** When one field is gone and one is new: the annotation that keeps a renamed field's stored values. */
    private static String renameHint(String stored, String mine) {
        List<String> gone = fieldNames(stored);
        gone.removeAll(fieldNames(mine));
        List<String> added = fieldNames(mine);
        added.removeAll(fieldNames(stored));
        if (gone.size() != 1 || added.size() != 1) {
            return null;
        }
        return "If field '" + added.get(0) + "' is '" + gone.get(0) + "' renamed, annotate it @Stored(\"" + gone.get(0)
                + "\") to keep reading its stored values";
    }

    private static List<String> fieldNames(String layout) {
        List<String> out = new ArrayList<>();
        for (String key : lines(layout).keySet()) {
            if (key.startsWith("field ")) {
                out.add(key.substring("field ".length()));
            }
        }
        return out;
    }

    private static String options(String value) {
        return value.isEmpty() ? "" : " (" + value + ")";
    }

    /**
     * A layout's lines by what they describe: "partitions", "ordering", "expiring", "id", and
     * "field &lt;name&gt;" for each field, with the rest of the line as the value.
     */
    private static Map<String, String> lines(String layout) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : layout.split("\n")) {
            String[] words = line.split(" ", 3);
            if (words[0].equals("field")) {
                out.put("field " + words[1], words.length > 2 ? words[2] : "");
            } else if (!line.isBlank()) {
                out.put(words[0], line.substring(words[0].length()).strip());
            }
        }
        return out;
    }
}
