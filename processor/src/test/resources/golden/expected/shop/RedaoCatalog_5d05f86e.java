package shop;

import dev.redao.runtime.spi.DaoCatalog;
import dev.redao.runtime.spi.DaoRegistry;
import javax.annotation.processing.Generated;

/**
 * The DAOs Redao generated in this compilation, for {@code ServiceLoader}. Generated; do not edit.
 */
@Generated("dev.redao.processor.RedaoProcessor")
public final class RedaoCatalog_5d05f86e implements DaoCatalog {
    /**
     * The catalog, as {@code ServiceLoader} makes it.
     */
    public RedaoCatalog_5d05f86e() {
    }

    @Override
    public void register(DaoRegistry registry) {
        registry.add(CustomerDao.class, CustomerDao::new);
        registry.add(CustomerTagsDao.class, CustomerTagsDao::new);
        registry.add(InvoiceDao.class, InvoiceDao::new);
        registry.add(TagDao.class, TagDao::new);
        registry.add(UserDao.class, UserDao::new);
    }
}
