package dev.redao.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.redao.processor.TestCompiler.annotated;
import static dev.redao.processor.TestCompiler.assertOneJavacError;
import static dev.redao.processor.TestCompiler.compile;
import static dev.redao.processor.TestCompiler.compileWith;
import static dev.redao.processor.TestCompiler.generated;
import static dev.redao.processor.TestCompiler.java;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * References between models and many-to-many links: the generated handles are typed by the
 * referenced model, so a join through a reference only compiles with a condition of that model;
 * a referenced model's schema lists the references its deletes act on, whichever round the
 * referencing model is processed in; a {@code @ManyToMany} generates a link model, which gets its
 * own DAO and handles.
 */
class ReferencesCompileTest {
    private static final JavaFileObject CUSTOMER = annotated("shop.Customer", """
            @Model(group = "shop")
            public record Customer(@Id Long id, @Indexed String country, String name) {}
            """);

    private static final JavaFileObject ORDER = annotated("shop.Order", """
            @Model(group = "shop")
            public record Order(
                    @Id Long id,
                    @References(value = Customer.class, onDelete = OnDelete.CASCADE) Long customerId,
                    @Indexed String status) {}
            """);

    /** A class in package shop whose method body is {@code lines}, with the two DAOs at hand. */
    private static JavaFileObject usage(String... lines) {
        return TestCompiler.usage("CustomerDao customers, OrderDao orders", lines);
    }

