package dev.redao.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.redao.annotations.OnDelete;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Lua the runtime builds for a model from its schema, as a generated DAO describes it. */
class ModelLuaTest {
    /** Positions: email 1, country 2, age 3, name 4, tags 5, token 6, joinedAt 7, score 8. */
    private static final ModelSchema<Long> USER = user().build();

    /** USER with @Model(events = true). */
    private static final ModelSchema<Long> USER_WITH_EVENTS = user().events().build();

    /** USER with @Model(ttl = "PT1H"). */
    private static final ModelSchema<Long> EXPIRING_USER = user().expiring(3_600_000).build();

    private static final ModelSchema<String> NOTE = ModelSchema.builder(ModelSchema.PROTOCOL, "shop.note-v2", IdType.STRING, "key")
            .field("text")
            .build();

    private static ModelSchema.Builder<Long> user() {
        return ModelSchema.builder(ModelSchema.PROTOCOL, "user", IdType.LONG, "id")
                .field("email").unique()
                .field("country").setIndex().prefixIndex()
                .field("age").sortedIndex()
                .field("name")
                .field("tags")
                .field("token").unique().setIndex()
                .field("joinedAt")
                .field("score").sortedIndex()
                .ordering("joinedAt", true);
    }

    /** NOTE with a {@code @Version long version}. */
    private static ModelSchema<String> versioned() {
        return ModelSchema.builder(ModelSchema.PROTOCOL, "note", IdType.STRING, "key")
                .field("text")
                .field("version")
                .version("version")
                .build();
    }

    /** USER spread over 4 partitions, its unique values claimed in their own partitions. */
    private static final ModelSchema<Long> PARTITIONED_USER = ModelSchema.builder(ModelSchema.PROTOCOL, "puser", IdType.LONG, "id")
            .field("email").unique()
            .field("country").setIndex()
            .field("token").unique()
            .field("version")
            .version("version")
            .partitions(4)
            .build();

    /** USER as another model references it, with the given onDelete. */
    private static ModelSchema<Long> referenced(OnDelete onDelete) {
        return user().referencedBy(() -> NOTE, "userId", onDelete).build();
    }

    @Test
    void headerListsFieldsAndTheirIndexesByPosition() {
        Map<String, String> header = constants(ModelLua.header(USER));
        assertEquals("'id'", header.get("ID"));
        assertEquals("{'email', 'country', 'age', 'name', 'tags', 'token', 'joinedAt', 'score'}", header.get("F"));
        assertEquals("{1, 6}", header.get("UNIQUE"));
        assertEquals("{2, 6}", header.get("SETS"));
        assertEquals("{3, 8}", header.get("SORTED"));
        assertEquals("{1, 2, 3, 6, 8}", header.get("TRACKED"));
        assertEquals("{'email', 'country', 'age', 'token', 'score'}", header.get("TRACKED_NAMES"));
        assertEquals("true", header.get("NUMERIC_ID"));
        assertEquals("'9223372036854775807'", header.get("ID_MAX"));
    }

    @Test
    void headerDescribesLexIndexesAndTheOrdering() {
        Map<String, String> header = constants(ModelLua.header(USER));
        assertEquals("{2}", header.get("LEX"));
        assertEquals("{3, 7, 8}", header.get("SCORED"), "sorted indexes and the ordering field");
        assertEquals("7", header.get("ORDER"));
        assertEquals("true", header.get("ORDER_DESC"));
    }

    @Test
    void eventsAreOffByDefaultAndTrackOnlyIndexedFields() {
        Map<String, String> header = constants(ModelLua.header(USER));
        assertEquals("false", header.get("EVENTS"));
        assertEquals("{1, 2, 3, 6, 8}", header.get("TRACKED"));
    }

