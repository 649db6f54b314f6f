package shop;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.ReindexIncompleteException;
import dev.redao.runtime.SchemaChangedException;
import dev.redao.runtime.SchemaChanges;
import dev.redao.runtime.audit.AuditReport;

/** The schema page's statements, with the README's User. */
class Fragment {
    static void run(RedisStore store, UserDao users) {
        //@fragment
    }

    static void alert(String message) {}
}
