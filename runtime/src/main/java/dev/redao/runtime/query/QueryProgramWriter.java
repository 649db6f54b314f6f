package dev.redao.runtime.query;

import dev.redao.runtime.internal.ModelRef;
import java.util.ArrayList;
import java.util.List;

/** Writes a folded filter as the query script's postfix tokens (see {@link QueryProgram}). */
final class QueryProgramWriter {
    private final String namespace;
    private final List<byte[]> out;

    QueryProgramWriter(String namespace, List<byte[]> out) {
        this.namespace = namespace;
        this.out = out;
    }

    void emit(Node node) {
        if (node instanceof Node.All) {
            out.add(Field.utf8("A"));
        } else if (node instanceof Node.Leaf leaf) {
            out.addAll(leaf.tokens());
        } else if (node instanceof Node.Scan scan) {
            out.add(Field.utf8("A"));
            scan(scan, false);
        } else if (node instanceof Node.And and) {
            // index lookups first; the scans then only read the survivors
            List<Node.Scan> scans = new ArrayList<>();
            int producers = 0;
            for (Node child : and.children()) {
                if (child instanceof Node.Scan scan) {
                    scans.add(scan);
                } else {
                    emit(child);
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
                scan(scan, false);
            }
        } else if (node instanceof Node.Or or) {
            for (Node child : or.children()) {
                emit(child);
            }
            out.add(Field.utf8("|"));
            out.add(Field.number(or.children().size()));
        } else if (node instanceof Node.Diff diff) {
            emit(diff.keep());
            if (diff.remove() instanceof Node.Scan scan) {
                scan(scan, true);
            } else {
                emit(diff.remove());
                out.add(Field.utf8("-"));
            }
        } else if (node instanceof Node.Join join) {
            // J <field> <target base> <target ordered> <inner program length> <inner program>
            out.add(Field.utf8("J"));
            out.add(Field.utf8(join.field()));
            nested(join.target(), join.inner());
        } else if (node instanceof Node.ReferencedBy by) {
            // K <field> <referrer base> <referrer ordered> <inner program length> <inner program>
            out.add(Field.utf8("K"));
            out.add(Field.utf8(by.field()));
            nested(by.referrer(), by.inner());
        } else {
            throw new IllegalStateException("an empty query has no program");
        }
    }

    /** Another model's base and kind of id set, then a program over its keys. */
    private void nested(ModelRef model, Node inner) {
        List<byte[]> program = new ArrayList<>();
        new QueryProgramWriter(namespace, program).emit(inner);
        out.add(Field.utf8(model.base(namespace)));
        out.add(Field.utf8(model.ordered() ? "1" : "0"));
        out.add(Field.number(program.size()));
        out.addAll(program);
    }

    private void scan(Node.Scan scan, boolean negate) {
        out.add(Field.utf8("S"));
        out.add(Field.utf8(scan.field()));
        out.add(Field.utf8(String.valueOf(scan.mode())));
        out.add(Field.utf8(negate ? "1" : "0"));
        out.add(scan.text());
    }
}