    /** A change event names the changed fields, so a save must read the old value of every field. */
    @Test
    void modelWithEventsTracksEveryField() {
        Map<String, String> header = constants(ModelLua.header(USER_WITH_EVENTS));
        assertEquals("true", header.get("EVENTS"));
        assertEquals("{1, 2, 3, 4, 5, 6, 7, 8}", header.get("TRACKED"));
        assertEquals("{'email', 'country', 'age', 'name', 'tags', 'token', 'joinedAt', 'score'}", header.get("TRACKED_NAMES"));
        assertEquals("{1, 6}", header.get("UNIQUE"), "indexes do not change");
        assertEquals("{2, 6}", header.get("SETS"));
    }

    @Test
    void theVersionIsTrackedAndNamed() {
        Map<String, String> header = constants(ModelLua.header(versioned()));
        assertEquals("2", header.get("VERSION"));
        assertEquals("{2}", header.get("TRACKED"));
    }

    @Test
    void onlyWritingScriptsPublish() {
        ModelScripts plan = ModelLua.scripts(USER_WITH_EVENTS);
        for (String writing : List.of(plan.writeModule(), text(plan.queryDelete()), text(plan.saveOne()), text(plan.deleteOne()))) {
            assertTrue(writing.contains("redis.call(command, base .. ':events',"), writing);
            assertTrue(writing.contains("command = 'SPUBLISH'"), "a shard message on a Redis 7 cluster: " + writing);
        }
        for (Script reading : List.of(plan.load(), plan.loadByUnique(), plan.query())) {
            assertFalse(text(reading).contains("PUBLISH"), text(reading));
        }
    }

    @Test
    void modelWithoutIndexesHasEmptyLists() {
        Map<String, String> header = constants(ModelLua.header(NOTE));
        assertEquals("'key'", header.get("ID"));
        assertEquals("{'text'}", header.get("F"));
        for (String list : List.of("UNIQUE", "SETS", "SORTED", "TRACKED", "TRACKED_NAMES")) {
            assertEquals("{}", header.get(list), list);
        }
        assertEquals("false", header.get("NUMERIC_ID"), "a String id is not assigned by the server");
        assertEquals("''", header.get("ID_MAX"));
    }

    @Test
    void readingScriptsKnowOnlyTheNames() {
        assertEquals(Map.of("MODEL", "'user'", "ID", "'id'",
                        "F", "{'email', 'country', 'age', 'name', 'tags', 'token', 'joinedAt', 'score'}", "EXPIRES", "false"),
                constants(ModelLua.names(USER)));
        for (Script script : List.of(ModelLua.scripts(USER).load(), ModelLua.scripts(USER).loadByUnique())) {
            assertEquals(Set.of("MODEL", "ID", "F", "EXPIRES"), constants(text(script)).keySet());
        }
    }

    @Test
    void onlyTheFirstLineIsAComment() {
        for (ModelSchema<?> model : List.of(USER, NOTE)) {
            for (Map.Entry<String, String> e : scripts(model).entrySet()) {
                String[] lines = e.getValue().split("\n", -1);
                assertTrue(lines[0].startsWith("-- Redao: ") && lines[0].endsWith(" of model '" + model.name() + "'"),
                        e.getKey() + " starts with " + lines[0]);
                assertEquals("", lines[lines.length - 1], e.getKey() + " ends with a newline");
                for (int i = 1; i < lines.length - 1; i++) {
                    String line = lines[i].strip();
                    assertFalse(line.isEmpty(), e.getKey() + " has a blank line " + (i + 1));
                    assertFalse(line.startsWith("--"), e.getKey() + " keeps a comment: " + line);
                }
            }
        }
    }

    @Test
    void withoutCommentsRemovesWholeLineCommentsOnly() {
        String lua = "-- a comment\n"
                + "local a = '-- not a comment'\n"
                + "\n"
                + "   -- indented comment\n"
                + "local b = 1 -- trailing stays\n"
                + "  \t\n";
        assertEquals("local a = '-- not a comment'\nlocal b = 1 -- trailing stays\n", LuaSource.withoutComments(lua));
    }

