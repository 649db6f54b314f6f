package dev.redao.dictionary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redao.dictionary.internal.KeyEntry;
import dev.redao.dictionary.internal.LinkEntry;
import dev.redao.dictionary.internal.SystemEntry;
import dev.redao.dictionary.internal.ValueAddress;
import dev.redao.dictionary.internal.ValueEntry;
import dev.redao.runtime.InvalidArgumentException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dictionary's JSON document, read and written as a Jackson tree (no binding, so no
 * reflection):
 *
 * <pre>{@code
 * {"systems": [{"name": "CRM", "keys": [{"name": "CUSTOMER_TYPE", "values": ["Company", "Individual"]}]}],
 *  "links": [{"from": ["CRM", "CUSTOMER_TYPE", "Individual"], "to": ["BILLING", "CUST_TYPE", "I"]}]}
 * }</pre>
 *
 * Written sorted by name, so the same dictionary always gives the same text.
 */
final class DictionaryJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARGUMENT = "json";

    private DictionaryJson() {}

    static String write(List<SystemEntry> systems, List<KeyEntry> keys, List<ValueEntry> values, List<LinkEntry> links) {
        // system -> key -> its value array, each level sorted by name
        Map<String, Map<String, ArrayNode>> tree = new TreeMap<>();
        systems.forEach(s -> tree.computeIfAbsent(s.name(), n -> new TreeMap<>()));
        keys.forEach(k -> tree.computeIfAbsent(k.systemId(), n -> new TreeMap<>())
                .computeIfAbsent(k.name(), n -> JsonNodeFactory.instance.arrayNode()));
        values.stream().map(v -> ValueAddress.ofId(v.id())).sorted(Comparator.comparing(ValueAddress::value))
                .forEach(v -> tree.computeIfAbsent(v.system(), n -> new TreeMap<>())
                        .computeIfAbsent(v.key(), n -> JsonNodeFactory.instance.arrayNode()).add(v.value()));

        ObjectNode document = JsonNodeFactory.instance.objectNode();
        ArrayNode systemArray = document.putArray("systems");
        tree.forEach((system, keysOfSystem) -> {
            ObjectNode systemNode = systemArray.addObject().put("name", system);
            ArrayNode keyArray = systemNode.putArray("keys");
            keysOfSystem.forEach((key, valueArray) -> keyArray.addObject().put("name", key).set("values", valueArray));
        });
        ArrayNode linkArray = document.putArray("links");
        links.stream().sorted(Comparator.comparing(LinkEntry::id)).forEach(link -> {
            ObjectNode linkNode = linkArray.addObject();
            linkNode.set("from", addressNode(ValueAddress.ofId(link.fromValueId())));
            linkNode.set("to", addressNode(ValueAddress.ofId(link.toValueId())));
        });
        return document.toPrettyString();
    }

    private static ArrayNode addressNode(ValueAddress value) {
        return JsonNodeFactory.instance.arrayNode(3).add(value.system()).add(value.key()).add(value.value());
    }

    /**
     * The entries of a document. A link's values need not be listed under "systems": linking
     * defines them, as {@link TranslationDictionary#importJson} says.
     *
     * @throws InvalidArgumentException if the text is no such document, naming the place
     * @throws AlreadyLinkedException if the document links a value to two values of one key
     */
    static Entries read(String json) {
        JsonNode document;
        try {
            document = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException(ARGUMENT, "importJson: json is not JSON: " + e.getOriginalMessage());
        }
        Entries entries = new Entries();
        if (document == null || !document.isObject()) {
            throw invalid("the document", "an object with \"systems\" and \"links\"");
        }
        JsonNode systems = array(document, "systems", "the document");
        for (int s = 0; s < systems.size(); s++) {
            String where = "systems[" + s + "]";
            String system = text(systems.get(s).get("name"), where + ".name");
            entries.system(system);
            JsonNode keys = array(systems.get(s), "keys", where);
            for (int k = 0; k < keys.size(); k++) {
                String keyWhere = where + ".keys[" + k + "]";
                String key = text(keys.get(k).get("name"), keyWhere + ".name");
                entries.key(system, key);
                JsonNode values = array(keys.get(k), "values", keyWhere);
                for (int v = 0; v < values.size(); v++) {
                    entries.value(new ValueAddress(system, key, text(values.get(v), keyWhere + ".values[" + v + "]")));
                }
            }
        }
        JsonNode links = array(document, "links", "the document");
        for (int l = 0; l < links.size(); l++) {
            ValueAddress from = address(links.get(l).get("from"), "links[" + l + "].from");
            ValueAddress to = address(links.get(l).get("to"), "links[" + l + "].to");
            LinkEntry other = entries.link(from, to);
            if (other != null) {
                throw new AlreadyLinkedException(from.system(), from.key(), from.value(), to.system(), to.key(),
                        other.toValue(), null);
            }
        }
        return entries;
    }

    private static JsonNode array(JsonNode parent, String field, String where) {
        JsonNode node = parent.isObject() ? parent.get(field) : null;
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.arrayNode(); // an absent list is an empty one
        }
        if (!node.isArray()) {
            throw invalid(where + "." + field, "an array");
        }
        return node;
    }

    private static String text(JsonNode node, String where) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw invalid(where, "a name that is not blank");
        }
        return node.asText();
    }

    private static ValueAddress address(JsonNode node, String where) {
        if (node == null || !node.isArray() || node.size() != 3) {
            throw invalid(where, "an array of three names: system, key, value");
        }
        return new ValueAddress(text(node.get(0), where + "[0]"), text(node.get(1), where + "[1]"),
                text(node.get(2), where + "[2]"));
    }

    private static InvalidArgumentException invalid(String where, String expected) {
        return new InvalidArgumentException(ARGUMENT, "importJson: " + where + " must be " + expected);
    }
}
