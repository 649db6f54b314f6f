package dev.redao.processor.validate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Problem;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.Link;
import dev.redao.processor.parse.Annotations;
import dev.redao.processor.parse.ModelReader;
import dev.redao.processor.parse.ParsedManyToMany;
import dev.redao.processor.parse.ParsedModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks a model's {@code @ManyToMany} annotations and describes their link models. Deleting an
 * object of either side deletes its links in the same script, so both models and the link model
 * share a cluster slot, which a partitioned model does not have, and both sides' DAOs must be
 * generated knowing the link model.
 */
final class ManyToManyValidator {
    /** A relation name becomes part of a Java class name and of a key name. */
    private static final Pattern LINK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final Elements elements;
    private final Reporter reporter;
    private final ReferenceScope scope;
    private final ModelReader reader;

    ManyToManyValidator(Elements elements, Types types, Reporter reporter, ReferenceScope scope) {
        this.elements = elements;
        this.reporter = reporter;
        this.scope = scope;
        this.reader = new ModelReader(elements, types);
    }

    /**
     * The link models of the model's {@code @ManyToMany} annotations, each checked; those with
     * errors are left out (and reported).
     *
     * @param sourceId the model's id type
     * @param taken the link types generated for other models already
     */
    List<Link> links(ParsedModel model, TypeName sourceId, Set<ClassName> taken) {
        TypeElement source = model.element();
        String simpleSource = source.getSimpleName().toString();
        ClassName sourceName = ClassName.get(source);
        List<Link> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ParsedManyToMany relation : model.manyToMany()) {
            String name = relation.name();
            if (!LINK_NAME.matcher(name).matches()) {
                report(model, relation, "name", Message.MANY_TO_MANY_NAME_INVALID.with(name, simpleSource));
                continue;
            }
            ClassName linkType = ClassName.get(sourceName.packageName(),
                    String.join("_", sourceName.simpleNames()) + ModelReader.capitalize(name));
            if (!names.add(name)) {
                report(model, relation, "name", Message.MANY_TO_MANY_NAME_DUPLICATE.with(simpleSource, name,
                        linkType.simpleName()));
                continue;
            }
            TypeElement existing = elements.getTypeElement(linkType.canonicalName());
            // a @Model record of that name from a class file is the link of an earlier build
            boolean earlierBuild = existing != null && existing.getKind() == ElementKind.RECORD
                    && Annotations.has(existing, Annotations.MODEL) && !scope.fromSource(existing);
            if (taken.contains(linkType) || (existing != null && !earlierBuild)) {
                report(model, relation, "name", Message.MANY_TO_MANY_NAME_CLASH.with(name, simpleSource,
                        linkType.simpleName(), linkType.canonicalName()));
                continue;
            }
            TypeMirror to = relation.to();
            TypeElement targetType = RelatedModel.modelType(to);
            if (targetType == null) {
                String simple = to instanceof DeclaredType d ? d.asElement().getSimpleName().toString() : String.valueOf(to);
                report(model, relation, "to", Message.manyToManyTargetNotModel(simple, simpleSource, String.valueOf(to),
                        RelatedModel.meant(simple, scope)));
                continue;
            }
            RelatedModel target = RelatedModel.read(reader, model, targetType);
            boolean sameModel = targetType.equals(source);
            // first: neither a group nor one compilation puts a partitioned model in one slot
            if (model.partitioned() || target.parsed().partitioned()) {
                report(model, relation, "to", Message.partitionedManyToMany(name, RelatedModel.groupOf(model),
                        RelatedModel.groupOf(target.parsed()), linkType.simpleName()));
                continue;
            }
            if (!sameModel && !scope.unwritten(targetType)) {
                report(model, relation, "to", Message.manyToManyTargetNotInRound(name, simpleSource, target.simpleName(),
                        linkType.simpleName()));
                continue;
            }
            if (model.group().isEmpty() || !model.group().equals(target.parsed().group())) {
                report(model, relation, "to", Message.manyToManyGroupMismatch(name, RelatedModel.groupOf(model),
                        RelatedModel.groupOf(target.parsed()), linkType.simpleName()));
                continue;
            }
            if (target.idKind() == null) {
                continue; // the target's own id error is reported when it is checked
            }
            String targetSimple = target.simpleName();
            boolean sameNames = targetSimple.equals(simpleSource);
            out.add(new Link(linkType, model.name() + "_" + name, model.group(),
                    sourceName, sourceId, sameNames ? "fromId" : decapitalize(simpleSource) + "Id",
                    ClassName.get(targetType), TypeName.get(target.id().type()),
                    sameNames ? "toId" : decapitalize(targetSimple) + "Id"));
        }
        return out;
    }

    /**
     * An error on an attribute of a {@code @ManyToMany}: through its mirror when it stands alone,
     * else (one of several, in javac's container) by its place among them.
     */
    private void report(ParsedModel model, ParsedManyToMany link, String attribute, Problem problem) {
        TypeElement source = model.element();
        if (link.alone()) {
            AnnotationValue value = attribute.equals("name") ? link.nameValue() : link.toValue();
            reporter.error(source, link.mirror(), value, problem);
        } else {
            reporter.errorOnRepeated(source, "ManyToMany", link.index(), attribute, problem);
        }
    }

    private static String decapitalize(String name) {
        return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }
}
