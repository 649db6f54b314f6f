package dev.redao.processor.validate;

import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * What the processor knows of the models around the one being checked: a reference whose delete
 * acts on the referencing model must be known when the referenced model's DAO is written.
 */
public interface ReferenceScope {

    /** Whether the model is compiled from source in this compilation (in this round or an earlier one). */
    boolean fromSource(TypeElement model);

    /** The qualified names of the models compiled from source so far, sorted: the candidates for a mistyped one. */
    List<String> sourceModels();

    /**
     * Whether the model is compiled in this compilation and its DAO is written only after every
     * model of the current round is checked, so that it learns of their references to it.
     */
    boolean unwritten(TypeElement model);

    /**
     * Whether the reference of {@code model}'s {@code field} was given to its target ahead of time:
     * the references of a {@code @ManyToMany} link model, registered with both sides in the round
     * that generated the link's source.
     */
    boolean announced(TypeElement model, String field);
}
