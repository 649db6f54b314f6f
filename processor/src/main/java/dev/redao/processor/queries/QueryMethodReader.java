package dev.redao.processor.queries;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Problem;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.IndexKind;
import dev.redao.processor.model.ModelDescriptor;
import dev.redao.processor.model.ValueKind;
import dev.redao.processor.queries.QueryMethod.Condition;
import dev.redao.processor.queries.QueryMethod.Operator;
import dev.redao.processor.queries.QueryMethod.Verb;
import dev.redao.processor.write.QueryWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Reads a query method's name and signature against its model, and reports the first mistake on
 * the method: a name outside the grammar, a field the model has not, a condition its field has
 * no index for, parameters of the wrong number or type, a return type that cannot hold the result.
 */
final class QueryMethodReader {
    private static final Set<ClassName> COLLECTIONS = Set.of(ClassName.get("java.util", "Collection"),
            ClassName.get("java.util", "List"), ClassName.get("java.util", "Set"));
    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");

    private final ModelDescriptor model;
    /** The models compiled with this one, by type: where a condition through a reference finds its field. */
    private final Function<ClassName, ModelDescriptor> models;
    private final String queries;
    private final ExecutableElement method;
    private final String name;
    private int at;

    private QueryMethodReader(ModelDescriptor model, Function<ClassName, ModelDescriptor> models, String queries,
                              ExecutableElement method) {
        this.model = model;
        this.models = models;
        this.queries = queries;
        this.method = method;
        this.name = method.getSimpleName().toString();
    }

    /** The method read, or null when it has a mistake, reported on it. */
    static QueryMethod read(Reporter reporter, ModelDescriptor model, Function<ClassName, ModelDescriptor> models,
                            String queries, ExecutableElement method) {
        QueryMethodReader reader = new QueryMethodReader(model, models, queries, method);
        try {
            return reader.read();
        } catch (Mistake m) {
            reporter.error(method, m.problem);
            return null;
        }
    }

    /** A mistake found: reading stops at the first. */
    private static final class Mistake extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        Mistake(Problem problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
    }

    private QueryMethod read() {
        Verb verb;
        FieldDescriptor projection = null;
        if (take("findFirstBy")) {
            verb = Verb.FIND_FIRST;
        } else if (take("findAllBy") || take("findBy")) {
            verb = Verb.FIND;
        } else if (take("countBy")) {
            verb = Verb.COUNT;
        } else if (take("existsBy")) {
            verb = Verb.EXISTS;
        } else if (take("deleteBy")) {
            verb = Verb.DELETE;
        } else if (take("find") && name.indexOf("By", at) > at) {
            verb = Verb.FIND;
            // the longest field followed by By, so that a field named like createdBy is found whole
            for (FieldDescriptor f : allFields(model)) {
                String written = capitalize(f.name());
                if (name.startsWith(written + "By", at) && (projection == null || f.name().length() > projection.name().length())) {
                    projection = f;
                }
            }
            if (projection == null) {
                throw unknownField(model, decapitalize(name.substring(at, name.indexOf("By", at))));
            }
            at += projection.name().length() + "By".length();
        } else {
            throw keyword("its name does not start with findBy, findFirstBy, find<Field>By, countBy, existsBy or deleteBy");
        }
        List<Condition> conditions = new ArrayList<>();
        List<String> parameters = parameterNames();
        int next = 0;
        do {
            FieldDescriptor field = longestField(model);
            FieldDescriptor via = null;
            ModelDescriptor target = null;
            ModelDescriptor referenced = field.reference() == null ? null : models.apply(field.reference().target());
            if (referenced != null && startsWithFieldOf(referenced)) {
                if (model.partitions() > 1 || referenced.partitions() > 1) {
                    throw keyword("the condition through '" + field.name() + "' joins '" + referenced.type().simpleName()
                            + "', but a query cannot join a partitioned model; query each model on its own");
                }
                via = field;
                target = referenced;
                field = longestField(referenced);
            }
            Operator operator = operator();
            checkIndex(target != null ? target : model, field, operator);
            List<String> taken = new ArrayList<>();
            for (int i = 0; i < operator.arity() && next < parameters.size(); i++) {
                taken.add(parameters.get(next++));
            }
            conditions.add(new Condition(field, operator, taken, via, target));
            if (name.startsWith("Or", at) && !name.startsWith("OrderBy", at)) {
                throw keyword("Or is not supported: write one method per alternative, or use the query builder's union");
            }
        } while (take("And"));
        FieldDescriptor orderBy = null;
        boolean descending = false;
        if (take("OrderBy")) {
            orderBy = longestField(model);
            if (orderBy == model.id()) {
                throw keyword("OrderBy" + capitalize(orderBy.name()) + ": a query without OrderBy lists its objects in id"
                        + " order already; remove it");
            }
            if (!QueryWriter.sortable(orderBy)) {
                throw new Mistake(Message.queryMethodNotIndexed(name, queries, "OrderBy", orderBy.name(),
                        "values with an order (a number, date, time, text or enum)"));
            }
            descending = take("Desc");
            if (!descending) {
                take("Asc");
            }
        }
        if (at < name.length()) {
            throw keyword("'" + name.substring(at) + "' is no keyword a query method may have there");
        }
        int needed = conditions.stream().mapToInt(c -> c.operator().arity()).sum();
        String offset = null;
        String limit = null;
        List<? extends VariableElement> declared = method.getParameters();
        int paging = 0;
        if (verb == Verb.FIND) {
            for (int i = declared.size() - 1; i >= needed && i >= declared.size() - 2; i--) {
                VariableElement p = declared.get(i);
                String pName = p.getSimpleName().toString();
                if (p.asType().getKind() == TypeKind.INT && pName.equals("limit") && limit == null) {
                    limit = pName;
                    paging++;
                } else if (p.asType().getKind() == TypeKind.INT && pName.equals("offset") && offset == null) {
                    offset = pName;
                    paging++;
                }
            }
        }
        if (declared.size() - paging != needed) {
            throw new Mistake(Message.queryMethodParameterCount(name, queries, declared.size(), needed,
                    verb == Verb.FIND ? " (and int offset, int limit if it pages)" : ""));
        }
        int p = 0;
        for (Condition c : conditions) {
            for (int i = 0; i < c.operator().arity(); i++) {
                checkParameter(declared.get(p++), c);
            }
        }
        List<FieldDescriptor> recordFields = new ArrayList<>();
        ClassName record = verb == Verb.FIND || verb == Verb.FIND_FIRST ? recordProjection(recordFields) : null;
        QueryMethod read = new QueryMethod(name, verb, projection, record, recordFields, conditions, orderBy, descending,
                offset, limit);
        checkReturnType(read);
        return read;
    }

