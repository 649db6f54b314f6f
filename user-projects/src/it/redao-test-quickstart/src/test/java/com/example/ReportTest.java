package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.redao.runtime.RedisStore;
import dev.redao.test.ConsistencyReport;
import dev.redao.test.RedaoAssertions;
import dev.redao.test.RedaoTest;
import dev.redao.test.TestNamespace;
import org.junit.jupiter.api.Test;

@RedaoTest
class ReportTest {
    @Test
    void aReportSaysWhatIsWrong(RedisStore store, TestNamespace namespace) {
        UserDao users = new UserDao(store);
        users.save(new User(null, "ann@example.com", "DE"));
        store.execute(redis -> redis.del("{" + namespace.name() + ":user}:uni:email")); // broken by hand

        ConsistencyReport report = RedaoAssertions.check(users);
        assertFalse(report.isConsistent());
        report.problems().forEach(problem -> System.out.println(problem.key() + ": " + problem.description()));
        assertEquals(2, report.problems().size());
    }
}
