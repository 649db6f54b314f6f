package dev.redao.runtime.internal;

import dev.redao.annotations.OnDelete;
import dev.redao.runtime.ModelDao;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the runtime knows of a model, as the processor describes it in each generated DAO: its key
 * name and group, its id, its stored fields with their indexes, its ordering, version and events,
 * and the references other models hold to it. Everything else (every Lua script of the model) is
 * built here from that description, once, on first use: the engine lives in the runtime, so a
 * fix to it reaches a model without regenerating its DAO.
 *
 * <pre>{@code
 * public static final ModelSchema<Long> SCHEMA = ModelSchema.longIds(2, "user", "id")
 *         .field("email").unique()
 *         .field("country").setIndex().prefixIndex()
 *         .field("age").sortedIndex()
 *         .field("name")
 *         .build();
 * }</pre>
 *
 * <p>Every call of the description names one method of one type and no overload, so javac
 * compiles it at once: it compiles one for every model of a user's build.
 *
 * @param <ID> the id type
 */
public final class ModelSchema<ID> {
    /**
     * The version of what generated code and this runtime agree on: the description above, and
     * the methods of {@link ModelDao} a generated DAO implements. A DAO generated for another
     * version is refused when it is built, with a message that says to regenerate it.
     */
    public static final int PROTOCOL = 2;

    /** The fewest partitions a partitioned model has: with 1, it is not partitioned. */
    public static final int MIN_PARTITIONS = 2;
    /** The most partitions a model may have: enough for 64 masters, each partition one slot. */
    public static final int MAX_PARTITIONS = 64;

    /** A model or group name, as {@code @Model} allows it. */
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    /**
     * A compound sorted index ({@code @Model(indexes = @Index({"first", "second"}))}): per value
     * of the first field, a sorted set of the ids that hold it, scored as the second field's
     * sorted index scores them, in {@code <base>:cidx:<first>:<second>:<value>}. Both fields have
     * their own index too (a set index, a sorted index), so queries mean what they meant without
     * it; the query script reads it when a filter names one value of the first field and sorts by
     * or ranges over the second.
     *
     * @param first the position of the first field (the id at 0)
     * @param second the position of the second field
     */
    public record CompoundIndex(int first, int second) {}

    /** A stored field and its options, as the engine (and redao-test's checker of the key layout) reads them. */
    public record StoredField(String name, boolean unique, boolean setIndex, boolean sortedIndex, boolean prefixIndex) {
        /** Whether a save needs the field's previous value to move index or unique entries. */
        boolean tracked() {
            return unique || setIndex || sortedIndex;
        }
    }

    private final int protocol;
    private final String name;
    private final String group;
    private final IdType<ID> idType;
    private final String idField;
    private final List<StoredField> stored;
    private final List<String> fields;
    private final int orderingField;
    private final boolean orderingDescending;
    private final int versionField;
    private final boolean events;
    private final int partitions;
    private final boolean expiring;
    private final long defaultTtlMillis;
    private final List<IncomingReference> referencedBy;
    private final List<CompoundIndex> compoundIndexes;
    private final List<String> structures;
    private final List<String> structureKinds;
    private final boolean[] scored;
    private final String layout;
    private ModelScripts scripts; // guarded by this; built on first use

