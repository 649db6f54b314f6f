package shop;

import dev.redao.runtime.BatchMode;
import dev.redao.runtime.PartialBatchException;
import dev.redao.runtime.RedaoException;
import dev.redao.runtime.UniqueViolationException;
import java.util.List;

/** The DAO page's statements: its Account and Profile, and the README's User. */
class Fragment {
    static void run(AccountDao accounts, ProfileDao profiles, UserDao users, List<User> tenThousand) {
        //@fragment
    }
}
