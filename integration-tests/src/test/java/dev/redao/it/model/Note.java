package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.samples.shop.Audited;

/**
 * A model whose superclass was compiled in another module (samples): the processor reads
 * Audited's fields, and its @Indexed updatedAt, from the class file.
 */
@Model
public class Note extends Audited {
    @Id
    private Long id;
    @Indexed
    private String topic;
    private String body;

    public Note() {}

    public Note(String topic, String body) {
        this.topic = topic;
        this.body = body;
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getTopic() { return topic; }
    public void setTopic(String topic) { this.topic = topic; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
}
