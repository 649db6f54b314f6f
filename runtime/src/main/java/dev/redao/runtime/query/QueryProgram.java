package dev.redao.runtime.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds a filter expression and compiles it into the postfix program the query script runs.
 * Folding removes what needs no server work: an {@code in} of nothing empties an AND and vanishes
 * from an OR, so a query that can match nothing makes no round trip at all.
 */
final class QueryProgram {
    private QueryProgram() {}

    static Node fold(Node node) {
        if (node instanceof Node.And and) {
            List<Node> kept = new ArrayList<>();
            for (Node child : and.children()) {
                Node c = fold(child);
                if (c instanceof Node.Empty) {
                    return Node.EMPTY;
                }
                if (c instanceof Node.And inner) {
                    kept.addAll(inner.children());
                } else if (!(c instanceof Node.All)) {
                    kept.add(c);
                }
            }
            return kept.isEmpty() ? Node.ALL : kept.size() == 1 ? kept.get(0) : new Node.And(kept);
        }
        if (node instanceof Node.Or or) {
            List<Node> kept = new ArrayList<>();
            for (Node child : or.children()) {
                Node c = fold(child);
                if (c instanceof Node.All) {
                    return Node.ALL;
                }
                if (c instanceof Node.Or inner) {
                    kept.addAll(inner.children());
                } else if (!(c instanceof Node.Empty)) {
                    kept.add(c);
                }
            }
            return kept.isEmpty() ? Node.EMPTY : kept.size() == 1 ? kept.get(0) : new Node.Or(kept);
        }
        if (node instanceof Node.Diff diff) {
            Node keep = fold(diff.keep());
            Node remove = fold(diff.remove());
            if (keep instanceof Node.Empty || remove instanceof Node.All) {
                return Node.EMPTY;
            }
            return remove instanceof Node.Empty ? keep : new Node.Diff(keep, remove);
        }
        if (node instanceof Node.Join join) {
            Node inner = fold(join.inner());
            return inner instanceof Node.Empty ? Node.EMPTY : new Node.Join(join.field(), join.target(), inner);
        }
        if (node instanceof Node.ReferencedBy by) {
            Node inner = fold(by.inner());
            return inner instanceof Node.Empty ? Node.EMPTY : new Node.ReferencedBy(by.referrer(), by.field(), inner);
        }
        return node;
    }

    /**
     * The program of a folded node that is not {@link Node.Empty}. Tokens name fields, not
     * positions, so that a join's inner program reads the target model's keys with the same
     * interpreter; the namespace places the target models.
     */
    static List<byte[]> compile(Node node, String namespace) {
        List<byte[]> out = new ArrayList<>();
        new QueryProgramWriter(namespace, out).emit(node);
        return out;
    }
}
