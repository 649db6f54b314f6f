package dev.redao.it.rel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.test.RedaoAssertions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posts and tags through the generated link model PostTags: add, remove, query from both sides. */
class ManyToManyTest extends RedisTestSupport {

    private PostDao posts;
    private TagDao tags;
    private PostTagsDao links;
    private Post p1;
    private Post p2;
    private Tag java;
    private Tag redis;
    private Tag lua;

    @BeforeEach
    void data() {
        posts = new PostDao(store);
        tags = new TagDao(store);
        links = new PostTagsDao(store);
        p1 = posts.save(new Post(null, "Typed DAOs", "ann"));
        p2 = posts.save(new Post(null, "Scripts", "bob"));
        java = tags.save(new Tag(null, "java"));
        redis = tags.save(new Tag(null, "redis"));
        lua = tags.save(new Tag(null, "lua"));
        links.saveAll(List.of(PostTags.of(p1.id(), java.id()), PostTags.of(p1.id(), redis.id()),
                PostTags.of(p2.id(), redis.id()), PostTags.of(p2.id(), lua.id())));
    }

    private List<Tag> tagsOf(Post p) {
        return tags.query().filter(TagQuery.id.referencedBy(PostTagsQuery.tagId, PostTagsQuery.postId.eq(p.id()))).list();
    }

    private List<Post> postsOf(Tag t) {
        return posts.query().filter(PostQuery.id.referencedBy(PostTagsQuery.postId, PostTagsQuery.tagId.eq(t.id()))).list();
    }

    @Test
    void bothSidesAreOneQueryAway() {
        assertEquals(List.of(java, redis), tagsOf(p1));
        assertEquals(List.of(redis, lua), tagsOf(p2));
        assertEquals(List.of(p1, p2), postsOf(redis));
        assertEquals(List.of(p2), postsOf(lua));
        // through the other model's fields: posts tagged "lua" or "java", by name
        assertEquals(List.of(p1, p2), posts.query().filter(PostQuery.id.referencedBy(PostTagsQuery.postId,
                PostTagsQuery.tagId.matches(TagQuery.name.in("lua", "java")))).list());
        RedaoAssertions.assertConsistent(posts, tags, links);
    }

    @Test
    void aLinkIsAddedOnceAndRemovedByItsCompositeId() {
        links.save(PostTags.of(p1.id(), java.id())); // the same pair: the same object
        assertEquals(4, links.count());
        assertEquals(PostTags.idOf(p1.id(), java.id()), PostTags.of(p1.id(), java.id()).id());
        assertTrue(links.delete(PostTags.idOf(p1.id(), redis.id())));
        assertEquals(List.of(java), tagsOf(p1));
        assertEquals(List.of(p2), postsOf(redis));
        RedaoAssertions.assertConsistent(posts, tags, links);
    }

    @Test
    void deletingEitherSideDeletesItsLinks() {
        assertTrue(tags.delete(redis.id()));
        assertEquals(2, links.count());
        assertEquals(List.of(java), tagsOf(p1));
        assertTrue(posts.delete(p2.id()));
        assertEquals(1, links.count());
        assertEquals(List.of(), postsOf(lua));
        assertEquals(Set.of(PostTags.idOf(p1.id(), java.id())),
                Set.copyOf(links.query().ids()));
        assertFalse(exists(nsKey("{blog}:post_tags:idx:tagId:") + redis.id()));
        RedaoAssertions.assertConsistent(posts, tags, links);
    }
}
