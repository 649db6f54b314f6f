package dev.redao.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Folding and compiling filter expressions into the query script's postfix program. */
class QueryProgramTest {
    private static final StringField<Object> name = new StringField<>("name", 1);
    private static final RangeField<Object, Integer> age = new RangeField<>("age", 2, Scores::of);
    private static final IdField<Object, Long> id = new IdField<>("id", Codecs::encode);

    private static String program(Condition<Object> c) {
        return QueryProgram.compile(QueryProgram.fold(c.node)).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .collect(Collectors.joining(" "));
    }

    @Test
    void leavesCompileToTheirIndexLookups() {
        assertEquals("E 1 2 ann bob", program(name.in("ann", "bob")));
        assertEquals("R 2 18 40", program(age.between(18, 40)));
        assertEquals("R 2 (18 +inf", program(age.gt(18)));
        assertEquals("R 2 -inf (18", program(age.lt(18)));
        assertEquals("P 1 an", program(name.startsWith("an")));
        assertEquals("I 2 7 9", program(id.in(7L, 9L)));
    }

    @Test
    void scansRunAfterTheIndexLookupsOfTheSameAnd() {
        assertEquals("E 1 1 ann R 2 18 40 & 2 S 1 c 0 nn", program(name.contains("nn").and(name.eq("ann")).and(age.between(18, 40))));
        assertEquals("A S 1 e 0 x", program(name.endsWith("x")));
    }

    @Test
    void anExcludedScanBecomesANegatedScan() {
        Node n = new Node.Diff(age.ge(18).node, name.contains("spam").node);
        assertEquals("R 2 18 +inf S 1 c 1 spam", String.join(" ", QueryProgram.compile(QueryProgram.fold(n)).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList()));
    }

    @Test
    void emptyInFoldsAway() {
        assertSame(Node.EMPTY, QueryProgram.fold(name.in(List.of()).and(age.gt(3)).node));
        assertEquals("R 2 (3 +inf", program(name.in(List.of()).or(age.gt(3))));
        Node excludeNothing = new Node.Diff(age.gt(3).node, name.in(List.of()).node);
        assertEquals("R 2 (3 +inf", String.join(" ", QueryProgram.compile(QueryProgram.fold(excludeNothing)).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList()));
        assertSame(Node.EMPTY, QueryProgram.fold(new Node.Diff(age.gt(3).node, Node.ALL)));
        assertThrows(IllegalStateException.class, () -> QueryProgram.compile(Node.EMPTY));
    }

    @Test
    void nestedAndsAndOrsAreFlattened() {
        assertEquals("E 1 1 a E 1 1 b E 1 1 c | 3", program(name.eq("a").or(name.eq("b").or(name.eq("c")))));
        assertEquals("A", program(name.in(List.of()).or(new Condition<>(Node.ALL))));
    }
}