    private List<String> parameterNames() {
        List<String> out = new ArrayList<>();
        method.getParameters().forEach(p -> out.add(p.getSimpleName().toString()));
        return out;
    }

    private boolean take(String word) {
        if (name.startsWith(word, at)) {
            at += word.length();
            return true;
        }
        return false;
    }

    /** Whether the name continues with a field of {@code other}. */
    private boolean startsWithFieldOf(ModelDescriptor other) {
        return allFields(other).stream().anyMatch(f -> name.startsWith(capitalize(f.name()), at));
    }

    /** The longest field of {@code of} whose capitalized name the method's name continues with. */
    private FieldDescriptor longestField(ModelDescriptor of) {
        FieldDescriptor best = null;
        for (FieldDescriptor f : allFields(of)) {
            if (name.startsWith(capitalize(f.name()), at) && (best == null || f.name().length() > best.name().length())) {
                best = f;
            }
        }
        if (best == null) {
            throw unknownField(of, fieldWord());
        }
        at += best.name().length();
        return best;
    }

    /** The word where a field was expected: up to the next keyword, for the message. */
    private String fieldWord() {
        int end = name.length();
        for (String stop : List.of("And", "Or", "OrderBy", "Asc", "Desc")) {
            int i = name.indexOf(stop, at + 1);
            if (i > at && i < end) {
                end = i;
            }
        }
        for (Operator o : Operator.values()) {
            int i = o.keyword().isEmpty() ? -1 : name.indexOf(o.keyword(), at + 1);
            if (i > at && i < end) {
                end = i;
            }
        }
        return decapitalize(name.substring(at, end));
    }

    private Mistake unknownField(ModelDescriptor of, String wanted) {
        List<String> names = new ArrayList<>();
        allFields(of).forEach(f -> names.add(f.name()));
        return new Mistake(Message.queryMethodUnknownField(name, queries, wanted, of.type().simpleName(), names));
    }

    private static List<FieldDescriptor> allFields(ModelDescriptor of) {
        List<FieldDescriptor> out = new ArrayList<>();
        out.add(of.id());
        out.addAll(of.fields());
        return out;
    }

    /**
     * For a find that returns a {@code List} or {@code Optional} of a record other than the model:
     * the record, with the model field each component holds (by name and type) in {@code fields};
     * null for any other return type, which {@link #checkReturnType} judges.
     */
    private ClassName recordProjection(List<FieldDescriptor> fields) {
        if (!(method.getReturnType() instanceof DeclaredType returned) || returned.getTypeArguments().size() != 1
                || !(returned.getTypeArguments().get(0) instanceof DeclaredType element)
                || !(element.asElement() instanceof TypeElement type) || type.getKind() != ElementKind.RECORD
                || ClassName.get(type).equals(model.type())) {
            return null;
        }
        for (RecordComponentElement c : type.getRecordComponents()) {
            String component = c.getSimpleName().toString();
            FieldDescriptor f = allFields(model).stream().filter(d -> d.name().equals(component)).findFirst().orElse(null);
            if (f == null || !TypeName.get(c.asType()).box().equals(f.type().box())) {
                throw new Mistake(Message.queryMethodReturnType(name, queries, TypeName.get(method.getReturnType()).toString(),
                        "a find", List.of("List<" + model.type().simpleName() + ">, Optional<" + model.type().simpleName()
                                + ">, or a List or Optional of a record whose components are fields of '"
                                + model.type().simpleName() + "' with their types (component '" + component + "' is "
                                + (f == null ? "none" : "of another type") + ")")));
            }
            fields.add(f);
        }
        return ClassName.get(type);
    }

