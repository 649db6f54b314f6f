package dev.redao.processor.validate;

import com.palantir.javapoet.ClassName;
import dev.redao.annotations.OnDelete;
import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.Reference;
import dev.redao.processor.parse.ModelReader;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.ParsedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks {@code @References} fields against the models they name. A delete that acts on
 * referencing objects (every {@code onDelete} but KEEP) runs in one script with both models, so
 * they must share a cluster slot, and the referenced model's DAO must be generated knowing the
 * reference.
 */
final class ReferenceValidator {
    private final Types types;
    private final Reporter reporter;
    private final ReferenceScope scope;
    private final ModelReader reader;

    ReferenceValidator(Elements elements, Types types, Reporter reporter, ReferenceScope scope) {
        this.types = types;
        this.reporter = reporter;
        this.scope = scope;
        this.reader = new ModelReader(elements, types);
    }

    /**
     * A reference is indexed already and holds another model's id, so it cannot also be the id or
     * {@code @Indexed}; {@code @Unique} makes it one-to-one and is fine. False if it is reported.
     */
    boolean checkAlone(ParsedField f) {
        List<String> also = new ArrayList<>();
        if (f.id()) {
            also.add("@Id");
        }
        if (f.indexed()) {
            also.add("@Indexed");
        }
        if (also.isEmpty()) {
            return true;
        }
        String names = String.join(" and ", also);
        reporter.error(f.reportOn(), Message.REFERENCE_ALSO_ID_OR_INDEXED, f.name(), names, names);
        return false;
    }

    /**
     * The reference of a {@code @References} field, or null when it has errors (reported) or its
     * target has errors of its own (reported when the target is checked).
     */
    Reference reference(ParsedModel model, ParsedField f) {
        AnnotationMirror mirror = f.reference().mirror();
        AnnotationValue value = f.reference().targetValue();
        AnnotationValue onDeleteValue = f.reference().onDeleteValue();
        OnDelete onDelete = f.reference().onDelete();
        TypeElement targetType = RelatedModel.modelType(f.reference().target());
        if (targetType == null) {
            TypeMirror named = f.reference().target();
            String simple = named instanceof DeclaredType d ? d.asElement().getSimpleName().toString() : String.valueOf(named);
            reporter.error(f.reportOn(), mirror, value, Message.referenceNotModel(simple, f.name(), String.valueOf(named),
                    RelatedModel.meant(simple, scope)));
            return null;
        }
        RelatedModel target = RelatedModel.read(reader, model, targetType);
        TypeElement self = model.element();
        boolean sameModel = targetType.equals(self);
        boolean ok = true;
        if (onDelete == OnDelete.RESTRICT && target.parsed().expiring()) {
            reporter.error(f.reportOn(), mirror, onDeleteValue, Message.RESTRICT_TO_EXPIRING.with(target.simpleName(),
                    f.name(), model.element().getSimpleName().toString(), target.simpleName()));
            ok = false;
        }
        if (onDelete != OnDelete.KEEP) {
            // first: neither a group nor one compilation puts a partitioned model in one slot
            if (model.partitioned() || target.parsed().partitioned()) {
                reporter.error(f.reportOn(), mirror, onDeleteValue, Message.partitionedReferenceFollowed(f.name(),
                        onDelete, RelatedModel.groupOf(model), RelatedModel.groupOf(target.parsed())));
                ok = false;
            } else if (!sameModel && !scope.unwritten(targetType) && !scope.announced(self, f.name())) {
                reporter.error(f.reportOn(), mirror, onDeleteValue, Message.referenceTargetNotInRound(f.name(), onDelete,
                        self.getSimpleName().toString(), target.simpleName()));
                ok = false;
            } else if (!sameModel && (model.group().isEmpty() || !model.group().equals(target.parsed().group()))) {
                reporter.error(f.reportOn(), mirror, onDeleteValue, Message.referenceGroupMismatch(f.name(), onDelete,
                        RelatedModel.groupOf(model), RelatedModel.groupOf(target.parsed())));
                ok = false;
            }
        }
        if (target.idKind() == null) {
            if (scope.unwritten(targetType) || sameModel) {
                return null; // the target's own id error is reported when it is checked
            }
            if (target.id() == null) {
                reporter.error(f.reportOn(), mirror, value, Message.referenceNotModel(target.simpleName(), f.name(),
                        targetType.getQualifiedName().toString(), Optional.empty()));
            } else {
                reporter.error(f.reportOn(), Message.referenceTypeMismatch(f.name(), f.type(), target.simpleName(),
                        target.id().type(), target.id().type().toString()));
            }
            return null;
        }
        if (!types.isSameType(f.type(), target.id().type())) {
            reporter.error(f.reportOn(), Message.referenceTypeMismatch(f.name(), f.type(), target.simpleName(),
                    target.id().type(), simpleTypeName(target.id().type())));
            ok = false;
        }
        if (!ok) {
            return null;
        }
        return new Reference(ClassName.get(targetType), target.parsed().name(), target.parsed().group(),
                target.parsed().ordered(), target.idKind(), onDelete, target.parsed().partitions());
    }

    private static String simpleTypeName(TypeMirror type) {
        return type instanceof DeclaredType d ? d.asElement().getSimpleName().toString() : type.toString();
    }

}
