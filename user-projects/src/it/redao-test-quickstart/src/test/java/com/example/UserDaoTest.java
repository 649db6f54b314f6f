package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.runtime.RedisStore;
import dev.redao.test.RedaoAssertions;
import dev.redao.test.RedaoTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@RedaoTest
class UserDaoTest {
    @Test
    void savesFindsAndKeepsItsIndexesRight(RedisStore store) {
        UserDao users = new UserDao(store);
        User ann = users.save(new User(null, "ann@example.com", "DE"));
        assertEquals(ann, users.getByEmail("ann@example.com").orElseThrow());
        assertEquals(List.of(ann), users.query().filter(UserQuery.country.eq("DE")).list());
        RedaoAssertions.assertConsistent(users);
    }
}
