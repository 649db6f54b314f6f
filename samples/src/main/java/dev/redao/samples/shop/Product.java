package dev.redao.samples.shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Transient;
import dev.redao.annotations.Unique;
import java.math.BigDecimal;

/**
 * A product, written as a classic mutable class with getters and setters, to show that classes
 * work as well as records. Its SKU is unique; category and price are indexed.
 */
@Model
public class Product extends Audited {
    @Id
    private Long id;
    @Unique
    private String sku;
    private String title;
    @Indexed
    private Category category;
    @Indexed
    private BigDecimal price;
    private int stock;
    /** Worked out from the other fields; never stored. */
    @Transient
    private String label;

    public Product() {}

    public Product(String sku, String title, Category category, BigDecimal price, int stock) {
        this.sku = sku;
        this.title = title;
        this.category = category;
        this.price = price;
        this.stock = stock;
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getSku() { return sku; }
    public void setSku(String sku) { this.sku = sku; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public BigDecimal getPrice() { return price; }
    public void setPrice(BigDecimal price) { this.price = price; }
    public int getStock() { return stock; }
    public void setStock(int stock) { this.stock = stock; }

    public String label() {
        if (label == null) {
            label = title + " (" + sku + ")";
        }
        return label;
    }

    @Override
    public String toString() {
        return "Product{id=" + id + ", sku=" + sku + ", title=" + title + ", category=" + category
                + ", price=" + price + ", stock=" + stock + "}";
    }
}
