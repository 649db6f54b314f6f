package dev.redao.runtime.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.redao.runtime.internal.Codecs;
import dev.redao.runtime.internal.ModelRef;
import dev.redao.runtime.internal.Scores;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Folding and compiling filter expressions into the query script's postfix program. */
class QueryProgramTest {
    private static final PrefixStringField<Object> name = new PrefixStringField<>("name", 1);
    private static final RangeField<Object, Integer> age = new RangeField<>("age", 2, Scores::of);
    private static final IdField<Object, Long> id = new IdField<>("id", Codecs::encode);

    private static String program(Condition<Object> c) {
        return QueryProgram.compile(QueryProgram.fold(c.node), "ns").stream()
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .collect(Collectors.joining(" "));
    }

    @Test
    void leavesCompileToTheirIndexLookups() {
        assertEquals("E name 2 ann bob", program(name.in("ann", "bob")));
        assertEquals("R age 18 40", program(age.between(18, 40)));
        assertEquals("R age (18 +inf", program(age.gt(18)));
        assertEquals("R age -inf (18", program(age.lt(18)));
        assertEquals("P name an", program(name.startsWith("an")));
        assertEquals("I 2 7 9", program(id.in(7L, 9L)));
    }

    @Test
    void scansRunAfterTheIndexLookupsOfTheSameAnd() {
        assertEquals("E name 1 ann R age 18 40 & 2 S name c 0 nn", program(name.contains("nn").and(name.eq("ann")).and(age.between(18, 40))));
        assertEquals("A S name e 0 x", program(name.endsWith("x")));
    }

    @Test
    void anExcludedScanBecomesANegatedScan() {
        Node n = new Node.Diff(age.ge(18).node, name.contains("spam").node);
        assertEquals("R age 18 +inf S name c 1 spam", String.join(" ", QueryProgram.compile(QueryProgram.fold(n), "ns").stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList()));
    }

    @Test
    void emptyInFoldsAway() {
        assertSame(Node.EMPTY, QueryProgram.fold(name.in(List.of()).and(age.gt(3)).node));
        assertEquals("R age (3 +inf", program(name.in(List.of()).or(age.gt(3))));
        Node excludeNothing = new Node.Diff(age.gt(3).node, name.in(List.of()).node);
        assertEquals("R age (3 +inf", String.join(" ", QueryProgram.compile(QueryProgram.fold(excludeNothing), "ns").stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList()));
        assertSame(Node.EMPTY, QueryProgram.fold(new Node.Diff(age.gt(3).node, Node.ALL)));
        assertThrows(IllegalStateException.class, () -> QueryProgram.compile(Node.EMPTY, "ns"));
    }

    private static final ModelRef ORDER = new ModelRef("order", "shop", false);
    private static final ModelRef CUSTOMER = new ModelRef("customer", "shop", true);
    private static final ReferenceField<Object, Long, Object> customerId =
            new ReferenceField<>("customerId", 3, false, Codecs::encode, ORDER, CUSTOMER);
    private static final StringField<Object> country = new StringField<>("country", 2);

    /** A join carries the target's base key (namespace and group) and a program of its own. */
    @Test
    void joinsNestTheTargetsProgram() {
        assertEquals("E name 1 ann J customerId {ns:shop}:customer 1 4 E country 1 DE & 2",
                program(name.eq("ann").and(customerId.matches(country.eq("DE")))));
        assertEquals("K customerId {ns:shop}:order 0 4 E name 1 x", program(new IdField<Object, Long>("id", Codecs::encode)
                .referencedBy(customerId, name.eq("x"))));
        assertSame(Node.EMPTY, QueryProgram.fold(customerId.matches(country.in(List.of())).node),
                "nothing to match on the target side: nothing at all");
    }

    @Test
    void nestedAndsAndOrsAreFlattened() {
        assertEquals("E name 1 a E name 1 b E name 1 c | 3", program(name.eq("a").or(name.eq("b").or(name.eq("c")))));
        assertEquals("A", program(name.in(List.of()).or(new Condition<>(Node.ALL))));
    }
}
