package shop;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.Saved;
import dev.redao.runtime.Transaction;
import java.util.List;

/** The transactions page's statements, over the models of this context. */
class Fragment {
    static void run(RedisStore store, OrderDao orders, ProductDao products, CartDao carts, SessionDao sessions,
            Long customerId, Product product, Long cartId, List<String> staleSessionIds) {
        //@fragment
    }
}
