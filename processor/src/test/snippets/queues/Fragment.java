package shop;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.queue.Delivery;
import dev.redao.runtime.queue.ReliableQueue;
import java.time.Duration;
import java.util.Optional;

/** The queue page's statements, with its Job message. */
class Fragment {
    static void run(RedisStore store) {
        //@fragment
    }

    static void work(Job job) {}
}
