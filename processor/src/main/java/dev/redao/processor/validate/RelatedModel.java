package dev.redao.processor.validate;

import dev.redao.processor.diag.ModelGroup;
import dev.redao.processor.diag.NearMiss;
import dev.redao.processor.model.IdKind;
import dev.redao.processor.parse.Annotations;
import dev.redao.processor.parse.ModelReader;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.ParsedModel;
import dev.redao.processor.parse.TypeClassifier;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * A model that the model being checked references or links to, read the same way.
 *
 * @param element the related model
 * @param parsed the related model as read
 * @param id its {@code @Id} field, or null
 * @param idKind its id's kind, or null when it has no valid id
 */
record RelatedModel(TypeElement element, ParsedModel parsed, ParsedField id, IdKind idKind) {

    /** The {@code @Model} type that {@code type} names, or null when it names no model. */
    static TypeElement modelType(TypeMirror type) {
        if (type instanceof DeclaredType declared && declared.asElement() instanceof TypeElement element
                && Annotations.has(element, Annotations.MODEL)) {
            return element;
        }
        return null;
    }

    /** The model {@code type}, which is {@code from} itself for a reference to its own model. */
    static RelatedModel read(ModelReader reader, ParsedModel from, TypeElement type) {
        ParsedModel parsed = type.equals(from.element()) ? from : reader.read(type);
        ParsedField id = null;
        for (ParsedField f : parsed.fields()) {
            if (f.id()) {
                id = f;
                break;
            }
        }
        IdKind kind = id == null ? null : TypeClassifier.idKind(id.type());
        return new RelatedModel(type, parsed, id, kind);
    }

    String simpleName() {
        return element.getSimpleName().toString();
    }

    /** The model with its group and partitions, as messages about cluster slots name them. */
    static ModelGroup groupOf(ParsedModel model) {
        return new ModelGroup(model.element().getSimpleName().toString(), model.group(), model.partitions());
    }

    /** The model compiled from source (qualified name) whose simple name is close to {@code simpleName}. */
    static Optional<String> meant(String simpleName, ReferenceScope scope) {
        return NearMiss.closest(simpleName, scope.sourceModels(), name -> name.substring(name.lastIndexOf('.') + 1));
    }
}
