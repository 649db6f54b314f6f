package dev.redao.runtime.tools;

import dev.redao.runtime.ModelDao;

/**
 * What one model holds in Redis, from {@link ModelDao#stats()}: its objects, its keys by kind
 * (the layout of docs/design.md) and the memory they use.
 *
 * @param model the model's key name
 * @param baseKey the hash tag every key of the model starts with, <code>{&lt;namespace&gt;:&lt;model&gt;}</code>
 * @param objects the model's live objects (what {@code count()} returns): for a model whose objects
 *        expire, those past their deadline are left out
 * @param objectKeys object hashes <code>{base}:obj:&lt;id&gt;</code>; equal to {@code objects} unless the data is
 *        damaged, or objects past their deadline wait for a write of the model to purge them
 * @param valueIndexKeys equality-index sets <code>{base}:idx:&lt;field&gt;:&lt;value&gt;</code>, one per distinct value
 * @param sortedIndexKeys sorted-set indexes <code>{base}:idx:&lt;field&gt;</code> of numbers, dates and times
 * @param compoundIndexKeys compound-index sorted sets <code>{base}:cidx:&lt;first&gt;:&lt;second&gt;:&lt;value&gt;</code>
 *        of {@code @Model(indexes)}, one per distinct value of the first field (held with a second one)
 * @param lexIndexKeys lexicographic indexes <code>{base}:lex:&lt;field&gt;</code> for {@code startsWith}, kept for
 *        String fields with {@code @Indexed(prefix = true)}
 * @param uniqueIndexKeys unique hashes <code>{base}:uni:&lt;field&gt;</code>
 * @param structureKeys the keys of structure fields <code>{base}:st:&lt;field&gt;:&lt;id&gt;</code> (docs/structures.md),
 *        one per object and field that holds elements
 * @param otherKeys the id set, the id counter, query temporaries and anything else under the tag
 * @param memoryBytes bytes used by all these keys, by MEMORY USAGE: exact or an estimate, see {@code memoryExact}
 * @param memoryExact true when every key was measured; false when samples of the numerous kinds
 *        were measured and scaled up to their counts
 * @param keysMeasured how many keys MEMORY USAGE measured
 */
public record ModelStats(
        String model,
        String baseKey,
        long objects,
        long objectKeys,
        long valueIndexKeys,
        long sortedIndexKeys,
        long compoundIndexKeys,
        long lexIndexKeys,
        long uniqueIndexKeys,
        long structureKeys,
        long otherKeys,
        long memoryBytes,
        boolean memoryExact,
        long keysMeasured) {

    /** {@return every kind of index key together} */
    public long indexKeys() {
        return valueIndexKeys + sortedIndexKeys + compoundIndexKeys + lexIndexKeys + uniqueIndexKeys;
    }

    /** {@return every key of the model} */
    public long totalKeys() {
        return objectKeys + structureKeys + indexKeys() + otherKeys;
    }
}
