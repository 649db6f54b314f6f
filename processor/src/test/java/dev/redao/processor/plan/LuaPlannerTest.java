package dev.redao.processor.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.redao.annotations.OnDelete;
import dev.redao.processor.model.Access;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.IdKind;
import dev.redao.processor.model.Incoming;
import dev.redao.processor.model.IndexKind;
import dev.redao.processor.model.ModelDescriptor;
import dev.redao.processor.model.Reference;
import dev.redao.processor.model.ValueKind;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lua text of a model, planned without javac from a hand-built descriptor. */
class LuaPlannerTest {
    private static final ClassName STRING = ClassName.get(String.class);

    private static final FieldDescriptor ID = field("id", ClassName.get(Long.class), ValueKind.LONG, IndexKind.NONE, false);
    private static final FieldDescriptor EMAIL = field("email", STRING, ValueKind.STRING, IndexKind.NONE, true);
    private static final FieldDescriptor COUNTRY = field("country", STRING, ValueKind.STRING, IndexKind.SET, true, false);
    private static final FieldDescriptor AGE = field("age", TypeName.INT, ValueKind.INT, IndexKind.SORTED, false);
    private static final FieldDescriptor NAME = field("name", STRING, ValueKind.STRING, IndexKind.NONE, false);
    /** An indexed String without {@code prefix = true}: one set per value, no lexicographic index. */
    private static final FieldDescriptor CITY = field("city", STRING, ValueKind.STRING, IndexKind.SET, false, false);
    private static final FieldDescriptor TAGS = field("tags",
            ParameterizedTypeName.get(ClassName.get(List.class), STRING), ValueKind.JSON, IndexKind.NONE, false);
    private static final FieldDescriptor TOKEN = field("token", ClassName.get(java.util.UUID.class), ValueKind.UUID, IndexKind.SET, true);
    private static final FieldDescriptor JOINED_AT = field("joinedAt", ClassName.get(java.time.Instant.class), ValueKind.INSTANT, IndexKind.NONE, false);
    private static final FieldDescriptor SCORE = field("score", TypeName.DOUBLE, ValueKind.DOUBLE, IndexKind.SORTED, false);

    /** Positions: email 1, country 2, age 3, name 4, tags 5, token 6, joinedAt 7, score 8. */
    private static final ModelDescriptor USER = model("user", IdKind.LONG, ID,
            List.of(EMAIL, COUNTRY, AGE, NAME, TAGS, TOKEN, JOINED_AT, SCORE), JOINED_AT, true);

    /** USER with @Model(events = true). */
    private static final ModelDescriptor USER_WITH_EVENTS = model("user", IdKind.LONG, ID,
            List.of(EMAIL, COUNTRY, AGE, NAME, TAGS, TOKEN, JOINED_AT, SCORE), JOINED_AT, true, true);

    private static final ModelDescriptor NOTE = model("shop.note-v2", IdKind.STRING,
            field("key", STRING, ValueKind.STRING, IndexKind.NONE, false),
            List.of(field("text", STRING, ValueKind.STRING, IndexKind.NONE, false)), null, false);

    @Test
    void headerListsFieldsAndTheirIndexesByPosition() {
        Map<String, String> header = constants(LuaPlanner.header(USER));
        assertEquals("'id'", header.get("ID"));
        assertEquals("{'email', 'country', 'age', 'name', 'tags', 'token', 'joinedAt', 'score'}", header.get("F"));
        assertEquals("{1, 6}", header.get("UNIQUE"));
        assertEquals("{2, 6}", header.get("SETS"));
        assertEquals("{3, 8}", header.get("SORTED"));
        assertEquals("{1, 2, 3, 6, 8}", header.get("TRACKED"));
        assertEquals("{'email', 'country', 'age', 'token', 'score'}", header.get("TRACKED_NAMES"));
        assertEquals("true", header.get("NUMERIC_ID"));
    }

