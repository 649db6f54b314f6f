package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.it.ChannelRecorder.Message;
import dev.redao.it.rel.Article;
import dev.redao.it.rel.ArticleDao;
import dev.redao.it.rel.Author;
import dev.redao.it.rel.AuthorDao;
import dev.redao.it.rel.Comment;
import dev.redao.it.rel.CommentDao;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A delete that follows references publishes what it did to every model with events: one
 * 'deleted' event per object a cascade removed, one 'saved' event naming the cleared reference
 * per object SET_NULL changed, all after the script's last write.
 */
class RelationEventsTest extends RedisTestSupport {
    private ChannelRecorder recorder;

    @BeforeEach
    void listen() throws InterruptedException {
        recorder = ChannelRecorder.psubscribe(store, List.of(nsKey("{news}:author:events"), nsKey("{news}:article:events"),
                nsKey("{news}:comment:events")), "*");
    }

    @AfterEach
    void stop() {
        recorder.close();
    }

    private Message event(String model, String op, long id, String... fields) {
        StringBuilder json = new StringBuilder("{\"op\":\"" + op + "\",\"id\":\"" + id + "\",\"fields\":[");
        for (int i = 0; i < fields.length; i++) {
            json.append(i > 0 ? "," : "").append('"').append(fields[i]).append('"');
        }
        return new Message(nsKey("{news}:") + model + ":events", json.append("]}").toString());
    }

    @Test
    void aCascadePublishesForEveryObjectItDeletedOrCleared() throws InterruptedException {
        AuthorDao authors = new AuthorDao(store);
        ArticleDao articles = new ArticleDao(store);
        CommentDao comments = new CommentDao(store);
        Author ann = authors.save(new Author(null, "Ann"));
        Author bob = authors.save(new Author(null, "Bob"));
        Article a1 = articles.save(new Article(null, ann.id(), "One"));
        Article a2 = articles.save(new Article(null, ann.id(), "Two"));
        Article b1 = articles.save(new Article(null, bob.id(), "Three"));
        Comment c1 = comments.save(new Comment(null, a1.id(), "nice"));
        comments.save(new Comment(null, b1.id(), "fine"));
        recorder.takeAll();

        authors.delete(ann.id());

        assertEquals(List.of(
                event("author", "deleted", ann.id(), "name"),
                event("article", "deleted", a1.id(), "authorId", "title"),
                event("article", "deleted", a2.id(), "authorId", "title"),
                event("comment", "saved", c1.id(), "articleId")), recorder.takeAll());
        assertEquals(new Comment(c1.id(), null, "nice"), comments.get(c1.id()).orElseThrow());
    }
}
