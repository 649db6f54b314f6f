package dev.redao.runtime.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * A page of a partitioned model's query ({@code @Model(partitions)}): the query script runs in
 * every partition with offset 0 and a limit of offset + limit, replying each id's sort value
 * with its rows ('ranked ids', 'ranked list'); the pages are merged here in the order the script
 * uses, and the query's offset and limit cut the merged list. The order is the script's (see
 * query.lua, step 2): by the sort value, then by id; objects without a value last, by id.
 */
final class FanOut {
    /** One result of one partition: its id, its sort value (null for none) and its row or id. */
    record Ranked(byte[] id, byte[] value, Object result) {}

    private FanOut() {}

    /**
     * Merges the partitions' replies ({ids or rows, sort values} each) and cuts the page.
     *
     * @param sort the query's order, null for id order
     * @param numericIds whether ids order as numbers (else as text)
     * @param checkId called with each id and its partition before the merge orders it: it throws
     *     for one that is no id of the model
     */
    static List<Object> merge(List<List<?>> replies, Sort<?> sort, boolean numericIds, int offset, int limit,
                              ObjIntConsumer<byte[]> checkId) {
        List<Ranked> all = new ArrayList<>();
        for (int p = 0; p < replies.size(); p++) {
            all.addAll(ranked(replies.get(p), p, sort, checkId));
        }
        all.sort(order(sort, numericIds));
        int from = Math.min(offset, all.size());
        int to = limit < 0 ? all.size() : Math.min(all.size(), from + limit);
        List<Object> page = new ArrayList<>(to - from);
        for (Ranked r : all.subList(from, to)) {
            page.add(r.result());
        }
        return page;
    }

    /** One partition's reply ({ids or rows, sort values}) as ranked results, in its order. */
    private static List<Ranked> ranked(List<?> reply, int partition, Sort<?> sort, ObjIntConsumer<byte[]> checkId) {
        List<?> results = (List<?>) reply.get(0);
        List<?> values = (List<?>) reply.get(1);
        List<Ranked> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            Object result = results.get(i);
            byte[] id = result instanceof byte[] b ? b : (byte[]) ((List<?>) result).get(0);
            checkId.accept(id, partition);
            out.add(new Ranked(id, sortValue(sort, (byte[]) values.get(i)), result));
        }
        return out;
    }

    /**
     * The partitions that were asked for their first {@code asked} results and may hold more of
     * the merge's first {@code wanted}: those that replied with all they were asked for and whose
     * last result comes before the merge's {@code wanted}-th (or the merge has fewer). A partition
     * whose last result comes after it holds nothing else before it, its results being in order.
     */
    static List<Integer> incomplete(List<List<?>> replies, Sort<?> sort, boolean numericIds, int asked, int wanted) {
        Comparator<Ranked> order = order(sort, numericIds);
        List<Ranked> all = new ArrayList<>();
        List<Ranked> lasts = new ArrayList<>();
        for (int p = 0; p < replies.size(); p++) {
            List<Ranked> mine = ranked(replies.get(p), p, sort, (id, partition) -> {});
            all.addAll(mine);
            lasts.add(mine.size() == asked && asked > 0 ? mine.get(asked - 1) : null);
        }
        all.sort(order);
        Ranked cut = all.size() >= wanted ? all.get(wanted - 1) : null;
        List<Integer> out = new ArrayList<>();
        for (int p = 0; p < lasts.size(); p++) {
            Ranked last = lasts.get(p);
            if (last != null && (cut == null || order.compare(last, cut) < 0)) {
                out.add(p);
            }
        }
        return out;
    }

    /** A value the script orders by, or null: a text that is no number counts as none in a numeric sort. */
    private static byte[] sortValue(Sort<?> sort, byte[] value) {
        if (sort == null || value == null || sort.alphabetic) {
            return value;
        }
        return Double.isNaN(number(value)) ? null : value;
    }

    static Comparator<Ranked> order(Sort<?> sort, boolean numericIds) {
        Comparator<byte[]> ids = numericIds ? Comparator.comparingLong(FanOut::longOf) : Arrays::compareUnsigned;
        Comparator<Ranked> byId = Comparator.comparing(Ranked::id, ids);
        if (sort == null) {
            return byId;
        }
        Comparator<byte[]> values = sort.alphabetic ? Arrays::compareUnsigned : Comparator.comparingDouble(FanOut::number);
        // equal scores in a sorted index are ordered by member (the id as text), reversed with the
        // order; equal stored values by id, in the order's direction
        Comparator<byte[]> tie = sort.mode == 'z' ? Arrays::compareUnsigned : ids;
        Comparator<Ranked> withValue = Comparator.comparing(Ranked::value, values).thenComparing(Ranked::id, tie);
        Comparator<Ranked> directed = sort.descending ? withValue.reversed() : withValue;
        return (a, b) -> {
            if (a.value() == null || b.value() == null) {
                if (a.value() != null) {
                    return -1;
                }
                return b.value() != null ? 1 : byId.compare(a, b);
            }
            return directed.compare(a, b);
        };
    }

    private static long longOf(byte[] id) {
        return Long.parseLong(new String(id, StandardCharsets.US_ASCII));
    }

    /** A score or a stored number as Redis writes it, "inf" and "-inf" included; NaN for no number. */
    private static double number(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        switch (text) {
            case "inf", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
        }
    }
}
