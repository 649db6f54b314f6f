package dev.redao.processor.validate;

import com.palantir.javapoet.TypeName;
import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.IdKind;
import dev.redao.processor.model.IndexKind;
import dev.redao.processor.model.Reference;
import dev.redao.processor.model.StructureField;
import dev.redao.processor.model.StructureKind;
import dev.redao.processor.model.ValueKind;
import dev.redao.processor.parse.ParsedField;
import dev.redao.processor.parse.ParsedModel;
import dev.redao.processor.parse.TypeClassifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks each candidate field of a model with the validator of each concern (storage, type, id,
 * version, reference, index, access) and describes the valid ones. Checking goes on after an
 * error so that one compile shows all of a model's problems, each once.
 */
final class StoredFieldsValidator {
    /** A name a hash field, an index key and a script's table can hold: Java identifiers without '$'. */
    private static final Pattern STORED_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * A model's stored fields as far as they are valid.
     *
     * @param id the id field, or null when it is missing or not valid
     * @param idKind the id's kind, or null when the id's type cannot be an id
     * @param fields the valid stored fields but the id
     * @param version the {@code @Version} field among {@code fields}, or null
     * @param abandoned whether a field is left out without an error of this model: a reference whose
     *     target has errors of its own
     * @param structures the valid structure fields, which are not stored in the hash
     */
    record StoredFields(FieldDescriptor id, IdKind idKind, List<FieldDescriptor> fields, FieldDescriptor version,
                        boolean abandoned, List<StructureField> structures) {
        /** Whether the model can be described: its id is valid and no field was abandoned. */
        boolean complete() {
            return id != null && idKind != null && !abandoned;
        }
    }

    private final UnstoredFieldValidator unstored;
    private final FieldTypeValidator fieldTypes;
    private final IdValidator ids;
    private final VersionValidator versions;
    private final ReferenceValidator references;
    private final IndexValidator indexes;
    private final AccessValidator access;
    private final StructureValidator structureFields;
    private final Reporter reporter;

    StoredFieldsValidator(Elements elements, Types types, Reporter reporter, ReferenceScope scope) {
        this.unstored = new UnstoredFieldValidator(types, reporter);
        this.fieldTypes = new FieldTypeValidator(elements, reporter);
        this.ids = new IdValidator(reporter);
        this.versions = new VersionValidator(reporter);
        this.references = new ReferenceValidator(elements, types, reporter, scope);
        this.indexes = new IndexValidator(reporter);
        this.access = new AccessValidator(elements, types, reporter);
        this.structureFields = new StructureValidator(elements, access, reporter);
        this.reporter = reporter;
    }

    StoredFields check(ParsedModel parsed) {
        TypeElement type = parsed.element();
        ParsedField idSource = null;
        FieldDescriptor id = null;
        IdKind idKind = null;
        ParsedField versionSource = null;
        FieldDescriptor version = null;
        boolean abandoned = false;
        List<FieldDescriptor> fields = new ArrayList<>();
        List<StructureField> structures = new ArrayList<>();
        Map<String, ParsedField> storedNames = new HashMap<>();
        for (ParsedField f : parsed.fields()) {
            if (f.markedTransient()) {
                unstored.checkTransient(parsed, f);
                continue;
            }
            StructureKind structure = StructureValidator.kindOf(f.type());
            if (structure != null) {
                StructureField described = structureFields.check(parsed, f, structure);
                if (described != null) {
                    structures.add(described);
                }
                continue;
            }
            checkStoredName(parsed, f, storedNames);
            fieldTypes.check(parsed, f);
            if (f.version()) {
                if (versionSource != null) {
                    versions.reportSecond(type, versionSource, f);
                } else {
                    versionSource = f;
                    versions.check(f);
                }
            }
            // a version field is reported for its reference already
            boolean referenceChecked = f.reference() != null && !f.version() && references.checkAlone(f);
            ValueKind kind = TypeClassifier.classify(f.type());
            if (f.id()) {
                if (idSource != null) {
                    ids.reportSecond(type, idSource, f);
                    continue;
                }
                idSource = f;
                idKind = ids.check(f);
                id = describe(parsed, f, kind, IndexKind.NONE, false, false, null);
                continue;
            }
            IndexKind index = IndexKind.NONE;
            Reference reference = null;
            if (referenceChecked) {
                reference = references.reference(parsed, f);
                abandoned |= reference == null;
                // one set of objects per referenced id, for every id type: a sorted index of
                // numeric ids would serve no range a reference needs
                index = IndexKind.SET;
            } else if (f.indexed()) {
                index = indexes.index(f, kind);
            }
            if (f.unique()) {
                indexes.checkUnique(f, kind);
            }
            // only a plain indexed String keeps a prefix index; every other case was reported above
            boolean prefix = f.prefix() && reference == null && index == IndexKind.SET && kind == ValueKind.STRING;
            FieldDescriptor descriptor = describe(parsed, f, kind, index, prefix, f.unique(), reference);
            if (descriptor != null) {
                fields.add(descriptor);
                if (f == versionSource) {
                    version = descriptor;
                }
            }
        }
        if (idSource == null) {
            ids.reportMissing(type);
        }
        return new StoredFields(id, idKind, fields, version, abandoned, structures);
    }

    /** A {@code @Stored} name must be one a key can hold, and no two fields may be stored under one name. */
    private void checkStoredName(ParsedModel parsed, ParsedField f, Map<String, ParsedField> storedNames) {
        String name = f.storedAs() != null ? f.storedAs() : f.name();
        if (f.storedAs() != null && !STORED_NAME.matcher(name).matches()) {
            reporter.error(f.reportOn(), Message.STORED_NAME_INVALID, name, f.name());
            return;
        }
        ParsedField first = storedNames.putIfAbsent(name, f);
        if (first != null) {
            ParsedField second = f.storedAs() != null ? f : first;
            ParsedField other = second == f ? first : f;
            reporter.error(second.reportOn(), Message.STORED_NAME_DUPLICATE, second.name(), parsed.element().getSimpleName(),
                    name, other.name());
        }
    }

    private FieldDescriptor describe(ParsedModel parsed, ParsedField f, ValueKind kind, IndexKind index, boolean prefix,
                                     boolean unique, Reference reference) {
        AccessValidator.Accessors accessors = access.accessors(parsed, f);
        if (accessors == null) {
            return null;
        }
        return new FieldDescriptor(f.name(), TypeName.get(f.type()), kind, f.type().getKind().isPrimitive(), index, prefix,
                unique, accessors.read(), accessors.write(), reference, f.storedAs() != null ? f.storedAs() : f.name());
    }
}
