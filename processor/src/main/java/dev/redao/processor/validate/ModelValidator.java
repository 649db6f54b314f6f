package dev.redao.processor.validate;

import com.palantir.javapoet.ClassName;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.CompoundIndex;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.Link;
import dev.redao.processor.model.ModelDescriptor;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.ParsedModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks a parsed model against every rule of the catalogue, one validator per concern, and, if it
 * passes, turns it into a {@link ModelDescriptor}. Every problem is reported on the element that
 * causes it; checking goes on after an error so that one compile shows all of a model's problems,
 * each once.
 */
public final class ModelValidator {
    private final Reporter reporter;
    private final ModelRegistry registry;
    private final ModelShapeValidator shape;
    private final ModelNameValidator names;
    private final UnstoredFieldValidator unstored;
    private final StoredFieldsValidator storedFields;
    private final OrderingValidator ordering;
    private final CompoundIndexValidator compoundIndexes;
    private final PartitionsValidator partitions;
    private final ExpiryValidator expiry;
    private final ManyToManyValidator manyToMany;

    /**
     * @param registry the models checked so far, which hold key names and link model names, and
     *     which models are compiled with this one and still to be written, for the checks of
     *     references and many-to-many links
     */
    public ModelValidator(Elements elements, Types types, Reporter reporter, ModelRegistry registry) {
        this.reporter = reporter;
        this.registry = registry;
        this.shape = new ModelShapeValidator(reporter);
        this.names = new ModelNameValidator(elements, types, reporter, registry);
        this.unstored = new UnstoredFieldValidator(types, reporter);
        this.storedFields = new StoredFieldsValidator(elements, types, reporter, registry);
        this.ordering = new OrderingValidator(reporter);
        this.compoundIndexes = new CompoundIndexValidator(reporter);
        this.partitions = new PartitionsValidator(reporter);
        this.expiry = new ExpiryValidator(reporter);
        this.manyToMany = new ManyToManyValidator(elements, types, reporter, registry);
    }

    /**
     * The descriptor, or null if the model has errors (all of them reported), with no
     * {@code referencedBy} yet: that is known once every model of the round is checked. A valid
     * model takes its key name and link model names in the registry.
     */
    public ModelDescriptor validate(ParsedModel parsed) {
        TypeElement type = parsed.element();
        int errorsBefore = reporter.errorCount();
        if (!shape.checkKind(type)) {
            return null;
        }
        shape.checkShape(type);
        unstored.checkStaticFields(type);
        names.checkSyntax(parsed);
        partitions.check(parsed);
        long ttlMillis = expiry.ttlMillis(parsed);
        if (!parsed.record()) {
            shape.checkConstructor(type);
        }
        StoredFieldsValidator.StoredFields stored = storedFields.check(parsed);
        FieldDescriptor orderingField = ordering.ordering(parsed, stored.fields());
        List<CompoundIndex> indexes = compoundIndexes.indexes(parsed, stored);
        List<Link> links = stored.id() == null ? List.of()
                : manyToMany.links(parsed, stored.id().type(), registry.takenLinks());
        if (reporter.errorCount() > errorsBefore || !stored.complete()) {
            return null;
        }
        ModelDescriptor model = new ModelDescriptor(ClassName.get(type), parsed.name(), parsed.record(), stored.idKind(),
                stored.id(), stored.fields(), constructorOrder(parsed), orderingField, parsed.orderingDescending(),
                parsed.events(), stored.version(), parsed.group(), parsed.partitions(), List.of(), links,
                parsed.expiring(), ttlMillis, indexes, stored.structures());
        names.checkGeneratedNames(type, model);
        if (reporter.errorCount() > errorsBefore || !names.claimKeyName(parsed)) {
            return null;
        }
        registry.takeLinks(model);
        return model;
    }

    /** A record's components in canonical-constructor order; nothing for a class. */
    private static List<String> constructorOrder(ParsedModel parsed) {
        List<String> out = new ArrayList<>();
        if (parsed.record()) {
            for (ParsedField f : parsed.fields()) {
                out.add(f.name());
            }
        }
        return out;
    }
}
