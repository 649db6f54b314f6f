package dev.redao.processor.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * A model with its {@code @Model(group)} and {@code @Model(partitions)}, which decide the cluster
 * slots of its keys: the two sides of a reference or link that a message says are apart.
 *
 * @param model the model's simple name
 * @param group its group, "" for none
 * @param partitions its partitions, 1 for a model in one slot
 */
public record ModelGroup(String model, String group, int partitions) {

    /**
     * Why the two models are not in one slot, for example "'Order' has no group and 'Customer' is in
     * group 'shop'"; for a model linked to itself, that it has no group.
     */
    static String whyApart(ModelGroup a, ModelGroup b) {
        if (a.equals(b)) {
            return a.membership();
        }
        if (a.group.isEmpty() && b.group.isEmpty()) {
            return "neither '" + a.model + "' nor '" + b.model + "' has a group, and a model without a group is a slot of its own";
        }
        return a.membership() + " and " + b.membership();
    }

    /**
     * Which of the two models are partitioned, for example "'Order' has @Model(partitions = 4)";
     * for a model referencing or linked to itself, that one.
     */
    static String whichPartitioned(ModelGroup a, ModelGroup b) {
        List<String> partitioned = new ArrayList<>();
        for (ModelGroup m : a.equals(b) ? List.of(a) : List.of(a, b)) {
            if (m.partitions > 1) {
                partitioned.add("'" + m.model + "' has @Model(partitions = " + m.partitions + ")");
            }
        }
        return String.join(" and ", partitioned);
    }

    private String membership() {
        return group.isEmpty() ? "'" + model + "' has no group" : "'" + model + "' is in group '" + group + "'";
    }
}
