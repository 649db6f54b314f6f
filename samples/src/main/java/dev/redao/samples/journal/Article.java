package dev.redao.samples.journal;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.runtime.structure.RedisList;
import dev.redao.runtime.structure.RedisSet;
import dev.redao.runtime.structure.RedisSortedSet;
import dev.redao.runtime.structure.TimeSeries;

/**
 * An article that owns Redis structures (python-stdnet's structure fields): its comments, its
 * tags, its readers' votes and its page views over time, each under a key of its own, changed
 * element by element.
 */
@Model(name = "journal_article")
public record Article(
        @Id String id,
        String title,
        RedisList<String> comments,
        RedisSet<String> tags,
        RedisSortedSet<String> votes,
        TimeSeries<Long> views) {

    public Article(String id, String title) {
        this(id, title, null, null, null, null);
    }
}
