package shop;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;

@Model
public record Product(@Id Long id, String name, @Indexed int stock) {
    public Product withStock(int stock) {
        return new Product(id, name, stock);
    }
}
