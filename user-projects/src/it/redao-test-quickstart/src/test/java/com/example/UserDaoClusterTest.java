package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.runtime.RedisStore;
import dev.redao.test.RedaoAssertions;
import dev.redao.test.RedaoExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UserDaoClusterTest {
    @RegisterExtension
    static final RedaoExtension REDIS = RedaoExtension.builder().cluster().build();

    @Test
    void savesOnACluster(RedisStore store) {
        UserDao users = new UserDao(store);
        users.saveAll(List.of(new User(null, "ann@example.com", "DE"), new User(null, "bob@example.com", "FR")));
        assertEquals(2, users.count());
        RedaoAssertions.assertConsistent(users);
    }
}
