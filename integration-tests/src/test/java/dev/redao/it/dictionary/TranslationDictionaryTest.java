package dev.redao.it.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.dictionary.AlreadyLinkedException;
import dev.redao.dictionary.TranslationDictionary;
import dev.redao.dictionary.UnknownKeyException;
import dev.redao.dictionary.UnknownSystemException;
import dev.redao.dictionary.UnknownValueException;
import dev.redao.it.RedisTestSupport;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.runtime.RedisStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The translation dictionary against a real deployment: what it keeps in Redis, what its calls
 * return, the typed error of each bad input (with Redis left as it was), links removed with their
 * values, import and export, and a translation in one script.
 */
class TranslationDictionaryTest extends RedisTestSupport {
    /** Commands that only a client sends, never a script. */
    private static final Set<String> CLIENT_ONLY = Set.of("script|load", "script|exists", "ping", "hello", "select",
            "auth", "client|setname", "client|info", "multi", "exec", "info", "fcall");
    private static final String INDIVIDUAL_TO_I = "[\"CRM\",\"CUSTOMER_TYPE\",\"Individual\",\"BILLING\",\"CUST_TYPE\",\"I\"]";

    private TranslationDictionary dict;

    @BeforeEach
    void customerTypes() {
        dict = TranslationDictionary.on(store);
        define("CRM", "CUSTOMER_TYPE", "Individual", "Company");
        define("BILLING", "CUST_TYPE", "I", "C");
        dict.link("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE", "I");
    }

    private void define(String system, String key, String... values) {
        dict.defineSystem(system);
        dict.defineKey(system, key);
        for (String value : values) {
            dict.defineValue(system, key, value);
        }
    }

    private String model(String name) {
        return base("dictionary") + ":" + name;
    }

    @Test
    void keepsEachEntryAsAnObjectOfItsModel() {
        assertEquals(Optional.of("I"), dict.translate("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"));
        assertEquals(Set.of("CRM", "BILLING"), members(model("dictionary_system:id")));
        assertEquals(Map.of("id", "[\"CRM\",\"CUSTOMER_TYPE\",\"Individual\"]", "keyId", "[\"CRM\",\"CUSTOMER_TYPE\"]",
                "value", "Individual"), hash(model("dictionary_value:obj:[\"CRM\",\"CUSTOMER_TYPE\",\"Individual\"]")));
        Map<String, String> link = hash(model("dictionary_link:obj:" + INDIVIDUAL_TO_I));
        assertEquals("I", link.get("toValue"));
        assertEquals("[\"CRM\",\"CUSTOMER_TYPE\",\"Individual\",\"BILLING\",\"CUST_TYPE\"]", link.get("route"));
        assertEquals(Map.of(link.get("route"), INDIVIDUAL_TO_I), hash(model("dictionary_link:uni:route")),
                "the route is the link's unique value");
    }

    @Test
    void listsSystemsKeysValuesAndTranslations() {
        dict.link("CRM", "CUSTOMER_TYPE", "Company", "BILLING", "CUST_TYPE", "C");
        assertEquals(List.of("BILLING", "CRM"), dict.systems());
        assertEquals(List.of("CUSTOMER_TYPE"), dict.keys("CRM"));
        assertEquals(List.of("Company", "Individual"), dict.values("CRM", "CUSTOMER_TYPE"));
        assertEquals(Map.of("Company", "C", "Individual", "I"), dict.translations("CRM", "CUSTOMER_TYPE", "BILLING", "CUST_TYPE"));
        assertEquals(Map.of(), dict.translations("BILLING", "CUST_TYPE", "CRM", "CUSTOMER_TYPE"), "a link goes one way");
        dict.defineKey("CRM", "SEGMENT");
        assertEquals(List.of(), dict.values("CRM", "SEGMENT"));
    }

    @Test
    void aValueWithoutALinkTranslatesToNothing() {
        assertEquals(Optional.empty(), dict.translate("CRM", "CUSTOMER_TYPE", "Company", "BILLING", "CUST_TYPE"));
        assertEquals(Optional.empty(), dict.translate("BILLING", "CUST_TYPE", "I", "CRM", "CUSTOMER_TYPE"));
    }