    @Test
    void headerDescribesLexIndexesAndTheOrdering() {
        Map<String, String> header = constants(LuaPlanner.header(USER));
        assertEquals("{2}", header.get("LEX"), "strings with prefix = true only; a UUID is no string");
        assertEquals("{3, 7, 8}", header.get("SCORED"), "sorted indexes and the ordering field");
        assertEquals("7", header.get("ORDER"));
        assertEquals("true", header.get("ORDER_DESC"));
    }

    /**
     * A reference has one set per referenced id, whatever the id type, and no lexicographic index;
     * an indexed String has one only with {@code prefix = true}.
     */
    @Test
    void referencesAreSetIndexedAndTrackedWithoutLex() {
        Reference toAccount = new Reference(ClassName.get("shop", "Account"), "account", "", false, IdKind.STRING,
                OnDelete.CASCADE);
        Reference toCustomer = new Reference(ClassName.get("shop", "Customer"), "customer", "", false, IdKind.LONG,
                OnDelete.KEEP);
        // even a reference that says prefix = true (the validator never lets one through) gets none
        FieldDescriptor accountId = new FieldDescriptor("accountId", STRING, ValueKind.STRING, false, IndexKind.SET, true,
                false, Access.method("accountId"), Access.constructor(), toAccount);
        FieldDescriptor customerId = new FieldDescriptor("customerId", ClassName.get(Long.class), ValueKind.LONG, false,
                IndexKind.SET, false, true, Access.method("customerId"), Access.constructor(), toCustomer);
        ModelDescriptor order = model("order", IdKind.LONG, ID, List.of(accountId, customerId, COUNTRY, CITY), null, false);
        Map<String, String> header = constants(LuaPlanner.header(order));
        assertEquals("{1, 2, 3, 4}", header.get("SETS"));
        assertEquals("{}", header.get("SORTED"));
        assertEquals("{3}", header.get("LEX"), "only the plain indexed string with prefix = true");
        assertEquals("{2}", header.get("UNIQUE"));
        assertEquals("{1, 2, 3, 4}", header.get("TRACKED"));
        assertEquals("{}", header.get("SCORED"));
    }

    @Test
    void eventsAreOffByDefaultAndTrackOnlyIndexedFields() {
        Map<String, String> header = constants(LuaPlanner.header(USER));
        assertEquals("false", header.get("EVENTS"));
        assertEquals("{1, 2, 3, 6, 8}", header.get("TRACKED"));
    }

    /** A change event names the changed fields, so a save must read the old value of every field. */
    @Test
    void modelWithEventsTracksEveryField() {
        Map<String, String> header = constants(LuaPlanner.header(USER_WITH_EVENTS));
        assertEquals("true", header.get("EVENTS"));
        assertEquals("{1, 2, 3, 4, 5, 6, 7, 8}", header.get("TRACKED"));
        assertEquals("{'email', 'country', 'age', 'name', 'tags', 'token', 'joinedAt', 'score'}", header.get("TRACKED_NAMES"));
        assertEquals("{1, 6}", header.get("UNIQUE"), "indexes do not change");
        assertEquals("{2, 6}", header.get("SETS"));
    }

    @Test
    void onlyWritingScriptsPublish() {
        ScriptPlan plan = LuaPlanner.plan(USER_WITH_EVENTS);
        for (String writing : List.of(plan.writeModule(), plan.query())) {
            assertTrue(writing.contains("redis.call('PUBLISH', base .. ':events',"), writing);
        }
        for (String reading : List.of(plan.load(), plan.loadByUnique())) {
            assertFalse(reading.contains("PUBLISH"), reading);
        }
    }

    @Test
    void modelWithoutIndexesHasEmptyLists() {
        Map<String, String> header = constants(LuaPlanner.header(NOTE));
        assertEquals("'key'", header.get("ID"));
        assertEquals("{'text'}", header.get("F"));
        for (String list : List.of("UNIQUE", "SETS", "SORTED", "TRACKED", "TRACKED_NAMES")) {
            assertEquals("{}", header.get(list), list);
        }
        assertEquals("false", header.get("NUMERIC_ID"), "a String id is not assigned by the server");
    }

