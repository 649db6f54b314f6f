package dev.redao.test.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import java.time.Instant;

/** A class model ordered by descending score, with an Instant's sorted index (scored in epoch milliseconds). */
@Model(name = "qtask", ordering = "-score")
public class Task {
    @Id
    private Long id;
    @Indexed
    private Integer score;
    @Indexed
    private String owner;
    @Indexed
    private Instant due;
    private String title;

    public Task() {}

    public Task(Long id, Integer score, String owner, String title) {
        this.id = id;
        this.score = score;
        this.owner = owner;
        this.title = title;
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Integer getScore() { return score; }
    public void setScore(Integer score) { this.score = score; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public Instant getDue() { return due; }
    public void setDue(Instant due) { this.due = due; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
}
