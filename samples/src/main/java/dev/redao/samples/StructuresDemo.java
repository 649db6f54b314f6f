package dev.redao.samples;

import dev.redao.runtime.MissingObjectException;
import dev.redao.runtime.RedisStore;
import dev.redao.samples.journal.Article;
import dev.redao.samples.journal.ArticleDao;
import java.time.Instant;

/**
 * Structure fields: an article's comments, tags, votes and page views, each changed element by
 * element in one script, written with the article in one transaction, loaded with it in one
 * script, refused for an article that does not exist, and deleted with it. Prints each step;
 * leaves only the model's stored schema behind.
 */
public final class StructuresDemo {
    private StructuresDemo() {}

    public static void run(RedisStore store) {
        ArticleDao articles = new ArticleDao(store);

        step("Save an article and push to its structures: one script per call");
        Article article = articles.save(new Article("redis-structures", "Structures in Redis"));
        article.comments().push("Great read", "Thanks!");
        article.tags().add("redis", "java");
        article.votes().add("ann", 5);
        article.votes().add("bob", 3);
        Instant start = Instant.parse("2026-12-04T09:00:00Z");
        for (int minute = 0; minute < 5; minute++) {
            article.views().append(start.plusSeconds(60L * minute), 10L + minute);
        }
        System.out.println("  comments " + article.comments().items() + ", tags " + article.tags().members().size()
                + ", votes " + article.votes().range(0, -1) + ", views in the last 2 minutes "
                + article.views().range(start.plusSeconds(180), start.plusSeconds(240)));

        step("Rename it and comment in one transaction: one script, all or nothing");
        store.transaction(tx -> {
            tx.save(articles, new Article(article.id(), "Structure fields in Redis"));
            articles.comments(article.id()).push(tx, "Renamed by the editor");
        });

        step("Load it with every structure in one script");
        Article loaded = articles.getWithStructures(article.id()).orElseThrow();
        System.out.println("  " + loaded.title() + ": comments " + loaded.comments().loaded().orElseThrow()
                + ", top vote " + loaded.votes().loaded().orElseThrow().get(1));

        step("A write to the structure of an article that does not exist is refused, and writes nothing");
        try {
            articles.comments("no-such-article").push("Hello?");
        } catch (MissingObjectException e) {
            System.out.println("  " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        step("Delete the article: its structures go with it in the same script");
        articles.delete(article.id());
        System.out.println("  comments " + articles.comments(article.id()).items() + ", views " + articles.views(article.id()).size());
    }

    private static void step(String what) {
        System.out.println();
        System.out.println("== " + what);
    }
}
