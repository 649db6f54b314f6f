package dev.redao.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import dev.redao.annotations.OnDelete;
import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.Incoming;
import dev.redao.processor.model.Link;
import dev.redao.processor.model.ModelDescriptor;
import dev.redao.processor.parse.Annotations;
import dev.redao.processor.parse.ModelReader;
import dev.redao.processor.parse.ParsedModel;
import dev.redao.processor.plan.LuaPlanner;
import dev.redao.processor.plan.ScriptPlan;
import dev.redao.processor.validate.CascadeCycles;
import dev.redao.processor.validate.MemberPlacementChecker;
import dev.redao.processor.validate.ModelValidator;
import dev.redao.processor.validate.ReferenceScope;
import dev.redao.processor.write.DaoWriter;
import dev.redao.processor.write.LinkWriter;
import dev.redao.processor.write.QueryWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Generates a DAO for every {@code @Model}. This class only orchestrates the phases, each in its
 * own package: {@code parse} reads a type into a {@link ParsedModel}; {@code validate} checks it
 * against the message catalogue and yields a {@link ModelDescriptor}; {@code plan} writes its Lua;
 * {@code write} emits the DAO and the query handles with JavaPoet. A model with errors is abandoned alone; an exception
 * never reaches javac. A model whose field types are not generated yet waits for a later round.
 *
 * <p>References tie models together: a referenced model's DAO lists the references to it that its
 * deletes act on, so every model of a round is checked before any DAO of the round is written, and
 * a model that must wait for a later round holds back the models it references that way. The link
 * model of a {@code @ManyToMany} is written as a source file, which the next round processes; its
 * two references are given to both sides in the round that writes it.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes({
    Annotations.MODEL, Annotations.ID, Annotations.INDEXED, Annotations.UNIQUE, Annotations.VERSION,
    Annotations.TRANSIENT, Annotations.REFERENCES, Annotations.MANY_TO_MANY, Annotations.MANY_TO_MANY_ALL
})
public final class RedaoProcessor extends AbstractProcessor implements ReferenceScope {
    private final Set<String> deferred = new LinkedHashSet<>();
    private final Map<String, String> modelNames = new HashMap<>();
    /** Every @Model type compiled from source in this compilation, by qualified name. */
    private final Set<String> sourceModels = new HashSet<>();
    /** The models whose DAO is written (or abandoned with errors) in an earlier round or this one. */
    private final Set<String> done = new HashSet<>();
    /** The references to each model (by qualified name) that its DAO must list. */
    private final Map<String, Set<Incoming>> incoming = new HashMap<>();
    /** "link model#field" of the references of link models, given to their targets already. */
    private final Set<String> announced = new HashSet<>();
    /** The link models written so far. */
    private final Set<ClassName> links = new HashSet<>();
    /** javac's trees, to point at repeated annotations; null under another compiler or a wrapped environment. */
    private Trees trees;

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        try {
            trees = Trees.instance(processingEnv);
        } catch (RuntimeException | LinkageError e) {
            trees = null;
        }
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Reporter reporter = new Reporter(processingEnv.getMessager(), trees);
        new MemberPlacementChecker(processingEnv.getElementUtils(), reporter).check(round);