    /**
     * The model shows only in the header constants (names and positions): the algorithm after
     * them is the same text for any model, so no value of a model can be inside it.
     */
    @Test
    void scriptsHoldNoModelDataBeyondTheHeader() {
        Pattern headerLine = Pattern.compile("local [A-Z_]+ = (\\{(('[A-Za-z_$][A-Za-z0-9_$]*'|\\d+)(, )?)*\\}|'[A-Za-z_$][A-Za-z0-9_$.-]*'|'\\d*'|\\d+|true|false)");
        Map<String, String> user = scripts(USER);
        Map<String, String> note = scripts(NOTE);
        assertEquals(user.keySet(), note.keySet());
        for (String operation : user.keySet()) {
            if (operation.equals("saveOne") || operation.equals("deleteOne")) {
                continue; // unrolled over the model's fields by design; see singleObjectScripts...
            }
            List<String> userBody = body(user.get(operation), headerLine);
            List<String> noteBody = body(note.get(operation), headerLine);
            assertFalse(userBody.isEmpty(), operation);
            assertEquals(noteBody, userBody, operation + " differs beyond its header");
        }
        for (String script : user.values()) {
            assertFalse(script.contains("{user}") || script.contains("user:"), "no key is spelled out: " + script);
        }
    }

    /** A delete that follows references needs the module's driver; KEEP follows nothing. */
    @Test
    void aDeleteOfOneObjectIsStraightLineOnlyWhenItFollowsNoReference() {
        assertTrue(text(ModelLua.scripts(USER).deleteOne()).contains("redis.call('DEL', key)"));
        assertTrue(text(ModelLua.scripts(referenced(OnDelete.KEEP)).deleteOne()).contains("redis.call('DEL', key)"));
        for (OnDelete followed : List.of(OnDelete.CASCADE, OnDelete.SET_NULL, OnDelete.RESTRICT)) {
            assertNull(ModelLua.scripts(referenced(followed)).deleteOne(), followed.name());
        }
    }

    /**
     * The single-object scripts unroll the model's fields: each index of USER appears by name,
     * and a model without indexes writes no index key at all.
     */
    @Test
    void singleObjectScriptsWriteExactlyTheModelsIndexes() {
        String save = text(ModelLua.scripts(USER).saveOne());
        for (String written : List.of("redis.call('HSET', base .. ':uni:email'", "sadd(base .. ':idx:country:'",
                "lexadd(base .. ':lex:country'", "zadd(base .. ':idx:age'", "redis.call('HSET', base .. ':uni:token'",
                "sadd(base .. ':idx:token:'", "zadd(idset", "try('zset', 'ZADD', base .. ':idx:score'")) {
            assertTrue(save.contains(written), written);
        }
        assertFalse(save.contains("expect("), "index keys are not TYPE-checked before the writes: " + save);
        String note = text(ModelLua.scripts(NOTE).saveOne()) + text(ModelLua.scripts(NOTE).deleteOne());
        assertFalse(note.contains(":idx:") || note.contains(":uni:") || note.contains(":lex:"), note);
    }

    @Test
    void scriptsAreBuiltOncePerSchema() {
        assertSame(USER.saveOne(), USER.saveOne());
        assertEquals(scripts(USER), scripts(user().build()), "the same description gives the same text");
    }

