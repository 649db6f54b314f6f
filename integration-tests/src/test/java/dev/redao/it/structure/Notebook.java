package dev.redao.it.structure;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;
import dev.redao.runtime.structure.RedisList;
import dev.redao.runtime.structure.RedisMap;
import dev.redao.runtime.structure.RedisSet;
import dev.redao.runtime.structure.RedisSortedSet;
import dev.redao.runtime.structure.TimeSeries;
import java.time.Instant;

/** A model with one structure field of each kind. */
@Model(group = "pinboard")
public record Notebook(
        @Id Long id,
        @Indexed String title,
        @References(value = Board.class, onDelete = OnDelete.CASCADE) Long boardId,
        RedisList<String> comments,
        RedisSet<Mood> moods,
        RedisSortedSet<String> votes,
        RedisMap<String, Instant> seen,
        TimeSeries<Double> readings) {

    public Notebook(Long id, String title, Long boardId) {
        this(id, title, boardId, null, null, null, null, null);
    }

    /** An element type stored by name, as an enum field is. */
    public enum Mood { HAPPY, SAD, CURIOUS }
}
