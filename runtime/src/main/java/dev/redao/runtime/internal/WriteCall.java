package dev.redao.runtime.internal;

import dev.redao.runtime.CrossSlotException;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.ReferencedObjectException;
import dev.redao.runtime.UniqueViolationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * One write script call: saves and deletes of one or more models, all checked before any is
 * written, so that the call happens whole or not at all. Models take part in the order they are
 * first used; two DAOs of the same model share one part, so that their objects' unique values
 * are checked against each other.
 */
public final class WriteCall {
    private final StoreConnection store;
    private final Map<ModelSchema<?>, ModelWrites<?, ?>> models = new LinkedHashMap<>();

    public WriteCall(StoreConnection store) {
        this.store = store;
    }

    @SuppressWarnings("unchecked")
    public <T, ID> ModelWrites<T, ID> of(ModelEngine<T, ID> model) {
        if (model.connection() != store) {
            throw new InvalidArgumentException("dao", model.schema().name()
                    + "'s DAO belongs to another RedisStore: one call writes through one connection");
        }
        return (ModelWrites<T, ID>) models.computeIfAbsent(model.schema(), s -> new ModelWrites<>(model));
    }

    /** Whether the call has no write: it sends nothing. */
    public boolean isEmpty() {
        return models.values().stream().allMatch(ModelWrites::isEmpty);
    }

    /** The names of the call's models, joined by {@code +} in the order they were first written: how metrics name a transaction. */
    public String modelNames() {
        StringJoiner names = new StringJoiner("+");
        for (ModelWrites<?, ?> part : models.values()) {
            if (!part.isEmpty()) {
                names.add(part.schema().name());
            }
        }
        return names.toString();
    }

    /**
     * What a call sends: its script (a straight-line or bulk script, or the write module's driver),
     * its models that write, and every model it reaches (those its deletes reach through references
     * take part with nothing of their own).
     */
    private record Plan(Script script, boolean single, boolean toModule, List<ModelWrites<?, ?>> parts,
            List<ModelSchema<?>> schemas, List<ModelSchema<?>> all) {
        /** The same call through the write module: what a straight-line or bulk script that left it to the module needs. */
        Plan throughModule() {
            return new Plan(WriteScripts.of(schemas), false, true, parts, schemas, WriteScripts.withReferrers(schemas));
        }
    }

    /**
     * Runs the call, unless it is empty.
     *
     * @throws UniqueViolationException for the first refused object; nothing was written
     * @throws dev.redao.runtime.OptimisticLockException for the first refused object; nothing was written
     * @throws dev.redao.runtime.MissingObjectException for the first refused object; nothing was written
     */
    public void execute() {
        Plan plan = plan();
        if (plan == null) {
            return;
        }
        List<?> reply = send(plan);
        if (!plan.toModule() && handedToModule(reply)) {
            plan = plan.throughModule();
            reply = send(plan);
        }
        accept(plan, reply);
    }

    /**
     * As {@link #execute()}, with no thread waiting for the reply (see {@link StoreConnection#evalLater}):
     * {@code future} completes with {@code result} once the call has run, or with the error
     * {@link #execute()} would throw.
     *
     * @throws RuntimeException what {@link #execute()} refuses before it sends anything
     */
    <R> void executeLater(PipelinedFuture<R> future, Supplier<R> result) {
        Plan plan = plan();
        if (plan == null) {
            future.succeed(result.get());
            return;
        }
        sendLater(plan, future, result);
    }

    private <R> void sendLater(Plan plan, PipelinedFuture<R> future, Supplier<R> result) {
        List<byte[]> keys = new ArrayList<>(2 * plan.all().size());
        List<byte[]> args = new ArrayList<>();
        arguments(plan, keys, args);
        store.evalLater(plan.script(), keys, args, future, (reply, failure) -> {
            if (failure != null) {
                future.fail(failure);
                return;
            }
            try {
                List<?> list = asList(reply);
                if (!plan.toModule() && handedToModule(list)) {
                    sendLater(plan.throughModule(), future, result);
                    return;
                }
                accept(plan, list);
            } catch (RuntimeException e) {
                future.fail(e);
                return;
            }
            future.succeed(result.get());
        });
    }