    private Operator operator() {
        for (Operator o : Operator.values()) {
            if (!o.keyword().isEmpty() && name.startsWith(o.keyword(), at)) {
                at += o.keyword().length();
                return o;
            }
        }
        return Operator.EQUALS;
    }

    private void checkIndex(ModelDescriptor of, FieldDescriptor f, Operator operator) {
        boolean id = f == of.id();
        boolean equality = id || f.unique() || f.index() != IndexKind.NONE;
        switch (operator) {
            case EQUALS, IN -> {
                if (!equality) {
                    throw notIndexed(f, operator, "an index: @Indexed or @Unique");
                }
            }
            case GREATER_THAN, GREATER_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL, BETWEEN -> {
                if (f.index() != IndexKind.SORTED || id) {
                    throw notIndexed(f, operator, "a sorted index: @Indexed on a number, date or time field");
                }
            }
            case STARTING_WITH -> {
                if (!f.lexIndexed()) {
                    throw new Mistake(Message.QUERY_METHOD_NO_PREFIX_INDEX.with(name, queries, f.name()));
                }
            }
            case CONTAINING, ENDING_WITH -> {
                if (id || f.index() != IndexKind.SET || f.kind() != ValueKind.STRING || f.reference() != null) {
                    throw notIndexed(f, operator, "an index of text: @Indexed on a String field");
                }
            }
            default -> throw new IllegalStateException(operator.name());
        }
    }

    private Mistake notIndexed(FieldDescriptor f, Operator operator, String needs) {
        String what = operator == Operator.EQUALS ? "equality" : operator.keyword();
        return new Mistake(Message.queryMethodNotIndexed(name, queries, what, f.name(), needs));
    }

    private void checkParameter(VariableElement p, Condition c) {
        TypeName value = c.field().type().box();
        TypeName declared = TypeName.get(p.asType());
        TypeName wanted;
        boolean fits;
        switch (c.operator()) {
            case IN -> {
                wanted = ParameterizedTypeName.get(ClassName.get("java.util", "Collection"), WildcardTypeName.subtypeOf(value));
                fits = declared instanceof ParameterizedTypeName pt && COLLECTIONS.contains(pt.rawType())
                        && pt.typeArguments().size() == 1 && elementOf(pt.typeArguments().get(0)).equals(value);
            }
            case STARTING_WITH, CONTAINING, ENDING_WITH -> {
                wanted = ClassName.get(String.class);
                fits = declared.equals(wanted);
            }
            default -> {
                wanted = c.field().type();
                fits = declared.box().equals(value);
            }
        }
        if (!fits) {
            String operation = c.operator() == Operator.EQUALS ? "equality" : c.operator().keyword();
            throw new Mistake(Message.queryMethodParameterType(name, queries, p.getSimpleName().toString(), declared.toString(),
                    operation, c.field().name(), wanted.toString()));
        }
    }

    private static TypeName elementOf(TypeName argument) {
        return argument instanceof WildcardTypeName w && !w.upperBounds().isEmpty() ? w.upperBounds().get(0) : argument;
    }

    private void checkReturnType(QueryMethod m) {
        TypeName declared = TypeName.get(method.getReturnType());
        TypeName objects = ParameterizedTypeName.get(LIST, model.type());
        TypeName first = ParameterizedTypeName.get(OPTIONAL, model.type());
        List<TypeName> allowed = switch (m.verb()) {
            case FIND -> m.projection() != null ? List.of(ParameterizedTypeName.get(LIST, m.projection().type().box()))
                    : m.record() != null ? List.of(ParameterizedTypeName.get(LIST, m.record()),
                            ParameterizedTypeName.get(OPTIONAL, m.record()))
                    : List.of(objects, first);
            case FIND_FIRST -> List.of(m.record() != null ? ParameterizedTypeName.get(OPTIONAL, m.record()) : first);
            case COUNT -> List.of(TypeName.LONG, TypeName.LONG.box());
            case EXISTS -> List.of(TypeName.BOOLEAN, TypeName.BOOLEAN.box());
            case DELETE -> List.of(TypeName.LONG, TypeName.LONG.box(), TypeName.VOID);
        };
        if (!allowed.contains(declared)) {
            String what = switch (m.verb()) {
                case FIND -> m.projection() != null ? "the values of field '" + m.projection().name() + "'" : "a find";
                case FIND_FIRST -> "a findFirst";
                case COUNT -> "a count";
                case EXISTS -> "an exists";
                case DELETE -> "a delete";
            };
            List<String> names = new ArrayList<>();
            allowed.forEach(t -> names.add(t.toString()));
            throw new Mistake(Message.queryMethodReturnType(name, queries, declared.toString(), what, names));
        }
    }

    private Mistake keyword(String what) {
        return new Mistake(Message.QUERY_METHOD_KEYWORD.with(name, queries, what));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
