package dev.redao.it.derived;

import dev.redao.annotations.Queries;
import dev.redao.it.model.Member;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Query methods on Member, one of each kind the grammar has. */
@Queries(Member.class)
public interface MemberQueries {
    List<Member> findByCountryOrderByAgeDesc(String country, int limit);

    List<Member> findByCountryOrderByAgeAsc(String country, int offset, int limit);

    Optional<Member> findByEmail(String email);

    Optional<Member> findFirstByCountryOrderByAge(String country);

    long countByCountryAndAgeBetween(String country, int low, int high);

    boolean existsByHandle(String handle);

    long deleteByCountry(String country);

    List<Member> findByAgeGreaterThanEqualAndAgeLessThan(int low, int high);

    List<Member> findByCountryIn(Collection<String> countries);

    List<Member> findByCountryStartingWithOrderByAgeDesc(String prefix);

    List<String> findNameByCountry(String country);

    List<Long> findIdByAgeLessThan(int age);

    /** The interface's own: left as it is. */
    default long countGerman() {
        return countByCountryAndAgeBetween("DE", 0, 200);
    }
}
