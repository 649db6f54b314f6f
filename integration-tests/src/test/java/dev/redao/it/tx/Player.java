package dev.redao.it.tx;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import dev.redao.annotations.Version;

/**
 * A versioned model with a unique nick, a set index and a sorted index; in the group "game" with
 * {@link Badge}, so that transactions of both run on a Redis Cluster too.
 */
@Model(name = "player", group = "game")
public record Player(
        @Id Long id,
        @Unique String nick,
        @Indexed String team,
        @Indexed int level,
        @Version long version) {

    public Player withNick(String n) {
        return new Player(id, n, team, level, version);
    }

    public Player withTeam(String t) {
        return new Player(id, nick, t, level, version);
    }

    public Player withLevel(int l) {
        return new Player(id, nick, team, l, version);
    }
}