    private ModelSchema(Builder<ID> b) {
        this.protocol = b.protocol;
        this.name = b.name;
        this.group = b.group;
        this.idType = b.idType;
        this.idField = b.idField;
        this.stored = List.copyOf(b.stored);
        List<String> names = new ArrayList<>();
        names.add(idField);
        stored.forEach(f -> names.add(f.name()));
        this.fields = Collections.unmodifiableList(names);
        this.orderingField = b.ordering == null ? 0 : position(b.ordering);
        this.orderingDescending = b.orderingDescending;
        this.versionField = b.version == null ? 0 : position(b.version);
        this.events = b.events;
        this.partitions = b.partitions;
        if (b.expiring && b.partitions > 1 && b.stored.stream().anyMatch(StoredField::unique)) {
            throw new IllegalArgumentException(name + ": a partitioned model with unique fields cannot expire");
        }
        this.expiring = b.expiring;
        this.defaultTtlMillis = b.defaultTtlMillis;
        this.referencedBy = List.copyOf(b.referencedBy);
        List<CompoundIndex> compound = new ArrayList<>();
        for (String[] pair : b.compoundIndexes) {
            CompoundIndex index = new CompoundIndex(position(pair[0]), position(pair[1]));
            if (!stored.get(index.first() - 1).setIndex() || !stored.get(index.second() - 1).sortedIndex()) {
                throw new IllegalArgumentException(name + ": a compound index needs a set index on its first field ("
                        + pair[0] + ") and a sorted index on its second (" + pair[1] + ")");
            }
            if (compound.contains(index)) {
                throw new IllegalArgumentException(name + ": the compound index (" + pair[0] + ", " + pair[1] + ") is declared twice");
            }
            compound.add(index);
        }
        this.compoundIndexes = List.copyOf(compound);
        this.structures = List.copyOf(b.structures);
        this.structureKinds = List.copyOf(b.structureKinds);
        for (String structure : structures) {
            if (names.contains(structure) || Collections.frequency(structures, structure) > 1) {
                throw new IllegalArgumentException(name + ": the structure field " + structure + " is named twice");
            }
        }
        this.scored = new boolean[fields.size()];
        for (int f = 1; f < fields.size(); f++) {
            scored[f] = stored.get(f - 1).sortedIndex() || f == orderingField;
        }
        this.layout = layoutText();
    }

    /**
     * What the stored objects' keys depend on, as text that Redis keeps with a version
     * ({@link StoredSchema}): one line each for the partitions, the ordering, expiry and the id, then
     * one per stored field with its indexes, in the model's order. Two DAOs with the same text
     * write the same keys for the same objects.
     */
    public String layout() {
        return layout;
    }

