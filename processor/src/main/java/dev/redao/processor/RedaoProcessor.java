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
import dev.redao.processor.queries.QueriesReader;
import dev.redao.processor.validate.CascadeCycles;
import dev.redao.processor.validate.MemberPlacementChecker;
import dev.redao.processor.validate.ModelRegistry;
import dev.redao.processor.validate.ModelValidator;
import dev.redao.processor.write.CatalogWriter;
import dev.redao.processor.write.DaoWriter;
import dev.redao.processor.write.LinkWriter;
import dev.redao.processor.write.QueriesWriter;
import dev.redao.processor.write.QueryWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Generates a DAO for every {@code @Model}. This class only orchestrates the phases, each in its
 * own package: {@code parse} reads a type into a {@link ParsedModel}; {@code validate} checks it
 * against the message catalogue and yields a {@link ModelDescriptor}; {@code write} emits the DAO
 * (with the model's description, from which the runtime builds its Lua) and the query handles
 * with JavaPoet. What it learns across rounds is
 * kept in a {@link ModelRegistry}. A model whose field types are not generated yet waits for a
 * later round.
 *
 * <p>Once the DAOs of a compilation are written, it writes their catalog ({@link CatalogWriter}),
 * which lets a framework such as Redao's Spring Boot starter create every DAO without scanning the
 * class path, and names it in {@code META-INF/services/dev.redao.runtime.spi.DaoCatalog}.
 *
 * <p>References tie models together: a referenced model's DAO lists the references to it that its
 * deletes act on, so every model of a round is checked before any DAO of the round is written, and
 * a model that must wait for a later round holds back the models it references that way. The link
 * model of a {@code @ManyToMany} is written as a source file, which the next round processes; its
 * two references are given to both sides in the round that writes it.
 *
 * <p>Nothing escapes to javac: a model with errors is abandoned alone, and so is a model on which
 * a phase fails, reported as {@link Message#INTERNAL_ERROR} on it. A failure the JVM may not recover
 * from (out of memory, a class missing from the processor path) ends the processing of the
 * compilation, reported on the element it happened on.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes({
    Annotations.MODEL, Annotations.ID, Annotations.INDEXED, Annotations.UNIQUE, Annotations.VERSION,
    Annotations.TRANSIENT, Annotations.STORED, Annotations.QUERIES, Annotations.REFERENCES, Annotations.MANY_TO_MANY, Annotations.MANY_TO_MANY_ALL,
    Annotations.GENERATED
})
public final class RedaoProcessor extends AbstractProcessor {
    /** The last phase: the source files of a checked model. */
    @FunctionalInterface
    interface WritePhase {
        List<JavaFile> sourceFiles(ModelDescriptor model, TypeElement element, boolean generatedAnnotation);
    }

    private final ModelRegistry registry = new ModelRegistry();
    /** The models whose DAOs were written, by type: what a {@code @Queries} interface is read against. */
    private final Map<ClassName, ModelDescriptor> written = new HashMap<>();
    /** {@code @Queries} interfaces whose model has no DAO yet (its DAO is written in a later round), by name. */
    private final Map<String, ClassName> queriesWaiting = new LinkedHashMap<>();
    private final WritePhase writePhase;
    /** javac's trees, to point at repeated annotations; null under another compiler or a wrapped environment. */
    private Trees trees;
    /** The element a phase works on, to report a failure that escapes the phase where it happened. */
    private Element processing;
    /** Set when a failure escaped a round: what the registry holds may be wrong, so the later rounds do nothing. */
    private boolean stopped;

    /** The processor javac runs, found through {@code META-INF/services} on the processor path. */
    public RedaoProcessor() {
        this(RedaoProcessor::sourceFiles);
    }

    /** A processor whose last phase is {@code writePhase}: a test makes a phase fail with it. */
    RedaoProcessor(WritePhase writePhase) {
        this.writePhase = writePhase;
    }

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

    /**
     * Runs one round. Returns true, claiming Redao's annotations and the {@code @Generated} on the
     * files it writes: a build run with {@code -Xlint:processing} (part of {@code -Xlint:all}) warns
     * about every annotation no processor claims, which fails a {@code -Werror} build. A processor
     * that runs after this one in a round does not see them.
     */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (stopped) {
            return true;
        }
        Reporter reporter = new Reporter(processingEnv.getMessager(), trees);
        try {
            processRound(round, reporter);
        } catch (Throwable e) {
            stopped = true;
            reporter.internalError(processing, e);
        }
        processing = null;
        return true;
    }

    private void processRound(RoundEnvironment round, Reporter reporter) {
        MemberPlacementChecker placement = new MemberPlacementChecker(processingEnv.getElementUtils(), reporter);
        for (Element annotated : placement.annotated(round)) {
            guard(annotated, reporter, () -> placement.check(annotated));
        }
        List<TypeElement> models = modelsOf(round);
        List<ParsedModel> ready = read(models, reporter, round.processingOver());
        ModelValidator validator = new ModelValidator(processingEnv.getElementUtils(), processingEnv.getTypeUtils(),
                reporter, registry);
        List<CascadeCycles.Checked> checked = new ArrayList<>();
        for (ParsedModel parsed : ready) {
            ModelDescriptor descriptor = guard(parsed.element(), reporter, null, () -> validator.validate(parsed));
            if (descriptor != null) {
                checked.add(new CascadeCycles.Checked(parsed, descriptor));
            }
        }
        // if finding the cycles fails, the models are written all the same: the error fails the build
        Set<ClassName> inCycles = guard(null, reporter, Set.of(), () -> CascadeCycles.check(checked, reporter));
        List<CascadeCycles.Checked> registered = new ArrayList<>();
        for (CascadeCycles.Checked c : checked) {
            if (!inCycles.contains(c.descriptor().type())
                    && guard(c.parsed().element(), reporter, () -> registry.register(c.descriptor()))) {
                registered.add(c);
            }
        }
        for (CascadeCycles.Checked c : registered) {
            TypeElement model = c.parsed().element();
            if (guard(model, reporter, () -> write(c.descriptor(), model, reporter))) {
                registry.daoWritten(c.descriptor());
                written.put(c.descriptor().type(), c.descriptor());
            }
        }
        TypeElement queriesAnnotation = processingEnv.getElementUtils().getTypeElement(Annotations.QUERIES);
        Set<? extends Element> queriesTypes = queriesAnnotation == null ? Set.of() : round.getElementsAnnotatedWith(queriesAnnotation);
        for (Element annotated : queriesTypes) {
            if (annotated instanceof TypeElement queries) {
                TypeElement target = guard(queries, reporter, null, () -> QueriesReader.target(queries, reporter));
                if (target != null) {
                    queriesWaiting.put(queries.getQualifiedName().toString(), ClassName.get(target));
                }
            }
        }
        writeQueries(reporter, round.processingOver() && !round.errorRaised());
        for (ParsedModel parsed : ready) {
            registry.done(parsed.element());
        }
        // The catalog lists the DAOs of the rounds so far. It is written in the first round that
        // brings no model and leaves none waiting (the one that compiles the DAOs and link models
        // written last), so one catalog lists them all: a source file written in the last round
        // is not processed, which javac warns about. After an error javac goes straight to the
        // last round, and the build fails: no catalog then.
        if (round.processingOver() && round.errorRaised()) {
            return;
        }
        if ((models.isEmpty() && !registry.hasDeferred()) || round.processingOver()) {
            guard(null, reporter, () -> writeCatalog(reporter));
        }
        if (round.processingOver()) {
            guard(null, reporter, () -> writeServiceFile(reporter));
        }
    }

    /**
     * Writes the implementation of each waiting {@code @Queries} interface whose model's DAO is
     * written; in the last round, reports those whose model never got one.
     */
    private void writeQueries(Reporter reporter, boolean last) {
        boolean generatedAvailable = processingEnv.getElementUtils().getTypeElement(Annotations.GENERATED) != null;
        for (var it = queriesWaiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ClassName> waiting = it.next();
            TypeElement queries = processingEnv.getElementUtils().getTypeElement(waiting.getKey());
            ModelDescriptor model = written.get(waiting.getValue());
            if (model == null) {
                if (last) {
                    QueriesReader.notAModel(queries, waiting.getValue().canonicalName(), reporter);
                    it.remove();
                }
                continue;
            }
            it.remove();
            guard(queries, reporter, () -> {
                List<QueriesWriter.Read> methods = QueriesReader.methods(queries, model, written::get, reporter);
                if (methods != null) {
                    try {
                        new QueriesWriter(generatedAvailable).write(queries, model, methods).writeTo(processingEnv.getFiler());
                    } catch (IOException e) {
                        reporter.internalError(queries, "cannot write '" + QueriesWriter.implementationOf(queries) + "': " + e, e);
                    }
                }
            });
        }
    }

    /** The catalog of the DAOs written since the last one, if any. */
    private void writeCatalog(Reporter reporter) {
        Map<String, ClassName> daos = registry.takeUncataloged();
        if (daos.isEmpty()) {
            return;
        }
        List<TypeElement> models = new ArrayList<>();
        for (String model : daos.keySet()) {
            TypeElement element = processingEnv.getElementUtils().getTypeElement(model);
            if (element != null) {
                models.add(element);
            }
        }
        boolean generatedAvailable = processingEnv.getElementUtils().getTypeElement(Annotations.GENERATED) != null;
        JavaFile file = new CatalogWriter(generatedAvailable).write(new ArrayList<>(daos.values()), models);
        try {
            file.writeTo(processingEnv.getFiler());
            registry.catalogWritten(ClassName.get(file.packageName(), file.typeSpec().name()));
        } catch (IOException e) {
            reporter.internalError(null, "cannot write the DAO catalog '" + file.typeSpec().name() + "': " + e, e);
        }
    }

    /**
     * {@code META-INF/services/dev.redao.runtime.spi.DaoCatalog}, naming the catalogs of this
     * compilation, written whole in the last round: it replaces the file an earlier build of the
     * same output left, whose catalogs may be gone.
     */
    private void writeServiceFile(Reporter reporter) {
        List<ClassName> catalogs = registry.catalogs();
        if (catalogs.isEmpty()) {
            return;
        }
        try {
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", CatalogWriter.SERVICE_FILE);
            try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
                for (ClassName catalog : catalogs) {
                    out.write(catalog.reflectionName() + "\n");
                }
            }
        } catch (IOException e) {
            reporter.internalError(null, "cannot write " + CatalogWriter.SERVICE_FILE + ": " + e, e);
        }
    }

    /** The models deferred by earlier rounds and those of this round, each registered as compiled from source. */
    private List<TypeElement> modelsOf(RoundEnvironment round) {
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
        return models;
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
            guard(model, reporter, () -> {
                ParsedModel parsed = reader.read(model);
                if (!reader.hasUnresolvedTypes(parsed)) {
                    ready.put(model.getQualifiedName().toString(), parsed);
                } else if (!lastRound) {
                    waiting.add(parsed);
                }
            });
        }
        while (!waiting.isEmpty()) {
            ParsedModel parsed = waiting.remove(0);
            registry.defer(parsed.element());
            for (String target : guard(parsed.element(), reporter, Set.<String>of(), parsed::actedOnByDeletes)) {
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
        boolean generatedAvailable = processingEnv.getElementUtils().getTypeElement(Annotations.GENERATED) != null;
        for (JavaFile file : writePhase.sourceFiles(descriptor, model, generatedAvailable)) {
            try {
                file.writeTo(processingEnv.getFiler());
            } catch (IOException e) {
                reporter.internalError(model, "cannot write '" + file.typeSpec().name() + "': " + e, e);
            }
        }
    }

    static List<JavaFile> sourceFiles(ModelDescriptor descriptor, TypeElement model, boolean generatedAvailable) {
        List<JavaFile> files = new ArrayList<>(List.of(
                new DaoWriter(generatedAvailable).write(descriptor, model),
                new QueryWriter(generatedAvailable).write(descriptor, model)));
        for (Link link : descriptor.links()) {
            files.add(new LinkWriter(generatedAvailable).write(link, model));
        }
        return files;
    }

    /**
     * Runs a phase on one element, or on the whole round when {@code element} is null. A bug met
     * there (an exception, a javac assertion, a recursion too deep) is reported on the element,
     * which is abandoned alone: the other elements go on. Any other failure goes up to
     * {@link #process}, which reports it on the same element.
     *
     * @return what the phase returns, or {@code failed} if it fails
     */
    private <T> T guard(Element element, Reporter reporter, T failed, Supplier<T> phase) {
        processing = element;
        T result;
        try {
            result = phase.get();
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            reporter.internalError(element, e);
            result = failed;
        }
        processing = null;
        return result;
    }

    /** {@link #guard(Element, Reporter, Object, Supplier)} for a phase that returns nothing: true if it succeeds. */
    private boolean guard(Element element, Reporter reporter, Runnable phase) {
        return guard(element, reporter, false, () -> {
            phase.run();
            return true;
        });
    }
}
