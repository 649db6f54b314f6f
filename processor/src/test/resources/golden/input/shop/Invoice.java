package shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.References;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.Version;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A class with a UUID id, a getter and setter for a private field, a version, an ordering and a
 * group, referencing a Customer.
 */
@Model(group = "sales", ordering = "-total")
public class Invoice {
    @Id public UUID id;
    @References(value = Customer.class, onDelete = OnDelete.CASCADE) public Long customerId;
    @Indexed public Status status;
    public BigDecimal total;
    @Version long version;
    private String note;

    public enum Status { OPEN, PAID }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }
}
