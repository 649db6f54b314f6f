package dev.redao.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.TypeSpec;

/** {@code @Generated}, without a date so that output stays reproducible, where the JDK has it. */
final class GeneratedAnnotation {
    private static final String PROCESSOR = "dev.redao.processor.RedaoProcessor";

    private GeneratedAnnotation() {}

    static void addTo(TypeSpec.Builder type, boolean available) {
        if (available) {
            type.addAnnotation(AnnotationSpec.builder(RuntimeTypes.GENERATED).addMember("value", "$S", PROCESSOR).build());
        }
    }
}
