package dev.redao.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit's scripts (dao.audit(), dao.repair()), checked as the models' are (see ModelLuaTest). */
class AuditScriptsTest {
    private static final ModelSchema<Long> USER = ModelSchema.builder(ModelSchema.PROTOCOL, "user", IdType.LONG, "id")
            .field("email").unique()
            .field("country").setIndex().prefixIndex()
            .field("age").sortedIndex()
            .field("name")
            .field("joinedAt")
            .ordering("joinedAt", true)
            .compoundIndex("country", "age")
            .build();

    /** An expiring model ({@code @Model(ttl)}): its deadlines are walked, and its expired objects hold no unique value. */
    private static final ModelSchema<Long> SESSION = ModelSchema.builder(ModelSchema.PROTOCOL, "session", IdType.LONG, "id")
            .field("token").unique()
            .field("user").setIndex()
            .expiring(3_600_000)
            .build();

    private static final ModelSchema<String> NOTE = ModelSchema.builder(ModelSchema.PROTOCOL, "note", IdType.STRING, "key")
            .field("text")
            .build();

    private static final ModelSchema<Long> PARTITIONED = ModelSchema.builder(ModelSchema.PROTOCOL, "login", IdType.LONG, "id")
            .field("email").unique()
            .field("country").setIndex()
            .field("version")
            .version("version")
            .partitions(4)
            .build();

    private static List<Script> all(ModelSchema<?> model) {
        return ModelAudit.scripts(model);
    }

    @Test
    void theScriptsAreValidLuaWithoutOwnGlobals() {
        for (ModelSchema<?> model : List.of(USER, NOTE, PARTITIONED, SESSION)) {
            for (Script script : all(model)) {
                assertEquals(List.of(), LuaLint.problems(script.source()), script.name() + ":\n" + script.source());
            }
        }
    }

    /** Walking a cursor means one server: no audit script may run on a replica, and only the repair waits for replicas. */
    @Test
    void onlyTheRepairWritesAndNoneRunsOnAReplica() {
        AuditScripts s = AuditScripts.build(USER);
        for (Script reading : List.of(s.scan(), s.entries(), s.holds(), s.lookup())) {
            assertFalse(reading.writes(), reading.name());
            assertFalse(reading.readOnly(), reading.name() + " must run on the master");
        }
        assertTrue(s.repair().writes());
        assertTrue(AuditScripts.FENCE.writes() && AuditScripts.UNFENCE.writes() && AuditScripts.SETTLE.writes());
    }

    /** A script carries only the helpers it uses (each is a closure made on every call). */
    @Test
    void scriptsCarryTheHelpersTheyUse() {
        AuditScripts s = AuditScripts.build(USER);
        assertTrue(s.scan().source().contains("local function try("));
        assertFalse(s.lookup().source().contains("local function splitLexMember("), s.lookup().source());
        assertTrue(s.entries().source().contains("local function splitLexMember("));
        assertTrue(s.repair().source().contains("local function cidxHolds("));
    }

    /** The compound indexes reach the scripts in the model's header, as positions: the first field's, then the second's. */
    @Test
    void compoundIndexesAreListedByPosition() {
        assertTrue(AuditScripts.build(USER).scan().source().contains("local COMPOUND = {{2, 3}}\n"));
        assertTrue(AuditScripts.build(NOTE).scan().source().contains("local COMPOUND = {}\n"));
    }

    @Test
    void scriptsAreBuiltOncePerSchema() {
        assertSame(AuditScripts.of(USER), AuditScripts.of(USER));
        assertEquals(AuditScripts.of(USER).scan().sha1(), AuditScripts.build(USER).scan().sha1());
    }

    @Test
    void scoresReadAsRedisWritesThem() {
        assertEquals(Double.POSITIVE_INFINITY, ModelAudit.score("inf".getBytes()));
        assertEquals(Double.NEGATIVE_INFINITY, ModelAudit.score("-inf".getBytes()));
        assertEquals(Double.POSITIVE_INFINITY, ModelAudit.score("+inf".getBytes()));
        assertEquals(31.0, ModelAudit.score("31".getBytes()));
        assertEquals(1.0E10, ModelAudit.score("1.0E10".getBytes()));
        assertEquals(1.0E10, ModelAudit.score("10000000000".getBytes()));
    }
}
