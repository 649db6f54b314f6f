package dev.redao.samples.shop;

import dev.redao.annotations.Indexed;
import java.time.Instant;

/**
 * A base class for models that record who changed them last. Not a model itself (it is
 * abstract): its fields, annotations included, are stored with every @Model class that extends
 * it, even from another module, where the processor reads them from this class file.
 */
public abstract class Audited {
    @Indexed
    private Instant updatedAt;
    private String updatedBy;

    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public String getUpdatedBy() { return updatedBy; }
    public void setUpdatedBy(String updatedBy) { this.updatedBy = updatedBy; }

    /** Marks the object as changed now by {@code who}. */
    public void touch(String who) {
        this.updatedAt = Instant.now();
        this.updatedBy = who;
    }
}
