package dev.redao.runtime.query;

import dev.redao.runtime.internal.ModelRef;
import java.util.List;

/**
 * A filter expression over a model's ids. Leaves read one index; inner nodes combine them with
 * set algebra. {@link QueryProgram} folds and compiles it into the query script's postfix program.
 */
sealed interface Node {
    /** Every id of the model. */
    record All() implements Node {}

    /** No id: an empty {@code in}, say. A query that folds to it makes no round trip. */
    record Empty() implements Node {}

    /** One index lookup, already in script tokens. */
    record Leaf(List<byte[]> tokens) implements Node {}

    /** A test of a stored string's value that the script runs over a candidate set. */
    record Scan(String field, char mode, byte[] text) implements Node {}

    /**
     * Objects whose reference {@code field} names an object of the target model matching
     * {@code inner}: the inner program runs against the target's keys in the same script.
     */
    record Join(String field, ModelRef target, Node inner) implements Node {}

    /**
     * Objects named by the reference {@code field} of some object of the referring model that
     * matches {@code inner}: the reverse of a join (for example the posts linked to a tag).
     */
    record ReferencedBy(ModelRef referrer, String field, Node inner) implements Node {}

    record And(List<Node> children) implements Node {}

    record Or(List<Node> children) implements Node {}

    /** The ids of {@code keep} that are not in {@code remove}. */
    record Diff(Node keep, Node remove) implements Node {}

    Node ALL = new All();
    Node EMPTY = new Empty();
}
