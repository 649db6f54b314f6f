package dev.redao.runtime;

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
        return node;
    }

    /** The program of a folded node that is not {@link Node.Empty}. */
    static List<byte[]> compile(Node node) {
        List<byte[]> out = new ArrayList<>();
        emit(node, out);
        return out;
    }

    private static void emit(Node node, List<byte[]> out) {
        if (node instanceof Node.All) {
            out.add(Field.utf8("A"));
        } else if (node instanceof Node.Leaf leaf) {
            out.addAll(leaf.tokens());
        } else if (node instanceof Node.Scan scan) {
            out.add(Field.utf8("A"));
            scan(scan, false, out);
        } else if (node instanceof Node.And and) {
            // index lookups first; the scans then only read the survivors
            List<Node.Scan> scans = new ArrayList<>();
            int producers = 0;
            for (Node child : and.children()) {
                if (child instanceof Node.Scan scan) {
                    scans.add(scan);
                } else {
                    emit(child, out);
                    producers++;
                }
            }
            if (producers == 0) {
                out.add(Field.utf8("A"));
            } else if (producers > 1) {
                out.add(Field.utf8("&"));
                out.add(Field.number(producers));
            }
            for (Node.Scan scan : scans) {
                scan(scan, false, out);
            }
        } else if (node instanceof Node.Or or) {
            for (Node child : or.children()) {
                emit(child, out);
            }
            out.add(Field.utf8("|"));
            out.add(Field.number(or.children().size()));
        } else if (node instanceof Node.Diff diff) {
            emit(diff.keep(), out);
            if (diff.remove() instanceof Node.Scan scan) {
                scan(scan, true, out);
            } else {
                emit(diff.remove(), out);
                out.add(Field.utf8("-"));
            }
        } else {
            throw new IllegalStateException("an empty query has no program");
        }
    }

    private static void scan(Node.Scan scan, boolean negate, List<byte[]> out) {
        out.add(Field.utf8("S"));
        out.add(Field.number(scan.position()));
        out.add(Field.utf8(String.valueOf(scan.mode())));
        out.add(Field.utf8(negate ? "1" : "0"));
        out.add(scan.text());
    }
}
