package dev.redao.runtime.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redao.runtime.internal.IdType;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the payload that the save and delete scripts publish:
 * {@code {"op":"saved"|"deleted","id":"...","fields":["name",...]}}. A mapper of its own, because
 * the format is Redao's and must not depend on how the application configured Jackson.
 */
final class ChangeEvents {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ChangeEvents() {}

    static <ID> ChangeEvent<ID> parse(String payload, IdType<ID> idType) {
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a change event (no JSON): " + e.getMessage(), e);
        }
        if (root == null || !root.path("op").isTextual() || !root.path("id").isTextual() || !root.path("fields").isArray()) {
            throw new IllegalArgumentException("not a change event (needs op, id and fields): " + payload);
        }
        ChangeEvent.Kind kind = switch (root.get("op").asText()) {
            case "saved" -> ChangeEvent.Kind.SAVED;
            case "deleted" -> ChangeEvent.Kind.DELETED;
            default -> throw new IllegalArgumentException("unknown change event op '" + root.get("op").asText() + "'");
        };
        Set<String> fields = new LinkedHashSet<>();
        for (JsonNode f : root.get("fields")) {
            fields.add(f.asText());
        }
        return new ChangeEvent<>(kind, idType.decode(root.get("id").asText()), fields);
    }
}
