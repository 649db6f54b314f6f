package dev.redao.it.compound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SortedMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.resps.Tuple;

/**
 * {@code @Model(indexes = @Index(...))}: every write keeps each value's sorted set exact (ids
 * scored by the second field, objects with either value null left out), and the queries that
 * read it answer what the same queries answer without it.
 */
class CompoundIndexTest extends RedisTestSupport {
    private PlayerDao players;
    private ClubDao clubs;

    @BeforeEach
    void daos() {
        players = new PlayerDao(store);
        clubs = new ClubDao(store);
    }

    private String leagueKey(String league) {
        return base("league") + ":cplayer:cidx:league:points:" + league;
    }

    private String clubKey(long club) {
        return base("league") + ":cplayer:cidx:clubId:points:" + club;
    }

    /** A compound key's members with their scores, in order. */
    private Map<String, Double> entries(String key) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Tuple t : this.<List<Tuple>>raw(jedis -> jedis.zrangeWithScores(key, 0, -1))) {
            out.put(t.getElement(), t.getScore());
        }
        return out;
    }

    @Test
    void savesUpdatesAndDeletesKeepEachValuesEntriesExact() {
        Player ann = players.save(new Player(null, "A", 30, null, "Ann"));
        Player bob = players.save(new Player(null, "A", 10, null, "Bob"));
        Player cid = players.save(new Player(null, "B", 20, null, "Cid"));
        Player dan = players.save(new Player(null, "A", null, null, "Dan"));
        assertEquals(Map.of(bob.id().toString(), 10.0, ann.id().toString(), 30.0), entries(leagueKey("A")),
                "a player without points is in no compound entry");
        assertEquals(Map.of(cid.id().toString(), 20.0), entries(leagueKey("B")));

        players.save(ann.withPoints(5)); // the score moves
        players.save(cid.withLeague("A")); // the entry moves, and B's key goes with its last entry
        players.save(bob.withPoints(null)); // the entry goes
        players.save(dan.withPoints(7)); // the entry comes
        assertEquals(Map.of(ann.id().toString(), 5.0, dan.id().toString(), 7.0, cid.id().toString(), 20.0),
                entries(leagueKey("A")));
        assertFalse(exists(leagueKey("B")));

        players.save(ann.withLeague(null).withPoints(5));
        players.delete(dan.id());
        assertEquals(Map.of(cid.id().toString(), 20.0), entries(leagueKey("A")));
    }

    @Test
    void aPartialSaveThatKeepsTheSecondFieldMovesTheEntryWithItsScore() {
        Player ann = players.save(new Player(null, "A", 30, null, "Ann"));
        players.update(new Player(ann.id(), "B", null, null, null), PlayerQuery.league);
        assertFalse(exists(leagueKey("A")));
        assertEquals(Map.of(ann.id().toString(), 30.0), entries(leagueKey("B")));
        players.update(new Player(ann.id(), null, 12, null, null), PlayerQuery.points);
        assertEquals(Map.of(ann.id().toString(), 12.0), entries(leagueKey("B")));
    }

    @Test
    void batchesTransactionsAndCascadesKeepTheEntriesToo() {
        Club reds = clubs.save(new Club(null, "Reds"));
        List<Player> saved = players.saveAll(List.of(
                new Player(null, "A", 3, reds.id(), "Ann"),
                new Player(null, "A", 1, reds.id(), "Bob"),
                new Player(null, "B", 2, null, "Cid")));
        assertEquals(List.of(saved.get(1).id().toString(), saved.get(0).id().toString()),
                new ArrayList<>(entries(leagueKey("A")).keySet()));
        assertEquals(2, entries(clubKey(reds.id())).size());

        store.transaction(tx -> {
            tx.save(players, saved.get(2).withLeague("A"));
            tx.delete(players, saved.get(0).id());
        });
        assertEquals(Map.of(saved.get(1).id().toString(), 1.0, saved.get(2).id().toString(), 2.0), entries(leagueKey("A")));

        clubs.delete(reds.id()); // clears Bob's clubId: his entry under the club goes
        assertFalse(exists(clubKey(reds.id())));
        assertEquals(Map.of(saved.get(1).id().toString(), 1.0, saved.get(2).id().toString(), 2.0), entries(leagueKey("A")));

        RedaoAssertions.assertConsistent(players, clubs);
        players.deleteAll(List.of(saved.get(1).id(), saved.get(2).id()));
        assertFalse(exists(leagueKey("A")));
    }

    @Test
    void aLongBeyondWhatAScoreHoldsExactlyIsRefusedWithNothingWritten() {
        StampDao stamps = new StampDao(store);
        long exact = 1L << 53;
        Stamp kept = stamps.save(new Stamp(null, "s", exact));
        assertEquals(Map.of(kept.id().toString(), (double) exact), entries(base("cstamp") + ":cidx:source:at:s"));
        SortedMap<String, String> before = snapshot();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> stamps.save(new Stamp(null, "s", exact + 1)));
        assertTrue(e.getMessage().contains("cstamp.at = 9007199254740993 orders a compound index"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> stamps.save(new Stamp(null, "s", Long.MIN_VALUE)));
        assertUnchanged(before);
    }

    @Test
    void aBulkInsertWritesTheEntriesToo() {
        Club reds = clubs.save(new Club(null, "Reds"));
        List<Player> saved = players.saveAll(List.of( // every field present: the bulk insert (insert_many.lua)
                new Player(null, "A", 3, reds.id(), "Ann"),
                new Player(null, "A", 1, reds.id(), "Bob"),
                new Player(null, "B", 2, reds.id(), "Cid")));
        assertEquals(Map.of(saved.get(1).id().toString(), 1.0, saved.get(0).id().toString(), 3.0), entries(leagueKey("A")));
        assertEquals(Map.of(saved.get(2).id().toString(), 2.0), entries(leagueKey("B")));
        assertEquals(3, entries(clubKey(reds.id())).size());
        RedaoAssertions.assertConsistent(players, clubs);
    }

    @Test
    void aPageOfOneValueSortedByTheSecondFieldReadsOnlyThatValuesEntries() {
        for (int i = 0; i < 200; i++) {
            players.save(new Player(null, i % 2 == 0 ? "A" : "B", i, null, "p" + i));
        }
        // league B holds the odd i: ids 2, 4, ..., 200, with points 1, 3, ..., 199
        List<List<Long>> pages = new ArrayList<>();
        Map<String, Long> ranged = commandDelta(() -> pages.add(players.query()
                .filter(PlayerQuery.league.eq("B").and(PlayerQuery.points.between(100, 150)))
                .sortBy(PlayerQuery.points.desc()).limit(3).ids()));
        assertEquals(List.of(150L, 148L, 146L), pages.get(0));
        assertEquals(1L, ranged.getOrDefault("zrevrangebyscore", 0L), "one range read of B's entries: " + ranged);
        assertEquals(0L, ranged.getOrDefault("smismember", 0L) + ranged.getOrDefault("zmscore", 0L)
                + ranged.getOrDefault("zrange", 0L), "no walk, no membership test: " + ranged);

        Map<String, Long> sorted = commandDelta(() -> pages.add(players.query().filter(PlayerQuery.league.eq("B"))
                .sortBy(PlayerQuery.points.asc()).offset(10).limit(3).ids()));
        assertEquals(List.of(22L, 24L, 26L), pages.get(1));
        assertEquals(1L, sorted.getOrDefault("zrange", 0L), "one read of B's entries from the page's start: " + sorted);
        assertEquals(0L, sorted.getOrDefault("smismember", 0L) + sorted.getOrDefault("zmscore", 0L), sorted.toString());
        assertEquals(100L, players.query().filter(PlayerQuery.league.eq("B").and(PlayerQuery.points.gt(-1))).count());
    }

    @Test
    void queriesAnswerWhatTheyAnswerWithoutTheIndex() {
        Random rnd = new Random(7);
        List<Player> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Integer points = rnd.nextInt(10) == 0 ? null : rnd.nextInt(50);
            String league = rnd.nextInt(12) == 0 ? null : "L" + rnd.nextInt(4);
            all.add(players.save(new Player(null, league, points, null, "p" + i)));
        }
        Comparator<Player> byPoints = Comparator.comparing(Player::points, Comparator.nullsLast(Comparator.naturalOrder()));
        for (int q = 0; q < 60; q++) {
            String league = "L" + rnd.nextInt(5); // L4 matches nothing
            int lo = rnd.nextInt(50);
            int hi = lo + rnd.nextInt(20);
            boolean desc = rnd.nextBoolean();
            int offset = rnd.nextInt(30);
            int limit = 1 + rnd.nextInt(40);
            boolean ranged = rnd.nextBoolean();
            Predicate<Player> test = p -> league.equals(p.league())
                    && (!ranged || (p.points() != null && p.points() >= lo && p.points() <= hi));
            var filter = ranged ? PlayerQuery.league.eq(league).and(PlayerQuery.points.between(lo, hi)) : PlayerQuery.league.eq(league);
            List<Long> expected = all.stream().filter(test)
                    .sorted(desc ? byPoints(true) : byPoints(false))
                    .skip(offset).limit(limit).map(Player::id).toList();
            String what = league + (ranged ? " points " + lo + ".." + hi : "") + (desc ? " desc" : " asc") + " offset " + offset + " limit " + limit;
            assertEquals(expected, players.query().filter(filter).sortBy(desc ? PlayerQuery.points.desc() : PlayerQuery.points.asc())
                    .offset(offset).limit(limit).ids(), what);
            assertEquals(all.stream().filter(test).count(), players.query().filter(filter).count(), what);
        }
        RedaoAssertions.assertConsistent(players);
    }

    /**
     * The order a sorted index gives: by points, equal points by the id's text (reversed when
     * descending); players without points last, by id.
     */
    private static Comparator<Player> byPoints(boolean desc) {
        Comparator<Player> scored = Comparator.comparing((Player p) -> p.points()).thenComparing(p -> p.id().toString());
        Comparator<Player> directed = desc ? scored.reversed() : scored;
        return (a, b) -> {
            if (a.points() == null || b.points() == null) {
                if (a.points() != null) {
                    return -1;
                }
                return b.points() != null ? 1 : Long.compare(a.id(), b.id());
            }
            return directed.compare(a, b);
        };
    }
}