    @Test
    void translatesInOneScript() {
        dict.translate("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"); // sends the script's text once
        Optional<?>[] found = new Optional<?>[1];
        Map<String, Long> delta = commandDelta(
                () -> found[0] = dict.translate("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"));
        assertEquals(Optional.of("I"), found[0]);
        delta.remove("info"); // the INFO calls that measure it
        if (!onOneServer() && !onACluster()) {
            delta.remove("ping"); // the sentinels' to the master
        }
        assertEquals(1L, SCRIPT_CALLS.stream().mapToLong(c -> delta.getOrDefault(c, 0L)).sum(), delta::toString);
        for (String command : delta.keySet()) {
            assertTrue(!CLIENT_ONLY.contains(command), "translate sent " + command + " besides its script: " + delta);
        }
        SCRIPT_CALLS.forEach(delta::remove);
        // inside the script: the route's holder in the unique hash, then the link's fields
        assertEquals(Map.of("hget", 1L, "hmget", 1L), delta);
    }

    @Test
    void aValueLinkedTwiceIntoOneKeyIsRefusedAndNothingIsWritten() {
        var before = snapshot();
        AlreadyLinkedException e = assertThrows(AlreadyLinkedException.class,
                () -> dict.link("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE", "C"));
        assertEquals("I", e.linkedValue());
        assertEquals(List.of("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"),
                List.of(e.fromSystem(), e.fromKey(), e.fromValue(), e.toSystem(), e.toKey()));
        assertTrue(e.getMessage().contains("'Individual'") && e.getMessage().contains("'I'"), e.getMessage());
        assertUnchanged(before);

        dict.link("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE", "I"); // the same link again
        assertEquals(Optional.of("I"), dict.translate("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"));
        assertEquals(1, hash(model("dictionary_link:uni:route")).size());
    }

    @Test
    void aRemovedValueTakesItsLinksInBothDirections() {
        dict.link("BILLING", "CUST_TYPE", "I", "CRM", "CUSTOMER_TYPE", "Individual");
        String back = "[\"BILLING\",\"CUST_TYPE\",\"I\",\"CRM\",\"CUSTOMER_TYPE\",\"Individual\"]";
        assertEquals(Set.of(INDIVIDUAL_TO_I, back), members(model("dictionary_link:id")));

        dict.removeValue("BILLING", "CUST_TYPE", "I");

        assertEquals(Set.of(), members(model("dictionary_link:id")));
        assertEquals(Set.of(model("dictionary_link:schema")),
                keys().stream().filter(k -> k.startsWith(model("dictionary_link:"))).collect(Collectors.toSet()),
                "no object, index or unique entry of a link is left");
        assertTrue(!exists(model("dictionary_link:obj:" + INDIVIDUAL_TO_I)) && !exists(model("dictionary_link:obj:" + back)));
        assertEquals(Map.of(), hash(model("dictionary_link:uni:route")));
        assertEquals(List.of("C"), dict.values("BILLING", "CUST_TYPE"));
        assertEquals(Optional.empty(), dict.translate("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"));
        assertThrows(UnknownValueException.class, () -> dict.translate("BILLING", "CUST_TYPE", "I", "CRM", "CUSTOMER_TYPE"));
    }

    @Test
    void aRemovedSystemTakesItsKeysTheirValuesAndTheirLinks() {
        dict.defineKey("CRM", "SEGMENT");
        dict.removeSystem("CRM");

        assertEquals(List.of("BILLING"), dict.systems());
        assertEquals(Set.of("[\"BILLING\",\"CUST_TYPE\"]"), members(model("dictionary_key:id")));
        assertEquals(Set.of("[\"BILLING\",\"CUST_TYPE\",\"C\"]", "[\"BILLING\",\"CUST_TYPE\",\"I\"]"),
                members(model("dictionary_value:id")));
        assertEquals(Set.of(), members(model("dictionary_link:id")));
        assertTrue(keys().stream().noneMatch(k -> k.contains(":obj:[\"CRM\"")), () -> "keys of CRM are left: " + keys());
        assertThrows(UnknownSystemException.class, () -> dict.keys("CRM"));
    }

