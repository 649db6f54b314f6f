package dev.redao.processor.validate;

import com.palantir.javapoet.ClassName;
import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.ModelDescriptor;
import dev.redao.processor.parse.ParsedModel;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The names a model takes: its key name and group, which are part of every key, and the names of
 * the classes generated for it.
 */
final class ModelNameValidator {
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final String GENERATED_DAO_SUPERCLASS = "dev.redao.runtime.ModelDao";
    private static final String GENERATED_QUERY_SUPERCLASS = "dev.redao.runtime.query.ModelQuery";

    private final Elements elements;
    private final Types types;
    private final Reporter reporter;
    private final ModelRegistry registry;

    ModelNameValidator(Elements elements, Types types, Reporter reporter, ModelRegistry registry) {
        this.elements = elements;
        this.types = types;
        this.reporter = reporter;
        this.registry = registry;
    }

    void checkSyntax(ParsedModel parsed) {
        if (parsed.nameValue() != null && !MODEL_NAME.matcher(parsed.name()).matches()) {
            reporter.error(parsed.element(), parsed.modelAnnotation(), parsed.nameValue(),
                    Message.MODEL_NAME_INVALID, parsed.name());
        }
        // the group is part of the hash tag, like the name
        if (!parsed.group().isEmpty() && !MODEL_NAME.matcher(parsed.group()).matches()) {
            reporter.error(parsed.element(), parsed.modelAnnotation(), parsed.groupValue(),
                    Message.MODEL_GROUP_INVALID, parsed.group());
        }
    }

    void checkGeneratedNames(TypeElement type, ModelDescriptor model) {
        checkGeneratedName(type, model.daoName(), GENERATED_DAO_SUPERCLASS);
        checkGeneratedName(type, model.queryName(), GENERATED_QUERY_SUPERCLASS);
    }

    /**
     * A type with a generated name that Redao did not write is a clash. Ours (perhaps left by an
     * earlier build) extend the runtime's ModelDao or ModelQuery.
     */
    private void checkGeneratedName(TypeElement type, ClassName generated, String generatedSuperclass) {
        TypeElement existing = existingType(generated);
        if (existing == null) {
            return;
        }
        TypeElement superclass = (TypeElement) types.asElement(existing.getSuperclass());
        if (superclass == null || !superclass.getQualifiedName().contentEquals(generatedSuperclass)) {
            reporter.error(type, Message.GENERATED_NAME_CLASH, generated.simpleName(), type.getSimpleName(),
                    generated.canonicalName());
        }
    }

    /**
     * The type of that name among the members of its package, which javac lists once per package,
     * sources and class files alike. Elements.getTypeElement would find it too, but a name that
     * does not exist (the usual case here) costs it a failed look-up on the class path each time.
     */
    private TypeElement existingType(ClassName name) {
        PackageElement pkg = elements.getPackageElement(name.packageName());
        if (pkg == null) {
            return null;
        }
        for (Element member : pkg.getEnclosedElements()) {
            if (member instanceof TypeElement t && member.getSimpleName().contentEquals(name.simpleName())) {
                return t;
            }
        }
        return null;
    }

    /** Two models with one key name would overwrite each other's keys: the first one checked keeps it. */
    boolean claimKeyName(ParsedModel parsed) {
        TypeElement type = parsed.element();
        String holder = registry.claimKeyName(parsed.name(), type);
        if (holder != null) {
            reporter.error(type, Message.MODEL_NAME_DUPLICATE, type.getSimpleName(), parsed.name(), holder);
            return false;
        }
        return true;
    }
}
