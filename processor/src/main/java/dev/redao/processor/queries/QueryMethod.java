package dev.redao.processor.queries;

import com.palantir.javapoet.ClassName;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.ModelDescriptor;
import java.util.List;

/**
 * One method of a {@code @Queries} interface, as its name and parameters say, checked against the
 * model: what {@link QueriesWriter} turns into the query builder call it stands for.
 *
 * @param name the method's name
 * @param verb what it returns
 * @param projection for {@code find<Field>By...}, the field whose values it lists; else null
 * @param record for a find that returns records of some of the model's fields, the record; else null
 * @param recordFields the model's fields that the record's components hold, in their order
 * @param conditions the conditions after By, joined by And
 * @param orderBy the field after OrderBy, or null
 * @param descending whether the order is Desc
 * @param offset the name of its {@code int offset} parameter, or null
 * @param limit the name of its {@code int limit} parameter, or null
 */
public record QueryMethod(String name, Verb verb, FieldDescriptor projection, ClassName record,
                          List<FieldDescriptor> recordFields, List<Condition> conditions,
                          FieldDescriptor orderBy, boolean descending, String offset, String limit) {

    /** What a query method does, from the start of its name. */
    public enum Verb {
        /** {@code find...By}: a list, or the first object as an Optional. */
        FIND,
        /** {@code findFirstBy}: the first object as an Optional. */
        FIND_FIRST,
        /** {@code countBy}: how many objects match. */
        COUNT,
        /** {@code existsBy}: whether one does. */
        EXISTS,
        /** {@code deleteBy}: deletes the matching objects, and says how many. */
        DELETE
    }

    /** A condition's keyword after the field, the handle method it calls and how many values it takes. */
    public enum Operator {
        // longer keywords first: the reader takes the first that the name continues with
        GREATER_THAN_EQUAL("GreaterThanEqual", "ge", 1),
        GREATER_THAN("GreaterThan", "gt", 1),
        LESS_THAN_EQUAL("LessThanEqual", "le", 1),
        LESS_THAN("LessThan", "lt", 1),
        BETWEEN("Between", "between", 2),
        STARTING_WITH("StartingWith", "startsWith", 1),
        CONTAINING("Containing", "contains", 1),
        ENDING_WITH("EndingWith", "endsWith", 1),
        IN("In", "in", 1),
        EQUALS("", "eq", 1);

        private final String keyword;
        private final String method;
        private final int arity;

        Operator(String keyword, String method, int values) {
            this.keyword = keyword;
            this.method = method;
            this.arity = values;
        }

        /** {@return the keyword in a method name, empty for equality} */
        public String keyword() {
            return keyword;
        }

        /** {@return the field handle's method} */
        public String method() {
            return method;
        }

        /** {@return how many parameters the condition takes} */
        public int arity() {
            return arity;
        }
    }

    /**
     * One condition.
     *
     * @param field the field it checks: the model's, or with {@code via} the referenced model's
     * @param operator what it checks
     * @param parameters the names of the method's parameters it takes, in order
     * @param via the model's {@code @References} field the condition goes through, or null
     * @param target with {@code via}, the referenced model
     */
    public record Condition(FieldDescriptor field, Operator operator, List<String> parameters, FieldDescriptor via,
                            ModelDescriptor target) {}
}
