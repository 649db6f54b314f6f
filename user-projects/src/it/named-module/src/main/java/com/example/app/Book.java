package com.example.app;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;
import dev.redao.annotations.Transient;
import dev.redao.annotations.Version;
import java.math.BigDecimal;
import java.util.UUID;

/** A class with a UUID id, a reference, an enum index, a version and a field that is not stored. */
@Model(group = "library", ordering = "-price")
public class Book {
    public enum Format { PAPER, EBOOK }

    @Id public UUID id;
    @References(value = Author.class, onDelete = OnDelete.CASCADE) public Long authorId;
    @Indexed public Format format;
    public BigDecimal price;
    @Version public long version;
    @Transient public String note;
}
