package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.StringItemDao;
import dev.redao.it.query.Tag;
import dev.redao.it.query.TagDao;
import dev.redao.it.query.TagQuery;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.tools.Keyspace;
import dev.redao.runtime.tools.Pipeline;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Text that Redao cannot store faithfully is refused, never changed into other text.
 *
 * <p>A lone surrogate has no UTF-8 form: Java's encoder writes {@code '?'} for it, so
 * {@code startsWith("\uD800")} looked up the prefix {@code "?"} and returned objects whose field
 * starts with a question mark, and a String id {@code "t\uD800"} was stored as {@code "t?"}, the id
 * of another object. Saves and {@code eq} refused it already; now every place that sends text does,
 * naming the field or argument. A NUL in a String id broke the prefix index, whose members are the
 * value, a NUL and the id: {@code startsWith} returned {@code "b"} for the id {@code "a\0b"}.
 */
class UnstorableTextTest extends RedisTestSupport {
    private static final String HIGH = "\uD800";
    private static final String LOW = "\uDC00";

    private TagDao tags;
    private Tag question;
    private Tag ending;

    @BeforeEach
    void tagsWithQuestionMarks() {
        tags = new TagDao(store);
        question = tags.save(new Tag("t1", "?x", 1, "q"));
        ending = tags.save(new Tag("t2", "ab?", 1, "q"));
    }

    @Test
    void queriesRefuseALoneSurrogateInsteadOfMatchingQuestionMarks() {
        refused("prefix", List.of("startsWith", "field 'group'", "unpaired surrogate", "index 0"),
                () -> TagQuery.group.startsWith(HIGH));
        refused("text", List.of("contains", "field 'group'", "unpaired surrogate"), () -> TagQuery.group.contains(HIGH));
        refused("text", List.of("contains", "field 'group'", "index 1"), () -> TagQuery.group.contains("a" + LOW));
        refused("suffix", List.of("endsWith", "field 'group'", "unpaired surrogate", "index 1"),
                () -> TagQuery.group.endsWith("b" + LOW));
        refused("value", List.of("eq", "field 'group'", "unpaired surrogate"), () -> TagQuery.group.eq(HIGH + "x"));
        refused("values[1]", List.of("in", "field 'group'", "unpaired surrogate"), () -> TagQuery.group.in("?x", HIGH + "x"));
        refused("id", List.of("eq", "field 'id'", "unpaired surrogate"), () -> TagQuery.id.eq("t" + HIGH));
        // what the same queries find with real question marks
        assertEquals(List.of(question), tags.query().filter(TagQuery.group.startsWith("?")).list());
        assertEquals(List.of(ending), tags.query().filter(TagQuery.group.endsWith("b?")).list());
        assertEquals(List.of(), tags.query().filter(TagQuery.group.contains("\uD83D\uDE00")).list(), "a surrogate pair is fine");
    }

    @Test
    void aSaveNamesTheModelTheFieldAndTheId() {
        InvalidArgumentException e = refused("object", List.of("'qtag'", "field 'group'", "id 't3'", "unpaired surrogate"),
                () -> tags.save(new Tag("t3", "g" + HIGH, 1, "q")));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
        refused("object", List.of("'qtag'", "field 'label'", "unpaired surrogate"),
                () -> tags.save(new Tag("t3", "g", 1, LOW)));
        refused("object", List.of("'qtag'", "field 'label'", "unpaired surrogate"),
                () -> store.transaction(tx -> tx.save(tags, new Tag("t3", "g", 1, LOW))));
        refused("object", List.of("'qtag'", "field 'group'", "unpaired surrogate"),
                () -> tags.saveAll(List.of(new Tag("t4", "g", 1, "q"), new Tag("t3", HIGH, 1, "q"))));
        assertEquals(2, tags.count());
    }

    @Test
    void aStringIdWithALoneSurrogateIsRefusedNotStoredAsAnotherId() {
        Tag other = tags.save(new Tag("t?", "g", 1, "the real t?"));
        refused("id", List.of("id 't\\ud800'", "unpaired surrogate"), () -> tags.save(new Tag("t" + HIGH, "g", 1, "q")));
        refused("id", List.of("unpaired surrogate"), () -> tags.get("t" + HIGH));
        refused("id", List.of("unpaired surrogate"), () -> tags.exists("t" + HIGH));
        refused("id", List.of("unpaired surrogate"), () -> tags.delete("t" + HIGH));
        refused("id", List.of("unpaired surrogate"), () -> tags.getAll(List.of("t1", "t" + HIGH)));
        assertEquals(Optional.of(other), tags.get("t?"), "the object t? is untouched");
        StringItemDao items = new StringItemDao(store);
        refused("value", List.of("unpaired surrogate"), () -> items.getByLabel(HIGH));
        assertEquals(Optional.empty(), items.getByLabel("?"));
        assertEquals(0, items.count());
    }

