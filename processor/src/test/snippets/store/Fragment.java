package shop;

import dev.redao.runtime.RedisStore;

/** Statements that need only a store. */
class Fragment {
    static void run(RedisStore store) {
        //@fragment
    }
}
