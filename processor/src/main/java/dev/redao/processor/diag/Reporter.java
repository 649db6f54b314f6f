package dev.redao.processor.diag;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.QualifiedNameable;
import javax.tools.Diagnostic;

/**
 * Reports catalogued errors on the most specific element, and counts them so that a model with
 * errors is abandoned before anything is generated for it.
 */
public final class Reporter {
    private final Messager messager;
    private final Trees trees;
    private int errors;

    public Reporter(Messager messager) {
        this(messager, null);
    }

    /** @param trees javac's trees, or null under another compiler: then repeated annotations are not pinpointed */
    public Reporter(Messager messager, Trees trees) {
        this.messager = messager;
        this.trees = trees;
    }

    public void error(Element on, Message message, Object... args) {
        error(on, message.with(args));
    }

    public void error(Element on, Problem problem) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, problem.text(), on);
    }

    /** An error on one attribute of an annotation, so the caret points at the attribute. */
    public void error(Element on, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
        error(on, annotation, value, message.with(args));
    }

    public void error(Element on, AnnotationMirror annotation, AnnotationValue value, Problem problem) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, problem.text(), on, annotation, value);
    }

    /**
     * An error on one attribute of the {@code index}-th of several repeated annotations named
     * {@code simpleName} on {@code on}. javac gathers repeated annotations into a container it
     * cannot show in the source, so the attribute is found in the source tree; without javac's
     * trees the error goes on the element.
     */
    public void errorOnRepeated(Element on, String simpleName, int index, String attribute, Problem problem) {
        Tree target = trees == null ? null : repeatedAttribute(on, simpleName, index, attribute);
        if (target == null) {
            error(on, problem);
            return;
        }
        errors++;
        trees.printMessage(Diagnostic.Kind.ERROR, problem.text(), target, trees.getPath(on).getCompilationUnit());
    }

    private Tree repeatedAttribute(Element on, String simpleName, int index, String attribute) {
        try {
            TreePath path = trees.getPath(on);
            if (path == null || !(path.getLeaf() instanceof ClassTree type)) {
                return null;
            }
            int seen = 0;
            for (AnnotationTree annotation : type.getModifiers().getAnnotations()) {
                String name = annotation.getAnnotationType().toString();
                if (!name.equals(simpleName) && !name.endsWith("." + simpleName)) {
                    continue;
                }
                if (seen++ != index) {
                    continue;
                }
                for (ExpressionTree argument : annotation.getArguments()) {
                    if (argument instanceof AssignmentTree assignment
                            && assignment.getVariable().toString().equals(attribute)) {
                        return assignment.getExpression();
                    }
                }
                return annotation;
            }
        } catch (RuntimeException e) {
            // a tree this code does not expect: fall back to the element
        }
        return null;
    }

    /**
     * A failure of Redao itself while it worked on {@code on}, or on no element in particular when
     * {@code on} is null, with the stack trace for the bug report.
     */
    public void internalError(Element on, Throwable failure) {
        internalError(on, failure.toString(), failure);
    }

    /** A failure of Redao itself: {@code what} says what failed, {@code cause} holds the stack trace. */
    public void internalError(Element on, String what, Throwable cause) {
        Problem problem = Message.internalError(on == null ? null : name(on), what, cause);
        if (on == null) {
            errors++;
            messager.printMessage(Diagnostic.Kind.ERROR, problem.text());
        } else {
            error(on, problem);
        }
    }

    /** {@code shop.User} for a type, {@code shop.User.email} for a member. */
    private static String name(Element element) {
        if (element instanceof QualifiedNameable named) {
            return named.getQualifiedName().toString();
        }
        Element enclosing = element.getEnclosingElement();
        return enclosing instanceof QualifiedNameable owner
                ? owner.getQualifiedName() + "." + element.getSimpleName()
                : element.getSimpleName().toString();
    }

    /** How many errors were reported so far; compare before and after checking a model. */
    public int errorCount() {
        return errors;
    }
}
