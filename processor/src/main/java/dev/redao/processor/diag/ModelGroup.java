package dev.redao.processor.diag;

/**
 * A model and its {@code @Model(group)}, which decides the cluster slot of its keys: the two sides
 * of a reference or link that a message says are apart.
 *
 * @param model the model's simple name
 * @param group its group, "" for none
 */
public record ModelGroup(String model, String group) {

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

    private String membership() {
        return group.isEmpty() ? "'" + model + "' has no group" : "'" + model + "' is in group '" + group + "'";
    }
}
