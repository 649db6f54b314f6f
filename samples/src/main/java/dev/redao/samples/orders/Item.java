package dev.redao.samples.orders;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.ManyToMany;
import dev.redao.annotations.Model;
import dev.redao.annotations.Unique;
import dev.redao.annotations.Version;
import java.math.BigDecimal;

/**
 * An item for sale, written as a mutable class: its id is the SKU the shop chose (a String, so
 * the client assigns it), its barcode is unique, and its version guards the stock against two
 * sellers working from the same read. {@code @ManyToMany} generates the link model
 * {@link ItemLabels} (key name {@code item_labels}) between items and {@link Label}s.
 */
@Model(group = "orders")
@ManyToMany(to = Label.class, name = "labels")
public class Item {
    @Id
    private String sku;
    @Unique
    private String barcode;
    private String title;
    @Indexed
    private String category;
    private BigDecimal price;
    private int stock;
    @Version
    private long version;

    public Item() {}

    public Item(String sku, String barcode, String title, String category, BigDecimal price, int stock) {
        this.sku = sku;
        this.barcode = barcode;
        this.title = title;
        this.category = category;
        this.price = price;
        this.stock = stock;
    }

    public String getSku() { return sku; }
    public void setSku(String sku) { this.sku = sku; }
    public String getBarcode() { return barcode; }
    public void setBarcode(String barcode) { this.barcode = barcode; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public BigDecimal getPrice() { return price; }
    public void setPrice(BigDecimal price) { this.price = price; }
    public int getStock() { return stock; }
    public void setStock(int stock) { this.stock = stock; }
    public long getVersion() { return version; }
    public void setVersion(long version) { this.version = version; }

    @Override
    public String toString() {
        return "Item{sku=" + sku + ", barcode=" + barcode + ", title=" + title + ", category=" + category
                + ", price=" + price + ", stock=" + stock + ", version=" + version + "}";
    }
}