    @Test
    void readingScriptsKnowOnlyTheNames() {
        assertEquals(Map.of("ID", "'id'", "F", "{'email', 'country', 'age', 'name', 'tags', 'token', 'joinedAt', 'score'}"),
                constants(LuaPlanner.names(USER)));
        for (String script : List.of(LuaPlanner.plan(USER).load(), LuaPlanner.plan(USER).loadByUnique())) {
            assertEquals(Set.of("ID", "F"), constants(script).keySet());
        }
    }

    @Test
    void onlyTheFirstLineIsAComment() {
        for (ModelDescriptor model : List.of(USER, NOTE)) {
            Map<String, String> scripts = scripts(model);
            assertFalse(scripts.isEmpty());
            for (Map.Entry<String, String> e : scripts.entrySet()) {
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
        assertEquals("local a = '-- not a comment'\nlocal b = 1 -- trailing stays\n", LuaPlanner.withoutComments(lua));
    }

    /**
     * The model shows only in the header constants (names and positions): the algorithm after
     * them is the same text for any model, so no value of a model can be inside it.
     */
    @Test
    void scriptsHoldNoModelDataBeyondTheHeader() {
        Pattern headerLine = Pattern.compile("local [A-Z_]+ = (\\{(('[A-Za-z_$][A-Za-z0-9_$]*'|\\d+)(, )?)*\\}|'[A-Za-z_$][A-Za-z0-9_$]*'|'\\d*'|\\d+|true|false)");
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
        assertTrue(LuaPlanner.plan(USER).deleteOne().contains("redis.call('DEL', key)"));
        assertTrue(LuaPlanner.plan(referenced(OnDelete.KEEP)).deleteOne().contains("redis.call('DEL', key)"));
        for (OnDelete followed : List.of(OnDelete.CASCADE, OnDelete.SET_NULL, OnDelete.RESTRICT)) {
            assertEquals(null, LuaPlanner.plan(referenced(followed)).deleteOne(), followed.name());
        }
    }

    /**
     * The single-object scripts unroll the model's fields: each index of USER appears by name,
     * and a model without indexes writes no index key at all.
     */
    @Test
    void singleObjectScriptsWriteExactlyTheModelsIndexes() {
        String save = LuaPlanner.plan(USER).saveOne();
        for (String written : List.of("redis.call('HSET', base .. ':uni:email'", "sadd(base .. ':idx:country:'",
                "lexadd(base .. ':lex:country'", "zadd(base .. ':idx:age'", "redis.call('HSET', base .. ':uni:token'",
                "sadd(base .. ':idx:token:'", "zadd(idset", "try('zset', 'ZADD', base .. ':idx:score'")) {
            assertTrue(save.contains(written), written);
        }
        assertFalse(save.contains("expect("), "index keys are not TYPE-checked before the writes: " + save);
        String note = LuaPlanner.plan(NOTE).saveOne() + LuaPlanner.plan(NOTE).deleteOne();
        assertFalse(note.contains(":idx:") || note.contains(":uni:") || note.contains(":lex:"), note);
    }

    @Test
    void planningIsDeterministic() {
        assertEquals(LuaPlanner.plan(USER), LuaPlanner.plan(USER));
    }

    /**
     * Every script compiles as Lua 5.1, the dialect of Redis, and touches no global but the
     * ones Redis provides: Redis refuses scripts that create globals.
     */
    @Test
    void scriptsAreValidLuaWithoutOwnGlobals(@TempDir Path dir) throws IOException, InterruptedException {
        String luac = onPath("luac5.1");
        assumeTrue(luac != null, "luac5.1 is not installed");
        Set<String> allowed = Set.of("redis", "KEYS", "ARGV", "unpack", "ipairs", "pairs", "tonumber", "tostring",
                "type", "error", "string", "table", "math", "select", "next", "assert", "pcall", "cjson");
        for (ModelDescriptor model : List.of(USER, USER_WITH_EVENTS, NOTE, versioned(), referenced(OnDelete.CASCADE))) {
            for (Map.Entry<String, String> e : scripts(model).entrySet()) {
                Path file = dir.resolve(e.getKey() + ".lua");
                // the write module is a function expression, which the runtime puts in a chunk
                String chunk = e.getKey().equals("writeModule") ? "local module = " + e.getValue() : e.getValue();
                Files.writeString(file, chunk, StandardCharsets.UTF_8);
                Process p = new ProcessBuilder(luac, "-p", "-l", file.toString()).redirectErrorStream(true).start();
                String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    fail(e.getKey() + " of " + model.name() + " is not valid Lua:\n" + listing + "\n" + e.getValue());
                }
                Set<String> globals = new TreeSet<>();
                Matcher m = Pattern.compile("(GETGLOBAL|SETGLOBAL)\\s.*; (\\S+)").matcher(listing);
                while (m.find()) {
                    if (m.group(1).equals("SETGLOBAL")) {
                        fail(e.getKey() + " sets the global " + m.group(2));
                    }
                    globals.add(m.group(2));
                }
                globals.removeAll(allowed);
                assertEquals(Set.of(), globals, e.getKey() + " of " + model.name() + " reads unknown globals");
            }
        }
    }

    private static Map<String, String> scripts(ModelDescriptor model) {
        ScriptPlan plan = LuaPlanner.plan(model);
        Map<String, String> out = new LinkedHashMap<>();
        for (var component : ScriptPlan.class.getRecordComponents()) {
            try {
                String script = (String) component.getAccessor().invoke(plan);
                if (script != null) {
                    out.put(component.getName(), script);
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
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

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, program);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }

    private static FieldDescriptor field(String name, TypeName type, ValueKind kind, IndexKind index, boolean unique) {
        return field(name, type, kind, index, false, unique);
    }

    private static FieldDescriptor field(String name, TypeName type, ValueKind kind, IndexKind index, boolean prefix,
                                         boolean unique) {
        return new FieldDescriptor(name, type, kind, type.isPrimitive(), index, prefix, unique,
                Access.method(name), Access.constructor(), null);
    }

    /** NOTE with a {@code @Version long version}. */
    private static ModelDescriptor versioned() {
        FieldDescriptor version = field("version", TypeName.LONG, ValueKind.LONG, IndexKind.NONE, false);
        ModelDescriptor m = model("note", IdKind.STRING, NOTE.id(), List.of(NOTE.fields().get(0), version), null, false);
        return new ModelDescriptor(m.type(), m.name(), m.record(), m.idKind(), m.id(), m.fields(), m.constructorOrder(),
                null, false, false, version, "", List.of(), List.of());
    }

    /** USER as another model references it, with the given onDelete. */
    private static ModelDescriptor referenced(OnDelete onDelete) {
        return USER.withReferencedBy(List.of(new Incoming(ClassName.get("shop", "OrderDao"), "userId", onDelete)));
    }

    private static ModelDescriptor model(String name, IdKind idKind, FieldDescriptor id, List<FieldDescriptor> fields,
                                         FieldDescriptor ordering, boolean descending) {
        return model(name, idKind, id, fields, ordering, descending, false);
    }

    private static ModelDescriptor model(String name, IdKind idKind, FieldDescriptor id, List<FieldDescriptor> fields,
                                         FieldDescriptor ordering, boolean descending, boolean events) {
        List<String> order = new ArrayList<>();
        order.add(id.name());
        fields.forEach(f -> order.add(f.name()));
        return new ModelDescriptor(ClassName.get("shop", "Model"), name, true, idKind, id, fields, order,
                ordering, descending, events, null, "", List.of(), List.of());
    }
}
