package dev.redao.test;

import java.util.List;
import java.util.Objects;

/**
 * What {@link RedaoAssertions#check} found in the keys of some models: every problem, not only the
 * first, each with the key concerned and what is wrong with it, in a stable order.
 *
 * @param models the names of the models checked, in the order given
 * @param problems every problem found; empty when the key layout is consistent
 */
public record ConsistencyReport(List<String> models, List<Problem> problems) {

    /**
     * A report.
     *
     * @param models the names of the models checked
     * @param problems the problems found
     */
    public ConsistencyReport {
        models = List.copyOf(models);
        problems = List.copyOf(problems);
    }

    /** {@return whether no problem was found} */
    public boolean isConsistent() {
        return problems.isEmpty();
    }

    /**
     * {@return "the key layout of member, qtask is consistent", or the number of problems followed by
     * one line per problem}
     */
    @Override
    public String toString() {
        String of = "the key layout of " + String.join(", ", models);
        if (problems.isEmpty()) {
            return of + " is consistent";
        }
        StringBuilder out = new StringBuilder().append(problems.size()).append(problems.size() == 1 ? " problem in " : " problems in ")
                .append(of).append(':');
        for (Problem problem : problems) {
            out.append("\n  ").append(problem);
        }
        return out.toString();
    }

    /**
     * One thing wrong in the keys of a model.
     *
     * @param model the model's name ({@code @Model}'s, as its keys have it)
     * @param key the key where it is wrong: a key that holds what it should not, or the key that
     *     lacks what it should hold (which then may not exist)
     * @param id the id of the object concerned, several joined by {@code ','}, or null for none
     * @param value the value concerned (a field's stored text, an index's value, a claim's content),
     *     or null for none
     * @param description what is wrong
     */
    public record Problem(String model, String key, String id, String value, String description) {

        /**
         * A problem.
         *
         * @param model the model's name
         * @param key the key where it is wrong
         * @param id the object's id, or null
         * @param value the value concerned, or null
         * @param description what is wrong
         */
        public Problem {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(description, "description");
        }

        /**
         * {@return {@code member: live object's email has no unique entry [key {ns:member}:uni:email,
         * id 2, value "bob@x"]}: the model, what is wrong, then the key, id and value ({@code -} for
         * none), a NUL shown as {@code \0}}
         */
        @Override
        public String toString() {
            return model + ": " + description + " [key " + key.replace("\0", "\\0") + ", id " + (id == null ? "-" : id)
                    + ", value " + (value == null ? "-" : '"' + value.replace("\0", "\\0") + '"') + "]";
        }
    }
}
