package dev.redao.runtime.audit;

import java.util.Objects;

/**
 * One problem in a model's keys.
 *
 * @param kind what is wrong
 * @param key the key where it is wrong: a key that holds what it should not, or the key that
 *     lacks what it should hold (which then may not exist)
 * @param id the id of the object concerned, several joined by {@code ','}, or null for none
 * @param value the value concerned (a field's stored text, an index's value), or null for none
 * @param description what is wrong, and for a repair what became of it
 * @param outcome what the audit or the repair did with it
 */
public record Finding(ProblemKind kind, String key, String id, String value, String description, Outcome outcome) {

    /**
     * A finding.
     *
     * @param kind what is wrong
     * @param key the key where it is wrong
     * @param id the object's id, or null
     * @param value the value, or null
     * @param description what is wrong
     * @param outcome what became of it
     */
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * {@return the finding with another outcome and description}
     *
     * @param newOutcome what became of it
     * @param newDescription what is wrong, and what became of it
     */
    public Finding with(Outcome newOutcome, String newDescription) {
        return new Finding(kind, key, id, value, newDescription, newOutcome);
    }

    /**
     * {@return {@code MISSING_INDEX_ENTRY: live object's country "DE" is missing from its index set
     * [key {ns:member}:idx:country:DE, id 7, value "DE"] REPAIRED}, a NUL shown as {@code \0}}
     */
    @Override
    public String toString() {
        return kind + ": " + description + " [key " + key.replace("\0", "\\0") + ", id " + (id == null ? "-" : id)
                + ", value " + (value == null ? "-" : '"' + value.replace("\0", "\\0") + '"') + "] " + outcome;
    }
}