    /**
     * Every script of several kinds of model parses as Lua and touches no global but the ones
     * Redis provides: Redis refuses scripts that create globals.
     */
    @Test
    void scriptsAreValidLuaWithoutOwnGlobals() {
        for (ModelSchema<?> model : List.of(USER, USER_WITH_EVENTS, EXPIRING_USER, NOTE, versioned(), referenced(OnDelete.CASCADE),
                PARTITIONED_USER)) {
            for (Map.Entry<String, String> e : scripts(model).entrySet()) {
                // the write module is a function expression, which the runtime puts in a chunk
                String chunk = e.getKey().equals("writeModule") ? "local module = " + e.getValue() : e.getValue();
                assertEquals(List.of(), LuaLint.problems(chunk), e.getKey() + " of " + model.name() + ":\n" + chunk);
            }
            ModelScripts plan = ModelLua.scripts(model);
            for (Script one : Arrays.asList(plan.insertOne(), plan.replaceOne(), plan.insertMany())) {
                if (one != null) {
                    assertEquals(List.of(), LuaLint.problems(text(one)), one.name() + ":\n" + text(one));
                }
            }
            Script transaction = WriteScripts.of(List.of(model));
            assertEquals(List.of(), LuaLint.problems(text(transaction)), text(transaction));
            for (WriteScripts.BatchStep step : WriteScripts.BatchStep.values()) {
                Script script = WriteScripts.batchStep(model, step);
                assertEquals(List.of(), LuaLint.problems(text(script)), text(script));
            }
        }
    }

    /**
     * A partitioned model's unique entries are no part of its write module (they live in the
     * values' partitions): the module lists those fields as CLAIMED, to reply the values its
     * objects had, and checks none of them itself.
     */
    @Test
    void aPartitionedModelsWriteModuleListsItsClaimedFields() {
        Map<String, String> constants = constants(ModelLua.scripts(PARTITIONED_USER).writeModule());
        assertEquals("{1, 3}", constants.get("CLAIMED"));
        assertEquals("{}", constants.get("UNIQUE"));
        assertEquals("{}", constants(ModelLua.scripts(USER).writeModule()).get("CLAIMED"));
    }

    /** The id reservation's script, checked the same way (the queue's and the keyspace tools' have tests of their own). */
    @Test
    void theIdReservationScriptIsValidLuaWithoutOwnGlobals() {
        assertEquals(List.of(), LuaLint.problems(LuaSource.code("ids/reserve.lua")));
    }

    @Test
    void aSchemaRefusesNamesThatCouldNotComeFromTheProcessor() {
        assertThrows(IllegalArgumentException.class, () -> ModelSchema.builder(1, "user'", IdType.LONG, "id"));
        assertThrows(IllegalArgumentException.class, () -> ModelSchema.builder(1, "user", IdType.LONG, "id'"));
        assertThrows(IllegalArgumentException.class, () -> user().field("a b"));
        assertThrows(IllegalArgumentException.class, () -> user().group("{shop}"));
        assertThrows(IllegalArgumentException.class, () -> user().ordering("missing", false).build());
        assertEquals(List.of("id", "été"), ModelSchema.builder(1, "user", IdType.LONG, "id").field("été").build().fields());
    }

    private static String text(Script script) {
        return new String(script.text(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> scripts(ModelSchema<?> model) {
        ModelScripts plan = ModelLua.scripts(model);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("writeModule", plan.writeModule());
        out.put("saveOne", text(plan.saveOne()));
        if (plan.deleteOne() != null) {
            out.put("deleteOne", text(plan.deleteOne()));
        }
        out.put("load", text(plan.load()));
        out.put("loadByUnique", text(plan.loadByUnique()));
        out.put("query", text(plan.query()));
        out.put("queryDelete", text(plan.queryDelete()));
        if (plan.expire() != null) {
            out.put("expire", text(plan.expire()));
        }
        return out;
    }

    private static List<String> body(String script, Pattern headerLine) {
        List<String> out = new ArrayList<>();
        String[] lines = script.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (!headerLine.matcher(lines[i]).matches()) {
                assertFalse(lines[i].matches("local [A-Z_]+ = .*"), "unexpected constant " + lines[i]);
                out.add(lines[i]);
            }
        }
        return out;
    }

    /** The {@code local NAME = value} lines of a script, by name. */
    private static Map<String, String> constants(String lua) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^local ([A-Z_]+) = (.*)$").matcher(lua);
        while (m.find()) {
            if (out.put(m.group(1), m.group(2)) != null) {
                fail("constant " + m.group(1) + " is defined twice");
            }
        }
        return out;
    }
}
