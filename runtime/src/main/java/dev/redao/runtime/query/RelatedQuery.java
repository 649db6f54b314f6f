package dev.redao.runtime.query;

import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.ModelEngine;
import dev.redao.runtime.internal.ModelSchema;
import dev.redao.runtime.internal.SharedSecrets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A query that loads, with its objects, the objects their references point at: made by
 * {@link Query#loadRelated}; {@link #list()} runs it in one script.
 *
 * @param <M> the model
 * @param <ID> its id type
 */
public final class RelatedQuery<M, ID> {
    private final Query<M, ID> query;
    private final List<Relation<M, ?, ?>> relations;

    RelatedQuery(Query<M, ID> query, List<Relation<M, ?, ?>> relations) {
        this.query = query;
        this.relations = relations;
    }

    /**
     * One more reference to follow, as {@link Query#loadRelated} does.
     *
     * @param <RID> the referenced model's id type
     * @param <R> the referenced model
     * @param reference the field of this model that references the other
     * @param related the referenced model's DAO
     * @param fields the fields to load of the referenced objects; none for all
     * @return a new query that follows one more reference; this one is unchanged
     */
    @SafeVarargs
    public final <RID, R> RelatedQuery<M, ID> loadRelated(ReferenceField<M, RID, R> reference, ModelDao<R, RID> related,
                                                          Field<R>... fields) {
        Arguments.requireNonNull(reference, "reference", query.call("loadRelated"));
        Arguments.requireNonNull(related, "related", query.call("loadRelated"));
        Arguments.requireNoNulls(fields, "fields", query.call("loadRelated"));
        ModelEngine<R, RID> model = SharedSecrets.core().engine(related);
        if (!model.schema().name().equals(reference.target().name())) {
            throw new InvalidArgumentException("related", query.call("loadRelated") + ": " + reference.name()
                    + " references " + reference.target().name() + ", not " + model.schema().name());
        }
        if (model.connection() != query.model().connection()) {
            throw new InvalidArgumentException("related", query.call("loadRelated") + ": the related DAO belongs to another"
                    + " RedisStore");
        }
        List<Relation<M, ?, ?>> more = new ArrayList<>(relations);
        more.add(new Relation<>(reference, model, List.copyOf(Arrays.asList(fields))));
        return new RelatedQuery<>(query, List.copyOf(more));
    }

    /**
     * The objects, and the related objects of each relation, in one round trip.
     *
     * @return the objects and their related objects
     */
    public Related<M> list() {
        for (Relation<M, ?, ?> r : relations) {
            if (query.model().schema().partitioned() || r.related().schema().partitioned()) {
                throw new CrossSlotException("loadRelated from '" + query.model().schema().name() + "' to '"
                        + r.related().schema().name() + "': a partitioned model's objects are in many slots, and one"
                        + " script reads one; list the objects, then getAll the related ones by id");
            }
        }
        List<byte[]> args = new ArrayList<>();
        args.add(Field.number(relations.size()));
        for (Relation<M, ?, ?> r : relations) {
            r.appendTo(args);
        }
        List<?> reply = query.listWith(args, relations.stream().map(r -> r.related().keys().base()).toList());
        if (reply == null) {
            return new Related<>(List.of(), relations, List.of());
        }
        List<M> objects = query.readRows((List<?>) reply.get(0));
        List<List<?>> relatedRows = new ArrayList<>();
        for (int i = 0; i < relations.size(); i++) {
            relatedRows.add((List<?>) reply.get(i + 1));
        }
        return new Related<>(objects, relations, relatedRows);
    }

    /**
     * One reference to follow: the field, the related model's DAO, the fields to load of it
     * (none: all).
     */
    record Relation<M, RID, R>(ReferenceField<M, RID, R> reference, ModelEngine<R, RID> related, List<Field<R>> fields) {

        /**
         * The reference's name, the related model's base key and name (for errors about its
         * objects), the names of the fields to load (the id first), and for some fields only, the
         * names of all of its fields.
         */
        void appendTo(List<byte[]> args) {
            args.add(Field.utf8(reference.name()));
            args.add(Field.utf8(related.keys().base()));
            args.add(Field.utf8(related.schema().name()));
            List<String> names = new ArrayList<>();
            ModelSchema<RID> schema = related.schema();
            names.add(schema.fields().get(0));
            if (fields.isEmpty()) {
                names.addAll(schema.fields().subList(1, schema.fields().size()));
            } else {
                for (int p : positions()) {
                    if (p > 0) {
                        names.add(schema.fields().get(p));
                    }
                }
            }
            args.add(Field.number(names.size()));
            for (String name : names) {
                args.add(name.getBytes(StandardCharsets.UTF_8));
            }
            // some fields only: all of them, which tell a corrupt object from none (query.lua, step 4)
            List<String> all = fields.isEmpty() ? List.of() : schema.fields().subList(1, schema.fields().size());
            args.add(Field.number(all.size()));
            for (String name : all) {
                args.add(name.getBytes(StandardCharsets.UTF_8));
            }
        }

        /** Null for every field; else the id, the chosen fields and the version, by position. */
        int[] positions() {
            if (fields.isEmpty()) {
                return null;
            }
            List<Integer> chosen = new ArrayList<>();
            chosen.add(0);
            for (Field<R> f : fields) {
                if (f.position > 0 && !chosen.contains(f.position)) {
                    chosen.add(f.position);
                }
            }
            int version = related.schema().versionField();
            if (version > 0 && !chosen.contains(version)) {
                chosen.add(version);
            }
            return chosen.stream().mapToInt(Integer::intValue).toArray();
        }

        List<R> read(List<?> rows) {
            return related.readRows(rows, positions());
        }

        RID idOf(R object) {
            return related.idOf(object);
        }
    }
}
