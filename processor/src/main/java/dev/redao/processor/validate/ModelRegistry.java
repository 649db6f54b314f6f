package dev.redao.processor.validate;

import com.palantir.javapoet.ClassName;
import dev.redao.annotations.OnDelete;
import dev.redao.processor.model.FieldDescriptor;
import dev.redao.processor.model.Incoming;
import dev.redao.processor.model.Link;
import dev.redao.processor.model.ModelDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.lang.model.element.TypeElement;

/**
 * What the processor learns across the rounds of one compilation: which models are compiled from
 * source, which wait for a later round, which are written, which key names and link models are
 * taken, and the references each model's DAO must list. Models are kept by qualified name, since
 * javac gives new elements in every round.
 */
public final class ModelRegistry implements ReferenceScope {
    private final Set<String> deferred = new LinkedHashSet<>();
    /** The model (qualified name) that holds each key name. */
    private final Map<String, String> keyNames = new HashMap<>();
    private final Set<String> sourceModels = new HashSet<>();
    /** The models whose DAO is written (or abandoned with errors) in an earlier round or this one. */
    private final Set<String> done = new HashSet<>();
    /** The references to each model that its DAO must list. */
    private final Map<String, Set<Incoming>> incoming = new HashMap<>();
    /** "link model#field" of the references of link models, given to their targets already. */
    private final Set<String> announced = new HashSet<>();
    private final Set<ClassName> links = new HashSet<>();
    /** The DAOs written since the last catalog, by their models' qualified names. */
    private final Map<String, ClassName> uncataloged = new TreeMap<>();
    /** The catalogs written in this compilation, for the service file. */
    private final Set<ClassName> catalogs = new TreeSet<>(Comparator.comparing(ClassName::canonicalName));

    /** The model waits for a later round: a type it needs is not generated yet. */
    public void defer(TypeElement model) {
        deferred.add(model.getQualifiedName().toString());
    }

    /** The models deferred in earlier rounds, which this round takes up; none stays deferred. */
    public List<String> takeDeferred() {
        List<String> out = new ArrayList<>(deferred);
        deferred.clear();
        return out;
    }

    /** Whether models wait for a later round. */
    public boolean hasDeferred() {
        return !deferred.isEmpty();
    }

    /** The model's DAO is written: the next catalog lists it. */
    public void daoWritten(ModelDescriptor model) {
        uncataloged.put(model.type().canonicalName(), model.daoName());
    }

    /** The DAOs written since the last catalog (model's qualified name to DAO), in the models' order; none stays. */
    public Map<String, ClassName> takeUncataloged() {
        Map<String, ClassName> out = new TreeMap<>(uncataloged);
        uncataloged.clear();
        return out;
    }

    public void catalogWritten(ClassName catalog) {
        catalogs.add(catalog);
    }

    /** The catalogs written in this compilation, by name. */
    public List<ClassName> catalogs() {
        return List.copyOf(catalogs);
    }

    public void compiledFromSource(TypeElement model) {
        sourceModels.add(model.getQualifiedName().toString());
    }

    /** The model is through: written, or abandoned with its errors reported. */
    public void done(TypeElement model) {
        done.add(model.getQualifiedName().toString());
    }

    /**
     * Gives the key name to the model unless another model holds it.
     *
     * @return the qualified name of the model that holds the key name, or null when it is this one's
     */
    String claimKeyName(String keyName, TypeElement model) {
        String type = model.getQualifiedName().toString();
        String holder = keyNames.putIfAbsent(keyName, type);
        return holder == null || holder.equals(type) ? null : holder;
    }

    /** The link model types that models checked so far generate. */
    Set<ClassName> takenLinks() {
        return links;
    }

    void takeLinks(ModelDescriptor model) {
        for (Link link : model.links()) {
            links.add(link.type());
        }
    }

    /** Gives the model's references, and those of its link models, to the models they reference. */
    public void register(ModelDescriptor model) {
        for (FieldDescriptor f : model.fields()) {
            if (f.reference() != null && f.reference().onDelete() != OnDelete.KEEP) {
                incomingOf(f.reference().target()).add(new Incoming(model.daoName(), f.stored(), f.reference().onDelete()));
            }
        }
        for (Link link : model.links()) {
            incomingOf(link.source()).add(new Incoming(link.daoName(), link.sourceField(), OnDelete.CASCADE));
            incomingOf(link.target()).add(new Incoming(link.daoName(), link.targetField(), OnDelete.CASCADE));
            announced.add(link.type().canonicalName() + "#" + link.sourceField());
            announced.add(link.type().canonicalName() + "#" + link.targetField());
        }
    }

    /** The references registered to the model, in an order that does not depend on the rounds. */
    public List<Incoming> referencesTo(ClassName model) {
        List<Incoming> out = new ArrayList<>(incoming.getOrDefault(model.canonicalName(), Set.of()));
        out.sort(Comparator.comparing((Incoming i) -> i.dao().canonicalName()).thenComparing(Incoming::field));
        return out;
    }

    private Set<Incoming> incomingOf(ClassName model) {
        return incoming.computeIfAbsent(model.canonicalName(), k -> new HashSet<>());
    }

    @Override
    public boolean fromSource(TypeElement model) {
        return sourceModels.contains(model.getQualifiedName().toString());
    }

    @Override
    public List<String> sourceModels() {
        List<String> out = new ArrayList<>(sourceModels);
        out.sort(null);
        return out;
    }

    @Override
    public boolean unwritten(TypeElement model) {
        return fromSource(model) && !done.contains(model.getQualifiedName().toString());
    }

    @Override
    public boolean announced(TypeElement model, String field) {
        return announced.contains(model.getQualifiedName() + "#" + field);
    }
}
