package dev.redao.processor.queries;

import com.palantir.javapoet.ClassName;
import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.ModelDescriptor;
import dev.redao.processor.parse.Annotations;
import dev.redao.processor.write.QueriesWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** A {@code @Queries} interface: its model, and each abstract method read against it. */
public final class QueriesReader {
    private QueriesReader() {}

    /**
     * The model a {@code @Queries} type names, or null when it is no {@code @Model} (reported on
     * the type, as is a type that is no interface).
     */
    public static TypeElement target(TypeElement queries, Reporter reporter) {
        if (queries.getKind() != ElementKind.INTERFACE) {
            reporter.error(queries, Message.QUERIES_NOT_INTERFACE.with(queries.getKind().toString().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' '), queries.getSimpleName(), queries.getSimpleName()));
            return null;
        }
        TypeMirror value = Annotations.classValue(Annotations.explicitValue(Annotations.find(queries, Annotations.QUERIES), "value"));
        Element model = value instanceof DeclaredType d ? d.asElement() : null;
        if (!(model instanceof TypeElement type) || !Annotations.has(type, Annotations.MODEL)) {
            notAModel(queries, String.valueOf(value), reporter);
            return null;
        }
        return type;
    }

    /** Reports that the type's model is no {@code @Model} of the compilation. */
    public static void notAModel(TypeElement queries, String model, Reporter reporter) {
        String simple = model.substring(model.lastIndexOf('.') + 1);
        reporter.error(queries, Message.QUERIES_NOT_MODEL.with(simple, queries.getSimpleName()));
    }

    /** Each abstract method read, or null if one has a mistake (each reported on its method). */
    public static List<QueriesWriter.Read> methods(TypeElement queries, ModelDescriptor model,
                                                   Function<ClassName, ModelDescriptor> models, Reporter reporter) {
        List<QueriesWriter.Read> out = new ArrayList<>();
        boolean failed = false;
        for (ExecutableElement m : ElementFilter.methodsIn(queries.getEnclosedElements())) {
            if (!m.getModifiers().contains(Modifier.ABSTRACT)) {
                continue; // a default or static method is the interface's own
            }
            QueryMethod read = QueryMethodReader.read(reporter, model, models, queries.getSimpleName().toString(), m);
            if (read == null) {
                failed = true;
            } else {
                out.add(new QueriesWriter.Read(m, read));
            }
        }
        return failed ? null : out;
    }
}
