package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import dev.redao.annotations.Version;

/**
 * A class model with private fields behind getters and setters, a client-chosen String id and a
 * boxed {@code @Version} (null on a new object).
 */
@Model
public class Profile {
    @Id
    private String id;
    @Unique
    private String handle;
    @Indexed
    private String city;
    @Indexed
    private Integer score;
    private String bio;
    @Version
    private Long version;

    public Profile() {}

    public Profile(String id, String handle, String city, Integer score, String bio) {
        this.id = id;
        this.handle = handle;
        this.city = city;
        this.score = score;
        this.bio = bio;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getHandle() { return handle; }
    public void setHandle(String handle) { this.handle = handle; }
    public String getCity() { return city; }
    public void setCity(String city) { this.city = city; }
    public Integer getScore() { return score; }
    public void setScore(Integer score) { this.score = score; }
    public String getBio() { return bio; }
    public void setBio(String bio) { this.bio = bio; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }

    @Override
    public String toString() {
        return "Profile[" + id + ", " + handle + ", " + city + ", " + score + ", " + bio + ", v" + version + "]";
    }
}