    @Test
    void aStringIdWithANulIsRefused() {
        String nul = "a\0b";
        refused("id", List.of("id 'a\\u0000b'", "NUL", "index 1"), () -> tags.save(new Tag(nul, "zz", 1, "q")));
        refused("id", List.of("NUL"), () -> store.transaction(tx -> tx.save(tags, new Tag(nul, "zz", 1, "q"))));
        refused("id", List.of("NUL"), () -> tags.saveAll(List.of(new Tag("t5", "zz", 1, "q"), new Tag(nul, "zz", 1, "q"))));
        refused("id", List.of("NUL"), () -> tags.get(nul));
        refused("id", List.of("NUL"), () -> tags.delete(nul));
        assertEquals(List.of(), tags.query().filter(TagQuery.id.eq(nul)).ids(), "no object can have it");
        assertEquals(List.of(), tags.query().filter(TagQuery.group.startsWith("zz")).ids(), "the prefix index is as it was");
        // a NUL in a value is fine: the id is read after the last NUL of an index member
        Tag nulInValue = tags.save(new Tag("t6", "z\0z", 1, "q"));
        assertEquals(List.of(nulInValue), tags.query().filter(TagQuery.group.startsWith("z\0")).list());
        assertEquals(List.of(nulInValue), tags.query().filter(TagQuery.group.eq("z\0z")).list());
    }

    /**
     * Key names and patterns too: {@code "x\uD800"} as a pattern was {@code "x?"}, which deletes
     * every key named {@code x} and one more character. And values that the store's tools hand
     * to Jedis as text, which would send a {@code '?'}.
     */
    @Test
    void keyNamesPatternsAndValuesRefuseALoneSurrogate() {
        Keyspace ks = store.keyspace();
        raw(jedis -> jedis.set(ks.key("xa"), "1"));
        raw(jedis -> jedis.set(ks.key("x?"), "2"));
        refused("pattern", List.of("deletePattern", "unpaired surrogate"), () -> ks.deletePattern("x" + HIGH));
        refused("pattern", List.of("countPattern", "unpaired surrogate"), () -> ks.countPattern("x" + HIGH));
        refused("name", List.of("unpaired surrogate"), () -> ks.key("x" + HIGH));
        refused("name", List.of("unpaired surrogate"), () -> ks.zpopByRank("x" + HIGH, 0, 1, false));
        try (Pipeline p = store.pipeline()) {
            refused("name", List.of("unpaired surrogate"), () -> p.del("x" + HIGH));
        }
        refused("name", List.of("unpaired surrogate"), () -> store.queue("jobs" + HIGH, String.class));
        // values too: Jedis would send a '?'
        try (Pipeline p = store.pipeline()) {
            refused("value", List.of("set", "unpaired surrogate"), () -> p.set("k", "v" + HIGH));
            refused("members[1]", List.of("sadd", "unpaired surrogate"), () -> p.sadd("s", "a", LOW));
            refused("message", List.of("publish", "unpaired surrogate"), () -> p.publish("c", HIGH));
        }
        refused("message", List.of("publish", "unpaired surrogate"), () -> store.pubSub().publish("c", HIGH));
        refused("args[0]", List.of("Lua program 'types.first_arg'", "unpaired surrogate"),
                () -> store.luaPrograms().runString("types.first_arg", null, List.of(HIGH)));
        assertEquals(2, ks.countPattern("x*"));
        assertEquals(2, ks.countPattern("x?"), "nothing was deleted");
    }

    /**
     * Asserts that {@code call} throws InvalidArgumentException naming {@code argument} and each
     * of {@code parts}, and that the namespace is byte for byte as before.
     */
    private InvalidArgumentException refused(String argument, List<String> parts, Executable call) {
        SortedMap<String, String> before = snapshot();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call, argument + " " + parts);
        assertEquals(argument, e.argument(), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), part + " in: " + e.getMessage());
        }
        assertUnchanged(before);
        return e;
    }
}