    private String layoutText() {
        StringBuilder out = new StringBuilder();
        out.append("partitions ").append(partitions).append('\n');
        out.append("ordering ").append(orderingField == 0 ? "none" : fields.get(orderingField) + (orderingDescending ? " desc" : ""))
                .append('\n');
        out.append("expiring ").append(expiring ? "yes" : "no").append('\n');
        out.append("id ").append(idField).append('\n');
        for (StoredField f : stored) {
            out.append("field ").append(f.name());
            if (f.unique()) {
                out.append(" unique");
            }
            if (f.setIndex()) {
                out.append(" index");
            }
            if (f.sortedIndex()) {
                out.append(" sorted");
            }
            if (f.prefixIndex()) {
                out.append(" prefix");
            }
            for (CompoundIndex c : compoundIndexes) {
                if (fields.get(c.first()).equals(f.name())) {
                    out.append(" compound ").append(fields.get(c.second()));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Starts the description of a model.
     *
     * @param protocol the {@link #PROTOCOL} of the processor that generated the DAO
     * @param name the model's key name
     * @param idField the id's name, which is also its hash field
     */
    public static <ID> Builder<ID> builder(int protocol, String name, IdType<ID> idType, String idField) {
        return new Builder<>(protocol, name, idType, idField);
    }

    /** {@link #builder} for a {@code Long} or {@code long} id. */
    public static Builder<Long> longIds(int protocol, String name, String idField) {
        return new Builder<>(protocol, name, IdType.LONG, idField);
    }

    /** {@link #builder} for an {@code Integer} or {@code int} id. */
    public static Builder<Integer> intIds(int protocol, String name, String idField) {
        return new Builder<>(protocol, name, IdType.INTEGER, idField);
    }

    /** {@link #builder} for a {@code String} id. */
    public static Builder<String> stringIds(int protocol, String name, String idField) {
        return new Builder<>(protocol, name, IdType.STRING, idField);
    }

    /** {@link #builder} for a {@code UUID} id. */
    public static Builder<UUID> uuidIds(int protocol, String name, String idField) {
        return new Builder<>(protocol, name, IdType.UUID_TYPE, idField);
    }

    /** The {@link #PROTOCOL} of the processor that generated the model's DAO. */
    public int protocol() {
        return protocol;
    }

    public String name() {
        return name;
    }

    /** The {@code @Model(group)}, "" for none. */
    public String group() {
        return group;
    }

    public IdType<ID> idType() {
        return idType;
    }

    /** The stored fields' names by position: the id first, then the other fields in the model's order. */
    public List<String> fields() {
        return fields;
    }

    /** Whether the id set is a sorted set kept in the order of {@code @Model(ordering)}. */
    public boolean ordered() {
        return orderingField > 0;
    }

    /** The position of the {@code @Version} field, 0 when the model has none. */
    public int versionField() {
        return versionField;
    }

    /** Whether the model has a {@code @Version} field. */
    public boolean versioned() {
        return versionField > 0;
    }

    /** {@code @Model(partitions)}: how many hash tags the model's objects are spread over; 1 for one. */
    public int partitions() {
        return partitions;
    }

    /** Whether the model is spread over several hash tags ({@code @Model(partitions > 1)}). */
    public boolean partitioned() {
        return partitions > 1;
    }

    /** The references to this model whose {@code onDelete} is not KEEP, which its deletes act on. */
    public List<IncomingReference> referencedBy() {
        return referencedBy;
    }

    /** The model's part of every write call with several objects or models (see {@link WriteScripts}). */
    public String writeModule() {
        return scripts().writeModule();
    }

    /** The straight-line save of one object. */
    public Script saveOne() {
        return scripts().saveOne();
    }

    /** The straight-line save of one new object with every field, or null where new objects take {@link #saveOne()}. */
    public Script insertOne() {
        return scripts().insertOne();
    }

    /** The straight-line save of one object by its id with every field, or null where such saves take {@link #saveOne()}. */
    public Script replaceOne() {
        return scripts().replaceOne();
    }

    /** The save of many new objects with every field, or null where they take the write module (see insert_many.lua). */
    public Script insertMany() {
        return scripts().insertMany();
    }

    /** The straight-line delete of one object, or null when deletes follow references (they take the module). */
    public Script deleteOne() {
        return scripts().deleteOne();
    }

    public Script load() {
        return scripts().load();
    }

    public Script loadByUnique() {
        return scripts().loadByUnique();
    }

    public Script query() {
        return scripts().query();
    }

    public Script queryDelete() {
        return scripts().queryDelete();
    }

    /** Sets or drops an object's deadline (see expire.lua); null unless the model is {@link #expiring()}. */
    public Script expire() {
        return scripts().expire();
    }

    /** Reads what an object has left (expire.lua, read-only); null unless the model is {@link #expiring()}. */
    public Script timeToLive() {
        return scripts().timeToLive();
    }

    /** The stored fields but the id, in the model's order, with their indexes. */
    public List<StoredField> stored() {
        return stored;
    }

    /** Whether the field at this position (the id at 0) is the second field of a compound index. */
    boolean ordersCompoundIndex(int field) {
        for (CompoundIndex c : compoundIndexes) {
            if (c.second() == field) {
                return true;
            }
        }
        return false;
    }

    /** The model's compound sorted indexes ({@code @Model(indexes)}), in the order declared. */
    public List<CompoundIndex> compoundIndexes() {
        return compoundIndexes;
    }

    /**
     * The structure fields (a list, set, sorted set, map or time series under a key of its own next
     * to the object's hash, docs/structures.md), by name: deleted with their object.
     */
    public List<String> structures() {
        return structures;
    }

    /** Each structure field's kind ("list", "set", "sorted set", "map", "time series"), as {@link #structures()}. */
    public List<String> structureKinds() {
        return structureKinds;
    }

    String idField() {
        return idField;
    }

    /** The position of the {@code @Model(ordering)} field, 0 for none. */
    /**
     * By position (the id at 0): whether the field is stored with a score, for its sorted index
     * or the model's ordering. The schema's own array, for {@link FieldWriter}, which only reads it.
     */
    boolean[] scoredFields() {
        return scored;
    }

    public int orderingField() {
        return orderingField;
    }

    /** Whether {@code @Model(ordering)} is descending ({@code "-field"}). */
    public boolean orderingDescending() {
        return orderingDescending;
    }

    /**
     * Whether the model's objects may expire ({@code @Model(ttl)} or {@code @Model(expiring =
     * true)}): then their deadlines are kept in {@link ModelKeys#expiry()}, and every read and
     * write of the model treats an object past its deadline as gone.
     */
    public boolean expiring() {
        return expiring;
    }

    /** The {@code @Model(ttl)} in milliseconds: what a save without its own expiry gives an object; 0 for none. */
    public long defaultTtlMillis() {
        return defaultTtlMillis;
    }

    boolean events() {
        return events;
    }

    private synchronized ModelScripts scripts() {
        if (scripts == null) {
            scripts = ModelScripts.of(this);
        }
        return scripts;
    }

    private int position(String field) {
        for (int i = 0; i < stored.size(); i++) {
            if (stored.get(i).name().equals(field)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("model " + name + " has no stored field '" + field + "'");
    }

    @Override
    public String toString() {
        return "ModelSchema[" + name + "]";
    }

    /** Collects a model's description; the generated DAO calls it once, in its static initializer. */
    public static final class Builder<ID> {
        private final int protocol;
        private final String name;
        private final IdType<ID> idType;
        private final String idField;
        private final List<StoredField> stored = new ArrayList<>();
        private final List<IncomingReference> referencedBy = new ArrayList<>();
        private final List<String[]> compoundIndexes = new ArrayList<>();
        private final List<String> structures = new ArrayList<>();
        private final List<String> structureKinds = new ArrayList<>();
        private String group = "";
        private String ordering;
        private boolean orderingDescending;
        private String version;
        private boolean events;
        private int partitions = 1;
        private boolean expiring;
        private long defaultTtlMillis;

        private Builder(int protocol, String name, IdType<ID> idType, String idField) {
            this.protocol = protocol;
            this.name = checked(name, MODEL_NAME, "model name");
            this.idType = Objects.requireNonNull(idType, "idType");
            this.idField = identifier(idField);
        }

        /** The next stored field, in the model's order; the calls that follow give its indexes. */
        public Builder<ID> field(String field) {
            stored.add(new StoredField(identifier(field), false, false, false, false));
            return this;
        }

        /** {@code @Unique} on the last field: a hash value → id. */
        public Builder<ID> unique() {
            StoredField f = lastField();
            stored.set(stored.size() - 1, new StoredField(f.name(), true, f.setIndex(), f.sortedIndex(), f.prefixIndex()));
            return this;
        }

        /** {@code @Indexed} on the last field, of a kind with no order: one set of ids per value. */
        public Builder<ID> setIndex() {
            StoredField f = lastField();
            stored.set(stored.size() - 1, new StoredField(f.name(), f.unique(), true, f.sortedIndex(), f.prefixIndex()));
            return this;
        }

        /** {@code @Indexed} on the last field, of an ordered kind: one sorted set of ids scored by the value. */
        public Builder<ID> sortedIndex() {
            StoredField f = lastField();
            stored.set(stored.size() - 1, new StoredField(f.name(), f.unique(), f.setIndex(), true, f.prefixIndex()));
            return this;
        }

        /** {@code @Indexed(prefix = true)} on the last field: a lexicographic index of {@code value\0id}. */
        public Builder<ID> prefixIndex() {
            StoredField f = lastField();
            stored.set(stored.size() - 1, new StoredField(f.name(), f.unique(), f.setIndex(), f.sortedIndex(), true));
            return this;
        }

        private StoredField lastField() {
            if (stored.isEmpty()) {
                throw new IllegalStateException("an index option before the first field of " + name);
            }
            return stored.get(stored.size() - 1);
        }

        /**
         * {@code @Model(indexes = @Index({first, second}))}: a compound sorted index (see
         * {@link CompoundIndex}); first has a set index, second a sorted index.
         */
        public Builder<ID> compoundIndex(String first, String second) {
            compoundIndexes.add(new String[] {identifier(first), identifier(second)});
            return this;
        }

        /**
         * A structure field: a list, set, sorted set, map or time series the object owns, under a
         * key of its own ({@code <base>:st:<field>:<id>}), never in the object's hash.
         */
        public Builder<ID> structure(String field, String kind) {
            if (!List.of("list", "set", "sorted set", "map", "time series").contains(kind)) {
                throw new IllegalArgumentException("no structure kind " + kind);
            }
            structures.add(identifier(field));
            structureKinds.add(kind);
            return this;
        }

        /** {@code @Model(group)}: the hash tag the model shares with the other models of the group. */
        public Builder<ID> group(String group) {
            this.group = checked(group, MODEL_NAME, "group");
            return this;
        }

        /** {@code @Model(ordering)}: the id set is a sorted set scored by this field. */
        public Builder<ID> ordering(String field, boolean descending) {
            this.ordering = Objects.requireNonNull(field, "field");
            this.orderingDescending = descending;
            return this;
        }

        /** {@code @Version}: the field that counts the object's saves. */
        public Builder<ID> version(String field) {
            this.version = Objects.requireNonNull(field, "field");
            return this;
        }

        /**
         * {@code @Model(ttl)} or {@code @Model(expiring = true)}: the model's objects may expire.
         *
         * @param defaultTtlMillis what a save without an expiry of its own gives an object, in
         *     milliseconds; 0 for none (the object does not expire until told to)
         */
        public Builder<ID> expiring(long defaultTtlMillis) {
            if (defaultTtlMillis < 0) {
                throw new IllegalArgumentException("the default time to live must not be negative, not " + defaultTtlMillis);
            }
            this.expiring = true;
            this.defaultTtlMillis = defaultTtlMillis;
            return this;
        }

        /** {@code @Model(events = true)}: saves and deletes publish change events. */
        public Builder<ID> events() {
            this.events = true;
            return this;
        }

        /**
         * {@code @Model(partitions)}: the model's objects are spread by id over {@code partitions}
         * hash tags (see docs/partitioned-models.md), from {@value #MIN_PARTITIONS} to
         * {@value #MAX_PARTITIONS}.
         */
        public Builder<ID> partitions(int partitions) {
            if (partitions < MIN_PARTITIONS || partitions > MAX_PARTITIONS) {
                throw new IllegalArgumentException("partitions must be from " + MIN_PARTITIONS + " to "
                        + MAX_PARTITIONS + ", not " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /**
         * A reference to this model that its deletes act on. The referencing schema is supplied
         * lazily: two models that reference each other initialise their schemas in turn.
         */
        public Builder<ID> referencedBy(Supplier<ModelSchema<?>> from, String field, OnDelete onDelete) {
            referencedBy.add(new IncomingReference(from, field, onDelete));
            return this;
        }

        public ModelSchema<ID> build() {
            return new ModelSchema<>(this);
        }

        /** Names become part of Lua text and keys: only the names the processor lets through pass. */
        private static String identifier(String name) {
            Objects.requireNonNull(name, "field name");
            boolean valid = !name.isEmpty() && Character.isJavaIdentifierStart(name.codePointAt(0))
                    && name.codePoints().allMatch(Character::isJavaIdentifierPart);
            if (!valid) {
                throw new IllegalArgumentException("not a valid field name: '" + name + "'");
            }
            return name;
        }

        private static String checked(String name, Pattern rule, String what) {
            Objects.requireNonNull(name, what);
            if (!rule.matcher(name).matches()) {
                throw new IllegalArgumentException("not a valid " + what + ": '" + name + "'");
            }
            return name;
        }
    }
}