    /** What the call sends, or null for a call with no write; refuses what cannot be sent. */
    private Plan plan() {
        List<ModelSchema<?>> schemas = new ArrayList<>();
        List<ModelWrites<?, ?>> parts = new ArrayList<>();
        for (ModelWrites<?, ?> part : models.values()) {
            if (!part.isEmpty()) {
                schemas.add(part.schema());
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        // One object takes the model's straight-line script; otherwise the models that the deletes
        // reach through references take part with nothing of their own.
        Script single = parts.size() == 1 ? parts.get(0).singleObjectScript() : null;
        for (ModelWrites<?, ?> part : parts) {
            // the claims' deadline is the last argument of a call that writes that model alone
            if (part.claimsUnique() && (parts.size() > 1 || !part.uniqueValuesClaimed())) {
                throw new CrossSlotException("a write of " + part.schema().name() + " in a transaction: "
                        + part.schema().name() + " is partitioned and has unique fields, whose values are claimed in their"
                        + " own partitions around its writes; write its objects with save, saveAll or deleteAll, outside transactions");
            }
        }
        // Many new objects of one model take its bulk insert (see insert_many.lua).
        Script many = single == null && parts.size() == 1 ? parts.get(0).manyNewObjectsScript() : null;
        Script first = single != null ? single : many;
        if (first == null) {
            return new Plan(WriteScripts.of(schemas), false, true, parts, schemas, WriteScripts.withReferrers(schemas));
        }
        return new Plan(first, single != null, false, parts, schemas, schemas);
    }

    /** Takes the reply of a call that ran: throws its refusal ({0, model, ...}, which wrote nothing), or hands each part its share. */
    private void accept(Plan plan, List<?> reply) {
        List<ModelWrites<?, ?>> parts = plan.parts();
        if ((Long) reply.get(0) == 0L) {
            int model = ((Long) reply.get(1)).intValue();
            List<?> refusal = reply.subList(2, reply.size());
            if ("restricted".equals(ModelWrites.utf8(refusal.get(0)))) {
                throw restricted(plan.all(), model, refusal);
            }
            throw parts.get(model - 1).refusal(refusal);
        }
        if (plan.single()) {
            parts.get(0).acceptSingle(reply); // flat: {1, deleted, id[, version]...} (see save_one.lua)
        } else {
            for (int i = 0; i < parts.size(); i++) {
                parts.get(i).accept((List<?>) reply.get(i + 1));
            }
        }
        for (ModelWrites<?, ?> part : parts) {
            part.engine().wrote();
        }
    }

    /**
     * Whether a straight-line or bulk script left the call to the write module, having written
     * nothing: an expiring model has objects past their deadline, which the module purges first
     * ({0, 1, 'purge'}, see driver.lua), or the bulk insert met what it was not made for
     * ({0, 0, 'module'}, see insert_many.lua).
     */
    private static boolean handedToModule(List<?> reply) {
        if ((Long) reply.get(0) != 0L) {
            return false;
        }
        String what = ModelWrites.utf8(reply.get(2));
        return what.equals("purge") || what.equals("module");
    }

    /** Runs the call's script over its parts and the models its deletes reach; a refusal ({0, model, ...}) wrote nothing. */
    private List<?> send(Plan plan) {
        List<byte[]> keys = new ArrayList<>(2 * plan.all().size());
        List<byte[]> args = new ArrayList<>();
        arguments(plan, keys, args);
        // a refusal wrote nothing, so its replicas' count does not matter
        return asList(store.eval(plan.script(), keys, args, true, r -> !(r instanceof List<?> l) || (Long) l.get(0) != 0L));
    }

    /** The keys and arguments of the plan's script: each part's, then those of the models its deletes reach. */
    private void arguments(Plan plan, List<byte[]> keys, List<byte[]> args) {
        // the write module's driver takes a section of structure writes per model (see driver.lua)
        for (ModelWrites<?, ?> part : plan.parts()) {
            part.appendTo(keys, args, plan.toModule());
        }
        List<ModelSchema<?>> all = plan.all();
        for (ModelSchema<?> reached : all.subList(plan.parts().size(), all.size())) {
            ModelKeys k = new ModelKeys(store.namespace(), reached.group(), reached.name());
            keys.add(k.idSet());
            keys.add(k.counter());
            args.add(Codecs.encode(0L));
            args.add(Codecs.encode(0L));
            if (plan.toModule()) {
                args.add(Codecs.encode(0L));
            }
        }
    }

    /**
     * The reply as a list. A single-object script that has nothing else to say replies the saved id
     * or the deleted count alone, which costs the server less than a table (see save_one.lua).
     */
    private static List<?> asList(Object reply) {
        if (reply instanceof byte[] id) {
            return List.of(1L, 0L, id);
        }
        if (reply instanceof Long deleted) {
            return List.of(1L, deleted);
        }
        return (List<?>) reply;
    }

    /** {'restricted', id, referring model's index, field, referrer id}: a RESTRICT reference refused a delete. */
    private static ReferencedObjectException restricted(List<ModelSchema<?>> all, int model, List<?> refusal) {
        ModelSchema<?> deleted = all.get(model - 1);
        ModelSchema<?> from = all.get(((Long) refusal.get(2)).intValue() - 1);
        return new ReferencedObjectException(deleted.name(), deleted.idType().decode((byte[]) refusal.get(1)),
                from.name(), ModelWrites.utf8(refusal.get(3)), ModelWrites.utf8(refusal.get(4)));
    }

}
