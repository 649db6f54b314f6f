package dev.redao.benchmarks.springdata;

import org.springframework.data.annotation.Id;
import org.springframework.data.redis.core.RedisHash;
import org.springframework.data.redis.core.index.Indexed;

/**
 * Spring Data Redis's side: the same person as a {@code @RedisHash}, found by country through its
 * secondary index (a set per value). Spring Data Redis keeps no index that orders by a number, so
 * age is a plain property that its repositories sort by in memory.
 */
@RedisHash("sdrperson")
public class SdrPerson {
    @Id
    private String id;
    @Indexed
    private String country;
    private int age;
    private String name;

    public SdrPerson() {}

    SdrPerson(String country, int age, String name) {
        this.country = country;
        this.age = age;
        this.name = name;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }

    public int getAge() {
        return age;
    }

    public void setAge(int age) {
        this.age = age;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
