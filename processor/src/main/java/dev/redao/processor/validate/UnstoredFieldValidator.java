package dev.redao.processor.validate;

import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.parse.Annotations;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.ParsedModel;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Fields that are not stored: static and transient ones. An {@code @Id}, {@code @Indexed},
 * {@code @Unique}, {@code @Version}, {@code @References} or {@code @Stored} on one would be silently ignored, and a
 * record cannot leave a component out.
 */
final class UnstoredFieldValidator {
    /** The annotations that describe how a field is stored in the object's hash. */
    static final List<String> STORAGE_ANNOTATIONS = List.of(
            Annotations.ID, Annotations.INDEXED, Annotations.UNIQUE, Annotations.VERSION, Annotations.REFERENCES,
            Annotations.STORED);

    private final Types types;
    private final Reporter reporter;

    UnstoredFieldValidator(Types types, Reporter reporter) {
        this.types = types;
        this.reporter = reporter;
    }

    /** The static fields of the model and its superclasses. */
    void checkStaticFields(TypeElement type) {
        for (TypeElement t = type; t != null && !t.getQualifiedName().contentEquals("java.lang.Object");
                t = (TypeElement) types.asElement(t.getSuperclass())) {
            for (VariableElement f : ElementFilter.fieldsIn(t.getEnclosedElements())) {
                if (f.getModifiers().contains(Modifier.STATIC)) {
                    checkNotAnnotated(f, f.getSimpleName().toString(), "static");
                }
            }
        }
    }

    /** A field marked transient, by the keyword or {@code @Transient}. */
    void checkTransient(ParsedModel parsed, ParsedField f) {
        if (parsed.record()) {
            reporter.error(f.reportOn(), Message.TRANSIENT_ON_RECORD, f.name());
        } else {
            checkNotAnnotated(f.reportOn(), f.name(), "transient");
        }
    }

    private void checkNotAnnotated(Element field, String name, String why) {
        for (String annotation : STORAGE_ANNOTATIONS) {
            if (Annotations.has(field, annotation)) {
                String simple = Annotations.simpleName(annotation);
                reporter.error(field, Message.ANNOTATION_ON_UNSTORED_FIELD, simple, name, why, simple);
            }
        }
    }
}
