package dev.redao.it.compound;

import dev.redao.annotations.Id;
import dev.redao.annotations.Index;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

/**
 * Two compound indexes: (league, points), a text then a nullable number, and (clubId, points), a
 * reference that a deleted club clears.
 */
@Model(name = "cplayer", group = "league",
        indexes = {@Index({"league", "points"}), @Index({"clubId", "points"})})
public record Player(
        @Id Long id,
        @Indexed String league,
        @Indexed Integer points,
        @References(value = Club.class, onDelete = OnDelete.SET_NULL) Long clubId,
        String name) {

    public Player withLeague(String v) {
        return new Player(id, v, points, clubId, name);
    }

    public Player withPoints(Integer v) {
        return new Player(id, league, v, clubId, name);
    }
}
