package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;

/** A class model with public fields (no accessors) and an Integer id. */
@Model
public class Ticket {
    @Id
    public Integer id;
    @Unique
    public String code;
    @Indexed
    public Color color;
    @Indexed
    public int priority;
    public String title;
    public transient String scratch;

    public Ticket() {}

    public Ticket(String code, Color color, int priority, String title) {
        this.code = code;
        this.color = color;
        this.priority = priority;
        this.title = title;
    }
}
