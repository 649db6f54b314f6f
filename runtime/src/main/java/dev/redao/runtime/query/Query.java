package dev.redao.runtime.query;

import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.ModelDao;
import dev.redao.runtime.QueryTooLongException;
import dev.redao.runtime.internal.Arguments;
import dev.redao.runtime.internal.Metrics;
import dev.redao.runtime.internal.ModelEngine;
import dev.redao.runtime.internal.ModelRef;
import dev.redao.runtime.internal.PipelinedFuture;
import dev.redao.runtime.internal.SharedSecrets;
import dev.redao.runtime.metrics.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A query on one model, built with python-stdnet's verbs and run as ONE script call by its
 * terminal operation ({@link #list}, {@link #first}, {@link #ids}, {@link #count},
 * {@link #exists}, {@link #delete}). Immutable: every verb returns a new query, so a query can be
 * kept and reused.
 *
 * <p>Several {@code filter}s must all hold; {@code in} and {@code union} match either side;
 * {@code exclude} removes what it matches. Filtering one field twice means both conditions (AND).
 * Without {@code sortBy}, results come in id order, or in the model's {@code @Model(ordering)}.
 *
 * @param <M> the model
 * @param <ID> its id type
 */
public final class Query<M, ID> {
    static {
        // a DAO makes its queries, and reads the positions of its fields, through this
        SharedSecrets.setQueryAccess(new QueryAccessor());
    }

    private final ModelEngine<M, ID> model;
    private final Node filter;
    private final Sort<M> sort;
    private final int offset;
    private final int limit;
    private final List<Field<M>> loadOnly;

    Query(ModelEngine<M, ID> model) {
        this(model, Node.ALL, null, 0, -1, List.of());
    }

    private Query(ModelEngine<M, ID> model, Node filter, Sort<M> sort, int offset, int limit, List<Field<M>> loadOnly) {
        this.model = model;
        this.filter = filter;
        this.sort = sort;
        this.offset = offset;
        this.limit = limit;
        this.loadOnly = loadOnly;
    }

    private Query<M, ID> with(Node newFilter) {
        return new Query<>(model, newFilter, sort, offset, limit, loadOnly);
    }

    /**
     * Keeps the objects that match {@code condition} as well.
     *
     * @param condition the condition
     * @return a new query; this one is unchanged
     */
    public Query<M, ID> filter(Condition<M> condition) {
        return with(new Node.And(List.of(filter, condition(condition, "filter").node)));
    }

    /**
     * Drops the objects that match {@code condition}.
     *
     * @param condition the condition
     * @return a new query; this one is unchanged
     */
    public Query<M, ID> exclude(Condition<M> condition) {
        return with(new Node.Diff(filter, condition(condition, "exclude").node));
    }

    /**
     * Adds the objects that match {@code condition}.
     *
     * @param condition the condition
     * @return a new query; this one is unchanged
     */
    public Query<M, ID> union(Condition<M> condition) {
        return with(new Node.Or(List.of(filter, condition(condition, "union").node)));
    }

    /**
     * Adds the objects that {@code other} matches (its filters only; its sort and page are ignored).
     *
     * @param other a query of the same model
     * @return a new query; this one is unchanged
     */
    public Query<M, ID> union(Query<M, ID> other) {
        return with(new Node.Or(List.of(filter, Arguments.requireNonNull(other, "other", call("union")).filter)));
    }

    /**
     * Keeps the objects that {@code other} matches as well.
     *
     * @param other a query of the same model
     * @return a new query; this one is unchanged
     */
    public Query<M, ID> intersect(Query<M, ID> other) {
        return with(new Node.And(List.of(filter, Arguments.requireNonNull(other, "other", call("intersect")).filter)));
    }

    /**
     * Keeps the objects that match {@code condition} as well; the same as {@link #filter}.
     *
     * @param condition the condition
     * @return a new query; this one is unchanged
     */
    public Query<M, ID> intersect(Condition<M> condition) {
        return filter(condition(condition, "intersect"));
    }

    /**
     * Orders the results by a field handle's {@code asc()} or {@code desc()}; a later call sorts ties.
     *
     * @param order the sort order
     * @return a new query; this one is unchanged
     */
    public Query<M, ID> sortBy(Sort<M> order) {
        return new Query<>(model, filter, Arguments.requireNonNull(order, "order", call("sortBy")), offset, limit, loadOnly);
    }

    private Condition<M> condition(Condition<M> condition, String verb) {
        return Arguments.requireNonNull(condition, "condition", call(verb));
    }

    /** A verb of this query as messages name it: {@code filter of a query of model 'member'}. */
    String call(String verb) {
        return verb + " of a query of model '" + model.schema().name() + "'";
    }

    /**
     * Skips the first {@code n} results (on the server).
     *
     * @param n how many; not negative
     * @return a new query; this one is unchanged
     */
    public Query<M, ID> offset(int n) {
        if (n < 0) {
            throw new InvalidArgumentException("n", call("offset") + ": offset must not be negative: " + n);
        }
        return new Query<>(model, filter, sort, n, limit, loadOnly);
    }

    /**
     * Returns at most {@code n} results (on the server).
     *
     * @param n how many; not negative
     * @return a new query; this one is unchanged
     */
    public Query<M, ID> limit(int n) {
        if (n < 0) {
            throw new InvalidArgumentException("n", call("limit") + ": limit must not be negative: " + n);
        }
        return new Query<>(model, filter, sort, offset, n, loadOnly);
    }

    /**
     * Loads only these fields (and the id, and the {@code @Version} if the model has one); the
     * others read as null, or as the default of a primitive. Saving such an object through its DAO
     * keeps the stored values of the fields it did not load (for a class changed in place; a
     * record changed by a new constructor call is a new object: save it with
     * {@link ModelDao#update}).
     *
     * @param fields the fields to load
     * @return a new query; this one is unchanged
     */
    @SafeVarargs
    public final Query<M, ID> loadOnly(Field<M>... fields) {
        List<Field<M>> chosen = new ArrayList<>(Arrays.asList(Arguments.requireNoNulls(fields, "fields", call("loadOnly"))));
        // the version is always loaded, so that saving the object checks it
        int version = model.schema().versionField();
        if (version > 0 && chosen.stream().noneMatch(f -> f.position == version)) {
            chosen.add(new Field<>(model.schema().fields().get(version), version));
        }
        return new Query<>(model, filter, sort, offset, limit, List.copyOf(chosen));
    }

    /**
     * The matching objects, in the query's order, within offset and limit, in one round trip.
     *
     * @return the objects
     */
    public List<M> list() {
        Node folded = QueryProgram.fold(filter);
        if (folded instanceof Node.Empty || limit == 0) {
            return List.of();
        }
        List<?> rows = (List<?>) run("list", folded);
        return model.readRows(rows, loadedPositions());
    }

    /**
     * The first result, or empty; within this query's offset and limit.
     *
     * @return the first result, or empty
     */
    public Optional<M> first() {
        List<M> one = limit(limit == 0 ? 0 : 1).list();
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    /**
     * The ids of the matching objects, in the query's order, within offset and limit; loads no object.
     *
     * @return the ids
     */
    public List<ID> ids() {
        Node folded = QueryProgram.fold(filter);
        if (folded instanceof Node.Empty || limit == 0) {
            return List.of();
        }
        return decodedIds((List<?>) run("ids", folded));
    }

    private List<ID> decodedIds(List<?> reply) {
        List<ID> ids = new ArrayList<>(reply.size());
        for (Object id : reply) {
            // a partitioned model's ids were checked in their partitions (see fanOut)
            ids.add(model.decodeId((byte[]) id, 0));
        }
        return ids;
    }

    /**
     * How many objects match (offset and limit do not apply, as for {@link #exists}).
     *
     * @return how many objects match
     */
    public long count() {
        Node folded = QueryProgram.fold(filter);
        return folded instanceof Node.Empty ? 0 : (Long) run("count", folded);
    }

    /**
     * Whether any object matches (offset and limit do not apply).
     *
     * @return whether any object matches
     */
    public boolean exists() {
        Node folded = QueryProgram.fold(filter);
        return !(folded instanceof Node.Empty) && (Long) run("exists", folded) == 1L;
    }

    /**
     * Deletes the matching objects (within offset and limit, in the query's order) with every
     * index and unique entry, in the same script that finds them. Returns how many were deleted.
     * For a model that other models reference (with onDelete other than KEEP), the ids are found
     * first and then deleted as {@link ModelDao#deleteAll} does, following the references: two
     * round trips, and an object that starts to match in between is not deleted.
     *
     * @return how many objects were deleted
     */
    public long delete() {
        Node folded = QueryProgram.fold(filter);
        if (folded instanceof Node.Empty || limit == 0) {
            return 0;
        }
        if (model.deletesFollowReferences() || model.claimsUnique()
                || (model.schema().partitioned() && (offset > 0 || limit >= 0))) {
            // the query script holds only this model's Lua; the write script holds every model a
            // delete reaches, so it is found first, then deleted by DAO (see ModelDao.deleteAll).
            // A page of a partitioned model is known once the partitions' pages are merged, and
            // a delete of one with unique fields releases its values in their partitions.
            return model.deleteAll(ids());
        }
        return (Long) run("delete", folded);
    }

    /**
     * Loads, with each object, the object that {@code reference} points at, in the same script:
     * {@code orders.query().loadRelated(OrderQuery.customerId, customers).list()} gives the orders
     * and their customers, each customer read once however many orders name it. A reference that
     * names no object (it dangles, or is null) has no related object. With {@code fields}, only
     * those fields of the related objects are loaded (and their id).
     *
     * @param <RID> the referenced model's id type
     * @param <R> the referenced model
     * @param reference the field of this model that references the other
     * @param related the referenced model's DAO
     * @param fields the fields to load
     * @return a query that loads the referenced objects too
     */
    @SafeVarargs
    public final <RID, R> RelatedQuery<M, ID> loadRelated(ReferenceField<M, RID, R> reference, ModelDao<R, RID> related,
                                                          Field<R>... fields) {
        return new RelatedQuery<>(this, List.of()).loadRelated(reference, related, fields);
    }

    /** For {@link RelatedQuery#list()}: the rows, and per relation the rows of the related objects. */
    List<?> listWith(List<byte[]> relationArgs, List<String> relatedBases) {
        Node folded = QueryProgram.fold(filter);
        if (folded instanceof Node.Empty || limit == 0) {
            return null;
        }
        return (List<?>) run("list", folded, relationArgs, relatedBases);
    }

    ModelEngine<M, ID> model() {
        return model;
    }

    List<M> readRows(List<?> rows) {
        return model.readRows(rows, loadedPositions());
    }

    private Object run(String operation, Node folded) {
        return run(operation, folded, List.of(Field.number(0)), List.of());
    }

    /**
     * Runs the query script, reported to the store's observer (if any) as one query.
     *
     * @param relatedBases the base keys of the models whose objects are loaded with the results
     */
    private Object run(String operation, Node folded, List<byte[]> relationArgs, List<String> relatedBases) {
        Metrics metrics = model.metrics();
        return metrics == null ? runNow(operation, folded, relationArgs, relatedBases)
                : metrics.time(model.schema().name(), Operation.QUERY, () -> runNow(operation, folded, relationArgs, relatedBases));
    }

    private Object runNow(String operation, Node folded, List<byte[]> relationArgs, List<String> relatedBases) {
        if (model.schema().partitioned()) {
            return fanOut(operation, folded, relatedBases);
        }
        return model.runQuery(0, oneScriptArguments(operation, folded, relationArgs, relatedBases), operation.equals("delete"));
    }

    /** The arguments of the one script that runs a query of a model that is not partitioned, once the query is found to read one slot. */
    private List<byte[]> oneScriptArguments(String operation, Node folded, List<byte[]> relationArgs, List<String> relatedBases) {
        refuseJoinsOfPartitionedModels(folded);
        if (model.connection().spreadsOverSlots()) {
            List<String> bases = new ArrayList<>(relatedBases);
            bases.add(model.keys().base());
            joinedBases(folded, model.connection().namespace(), bases);
            model.connection().requireOneSlot("a query of '" + model.schema().name() + "'", bases);
        }
        List<byte[]> program = QueryProgram.compile(folded, model.connection().namespace());
        return arguments(operation, program, offset, limit, relationArgs);
    }

    // ---- the terminals asynchronously, for AsyncDao: one script, no thread waiting for its reply

    PipelinedFuture<List<M>> listLater(Executor threads, Runnable settled) {
        int[] positions = loadedPositions();
        return later("list", true, List.of(), rows -> model.readRows((List<?>) rows, positions), threads, settled);
    }

    PipelinedFuture<Optional<M>> firstLater(Executor threads, Runnable settled) {
        Query<M, ID> one = limit(limit == 0 ? 0 : 1);
        int[] positions = one.loadedPositions();
        return one.later("list", true, Optional.empty(), rows -> model.readRows((List<?>) rows, positions).stream().findFirst(),
                threads, settled);
    }

    PipelinedFuture<List<ID>> idsLater(Executor threads, Runnable settled) {
        return later("ids", true, List.of(), reply -> decodedIds((List<?>) reply), threads, settled);
    }

    PipelinedFuture<Long> countLater(Executor threads, Runnable settled) {
        return later("count", false, 0L, reply -> (Long) reply, threads, settled);
    }

    PipelinedFuture<Boolean> existsLater(Executor threads, Runnable settled) {
        return later("exists", false, false, reply -> (Long) reply == 1L, threads, settled);
    }

    /** Null also where {@link #delete()} finds the ids first (references to follow, unique values claimed). */
    PipelinedFuture<Long> deleteLater(Executor threads, Runnable settled) {
        if (model.deletesFollowReferences() || model.claimsUnique()) {
            return null;
        }
        return later("delete", true, 0L, reply -> (Long) reply, threads, settled);
    }

    /**
     * The terminal {@code operation} as one script in the automatic pipeline, as
     * {@link ModelEngine#queryLater} sends it, or null, having sent nothing, for a partitioned
     * model's (a script per partition) or when the store does not pipeline the script.
     *
     * @param paged whether offset and limit apply: a limit of 0 matches nothing
     * @param nothing the result when nothing can match, known without asking Redis
     * @param result what the script's reply becomes
     */
    private <R> PipelinedFuture<R> later(String operation, boolean paged, R nothing, Function<Object, R> result,
            Executor threads, Runnable settled) {
        Node folded = QueryProgram.fold(filter);
        if (folded instanceof Node.Empty || (paged && limit == 0)) {
            return model.knownLater(nothing, threads, settled);
        }
        if (model.schema().partitioned()) {
            return null;
        }
        List<byte[]> args = oneScriptArguments(operation, folded, List.of(Field.number(0)), List.of());
        return model.queryLater(args, operation.equals("delete"), threads, settled, result);
    }

    /**
     * A partitioned model's query: the script in each partition, the results combined: counts
     * added, pages merged in the query's order (see {@link FanOut}). A join or a related load
     * reads other models' keys in the same script, which one partition's slot does not hold.
     */
    private Object fanOut(String operation, Node folded, List<String> relatedBases) {
        List<String> joined = new ArrayList<>(relatedBases);
        joinedBases(folded, model.connection().namespace(), joined);
        if (!joined.isEmpty()) {
            throw new CrossSlotException("a query of '" + model.schema().name() + "' that joins or loads other models: "
                    + model.schema().name() + " is partitioned, and a query script reads one partition; query each model on its own");
        }
        boolean page = operation.equals("ids") || operation.equals("list");
        Node resolved = QueryProgram.fold(resolveUniqueLookups(folded));
        if (resolved instanceof Node.Empty) {
            return page ? List.of() : 0L;
        }
        List<byte[]> program = QueryProgram.compile(resolved, model.connection().namespace());
        // A page asks each partition for its share of the page and some more, then asks again, for
        // the whole page, only the partitions that may hold back some of it (see FanOut.incomplete)
        int wanted = limit < 0 ? -1 : offset + limit;
        int share = wanted < 0 ? -1 : Math.min(wanted, (wanted * 3 / 2 + model.partitions() - 1) / model.partitions() + 2);
        // whole objects come with the partitions' replies when these hold at most three times the page
        // (one round trip less); else they are loaded once the page is known
        boolean loadAfter = operation.equals("list") && loadOnly.isEmpty()
                && (share < 0 || (long) share * model.partitions() > 3L * Math.max(limit, 1) || offset > 0);
        String partitionOperation = page ? "ranked " + (loadAfter ? "ids" : operation) : operation;
        List<byte[]> partitionArgs = page ? arguments(partitionOperation, program, 0, share, List.of(Field.number(0)))
                : arguments(operation, program, offset, limit, List.of(Field.number(0)));
        List<List<byte[]>> args = Collections.nCopies(model.partitions(), partitionArgs);
        List<Object> replies = new ArrayList<>(model.partitions());
        if (operation.equals("delete")) { // a write: each partition's as any write goes (a wait applies)
            for (int p = 0; p < model.partitions(); p++) {
                replies.add(model.runQuery(p, args.get(p), true));
            }
        } else {
            replies = model.runQueryInEveryPartition(args);
        }
        if (page) {
            List<List<?>> pages = new ArrayList<>(replies.size());
            replies.forEach(r -> pages.add((List<?>) r));
            Sort<M> order = sort != null ? sort : modelOrder();
            boolean numericIds = model.schema().idType().assignedByServer();
            if (share < wanted) {
                List<Integer> again = FanOut.incomplete(pages, order, numericIds, share, wanted);
                if (!again.isEmpty()) {
                    List<Object> more = model.runQueryInPartitions(again,
                            arguments(partitionOperation, program, 0, wanted, List.of(Field.number(0))));
                    for (int i = 0; i < again.size(); i++) {
                        pages.set(again.get(i), (List<?>) more.get(i));
                    }
                }
            }
            List<Object> merged = FanOut.merge(pages, order, numericIds, offset, limit, model::decodeId);
            if (loadAfter) {
                List<byte[]> ids = new ArrayList<>(merged.size());
                merged.forEach(id -> ids.add((byte[]) id));
                return model.loadRows(ids);
            }
            return merged;
        }
        long total = replies.stream().mapToLong(r -> (Long) r).sum();
        return operation.equals("exists") ? (total > 0 ? 1L : 0L) : total;
    }

    /**
     * Without a sort, the model's {@code @Model(ordering)}: each partition's id set is scored by it
     * (nulls at the end), and its scores order the merge as a sorted index's would; null for id order.
     */
    private Sort<M> modelOrder() {
        return model.schema().ordered() ? new Sort<>('z', model.schema().orderingField(), model.schema().orderingDescending(), false)
                : null;
    }

    /**
     * A partitioned model's unique entries live in the partitions of their values, not of their
     * objects, so a query script cannot look them up: each lookup of unique values becomes a lookup
     * of the ids that hold them, found first (see {@link ModelEngine#getByUnique}).
     */
    private Node resolveUniqueLookups(Node node) {
        if (node instanceof Node.Leaf leaf && Field.text(leaf.tokens().get(0)).equals("U")) {
            String field = Field.text(leaf.tokens().get(1));
            List<byte[]> ids = new ArrayList<>();
            for (byte[] value : leaf.tokens().subList(3, leaf.tokens().size())) {
                model.getByUnique(field, value).ifPresent(o -> ids.add(Field.utf8(model.schema().idType().encode(model.idOf(o)))));
            }
            if (ids.isEmpty()) {
                return Node.EMPTY;
            }
            List<byte[]> tokens = new ArrayList<>();
            tokens.add(Field.utf8("I"));
            tokens.add(Field.number(ids.size()));
            tokens.addAll(ids);
            return new Node.Leaf(tokens);
        }
        if (node instanceof Node.And and) {
            return new Node.And(and.children().stream().map(this::resolveUniqueLookups).toList());
        }
        if (node instanceof Node.Or or) {
            return new Node.Or(or.children().stream().map(this::resolveUniqueLookups).toList());
        }
        if (node instanceof Node.Diff diff) {
            return new Node.Diff(resolveUniqueLookups(diff.keep()), resolveUniqueLookups(diff.remove()));
        }
        return node;
    }

    /**
     * How long the script may run in Redis before it stops (see {@link QueryTooLongException}):
     * half the timeout, so that its error reaches the caller before the caller gives up, with
     * time to spare for a busy machine.
     */
    private int scriptBudgetMillis() {
        return Math.max(1, model.connection().url().timeoutMillis() / 2);
    }

    /** The query script's ARGV. */
    private List<byte[]> arguments(String operation, List<byte[]> program, int offset, int limit,
                                   List<byte[]> relationArgs) {
        List<byte[]> args = new ArrayList<>(program.size() + 12);
        args.add(Field.utf8(operation));
        args.add(Field.number(scriptBudgetMillis()));
        args.add(Field.number(program.size()));
        args.addAll(program);
        args.add(Field.utf8(sort == null ? "" : String.valueOf(sort.mode)));
        args.add(Field.number(sort == null ? 0 : sort.position));
        args.add(Field.utf8(sort != null && sort.descending ? "1" : "0"));
        args.add(Field.utf8(sort != null && sort.alphabetic ? "1" : "0"));
        args.add(Field.number(offset));
        args.add(Field.number(limit));
        args.add(Field.number(loadOnly.size()));
        for (Field<M> f : loadOnly) {
            args.add(Field.number(f.position));
        }
        args.addAll(relationArgs);
        return args;
    }

    /** A join reads the other model's keys in this model's script: a partitioned model's are in many slots. */
    private void refuseJoinsOfPartitionedModels(Node node) {
        ModelRef other = node instanceof Node.Join join ? join.target()
                : node instanceof Node.ReferencedBy by ? by.referrer() : null;
        if (other != null && other.partitioned()) {
            throw new CrossSlotException("a query of '" + model.schema().name() + "' that joins '" + other.name()
                    + "': " + other.name() + " is partitioned, and one query script cannot read every partition;"
                    + " query " + other.name() + " on its own and filter by the ids it returns");
        }
        if (node instanceof Node.Join join) {
            refuseJoinsOfPartitionedModels(join.inner());
        } else if (node instanceof Node.ReferencedBy by) {
            refuseJoinsOfPartitionedModels(by.inner());
        } else if (node instanceof Node.And and) {
            and.children().forEach(this::refuseJoinsOfPartitionedModels);
        } else if (node instanceof Node.Or or) {
            or.children().forEach(this::refuseJoinsOfPartitionedModels);
        } else if (node instanceof Node.Diff diff) {
            refuseJoinsOfPartitionedModels(diff.keep());
            refuseJoinsOfPartitionedModels(diff.remove());
        }
    }

    /** The base keys of the models whose keys the filter reads, besides the queried model's. */
    private static void joinedBases(Node node, String namespace, List<String> out) {
        if (node instanceof Node.Join join) {
            out.add(join.target().base(namespace));
            joinedBases(join.inner(), namespace, out);
        } else if (node instanceof Node.ReferencedBy by) {
            out.add(by.referrer().base(namespace));
            joinedBases(by.inner(), namespace, out);
        } else if (node instanceof Node.And and) {
            and.children().forEach(c -> joinedBases(c, namespace, out));
        } else if (node instanceof Node.Or or) {
            or.children().forEach(c -> joinedBases(c, namespace, out));
        } else if (node instanceof Node.Diff diff) {
            joinedBases(diff.keep(), namespace, out);
            joinedBases(diff.remove(), namespace, out);
        }
    }

    private int[] loadedPositions() {
        if (loadOnly.isEmpty()) {
            return null;
        }
        int[] positions = new int[loadOnly.size() + 1];
        for (int i = 0; i < loadOnly.size(); i++) {
            positions[i + 1] = loadOnly.get(i).position;
        }
        return positions;
    }
}
