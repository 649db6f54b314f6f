package shop;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.tools.LegacyNamespace;

/** Statements that open a store of their own, with the README's User model. */
class Fragment {
    static void run() {
        //@fragment
    }
}
