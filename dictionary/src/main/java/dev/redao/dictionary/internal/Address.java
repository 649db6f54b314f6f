package dev.redao.dictionary.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The address of a dictionary entry (system, key, value, and a link's target), written as a JSON
 * array of its parts: {@code ["CRM","CUSTOMER_TYPE","Individual"]}. JSON quotes every part, so
 * no name, whatever it holds, can make two addresses equal, and the keys stay readable in Redis.
 */
public final class Address {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Address() {}

    /** {@return the address of these parts, in order} */
    public static String of(String... parts) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(parts.length);
        for (String part : parts) {
            array.add(part);
        }
        return array.toString();
    }

    /** {@return the parts of an address that {@link #of} wrote} */
    public static List<String> parts(String address) {
        JsonNode array;
        try {
            array = JSON.readTree(address);
        } catch (JsonProcessingException e) {
            // only addresses of() wrote are read: one that does not parse is a bug, not bad input
            throw new IllegalStateException("not a dictionary address: " + address, e);
        }
        List<String> parts = new ArrayList<>(array.size());
        array.forEach(part -> parts.add(part.asText()));
        return parts;
    }
}
