package shop;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.messaging.ChangeEvent;
import dev.redao.runtime.messaging.PubSub;
import dev.redao.runtime.messaging.Subscription;
import java.util.List;
import java.util.Set;

/** The messaging page's statements: a store, the page's Keyword model, and a plain Order message. */
class Fragment {
    record Order(String id, int items) {}

    static void run(RedisStore store, KeywordDao keywords) {
        //@fragment
    }

    static void audit(String channel, String message) {}

    static void ship(Order order) {}

    static void refresh(String key) {}
}
