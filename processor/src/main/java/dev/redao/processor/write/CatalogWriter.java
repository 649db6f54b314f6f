package dev.redao.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes a compilation's DAO catalog: a class implementing the runtime's {@code DaoCatalog} whose
 * {@code register} adds each DAO of the compilation ({@code registry.add(UserDao.class, UserDao::new)}),
 * so that a framework can create every DAO without scanning the class path. The processor names it
 * in {@code META-INF/services/dev.redao.runtime.spi.DaoCatalog} ({@link #SERVICE_FILE}).
 *
 * <p>Its name must differ between compilations whose catalogs meet on one class path (an
 * application's main and test classes, two jars), which may well have models in the same
 * package: it is {@code RedaoCatalog_} and the first 8 hex digits of the SHA-256 of its DAOs'
 * sorted qualified names, in the shallowest package of its DAOs (the first in alphabetical order
 * among those as shallow), a package the compilation owns. Same DAOs, same name and same bytes.
 */
public final class CatalogWriter {
    /** The service file that names the catalogs, in the class output. */
    public static final String SERVICE_FILE = "META-INF/services/" + RuntimeTypes.DAO_CATALOG.canonicalName();

    private final boolean generatedAnnotationAvailable;

    public CatalogWriter(boolean generatedAnnotationAvailable) {
        this.generatedAnnotationAvailable = generatedAnnotationAvailable;
    }

    /**
     * The catalog of {@code daos}.
     *
     * @param daos the DAOs, at least one, in any order
     * @param models the models they come from, for incremental builds
     */
    public JavaFile write(List<ClassName> daos, List<? extends Element> models) {
        List<ClassName> sorted = sorted(daos);
        ClassName catalog = catalogName(sorted);
        MethodSpec.Builder register = MethodSpec.methodBuilder("register")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeTypes.DAO_REGISTRY, "registry");
        for (ClassName dao : sorted) {
            register.addStatement("registry.add($T.class, $T::new)", dao, dao);
        }
        TypeSpec.Builder type = TypeSpec.classBuilder(catalog)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeTypes.DAO_CATALOG)
                .addJavadoc("The DAOs Redao generated in this compilation, for {@code ServiceLoader}. Generated; do not edit.\n");
        for (Element model : models) {
            type.addOriginatingElement(model);
        }
        GeneratedAnnotation.addTo(type, generatedAnnotationAvailable);
        // explicit: -Xlint:missing-explicit-ctor warns about a default one in an exported package
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("The catalog, as {@code ServiceLoader} makes it.\n")
                .build());
        type.addMethod(register.build());
        return JavaFile.builder(catalog.packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    /** {@code RedaoCatalog_<hash>} in the shallowest package of {@code daos}; see the class comment. */
    public static ClassName catalogName(List<ClassName> daos) {
        if (daos.isEmpty()) {
            throw new IllegalArgumentException("a catalog of no DAOs");
        }
        List<ClassName> sorted = sorted(daos);
        String pkg = sorted.stream()
                .map(ClassName::packageName)
                .min(Comparator.comparingInt(CatalogWriter::depth).thenComparing(Comparator.naturalOrder()))
                .orElseThrow();
        StringBuilder names = new StringBuilder();
        for (ClassName dao : sorted) {
            names.append(dao.canonicalName()).append('\n');
        }
        return ClassName.get(pkg, "RedaoCatalog_" + sha256(names.toString()).substring(0, 8));
    }

    private static List<ClassName> sorted(List<ClassName> daos) {
        return daos.stream().distinct().sorted(Comparator.comparing(ClassName::canonicalName)).toList();
    }

    /** 0 for the unnamed package, 1 for {@code shop}, 2 for {@code shop.orders}. */
    private static int depth(String pkg) {
        return pkg.isEmpty() ? 0 : pkg.split("\\.").length;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