        List<TypeElement> models = new ArrayList<>();
        for (String name : deferred) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                models.add(type);
            }
        }
        deferred.clear();
        TypeElement modelAnnotation = processingEnv.getElementUtils().getTypeElement(Annotations.MODEL);
        if (modelAnnotation != null) {
            for (Element e : round.getElementsAnnotatedWith(modelAnnotation)) {
                models.add((TypeElement) e);
            }
        }
        for (TypeElement model : models) {
            sourceModels.add(model.getQualifiedName().toString());
        }
        List<ParsedModel> ready = read(models, reporter, round.processingOver());
        List<CascadeCycles.Checked> checked = new ArrayList<>();
        for (ParsedModel parsed : ready) {
            TypeElement model = parsed.element();
            try {
                ModelDescriptor descriptor = validate(parsed, reporter);
                if (descriptor != null) {
                    checked.add(new CascadeCycles.Checked(parsed, descriptor));
                }
            } catch (RuntimeException e) {
                reporter.error(model, Message.INTERNAL_ERROR, model.getQualifiedName(), e);
            }
        }
        Set<ClassName> inCycles = CascadeCycles.check(checked, reporter);
        for (CascadeCycles.Checked c : checked) {
            if (!inCycles.contains(c.descriptor().type())) {
                register(c.descriptor());
            }
        }
        for (CascadeCycles.Checked c : checked) {
            TypeElement model = c.parsed().element();
            if (inCycles.contains(c.descriptor().type())) {
                continue;
            }
            try {
                write(c.descriptor(), model, reporter);
            } catch (RuntimeException e) {
                reporter.error(model, Message.INTERNAL_ERROR, model.getQualifiedName(), e);
            }
        }
        for (ParsedModel parsed : ready) {
            done.add(parsed.element().getQualifiedName().toString());
        }
        return false;
    }

    /**
     * The models to check in this round. A model whose types are not generated yet waits for a
     * later round (the last round gives up silently: javac itself reports types that never
     * appear), and so do the models whose deletes must act on its references.
     */
    private List<ParsedModel> read(List<TypeElement> models, Reporter reporter, boolean lastRound) {
        ModelReader reader = new ModelReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
        Map<String, ParsedModel> ready = new LinkedHashMap<>();
        List<ParsedModel> waiting = new ArrayList<>();
        for (TypeElement model : models) {
            try {
                ParsedModel parsed = reader.read(model);
                if (!reader.hasUnresolvedTypes(parsed)) {
                    ready.put(model.getQualifiedName().toString(), parsed);
                } else if (!lastRound) {
                    waiting.add(parsed);
                }
            } catch (RuntimeException e) {
                reporter.error(model, Message.INTERNAL_ERROR, model.getQualifiedName(), e);
            }
        }
        while (!waiting.isEmpty()) {
            ParsedModel parsed = waiting.remove(0);
            deferred.add(parsed.element().getQualifiedName().toString());
            for (String target : parsed.actedOnByDeletes()) {
                ParsedModel held = ready.remove(target);
                if (held != null) {
                    waiting.add(held);
                }
            }
        }
        return new ArrayList<>(ready.values());
    }

    private ModelDescriptor validate(ParsedModel parsed, Reporter reporter) {
        ModelValidator validator = new ModelValidator(processingEnv.getElementUtils(), processingEnv.getTypeUtils(),
                reporter, this);
        ModelDescriptor descriptor = validator.validate(parsed, links);
        if (descriptor == null || !claimName(parsed.element(), descriptor, reporter)) {
            return null;
        }
        for (Link link : descriptor.links()) {
            links.add(link.type());
        }
        return descriptor;
    }

    /** Gives the model's references, and those of its link models, to the models they reference. */
    private void register(ModelDescriptor descriptor) {
        for (FieldDescriptor f : descriptor.fields()) {
            if (f.reference() != null && f.reference().onDelete() != OnDelete.KEEP) {
                incomingOf(f.reference().target()).add(new Incoming(descriptor.daoName(), f.name(), f.reference().onDelete()));
            }
        }
        for (Link link : descriptor.links()) {
            incomingOf(link.source()).add(new Incoming(link.daoName(), link.sourceField(), OnDelete.CASCADE));
            incomingOf(link.target()).add(new Incoming(link.daoName(), link.targetField(), OnDelete.CASCADE));
            announced.add(link.type().canonicalName() + "#" + link.sourceField());
            announced.add(link.type().canonicalName() + "#" + link.targetField());
        }
    }

    private Set<Incoming> incomingOf(ClassName model) {
        return incoming.computeIfAbsent(model.canonicalName(), k -> new HashSet<>());
    }

    private void write(ModelDescriptor checked, TypeElement model, Reporter reporter) {
        List<Incoming> referencedBy = new ArrayList<>(incoming.getOrDefault(checked.type().canonicalName(), Set.of()));
        referencedBy.sort(Comparator.comparing((Incoming i) -> i.dao().canonicalName()).thenComparing(Incoming::field));
        ModelDescriptor descriptor = checked.withReferencedBy(referencedBy);
        ScriptPlan scripts = LuaPlanner.plan(descriptor);
        boolean generatedAvailable = processingEnv.getElementUtils().getTypeElement("javax.annotation.processing.Generated") != null;
        List<JavaFile> files = new ArrayList<>(List.of(
                new DaoWriter(generatedAvailable).write(descriptor, scripts, model),
                new QueryWriter(generatedAvailable).write(descriptor, model)));
        for (Link link : descriptor.links()) {
            files.add(new LinkWriter(generatedAvailable).write(link, model));
        }
        for (JavaFile file : files) {
            try {
                file.writeTo(processingEnv.getFiler());
            } catch (IOException e) {
                reporter.error(model, Message.INTERNAL_ERROR, model.getQualifiedName(),
                        "cannot write " + file.typeSpec().name() + ": " + e.getMessage());
            }
        }
    }

    @Override
    public boolean fromSource(TypeElement model) {
        return sourceModels.contains(model.getQualifiedName().toString());
    }

    @Override
    public boolean unwritten(TypeElement model) {
        return fromSource(model) && !done.contains(model.getQualifiedName().toString());
    }

    @Override
    public boolean announced(TypeElement model, String field) {
        return announced.contains(model.getQualifiedName() + "#" + field);
    }

    /** Two models with one key name would overwrite each other's keys. */
    private boolean claimName(TypeElement model, ModelDescriptor descriptor, Reporter reporter) {
        String type = model.getQualifiedName().toString();
        String holder = modelNames.putIfAbsent(descriptor.name(), type);
        if (holder != null && !holder.equals(type)) {
            reporter.error(model, Message.MODEL_NAME_DUPLICATE, model.getSimpleName(), descriptor.name(), holder);
            return false;
        }
        return true;
    }
}
