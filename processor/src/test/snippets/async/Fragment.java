package shop;

import dev.redao.runtime.InFlightLimitException;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.runtime.async.AsyncDao;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The async page's statements, on the README's User. */
class Fragment {
    static void run(RedisStore store, UserDao users, User ann, Long id) throws Exception {
        //@fragment
    }
}
