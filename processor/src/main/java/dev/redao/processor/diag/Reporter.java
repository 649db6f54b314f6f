package dev.redao.processor.diag;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports catalogued errors on the most specific element, and counts them so that a model with
 * errors is abandoned before anything is generated for it.
 */
public final class Reporter {
    private final Messager messager;
    private int errors;

    public Reporter(Messager messager) {
        this.messager = messager;
    }

    public void error(Element on, Message message, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), on);
    }

    /** An error on one attribute of an annotation, so the caret points at the attribute. */
    public void error(Element on, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), on, annotation, value);
    }

    /** How many errors were reported so far; compare before and after checking a model. */
    public int errorCount() {
        return errors;
    }
}
