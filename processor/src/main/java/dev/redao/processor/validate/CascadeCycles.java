package dev.redao.processor.validate;

import com.palantir.javapoet.ClassName;
import dev.redao.annotations.OnDelete;
import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.ModelDescriptor;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.ParsedModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds cycles of CASCADE references through two or more models: deleting any object of such a
 * cycle would cascade from model to model and back with no model where it ends. A model that
 * references itself (a tree) is no such cycle: its cascade ends at the leaves.
 */
public final class CascadeCycles {

    /** A checked model of the round with what it was parsed from, to report on its fields. */
    public record Checked(ParsedModel parsed, ModelDescriptor descriptor) {}

    private CascadeCycles() {}

    /**
     * Reports each cycle once, on a CASCADE reference of the model of the cycle whose class name
     * sorts first (its first such field in declaration order).
     *
     * @return the models reported on, whose code should not be generated
     */
    public static Set<ClassName> check(List<Checked> models, Reporter reporter) {
        Map<ClassName, Checked> byType = new LinkedHashMap<>();
        for (Checked c : models) {
            byType.put(c.descriptor().type(), c);
        }
        Set<ClassName> reported = new HashSet<>();
        for (Set<ClassName> component : components(byType)) {
            if (component.size() < 2) {
                continue;
            }
            ClassName first = component.stream().min(Comparator.comparing(ClassName::canonicalName)).orElseThrow();
            Checked model = byType.get(first);
            FieldDescriptor field = null;
            for (FieldDescriptor f : cascades(model.descriptor())) {
                if (component.contains(f.reference().target())) {
                    field = f;
                    break;
                }
            }
            List<String> cycle = path(byType, component, model.descriptor(), field);
            ParsedField source = parsedField(model.parsed(), field.name());
            reporter.error(source.reportOn(), source.reference().mirror(), source.reference().onDeleteValue(),
                    Message.referenceCascadeCycle(field.name(), cycle));
            reported.add(first);
        }
        return reported;
    }

    /** The fields that reference another model with CASCADE, in declaration order. */
    private static List<FieldDescriptor> cascades(ModelDescriptor model) {
        List<FieldDescriptor> out = new ArrayList<>();
        for (FieldDescriptor f : model.fields()) {
            if (f.reference() != null && f.reference().onDelete() == OnDelete.CASCADE
                    && !f.reference().target().equals(model.type())) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * The strongly connected components of the graph "model references model with CASCADE"
     * (Tarjan), among the round's models only.
     */
    private static List<Set<ClassName>> components(Map<ClassName, Checked> byType) {
        Map<ClassName, Integer> index = new HashMap<>();
        Map<ClassName, Integer> low = new HashMap<>();
        Deque<ClassName> stack = new ArrayDeque<>();
        Set<ClassName> onStack = new HashSet<>();
        List<Set<ClassName>> out = new ArrayList<>();
        for (ClassName start : byType.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, byType, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void connect(ClassName v, Map<ClassName, Checked> byType, Map<ClassName, Integer> index,
                                Map<ClassName, Integer> low, Deque<ClassName> stack, Set<ClassName> onStack,
                                List<Set<ClassName>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (FieldDescriptor f : cascades(byType.get(v).descriptor())) {
            ClassName w = f.reference().target();
            if (!byType.containsKey(w)) {
                continue;
            }
            if (!index.containsKey(w)) {
                connect(w, byType, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<ClassName> component = new HashSet<>();
            ClassName w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            out.add(component);
        }
    }

    /**
     * The steps of the cycle through {@code field}, as Order.customerId, Customer.lastOrderId, Order:
     * the shortest way back from the field's target to its model, within the component.
     */
    private static List<String> path(Map<ClassName, Checked> byType, Set<ClassName> component, ModelDescriptor model,
                               FieldDescriptor field) {
        ClassName start = field.reference().target();
        Map<ClassName, FieldDescriptor> via = new HashMap<>();
        Map<ClassName, ClassName> from = new HashMap<>();
        Deque<ClassName> queue = new ArrayDeque<>(List.of(start));
        Set<ClassName> seen = new HashSet<>(List.of(start));
        while (!queue.isEmpty() && !seen.contains(model.type())) {
            ClassName v = queue.poll();
            for (FieldDescriptor f : cascades(byType.get(v).descriptor())) {
                ClassName w = f.reference().target();
                if (component.contains(w) && seen.add(w)) {
                    via.put(w, f);
                    from.put(w, v);
                    queue.add(w);
                }
            }
        }
        List<String> steps = new ArrayList<>();
        for (ClassName v = model.type(); !v.equals(start); v = from.get(v)) {
            steps.add(0, simple(from.get(v)) + "." + via.get(v).name());
        }
        steps.add(0, simple(model.type()) + "." + field.name());
        steps.add(simple(model.type()));
        return steps;
    }

    private static String simple(ClassName type) {
        return String.join(".", type.simpleNames());
    }

    private static ParsedField parsedField(ParsedModel parsed, String name) {
        for (ParsedField f : parsed.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalStateException("no field " + name + " in " + parsed.element());
    }
}