    @Test
    void aReferenceFiltersByIdAndThroughTheReferencedModel() {
        JavaFileObject use = usage(
                "        ReferenceField<Order, Long, Customer> handle = OrderQuery.customerId;",
                "        List<Order> ofOne = orders.query().filter(OrderQuery.customerId.eq(1L)).list();",
                "        long ofSome = orders.query().filter(OrderQuery.customerId.in(1L, 2L)).count();",
                "        List<Order> german = orders.query()",
                "            .filter(OrderQuery.customerId.matches(CustomerQuery.country.eq(\"DE\")))",
                "            .filter(OrderQuery.status.eq(\"open\"))",
                "            .sortBy(OrderQuery.customerId.asc())",
                "            .list();",
                "        return List.of(handle, ofOne, ofSome, german);");
        Compilation compilation = compile(CUSTOMER, ORDER, use);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.OrderQuery").contentsAsUtf8String().contains(
                "public static final ReferenceField<Order, Long, Customer> customerId = new ReferenceField<Order, Long, Customer>(\"customerId\", "
                        + "1, false, Codecs.LONG, new ModelRef(\"order\", \"shop\", false), "
                        + "new ModelRef(\"customer\", \"shop\", false));");
    }

    @Test
    void aJoinWithAConditionOfAnotherModelDoesNotCompile() {
        JavaFileObject own = usage("        return orders.query().filter(OrderQuery.customerId.matches(OrderQuery.status.eq(\"x\"))).list();");
        assertOneJavacError(compile(CUSTOMER, ORDER, own), own, ".matches(", "Condition<shop.Order>");
    }

    @Test
    void aReferenceIsAnEqualityIndexOnly() {
        String[] refused = {
            "OrderQuery.customerId.gt(1L)",          // one set per id: no ranges, even for Long ids
            "OrderQuery.customerId.startsWith(\"1\")", // no lexicographic index
            "OrderQuery.customerId.eq(\"1\")",       // the id type
        };
        for (String condition : refused) {
            JavaFileObject wrong = usage("        return orders.query().filter(" + condition + ").count();");
            assertOneJavacError(compile(CUSTOMER, ORDER, wrong), wrong, ".filter(", "");
        }
    }

    @Test
    void theReferencedSchemaListsTheIncomingReference() {
        Compilation compilation = compile(CUSTOMER, ORDER);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.CustomerDao").contentsAsUtf8String().contains("""
                ModelSchema.longIds(2, "customer", "id")
                            .field("country").setIndex()
                            .field("name")
                            .group("shop")
                            .referencedBy(() -> OrderDao.SCHEMA, "customerId", OnDelete.CASCADE)
                            .build();""");
        assertThat(compilation).generatedSourceFile("shop.OrderDao").contentsAsUtf8String().contains("""
                ModelSchema.longIds(2, "order", "id")
                            .field("customerId").setIndex()
                            .field("status").setIndex()
                            .group("shop")
                            .build();""");
    }

    /** KEEP does nothing on delete, so it may cross groups, and the referenced schema does not list it. */
    @Test
    void aKeptReferenceMayCrossGroupsAndIsNotListed() {
        JavaFileObject review = annotated("shop.Review", """
                @Model
                public class Review {
                    @Id String id;
                    @References(value = Customer.class, onDelete = OnDelete.KEEP) Long authorId;
                }
                """);
        Compilation compilation = compile(CUSTOMER, review);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.CustomerDao").contentsAsUtf8String()
                .contains("    .group(\"shop\")\n            .build();");
        assertThat(compilation).generatedSourceFile("shop.ReviewQuery").contentsAsUtf8String()
                .contains("new ModelRef(\"review\", \"\", false), new ModelRef(\"customer\", \"shop\", false)");
    }

    @Test
    void aUniqueReferenceIsOneToOne() {
        JavaFileObject card = annotated("shop.Card", """
                @Model(group = "shop", ordering = "-issued")
                public record Card(
                        @Id java.util.UUID id,
                        @Unique @References(value = Customer.class, onDelete = OnDelete.RESTRICT) Long ownerId,
                        long issued) {}
                """);
        JavaFileObject use = usage(
                "        java.util.Optional<Card> card = new CardDao(null).getByOwnerId(3L);",
                "        ReferenceField<Card, Long, Customer> owner = CardQuery.ownerId;",
                "        return List.of(card, owner);");
        Compilation compilation = compile(CUSTOMER, ORDER, card, use);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.CustomerDao").contentsAsUtf8String()
                .contains(".referencedBy(() -> CardDao.SCHEMA, \"ownerId\", OnDelete.RESTRICT)");
        assertThat(compilation).generatedSourceFile("shop.CardQuery").contentsAsUtf8String()
                .contains("new ModelRef(\"card\", \"shop\", true)");
    }

    /** A tree: the cascade ends at the leaves, and the model needs no group to reach itself. */
    @Test
    void aSelfReferenceCompiles() {
        JavaFileObject node = annotated("shop.Node", """
                @Model
                public record Node(
                        @Id String id,
                        @References(value = Node.class, onDelete = OnDelete.CASCADE) String parentId,
                        String label) {}
                """);
        JavaFileObject use = java("shop.Tree", """
                import dev.redao.runtime.query.*;
                final class Tree {
                    static Object children(NodeDao nodes) {
                        ReferenceField<Node, String, Node> parent = NodeQuery.parentId;
                        return nodes.query().filter(NodeQuery.parentId.matches(NodeQuery.id.eq("root"))).list();
                    }
                }
                """);
        Compilation compilation = compile(node, use);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.NodeDao").contentsAsUtf8String()
                .contains(".referencedBy(() -> NodeDao.SCHEMA, \"parentId\", OnDelete.CASCADE)");
        assertThat(compilation).generatedSourceFile("shop.NodeQuery").contentsAsUtf8String()
                .contains("new ReferenceField<Node, String, Node>(\"parentId\", 1, true, Codecs.STRING, new ModelRef(\"node\", \"\", false), "
                        + "new ModelRef(\"node\", \"\", false))");
    }

    /** Two models may cascade into each other's opposite direction as long as one reference breaks the cycle. */
    @Test
    void referencesBothWaysWithoutACascadeCycleCompile() {
        JavaFileObject customer = annotated("shop.Customer", """
                @Model(group = "shop")
                public record Customer(
                        @Id Long id,
                        @References(value = Order.class, onDelete = OnDelete.SET_NULL) Long lastOrderId) {}
                """);
        Compilation compilation = compile(customer, ORDER);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.OrderDao").contentsAsUtf8String()
                .contains(".referencedBy(() -> CustomerDao.SCHEMA, \"lastOrderId\", OnDelete.SET_NULL)");
        assertThat(compilation).generatedSourceFile("shop.CustomerDao").contentsAsUtf8String()
                .contains(".referencedBy(() -> OrderDao.SCHEMA, \"customerId\", OnDelete.CASCADE)");
    }

    /**
     * Order waits for a type another processor generates in the first round; Customer, which
     * Order's deletes act on, waits with it, so that its schema still lists Order's reference.
     */
    @Test
    void aReferencedModelWaitsForTheModelsThatReferenceIt() {
        JavaFileObject order = annotated("shop.Order", """
                @Model(group = "shop")
                public record Order(
                        @Id Long id,
                        @References(value = Customer.class, onDelete = OnDelete.CASCADE) Long customerId,
                        Level level) {}
                """);
        // the other processor first: Redao claims its annotations, and javac does not call a "*"
        // processor after it in a round that holds no other annotation
        Compilation compilation = compileWith(List.of(new TestCompiler.GeneratesLevel(), new RedaoProcessor()),
                CUSTOMER, order);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("shop.CustomerDao").contentsAsUtf8String()
                .contains(".referencedBy(() -> OrderDao.SCHEMA, \"customerId\", OnDelete.CASCADE)");
    }

    // ---- many-to-many

    private static final JavaFileObject POST = annotated("blog.Post", """
            @Model(group = "blog")
            @ManyToMany(to = Tag.class, name = "tags")
            public record Post(@Id Long id, String title) {}
            """);

    private static final JavaFileObject TAG = annotated("blog.Tag", """
            @Model(group = "blog")
            public record Tag(@Id Long id, @Indexed String label) {}
            """);

    @Test
    void manyToManyGeneratesALinkModelWithItsDaoAndQuery() {
        JavaFileObject use = java("blog.Use", """
                import dev.redao.runtime.*;
                import dev.redao.runtime.query.*;
                import java.util.List;
                final class Use {
                    static Object run(RedisStore store) {
                        PostTagsDao links = new PostTagsDao(store);
                        PostTags link = PostTags.of(1L, 3L);
                        String id = PostTags.idOf(1L, 3L);
                        Long post = link.postId();
                        Long tag = link.tagId();
                        Condition<Post> tagged = PostQuery.id.referencedBy(PostTagsQuery.postId, PostTagsQuery.tagId.eq(3L));
                        Condition<Tag> ofPost = TagQuery.id.referencedBy(PostTagsQuery.tagId, PostTagsQuery.postId.eq(1L));
                        Condition<PostTags> labelled = PostTagsQuery.tagId.matches(TagQuery.label.eq("java"));
                        return List.of(links, link, id, post, tag, tagged, ofPost, labelled);
                    }
                }
                """);
        Compilation compilation = compile(POST, TAG, use);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("blog.PostTags").contentsAsUtf8String().contains(
                "@Model(\n        name = \"post_tags\",\n        group = \"blog\"\n)");
        assertThat(compilation).generatedSourceFile("blog.PostTags").contentsAsUtf8String().contains(
                "public record PostTags(@Id String id,\n"
                        + "        @References(value = Post.class, onDelete = OnDelete.CASCADE) Long postId,\n"
                        + "        @References(value = Tag.class, onDelete = OnDelete.CASCADE) Long tagId) {");
        assertThat(compilation).generatedSourceFile("blog.PostTags").contentsAsUtf8String().contains(
                "return LinkIds.compose(String.valueOf(Objects.requireNonNull(postId, \"postId\")), "
                        + "String.valueOf(Objects.requireNonNull(tagId, \"tagId\")));");
        assertThat(compilation).generatedSourceFile("blog.PostTagsDao");
        assertThat(compilation).generatedSourceFile("blog.PostTagsQuery");
        assertThat(compilation).generatedSourceFile("blog.PostDao").contentsAsUtf8String()
                .contains(".referencedBy(() -> PostTagsDao.SCHEMA, \"postId\", OnDelete.CASCADE)\n");
        assertThat(compilation).generatedSourceFile("blog.TagDao").contentsAsUtf8String()
                .contains(".referencedBy(() -> PostTagsDao.SCHEMA, \"tagId\", OnDelete.CASCADE)\n");
    }

    /** Each side keeps its id type; a model linked to itself gets fromId and toId. */
    @Test
    void severalLinksOfOneModelWithTheirIdTypes() {
        JavaFileObject post = annotated("blog.Post", """
                @Model(name = "blog.post-v2", group = "blog")
                @ManyToMany(to = Label.class, name = "labels")
                @ManyToMany(to = Post.class, name = "related")
                public record Post(@Id java.util.UUID id) {}
                """);
        JavaFileObject label = annotated("blog.Label", """
                @Model(group = "blog")
                public record Label(@Id String id) {}
                """);
        JavaFileObject use = java("blog.Use", """
                import java.util.UUID;
                final class Use {
                    static Object run(UUID a, UUID b) {
                        PostLabels labelled = PostLabels.of(a, "java");
                        PostRelated related = PostRelated.of(a, b);
                        UUID from = related.fromId();
                        UUID to = related.toId();
                        return java.util.List.of(labelled, related, from, to,
                            PostQuery.id.referencedBy(PostRelatedQuery.toId, PostRelatedQuery.fromId.eq(a)));
                    }
                }
                """);
        Compilation compilation = compile(post, label, use);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("blog.PostLabels").contentsAsUtf8String()
                .contains("name = \"blog.post-v2_labels\"");
        assertThat(compilation).generatedSourceFile("blog.PostDao").contentsAsUtf8String().contains(
                ".referencedBy(() -> PostLabelsDao.SCHEMA, \"postId\", OnDelete.CASCADE)\n"
                + "            .referencedBy(() -> PostRelatedDao.SCHEMA, \"fromId\", OnDelete.CASCADE)\n"
                + "            .referencedBy(() -> PostRelatedDao.SCHEMA, \"toId\", OnDelete.CASCADE)\n");
        assertThat(compilation).generatedSourceFile("blog.PostRelatedQuery").contentsAsUtf8String()
                .contains("new ReferenceField<PostRelated, UUID, Post>(\"toId\", 2, true, Codecs.UUID_VALUE, new ModelRef(\"blog.post-v2_related\", "
                        + "\"blog\", false), new ModelRef(\"blog.post-v2\", \"blog\", false))");
    }

    /**
     * A model that references a link model waits for the round that generates it; the link
     * model's schema then lists that reference.
     */
    @Test
    void aReferenceToALinkModel() {
        JavaFileObject vote = annotated("blog.Vote", """
                @Model(group = "blog")
                public record Vote(
                        @Id Long id,
                        @References(value = PostTags.class, onDelete = OnDelete.CASCADE) String linkId) {}
                """);
        Compilation compilation = compile(POST, TAG, vote);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("blog.PostTagsDao").contentsAsUtf8String()
                .contains(".referencedBy(() -> VoteDao.SCHEMA, \"linkId\", OnDelete.CASCADE)");
        assertThat(compilation).generatedSourceFile("blog.VoteQuery").contentsAsUtf8String()
                .contains("ReferenceField<Vote, String, PostTags> linkId");
    }

    @Test
    void sameSourcesGiveTheSameBytes() {
        JavaFileObject[] sources = {CUSTOMER, ORDER, POST, TAG};
        Map<String, String> first = generated(compile(sources));
        Map<String, String> second = generated(compile(sources));
        assertFalse(first.isEmpty());
        assertEquals(first, second);
    }
}