    @Test
    void aRemovedKeyTakesItsValuesAndTheirLinks() {
        dict.removeKey("BILLING", "CUST_TYPE");
        assertEquals(List.of(), dict.keys("BILLING"));
        assertEquals(Set.of("[\"CRM\",\"CUSTOMER_TYPE\",\"Company\"]", "[\"CRM\",\"CUSTOMER_TYPE\",\"Individual\"]"),
                members(model("dictionary_value:id")));
        assertEquals(Set.of(), members(model("dictionary_link:id")));
        assertThrows(UnknownKeyException.class, () -> dict.translate("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"));
    }

    @Test
    void anUnknownSystemKeyOrValueIsATypedErrorThatNamesItAndWritesNothing() {
        var before = snapshot();
        UnknownSystemException system = assertThrows(UnknownSystemException.class,
                () -> dict.translate("ERP", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"));
        assertEquals("ERP", system.system());
        assertTrue(system.getMessage().contains("'ERP'"), system.getMessage());

        UnknownKeyException key = assertThrows(UnknownKeyException.class,
                () -> dict.translate("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "TYPE"));
        assertEquals(List.of("BILLING", "TYPE"), List.of(key.system(), key.key()));
        assertTrue(key.getMessage().contains("'TYPE'") && key.getMessage().contains("'BILLING'"), key.getMessage());

        UnknownValueException value = assertThrows(UnknownValueException.class,
                () -> dict.link("CRM", "CUSTOMER_TYPE", "Company", "BILLING", "CUST_TYPE", "X"));
        assertEquals(List.of("BILLING", "CUST_TYPE", "X"), List.of(value.system(), value.key(), value.value()));
        assertTrue(value.getMessage().contains("'X'"), value.getMessage());

        assertThrows(UnknownSystemException.class, () -> dict.defineKey("ERP", "ORDER_TYPE"));
        assertThrows(UnknownKeyException.class, () -> dict.defineValue("CRM", "ORDER_TYPE", "Web"));
        assertThrows(UnknownValueException.class, () -> dict.unlink("CRM", "CUSTOMER_TYPE", "Person", "BILLING", "CUST_TYPE"));
        assertThrows(UnknownValueException.class, () -> dict.removeValue("CRM", "CUSTOMER_TYPE", "Person"));
        assertThrows(UnknownKeyException.class, () -> dict.removeKey("CRM", "ORDER_TYPE"));
        assertThrows(UnknownSystemException.class, () -> dict.removeSystem("ERP"));
        assertThrows(UnknownKeyException.class, () -> dict.translations("CRM", "CUSTOMER_TYPE", "BILLING", "TYPE"));
        assertUnchanged(before);
    }

    @Test
    void aNullOrBlankNameIsAnInvalidArgumentThatNamesIt() {
        var before = snapshot();
        Map<String, Executable> calls = Map.of(
                "fromSystem", () -> dict.translate(null, "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"),
                "toKey", () -> dict.translate("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", " "),
                "toValue", () -> dict.link("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE", ""),
                "system", () -> dict.defineSystem(null),
                "key", () -> dict.defineKey("CRM", "\t"),
                "value", () -> dict.removeValue("CRM", "CUSTOMER_TYPE", null),
                "json", () -> dict.importJson(null));
        calls.forEach((argument, call) -> {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call, argument);
            assertEquals(argument, e.argument());
            assertTrue(e.getMessage().contains(argument), e.getMessage());
        });
        InvalidArgumentException sameKey = assertThrows(InvalidArgumentException.class,
                () -> dict.link("CRM", "CUSTOMER_TYPE", "Individual", "CRM", "CUSTOMER_TYPE", "Company"));
        assertTrue(sameKey.getMessage().contains("another key"), sameKey.getMessage());
        assertUnchanged(before);
    }

    @Test
    void unlinkRemovesOneLinkAndSaysWhetherThereWasOne() {
        assertTrue(dict.unlink("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"));
        assertEquals(Set.of(), members(model("dictionary_link:id")));
        assertEquals(false, dict.unlink("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"));
        dict.link("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE", "C"); // free to link anew
        assertEquals(Optional.of("C"), dict.translate("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"));
    }

    @Test
    void anExportImportsIntoAnotherNamespaceAsItWas() {
        dict.link("BILLING", "CUST_TYPE", "C", "CRM", "CUSTOMER_TYPE", "Company");
        dict.defineKey("CRM", "SEGMENT");
        String json = dict.exportJson();
        assertTrue(json.contains("\"SEGMENT\""), json);

        String other = newNamespace();
        try (RedisStore otherStore = RedisStore.connect(urlWithNamespace(other))) {
            try {
                TranslationDictionary copy = TranslationDictionary.on(otherStore);
                copy.importJson(json);
                assertEquals(json, copy.exportJson());
                assertEquals(Optional.of("I"), copy.translate("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"));
                assertEquals(Optional.of("Company"), copy.translate("BILLING", "CUST_TYPE", "C", "CRM", "CUSTOMER_TYPE"));
                copy.importJson(json);
                assertEquals(json, copy.exportJson(), "importing again changes nothing");
            } finally {
                deleteNamespace(otherStore, other);
            }
        }
    }

    @Test
    void anImportThatWouldLinkAValueTwiceWritesNothing() {
        var before = snapshot();
        String conflicting = """
                {"systems": [{"name": "ERP", "keys": [{"name": "KIND", "values": ["P"]}]}],
                 "links": [{"from": ["CRM", "CUSTOMER_TYPE", "Individual"], "to": ["BILLING", "CUST_TYPE", "C"]}]}
                """;
        AlreadyLinkedException e = assertThrows(AlreadyLinkedException.class, () -> dict.importJson(conflicting));
        assertEquals("I", e.linkedValue());
        assertUnchanged(before);

        String twiceInTheDocument = """
                {"links": [{"from": ["A", "K", "v"], "to": ["B", "K", "1"]}, {"from": ["A", "K", "v"], "to": ["B", "K", "2"]}]}
                """;
        assertThrows(AlreadyLinkedException.class, () -> dict.importJson(twiceInTheDocument));
        assertUnchanged(before);
    }

    @Test
    void anImportOfNoSuchDocumentNamesThePlace() {
        var before = snapshot();
        Function<String, String> messageOf = json -> assertThrows(InvalidArgumentException.class,
                () -> dict.importJson(json)).getMessage();
        assertTrue(messageOf.apply("{not json").contains("not JSON"));
        assertTrue(messageOf.apply("[]").contains("the document"));
        assertTrue(messageOf.apply("{\"systems\": [{\"name\": \" \"}]}").contains("systems[0].name"));
        assertTrue(messageOf.apply("{\"links\": [{\"from\": [\"A\", \"K\"], \"to\": [\"B\", \"K\", \"v\"]}]}")
                .contains("links[0].from"));
        assertUnchanged(before);
    }

    @Test
    void linksOnlyDefineWhatTheyNameWhenImported() {
        dict.importJson("{\"links\": [{\"from\": [\"ERP\", \"KIND\", \"P\"], \"to\": [\"CRM\", \"CUSTOMER_TYPE\", \"Individual\"]}]}");
        assertEquals(List.of("BILLING", "CRM", "ERP"), dict.systems());
        assertEquals(Optional.of("Individual"), dict.translate("ERP", "KIND", "P", "CRM", "CUSTOMER_TYPE"));
        SortedMap<String, String> crmToBilling = dict.translations("CRM", "CUSTOMER_TYPE", "BILLING", "CUST_TYPE");
        assertEquals(Map.of("Individual", "I"), crmToBilling, "what was there stays");
        assertEquals(Set.of("dictionary_key", "dictionary_link", "dictionary_system", "dictionary_value"),
                keys().stream().map(k -> k.substring(base("dictionary").length() + 1).split(":")[0])
                        .collect(Collectors.toSet()));
    }
}
