package dev.redao.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.model.Member;
import dev.redao.it.model.MemberDao;
import dev.redao.it.query.Tag;
import dev.redao.it.query.TagDao;
import dev.redao.runtime.BatchMode;
import dev.redao.runtime.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input fails before anything is sent, in a batch of any size too: one object that cannot be
 * stored, late in a batch that takes several scripts, leaves Redis exactly as it was. Before,
 * the scripts before it had run (a chunked batch stopped with 250 objects written), or the ids of
 * the batch had been reserved from the counter (all or nothing).
 */
class BatchBadInputTest extends RedisTestSupport {
    private static final int SIZE = 600; // three scripts' worth
    private static final int BAD = 520; // in the third

    private MemberDao members;

    @BeforeEach
    void someMembers() {
        members = new MemberDao(store);
        members.save(new Member(null, "ann@x", "ann", "DE", 31, "Ann"));
    }

    @ParameterizedTest
    @EnumSource(BatchMode.class)
    void aLoneSurrogateInANewObject(BatchMode mode) {
        List<Member> batch = newMembers();
        batch.set(BAD, batch.get(BAD).withCountry("D\uD800"));
        refused(mode, batch, "field 'country'");
    }

    @ParameterizedTest
    @EnumSource(BatchMode.class)
    void aLoneSurrogateWhenSomeObjectsHaveTheirIds(BatchMode mode) {
        List<Member> batch = newMembers();
        batch.set(3, batch.get(3).withId(5_000L)); // explicit and new ids: the new ones are reserved first
        batch.set(BAD, batch.get(BAD).withHandle("h\uDC00"));
        refused(mode, batch, "field 'handle'");
    }

    @ParameterizedTest
    @EnumSource(BatchMode.class)
    void aStringIdWithANul(BatchMode mode) {
        TagDao tags = new TagDao(store);
        List<Tag> batch = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            batch.add(new Tag(i == BAD ? "a\0b" : "t" + i, "g", i, "label"));
        }
        SortedMap<String, String> before = snapshot();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> tags.saveAll(batch, mode));
        assertTrue(e.getMessage().contains("NUL"), e.getMessage());
        assertUnchanged(before);
        assertEquals(0, tags.count());
    }

    private void refused(BatchMode mode, List<Member> batch, String part) {
        SortedMap<String, String> before = snapshot();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> members.saveAll(batch, mode));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
        assertUnchanged(before);
        assertEquals(1, members.count());
    }

    private static List<Member> newMembers() {
        List<Member> batch = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            batch.add(new Member(null, "m" + i + "@x", "m" + i, "DE", 20 + i % 50, "M" + i));
        }
        return batch;
    }
}
