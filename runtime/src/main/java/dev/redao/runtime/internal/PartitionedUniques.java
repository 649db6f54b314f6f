package dev.redao.runtime.internal;

import dev.redao.runtime.ModelDao;
import dev.redao.runtime.PartialBatchException;
import dev.redao.runtime.RedaoConnectionException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisUnavailableException;
import dev.redao.runtime.UnconfirmedWriteException;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.internal.StoreConnection.ScriptCall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The unique values of a partitioned model ({@code @Model(partitions)} with {@code @Unique}
 * fields): the entry of value v lives in the partition of v's CRC16, not in the object's, so a
 * write of one object claims each value in its partition first, writes the object before the
 * claims' deadline, then confirms the claims as unique entries and releases the values the
 * object gave up (docs/partitioned-models.md, "the claim protocol", says why this is safe when a
 * client stops at any step). The claims of a save go in one pipeline, as do its confirmations
 * and releases: a save costs two round trips more than a model's that is not partitioned, plus
 * one to reserve a new object's id; a delete one more. A value given up (by a delete, or a save
 * that changes it) costs two more: the object read again and the release settled. A batch takes
 * the same steps for all its objects at once: its ids in one pipeline, every claim in one, the
 * writes per partition in scripts of up to {@link ModelDao#BATCH_SIZE}, then every confirmation
 * and release in one, and the settling reads and scripts in one each.
 *
 * @param <T> the model
 * @param <ID> its id type
 */
final class PartitionedUniques<T, ID> {
    /** The reason of the {@link RedisUnavailableException} of a write that missed its claims' deadline. */
    static final String EXPIRED = "CLAIM-EXPIRED";

    /** The reason of the {@link RedisUnavailableException} of a save kept waiting too long by other saves of its object. */
    static final String BUSY = "CLAIM-BUSY";

    private static final Script CLAIM = LuaSource.script("unique.claim", "unique/common.lua", "unique/claim.lua");
    private static final Script CONFIRM = LuaSource.script("unique.confirm", "unique/common.lua", "unique/confirm.lua");
    private static final Script RELEASE = LuaSource.script("unique.release", "unique/common.lua", "unique/release.lua");
    private static final Script SETTLE = LuaSource.script("unique.settle", "unique/settle.lua");
    private static final Script HOLDER = Script.reading("unique.holder", LuaSource.code("unique/common.lua", "unique/holder.lua"));
    /** The number of the saves that take no claim ('entry' releases; see unique/common.lua). */
    private static final byte[] NO_SAVE = {'0'};
    /** The longest pause between two claims of a value another save of the object holds. */
    private static final long MAX_PAUSE_MILLIS = 16;
    /** How long a claim holds before its write must be done, at the least. */
    static final long MIN_CLAIM_MILLIS = 5_000;
    /**
     * How long past its deadline a claim is still taken at face value: more than twice any clock
     * difference between two nodes, which NTP keeps to milliseconds.
     */
    static final long GRACE_MILLIS = 5_000;
    /** A write whose claims expired is tried again this many times. */
    private static final int ATTEMPTS = 3;

    private final ModelEngine<T, ID> model;
    private final ModelSchema<ID> schema;

    PartitionedUniques(ModelEngine<T, ID> model) {
        this.model = model;
        this.schema = model.schema();
    }

    /** A value being claimed: the field's position and name, the value, the keys of its partition. */
    private record Claim(int field, String name, byte[] value, List<byte[]> keys) {}

    /**
     * A claim's text, {@code <id> <deadline> <save>} (see unique/common.lua): the claiming
     * object's id, the deadline (server ms) and the number of the save that made it, "0" for none.
     */
    record ClaimText(String holder, long deadline, String save) {
        private static final Pattern TEXT = Pattern.compile("(.*) (\\d+) (\\d+)", Pattern.DOTALL);
        /** The text of an older Redao, without a save. */
        private static final Pattern OLDER = Pattern.compile("(.*) (\\d+)", Pattern.DOTALL);

        /** The claim a text holds, or null for a text no writer wrote. */
        static ClaimText parse(String text) {
            try {
                Matcher m = TEXT.matcher(text);
                if (m.matches()) {
                    return new ClaimText(m.group(1), Long.parseLong(m.group(2)), m.group(3));
                }
                m = OLDER.matcher(text);
                return m.matches() ? new ClaimText(m.group(1), Long.parseLong(m.group(2)), "0") : null;
            } catch (NumberFormatException tooLong) {
                return null;
            }
        }
    }

    /**
     * Saves one object (its {@code fields} only, null for all), claiming the unique values it
     * writes: the steps of a batch (see {@link #saveWindow}) for one object.
     */
    T save(T object, boolean[] fields) {
        model.encode(object); // bad input is refused before an id is reserved
        return saveWindow(List.of(object), Collections.singletonList(fields)).get(0);
    }

    // ---- batches

    /** One object of a batch: its place, its id, what it writes, its claims and what became of it. */
    private final class Item {
        /** Its place in the window. */
        final int position;
        final T original;
        final T prepared;
        final byte[] idBytes;
        /** The number of its save, which its claims carry (shared by the items of one object). */
        final byte[] save;
        final boolean[] fields;
        final FieldWriter encoded;
        final List<Claim> claims;
        /** Whether it came without an id, which it forgets again if it is not written. */
        final boolean fresh;
        /** Whether its numeric id was reserved for it, to give back if it is not written. */
        final boolean reserved;
        /** The claims made this round, or that may have been made (a pipeline that failed). */
        final List<Claim> claimed = new ArrayList<>();
        /** The earliest deadline of its claims ("" for none). */
        String deadline = "";
        /** After its write: the object saved, with its id and version; null until then. */
        T saved;
        /** After its write: the unique values it had, by unique field. */
        List<?> had;
        /** Its write failed in a way that it may have run all the same: its claims stay. */
        boolean mayHaveRun;

        Item(int position, T original, T prepared, boolean fresh, boolean[] fields, byte[] save) {
            this.position = position;
            this.save = save;
            this.original = original;
            this.prepared = prepared;
            this.fresh = fresh;
            this.reserved = fresh && schema.idType().assignedByServer();
            this.idBytes = schema.idType().encodeBytes(model.idOf(prepared));
            this.fields = fields;
            this.encoded = model.encode(prepared);
            this.claims = claimsOf(encoded, fields);
        }

        ID id() {
            return model.idOf(prepared);
        }

        /** Whether the object writes field {@code f} with another value than {@code value}. */
        boolean givesUp(int f, byte[] value) {
            return (fields == null || fields[f]) && !Arrays.equals(encoded.values[f], value);
        }
    }

    /**
     * Where claiming a batch's values stopped: the position of the first object refused (the
     * number of objects when none was), the refusal (null for none), and whether the value was
     * refused only because an object before it in the batch still has it and gives it up.
     */
    private record Cut(int at, UniqueViolationException refusal, boolean handOver) {}

    /**
     * A claim of an object of a batch being made: the holder checked last ('' for none), the claim
     * it was read under ('' for an entry, or none), and whether it has the value.
     */
    private static final class Attempt {
        final int item;
        final Claim claim;
        byte[] checked = new byte[0];
        byte[] checkedClaim = new byte[0];
        boolean has;
        /** Whether {@link #has} was read while the object's fence on the value stood (see claim.lua). */
        boolean fenced;

        Attempt(int item, Claim claim) {
            this.item = item;
            this.claim = claim;
        }

        /**
         * After a 'check' reply naming {@code holder}, read under {@code holderClaim}: whether the
         * holder is to be read again (a holder or a claim other than the one checked last), which
         * this attempt then checks, unfenced.
         */
        boolean readAgain(byte[] holder, byte[] holderClaim) {
            if (Arrays.equals(holder, checked) && Arrays.equals(holderClaim, checkedClaim)) {
                return false;
            }
            checked = holder;
            checkedClaim = holderClaim;
            fenced = false;
            return true;
        }
    }

    /**
     * Saves a batch's objects with the claim protocol's steps taken for all of them at once,
     * windows of {@link ModelDao#BATCH_SIZE} objects per partition one after another (a window
     * short enough that its writes are done well before its claims' deadline). As when they are
     * saved one by one: the objects before the first refused one are saved, none from there on.
     *
     * @throws PartialBatchException for a refusal after some objects were saved
     */
    List<T> saveAll(List<T> objects) {
        int window = ModelDao.BATCH_SIZE * model.partitions();
        List<T> saved = new ArrayList<>(objects.size());
        for (int from = 0; from < objects.size(); from += window) {
            try {
                List<T> slice = objects.subList(from, Math.min(objects.size(), from + window));
                saved.addAll(saveWindow(slice, slice.stream().map(model::loadedFields).toList()));
            } catch (PartialBatchException e) {
                throw saved.isEmpty() ? e : new PartialBatchException(schema.name(), "saved", saved.size() + e.written(), e.getCause());
            } catch (RedaoException e) {
                throw saved.isEmpty() ? e : new PartialBatchException(schema.name(), "saved", saved.size(), e);
            }
        }
        return saved;
    }

    /**
     * One window of a batch: (1) its new objects' ids, reserved in one pipeline; (2) every value
     * claimed, in one pipeline, and those whose partition named a holder to check again once all
     * the holders are read (one pipeline each); (3) the objects before the first refused one
     * written, per partition in scripts of at most {@link ModelDao#BATCH_SIZE}, each before the
     * earliest deadline of its objects' claims; (4) in one pipeline, the written objects' claims
     * confirmed and the values they gave up released, the other objects' claims given up. A
     * refusal caused by an earlier object of the batch that gives the value up (two objects
     * exchanging values) saves the objects before it, then takes the rest again from step (2); a
     * write past its deadline takes the objects not written again from step (2), twice at the most.
     */
    private List<T> saveWindow(List<T> objects, List<boolean[]> fields) {
        List<Item> items = prepare(objects, fields);
        List<Item> pending = items;
        RuntimeException failure = null;
        for (int expired = 0; ; ) {
            Cut cut = null;
            RuntimeException failed = null;
            try {
                cut = claimEach(pending);
            } catch (RuntimeException e) {
                failed = e;
            }
            if (failed == null) {
                failed = writeEach(pending.subList(0, cut.at()));
            }
            RuntimeException unfinished = finish(pending);
            if (failed == null && unfinished == null && cut.refusal() == null) {
                break;
            }
            if (unfinished == null && failed != null && isExpired(failed) && ++expired < ATTEMPTS) {
                pending = pending.stream().filter(item -> item.saved == null).toList();
                continue;
            }
            if (unfinished == null && failed == null && cut.handOver()) {
                pending = pending.subList(cut.at(), pending.size());
                continue;
            }
            failure = failed != null ? failed : cut.refusal() != null ? cut.refusal() : unfinished;
            if (unfinished != null && unfinished != failure) {
                failure.addSuppressed(unfinished);
            }
            if (unfinished == null) { // every claim of the objects not written is given up
                giveBackIds(items, failure);
            }
            break;
        }
        List<T> saved = new ArrayList<>(items.size());
        for (Item item : items) {
            if (item.saved == null) {
                break;
            }
            saved.add(item.saved);
        }
        if (saved.size() == items.size()) {
            return saved;
        }
        long written = items.stream().filter(item -> item.saved != null).count();
        if (written == items.size() || !(failure instanceof RedaoException refused)) {
            throw failure; // every object written: only confirmations or releases failed, as a save reports them
        }
        throw written == 0 ? refused : new PartialBatchException(schema.name(), "saved", (int) written, refused);
    }

    /**
     * The window's objects with their ids, encoded, their claims listed: a new object's numeric id
     * is reserved in its partition (the partitions in turn), all partitions in one pipeline.
     */
    private List<Item> prepare(List<T> objects, List<boolean[]> fields) {
        boolean serverIds = schema.idType().assignedByServer();
        Map<Integer, List<T>> fresh = new TreeMap<>();
        Map<Integer, List<Integer>> positions = new TreeMap<>();
        List<T> prepared = new ArrayList<>(objects);
        // read first: a class instance gets its id in place
        boolean[] hadNoId = new boolean[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            hadNoId[i] = model.idOf(objects.get(i)) == null;
        }
        for (int i = 0; i < objects.size(); i++) {
            T object = objects.get(i);
            if (!hadNoId[i]) {
                continue;
            }
            if (!serverIds) {
                prepared.set(i, model.withId(object, schema.idType().newId()));
                continue;
            }
            int p = model.nextPartition();
            fresh.computeIfAbsent(p, k -> new ArrayList<>()).add(object);
            positions.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
        }
        IdReservation.withIds(model, fresh).forEach((p, withIds) -> {
            for (int k = 0; k < withIds.size(); k++) {
                prepared.set(positions.get(p).get(k), withIds.get(k));
            }
        });
        List<Item> items = new ArrayList<>(objects.size());
        // one number per object: two items of one object in a batch share their claims
        Map<ID, byte[]> saves = new HashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            byte[] save = saves.computeIfAbsent(model.idOf(prepared.get(i)), id -> newSave());
            items.add(new Item(i, objects.get(i), prepared.get(i), hadNoId[i], fields.get(i), save));
        }
        return items;
    }

    /**
     * Claims every value of the objects, all in one pipeline (on a cluster, the partitions'
     * masters in parallel), then again those whose partition named a holder to check, once all of
     * them are read; returns where the first refusal cut the batch. The claims of objects from
     * there on are not pursued. Each object's claims made (or perhaps made, when a pipeline fails)
     * are in its {@link Item#claimed}, for {@link #finish} to confirm or give up.
     */
    private Cut claimEach(List<Item> items) {
        long ttl = claimMillis();
        List<Attempt> pending = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            for (Claim c : items.get(i).claims) {
                pending.add(new Attempt(i, c));
            }
        }
        int cut = items.size();
        UniqueViolationException refusal = null;
        boolean handOver = false;
        Waiting waiting = new Waiting();
        while (!pending.isEmpty()) {
            List<ScriptCall> calls = new ArrayList<>(pending.size());
            for (Attempt a : pending) {
                Item item = items.get(a.item);
                calls.add(claimCall(a, item, ttl));
            }
            List<Object> replies;
            try {
                replies = model.connection().evalAll(calls);
            } catch (RuntimeException e) { // which claims were made is unknown: each counts as made
                for (Attempt a : pending) {
                    items.get(a.item).claimed.add(a.claim);
                }
                throw e;
            }
            List<Attempt> again = new ArrayList<>();
            List<Attempt> busy = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                Attempt a = pending.get(i);
                Item item = items.get(a.item);
                List<?> reply = (List<?>) replies.get(i);
                String kind = ModelWrites.utf8(reply.get(0));
                if (kind.equals("claimed")) {
                    if (!item.claimed.contains(a.claim)) { // a fence made it claimed already
                        item.claimed.add(a.claim);
                    }
                    item.deadline = earliest(item.deadline, ModelWrites.utf8(reply.get(1)));
                    continue;
                }
                if (kind.equals("busy")) { // another save of the object holds the value: asked again later
                    busy.add(a);
                    continue;
                }
                byte[] holder = (byte[]) reply.get(1);
                if (kind.equals("fenced")) {
                    // the holder is read again, now that no other object can take the value; a
                    // fence is a claim of the object's, which finish() gives up if it is not written
                    if (!item.claimed.contains(a.claim)) {
                        item.claimed.add(a.claim);
                    }
                    a.fenced = true;
                    again.add(a);
                } else if (kind.equals("check") && a.readAgain(holder, claimOf(reply))) {
                    again.add(a);
                } else if (a.item < cut) {
                    cut = a.item;
                    Claim c = a.claim;
                    refusal = new UniqueViolationException(schema.name(), c.name(), ModelWrites.utf8(c.value()), idOrText(holder));
                    handOver = handsOver(items, a.item, c, holder);
                }
            }
            int at = cut;
            again.removeIf(a -> a.item >= at);
            busy.removeIf(a -> a.item >= at);
            checkHolders(again);
            if (!busy.isEmpty()) {
                if (!waiting.pause()) {
                    Claim c = busy.get(0).claim;
                    throw new RedisUnavailableException(model.connection().url().address(), BUSY, "model " + schema.name()
                            + ": another save of the object held the " + c.name() + " '" + ModelWrites.utf8(c.value())
                            + "' this save writes for longer than the connection's timeout (a save that stopped part-way"
                            + " holds it until its claim's deadline and grace); nothing of this save was written, try it again", null);
                }
                again.addAll(busy);
            }
            pending = again;
        }
        return new Cut(cut, refusal, handOver);
    }

    /**
     * The wait for saves that hold a value (see unique/claim.lua and unique/release.lua, 'busy').
     * A save under way is done within a round trip or two; one that stopped part-way holds the
     * value until its claim's deadline and grace. So the wait lasts the connection's timeout at
     * the most, as a call does, with pauses doubling up to {@link #MAX_PAUSE_MILLIS}.
     */
    private final class Waiting {
        private final long start = System.nanoTime();
        private final long limitMillis = model.connection().url().timeoutMillis();
        private long pause = 1;

        /** Pauses before the next try; false, at once, once the wait has lasted its limit. */
        boolean pause() {
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (waited >= limitMillis) {
                return false;
            }
            try {
                Thread.sleep(Math.min(pause, limitMillis - waited));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RedaoException("model " + schema.name() + ": interrupted while waiting for a save of a unique value"
                        + " to be done", e);
            }
            pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
            return true;
        }
    }

    /** A new save's number (see unique/common.lua): random, so that two clients never draw the same one. */
    private static byte[] newSave() {
        return Codecs.encode(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    /**
     * Whether the value refused to the object at {@code refused} is held by an object before it
     * in the batch that gives it up: once that one is saved, the value is free, as when the two
     * are saved one by one.
     */
    private boolean handsOver(List<Item> items, int refused, Claim c, byte[] holder) {
        for (int i = 0; i < refused; i++) {
            Item item = items.get(i);
            if (Arrays.equals(item.idBytes, holder)) {
                return item.givesUp(c.field(), c.value());
            }
        }
        return false;
    }

    /** Reads whether each holder named has the value, all in one pipeline, for the claims to ask again. */
    private void checkHolders(List<Attempt> attempts) {
        List<Attempt> read = new ArrayList<>(attempts.size());
        List<ID> ids = new ArrayList<>(attempts.size());
        for (Attempt a : attempts) {
            try {
                ids.add(schema.idType().decode(a.checked));
                read.add(a);
            } catch (RuntimeException notAnId) { // an id of no object of this model (written by hand) has nothing
                a.has = false;
            }
        }
        int[] fields = new int[read.size()];
        List<byte[]> values = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            fields[i] = read.get(i).claim.field();
            values.add(read.get(i).claim.value());
        }
        boolean[] has = model.holdEach(ids, fields, values);
        for (int i = 0; i < read.size(); i++) {
            read.get(i).has = has[i];
        }
    }

    /**
     * Writes the objects, each partition's in scripts of at most {@link ModelDao#BATCH_SIZE}, one
     * script after another (a write script may not be sent twice, which a cluster pipeline may do
     * with a command whose connection was cut off); stops at the first that fails and returns its
     * failure, or null. The scripts go in the order of their first objects in the batch, so that a
     * refusal in the first object's script writes nothing.
     */
    private RuntimeException writeEach(List<Item> items) {
        Map<Integer, List<Item>> byPartition = new TreeMap<>();
        for (Item item : items) {
            byPartition.computeIfAbsent(model.partitionOf(item.id()), p -> new ArrayList<>()).add(item);
        }
        List<List<Item>> scripts = new ArrayList<>();
        for (List<Item> partition : byPartition.values()) {
            scripts.addAll(ModelEngine.chunks(partition));
        }
        scripts.sort(Comparator.comparingInt(chunk -> chunk.get(0).position));
        for (List<Item> chunk : scripts) {
            WriteCall call = new WriteCall(model.connection());
            ModelWrites<T, ID> writes = call.of(model);
            writes.inPartition(model.partitionOf(chunk.get(0).id()));
            String deadline = "";
            for (Item item : chunk) {
                writes.save(item.prepared, item.fields);
                deadline = earliest(deadline, item.deadline);
            }
            writes.claimedUntil(deadline);
            try {
                call.execute();
            } catch (RuntimeException e) {
                if (mayHaveRun(e)) {
                    chunk.forEach(item -> item.mayHaveRun = true);
                }
                return e;
            }
            for (int k = 0; k < chunk.size(); k++) {
                chunk.get(k).saved = writes.saved().get(k);
                chunk.get(k).had = writes.uniqueValuesHad(k);
            }
        }
        return null;
    }

    /**
     * The step after the writes, in one pipeline: each object written this round has its claims
     * confirmed and the values it gave up released; the claims of each object not written are
     * given up, but for one whose write may have run (they stay until their deadline, and the next
     * writer of the value resolves them by reading the object). Returns the failure, or null.
     */
    private RuntimeException finish(List<Item> items) {
        List<ScriptCall> calls = new ArrayList<>();
        List<Release> releases = new ArrayList<>();
        for (Item item : items) {
            if (item.saved != null) { // written this round: the round takes only objects not written yet
                for (Claim c : item.claims) {
                    calls.add(confirm(c, item.idBytes, item.save));
                }
                for (Claim c : valuesGivenUp(item.had, item.encoded, item.fields)) {
                    ScriptCall release = release(c, item.idBytes, "entry", NO_SAVE);
                    releases.add(new Release(c, item.idBytes, calls.size(), release));
                    calls.add(release);
                }
            } else if (item.saved == null && !item.mayHaveRun) {
                for (Claim c : item.claimed) {
                    // a new object was never written: no save of it gave a value up
                    ScriptCall release = release(c, item.idBytes, item.fresh ? "new claim" : "claim", item.save);
                    releases.add(new Release(c, item.idBytes, calls.size(), release));
                    calls.add(release);
                }
            }
            item.claimed.clear();
            item.deadline = "";
        }
        if (calls.isEmpty()) {
            return null;
        }
        try {
            releaseAndSettle(calls, releases);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** A value an object gave up, released by {@code call}, the call at {@code reply} of a pipeline. */
    private record Release(Claim claim, byte[] idBytes, int reply, ScriptCall call) {}

    /**
     * Sends a pipeline of confirmations and releases, then takes the releases' next steps (see
     * unique/release.lua). A release of a value a save is taking now waits for that save, and is
     * sent again; one kept waiting past the connection's timeout (by a save that stopped
     * part-way, say) is left, its entry with it, for the next writer of the value to resolve, as
     * that of a client that stopped. Then the releases that marked their value are settled.
     */
    private void releaseAndSettle(List<ScriptCall> calls, List<Release> releases) {
        List<Object> replies = model.connection().evalAll(calls);
        List<Release> marked = new ArrayList<>();
        List<byte[]> marks = new ArrayList<>();
        Waiting waiting = null;
        for (List<Release> pending = releases; !pending.isEmpty(); ) {
            List<Release> busy = new ArrayList<>();
            for (Release r : pending) {
                Object reply = replies.get(r.reply());
                if (reply instanceof byte[] mark) {
                    marked.add(r);
                    marks.add(mark);
                } else if (reply instanceof List<?>) { // {'busy', ms}
                    busy.add(r);
                }
            }
            waiting = waiting == null ? new Waiting() : waiting;
            if (busy.isEmpty() || !waiting.pause()) {
                break;
            }
            pending = new ArrayList<>(busy.size());
            for (Release r : busy) {
                pending.add(new Release(r.claim(), r.idBytes(), pending.size(), r.call()));
            }
            replies = model.connection().evalAll(pending.stream().map(Release::call).toList());
        }
        settle(marked, marks);
    }

    /**
     * The last steps of the releases that marked their value (see unique/release.lua): the objects
     * read again, in one pipeline, then each mark settled, in one: the entry comes back to an
     * object that holds the value (took it back meanwhile, or kept it through a refused write),
     * else the mark goes. A hash is read as stored, corrupt or not, so that a write refused for a
     * corrupt object leaves its entries as they were. Two round trips, only when a release marked
     * a value.
     */
    private void settle(List<Release> marked, List<byte[]> marks) {
        if (marked.isEmpty()) {
            return;
        }
        List<ID> ids = new ArrayList<>(marked.size());
        int[] fields = new int[marked.size()];
        List<byte[]> values = new ArrayList<>(marked.size());
        for (int i = 0; i < marked.size(); i++) {
            ids.add(schema.idType().decode(marked.get(i).idBytes()));
            fields[i] = marked.get(i).claim().field();
            values.add(marked.get(i).claim().value());
        }
        boolean[] has = model.holdEachAsStored(ids, fields, values);
        List<ScriptCall> settles = new ArrayList<>(marked.size());
        for (int i = 0; i < marked.size(); i++) {
            Release r = marked.get(i);
            settles.add(new ScriptCall(SETTLE, r.claim().keys(),
                    List.of(r.idBytes(), r.claim().value(), marks.get(i), Codecs.encode(has[i] ? 1 : 0))));
        }
        model.connection().evalAll(settles);
    }

    /**
     * Gives back the reserved ids of the objects not written, once their claims are given up (a
     * claim names its object by id, so the id goes back only after it); a class instance that got
     * its id in place forgets it again. An error here is added to the batch's failure.
     */
    private void giveBackIds(List<Item> items, RuntimeException failure) {
        List<ID> ids = new ArrayList<>();
        for (Item item : items) {
            if (item.saved == null && !item.mayHaveRun) {
                if (item.reserved) {
                    ids.add(item.id());
                }
                if (item.fresh && item.prepared == item.original) {
                    model.withId(item.original, null);
                }
            }
        }
        try {
            IdReservation.giveBack(model, ids);
        } catch (RuntimeException notGivenBack) {
            failure.addSuppressed(notGivenBack);
        }
    }

    /**
     * Deletes the objects of each chunk (one partition's ids, at most {@link ModelDao#BATCH_SIZE})
     * in a script of its own, one after another, then releases every unique value they had in one
     * pipeline and settles the releases (see {@link #settle}); how many existed. A delete needs no
     * claim: it only gives values up.
     *
     * @throws PartialBatchException for a refusal after the first chunk, the values of the chunks
     *     deleted released
     */
    long deleteAll(List<? extends List<ID>> chunks) {
        long deleted = 0;
        int done = 0;
        RedaoException failure = null;
        List<ScriptCall> calls = new ArrayList<>();
        List<Release> releases = new ArrayList<>();
        for (List<ID> chunk : chunks) {
            WriteCall call = new WriteCall(model.connection());
            ModelWrites<T, ID> writes = call.of(model);
            writes.claimedUntil("");
            chunk.forEach(writes::delete);
            try {
                call.execute();
            } catch (RedaoException e) {
                failure = e;
                break;
            }
            deleted += writes.deleted();
            done += chunk.size();
            for (List<?> had : writes.deletedUniqueValues()) {
                byte[] idBytes = (byte[]) had.get(0);
                int u = 1;
                for (int f = 1; f < schema.fields().size(); f++) {
                    if (schema.stored().get(f - 1).unique()) {
                        if (had.get(u) instanceof byte[] value) {
                            Claim c = claim(f, value);
                            ScriptCall release = release(c, idBytes, "entry", NO_SAVE);
                            releases.add(new Release(c, idBytes, calls.size(), release));
                            calls.add(release);
                        }
                        u++;
                    }
                }
            }
        }
        try {
            if (!calls.isEmpty()) {
                releaseAndSettle(calls, releases);
            }
        } catch (RedaoException e) {
            if (failure == null) {
                throw e; // every object deleted: only releases failed, as a delete reports them
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw done == 0 ? failure : new PartialBatchException(schema.name(), "deleted", done, failure);
        }
        return deleted;
    }

    /** The object that holds a unique value: the one its entry, or an unconfirmed claim, names, if it has the value. */
    Optional<T> getByUnique(String field, byte[] value) {
        int f = schema.fields().indexOf(field);
        Object holder = model.connection().eval(HOLDER, claim(f, value).keys(), List.of(value));
        if (!(holder instanceof byte[] id)) {
            return Optional.empty();
        }
        ID decoded;
        try {
            decoded = schema.idType().decode(id);
        } catch (RuntimeException notAnId) { // an entry written by hand: no object of this model has the value
            return Optional.empty();
        }
        return model.getIfHolds(decoded, f, value);
    }

    /** The claims of a save: each unique value it writes. */
    private List<Claim> claimsOf(FieldWriter w, boolean[] fields) {
        List<Claim> claims = new ArrayList<>();
        for (int f = 1; f < schema.fields().size(); f++) {
            if (schema.stored().get(f - 1).unique() && (fields == null || fields[f]) && w.values[f] != null) {
                claims.add(claim(f, w.values[f]));
            }
        }
        return claims;
    }

    /** How long a claim holds: twice the connection's timeout, {@link #MIN_CLAIM_MILLIS} at the least. */
    private long claimMillis() {
        return Math.max(MIN_CLAIM_MILLIS, 2L * model.connection().url().timeoutMillis());
    }

    private ScriptCall claimCall(Attempt a, Item item, long ttl) {
        return new ScriptCall(CLAIM, a.claim.keys(), List.of(item.idBytes, a.claim.value(), Codecs.encode(ttl),
                Codecs.encode(GRACE_MILLIS), a.checked, Codecs.encode(a.has ? 1 : 0), Codecs.encode(a.fenced ? 1 : 0), item.save,
                a.checkedClaim));
    }

    /** The claim a 'check' reply read its holder under (see claim.lua), empty for an entry. */
    private static byte[] claimOf(List<?> reply) {
        return reply.size() > 2 ? (byte[]) reply.get(2) : new byte[0];
    }

    private static ScriptCall confirm(Claim c, byte[] idBytes, byte[] save) {
        return new ScriptCall(CONFIRM, c.keys(), List.of(idBytes, c.value(), save));
    }

    /** The earlier of two deadlines (server ms as text, "" for none). */
    private static String earliest(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? b : a;
        }
        return Long.parseLong(b) < Long.parseLong(a) ? b : a;
    }

    /** Whether a write failed because it ran past its claims' deadline: it wrote nothing. */
    private static boolean isExpired(RuntimeException e) {
        return e instanceof RedisUnavailableException u && u.reason().equals(EXPIRED);
    }

    /** Whether a write failed after it may have run: cut off once sent, or run and not confirmed by replicas. */
    private static boolean mayHaveRun(RuntimeException e) {
        return e instanceof RedaoConnectionException c && c.writeMayHaveRun() || e instanceof UnconfirmedWriteException;
    }

    /** The claim of value {@code value} of field {@code f}: the keys of the value's partition. */
    private Claim claim(int f, byte[] value) {
        ModelKeys keys = model.keys(JedisClusterCRC16.getCRC16(value) % model.partitions());
        String name = schema.fields().get(f);
        byte[] claimKey = concat((keys.base() + ":claim:" + name + ":").getBytes(StandardCharsets.UTF_8), value);
        return new Claim(f, name, value, List.of((keys.base() + ":uni:" + name).getBytes(StandardCharsets.UTF_8), claimKey));
    }

    private Object idOrText(byte[] holder) {
        try {
            return schema.idType().decode(holder);
        } catch (RuntimeException notAnId) {
            return ModelWrites.utf8(holder);
        }
    }

    /** After a save: the unique values the object had and no longer has. */
    private List<Claim> valuesGivenUp(List<?> had, FieldWriter now, boolean[] fields) {
        List<Claim> releases = new ArrayList<>();
        int u = 0;
        for (int f = 1; f < schema.fields().size(); f++) {
            if (schema.stored().get(f - 1).unique()) {
                boolean written = fields == null || fields[f];
                if (written && u < had.size() && had.get(u) instanceof byte[] old && !Arrays.equals(old, now.values[f])) {
                    releases.add(claim(f, old));
                }
                u++;
            }
        }
        return releases;
    }

    private ScriptCall release(Claim c, byte[] idBytes, String what, byte[] save) {
        return new ScriptCall(RELEASE, c.keys(), List.of(idBytes, c.value(), what.getBytes(StandardCharsets.US_ASCII), save,
                Codecs.encode(GRACE_MILLIS)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
