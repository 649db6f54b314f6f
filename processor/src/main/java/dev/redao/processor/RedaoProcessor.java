package dev.redao.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import dev.redao.processor.diag.Message;
import dev.redao.processor.diag.Reporter;
import dev.redao.processor.model.Link;
import dev.redao.processor.model.ModelDescriptor;
import dev.redao.processor.parse.Annotations;
import dev.redao.processor.parse.ModelReader;
import dev.redao.processor.parse.ParsedModel;
import dev.redao.processor.plan.LuaPlanner;
import dev.redao.processor.plan.ScriptPlan;
import dev.redao.processor.validate.CascadeCycles;
import dev.redao.processor.validate.MemberPlacementChecker;
import dev.redao.processor.validate.ModelRegistry;
import dev.redao.processor.validate.ModelValidator;
import dev.redao.processor.write.DaoWriter;
import dev.redao.processor.write.LinkWriter;
import dev.redao.processor.write.QueryWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
public final class RedaoProcessor extends AbstractProcessor {
    private final ModelRegistry registry = new ModelRegistry();
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
        for (String name : registry.takeDeferred()) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                models.add(type);
            }
        }
        TypeElement modelAnnotation = processingEnv.getElementUtils().getTypeElement(Annotations.MODEL);
        if (modelAnnotation != null) {
            for (Element e : round.getElementsAnnotatedWith(modelAnnotation)) {
                models.add((TypeElement) e);
            }
        }
        for (TypeElement model : models) {
            registry.compiledFromSource(model);
        }
        List<ParsedModel> ready = read(models, reporter, round.processingOver());
        List<CascadeCycles.Checked> checked = new ArrayList<>();
        ModelValidator validator = new ModelValidator(processingEnv.getElementUtils(), processingEnv.getTypeUtils(),
                reporter, registry);
        for (ParsedModel parsed : ready) {
            TypeElement model = parsed.element();
            try {
                ModelDescriptor descriptor = validator.validate(parsed);
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
                registry.register(c.descriptor());
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
            registry.done(parsed.element());
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
            registry.defer(parsed.element());
            for (String target : parsed.actedOnByDeletes()) {
                ParsedModel held = ready.remove(target);
                if (held != null) {
                    waiting.add(held);
                }
            }
        }
        return new ArrayList<>(ready.values());
    }

    private void write(ModelDescriptor checked, TypeElement model, Reporter reporter) {
        ModelDescriptor descriptor = checked.withReferencedBy(registry.referencesTo(checked.type()));
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
}
