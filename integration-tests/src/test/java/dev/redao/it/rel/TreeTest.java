package dev.redao.it.rel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A self-reference with CASCADE: deleting a node deletes its whole subtree, in one script. */
class TreeTest extends RedisTestSupport {
    private static final int NODES = 1_000;

    @Test
    void deletingTheRootOfAThousandNodeTreeDeletesTheTree() {
        CategoryDao categories = new CategoryDao(store);
        Random rnd = new Random(42);
        List<Category> nodes = new ArrayList<>();
        Map<Long, List<Long>> children = new HashMap<>();
        nodes.add(categories.save(new Category(null, null, "root")));
        for (int i = 1; i < NODES; i++) {
            Long parent = nodes.get(rnd.nextInt(nodes.size())).id();
            Category c = categories.save(new Category(null, parent, "n" + i));
            nodes.add(c);
            children.computeIfAbsent(parent, p -> new ArrayList<>()).add(c.id());
        }
        Category other = categories.save(new Category(null, null, "other root"));
        categories.save(new Category(null, other.id(), "other child"));

        // a subtree first: exactly the node and its descendants go
        Long middle = nodes.get(NODES / 3).id();
        Set<Long> subtree = new HashSet<>();
        collect(middle, children, subtree);
        Map<String, Long> before = commandCalls();
        assertTrue(categories.delete(middle));
        Map<String, Long> after = commandCalls();
        assertEquals(1, after.getOrDefault("evalsha", 0L) + after.getOrDefault("eval", 0L)
                - before.getOrDefault("evalsha", 0L) - before.getOrDefault("eval", 0L), "one script");
        assertEquals(NODES + 2 - subtree.size(), categories.count());
        for (Long id : subtree) {
            assertTrue(!categories.exists(id), "descendant " + id + " is gone");
        }
        RedaoAssertions.assertConsistent(categories);

        // then the root: the rest of its tree goes, the other tree stays
        assertTrue(categories.delete(nodes.get(0).id()));
        assertEquals(2, categories.count());
        assertEquals(List.of(other.id()), categories.query().filter(CategoryQuery.name.eq("other root")).ids());
        RedaoAssertions.assertConsistent(categories);
    }

    private static void collect(Long id, Map<Long, List<Long>> children, Set<Long> out) {
        out.add(id);
        for (Long child : children.getOrDefault(id, List.of())) {
            collect(child, children, out);
        }
    }
}
