package dev.redao.it.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.model.MemberQuery;
import dev.redao.runtime.InvalidArgumentException;
import dev.redao.test.RedaoAssertions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Query methods declared by name (#19): each generated method returns what the query builder call
 * it stands for returns, on data where the answer is known, and sends the same commands.
 */
class QueryMethodsTest extends RedisTestSupport {
    private MemberDao dao;
    private MemberQueries queries;
    private List<Member> all;

    @BeforeEach
    void members() {
        dao = new MemberDao(store);
        queries = new MemberQueriesImpl(dao);
        List<Member> made = new ArrayList<>();
        String[] countries = {"DE", "DK", "FR"};
        for (int i = 0; i < 30; i++) {
            made.add(new Member(null, "m" + i + "@x", "h" + i, countries[i % 3], 20 + i, "n" + i));
        }
        all = dao.saveAll(made);
    }

    private List<Member> where(java.util.function.Predicate<Member> p, Comparator<Member> order) {
        return all.stream().filter(p).sorted(order).toList();
    }

    @Test
    void findsSortsAndPagesAsTheBuilderDoes() {
        List<Member> germans = where(m -> m.country().equals("DE"), Comparator.comparingInt(Member::age).reversed());
        assertEquals(germans.subList(0, 4), queries.findByCountryOrderByAgeDesc("DE", 4));
        assertEquals(dao.query().filter(MemberQuery.country.eq("DE")).sortBy(MemberQuery.age.desc()).limit(4).list(),
                queries.findByCountryOrderByAgeDesc("DE", 4));
        List<Member> byAge = where(m -> m.country().equals("FR"), Comparator.comparingInt(Member::age));
        assertEquals(byAge.subList(2, 5), queries.findByCountryOrderByAgeAsc("FR", 2, 3));
        assertEquals(Optional.of(byAge.get(0)), queries.findFirstByCountryOrderByAge("FR"));
        assertEquals(Optional.of(all.get(7)), queries.findByEmail("m7@x"));
        assertEquals(Optional.empty(), queries.findByEmail("nobody@x"));
    }

    @Test
    void rangesSetsAndPrefixes() {
        assertEquals(Set.copyOf(where(m -> m.age() >= 25 && m.age() < 30, Comparator.comparing(Member::id))),
                Set.copyOf(queries.findByAgeGreaterThanEqualAndAgeLessThan(25, 30)));
        assertEquals(20, queries.findByCountryIn(List.of("DE", "FR")).size());
        assertEquals(where(m -> m.country().startsWith("D"), Comparator.comparingInt(Member::age).reversed()),
                queries.findByCountryStartingWithOrderByAgeDesc("D"));
        assertEquals(4, queries.countByCountryAndAgeBetween("DE", 20, 30));
        assertEquals(10, queries.countGerman());
        assertTrue(queries.existsByHandle("h3"));
        assertFalse(queries.existsByHandle("h99"));
    }

    @Test
    void projectionsListOneFieldsValues() {
        assertEquals(Set.copyOf(where(m -> m.country().equals("DK"), Comparator.comparing(Member::id)).stream()
                .map(Member::name).toList()), Set.copyOf(queries.findNameByCountry("DK")));
        assertEquals(List.of(all.get(0).id(), all.get(1).id()), queries.findIdByAgeLessThan(22));
    }

    @Test
    void deleteByRemovesTheMatchesWithTheirEntries() {
        assertEquals(10, queries.deleteByCountry("DK"));
        assertEquals(20, dao.count());
        assertFalse(queries.existsByHandle("h1"));
        RedaoAssertions.assertConsistent(dao);
    }

    @Test
    void aMethodSendsWhatItsBuilderCallSends() {
        assumeTrue(onOneServer(), "the commands of one server are counted");
        queries.findByCountryOrderByAgeDesc("DE", 4); // the script's first call sends its text: EVAL, not EVALSHA
        Map<String, Long> method = commandDelta(() -> queries.findByCountryOrderByAgeDesc("DE", 4));
        Map<String, Long> builder = commandDelta(
                () -> dao.query().filter(MemberQuery.country.eq("DE")).sortBy(MemberQuery.age.desc()).limit(4).list());
        assertEquals(builder, method);
        assertEquals(1, method.entrySet().stream().filter(e -> SCRIPT_CALLS.contains(e.getKey())).mapToLong(Map.Entry::getValue)
                .sum(), method.toString());
    }

    @Test
    void aNullValueIsRefusedAsTheBuilderRefusesIt() {
        assertThrows(InvalidArgumentException.class, () -> queries.findByCountryOrderByAgeDesc(null, 3));
    }
}
