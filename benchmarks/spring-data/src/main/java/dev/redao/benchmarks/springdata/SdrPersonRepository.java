package dev.redao.benchmarks.springdata;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.CrudRepository;

/** The queries a Spring Data Redis user writes for "the youngest of a country". */
public interface SdrPersonRepository extends CrudRepository<SdrPerson, String> {
    /** Every person of the country, sorted by age in memory once all are loaded: the right answer. */
    List<SdrPerson> findByCountryOrderByAgeAsc(String country);

    /** A page of the country in no particular order: cheap, but not the youngest. */
    List<SdrPerson> findByCountry(String country, Pageable page);
}
