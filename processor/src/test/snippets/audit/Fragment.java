package shop;

import dev.redao.runtime.audit.AuditReport;
import dev.redao.runtime.audit.Finding;
import dev.redao.runtime.audit.ProblemCount;
import dev.redao.runtime.audit.ProblemKind;

/** The audit page's statements, with the README's User. */
class Fragment {
    static void run(UserDao users) {
        //@fragment
    }

    static void alert(String message) {}
}
