package dev.redao.it.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.redao.it.RedisTestSupport;
import dev.redao.runtime.internal.LuaSource;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim script of a partitioned model's unique values (unique/claim.lua), step by step: a
 * caller that found the holder of a value without it, by a read made before the script ran,
 * removes nothing at once. It sets its claim (a fence, which keeps the holder from taking the
 * value back), reads the holder again, and only then removes the holder's entry or claim, or
 * backs off. Without the fence, a holder that took the value back between the caller's read and
 * its claim would lose its entry, and both objects would hold the value.
 */
class ClaimFenceTest extends RedisTestSupport {
    private static final String CLAIM_SCRIPT = LuaSource.script("claim", "unique/common.lua", "unique/claim.lua").source();

    private String uni;
    private String claimKey;

    @BeforeEach
    void keyNames() {
        uni = nsKey("{fence}:uni:email");
        claimKey = nsKey("{fence}:claim:email:v");
    }

    /** claim.lua for object {@code id} taking value v, having read {@code checked} (with or without v, fenced or not). */
    private List<String> claim(String id, String checked, boolean has, boolean fenced) {
        return claim(id, checked, "", has, fenced);
    }

    /** As {@link #claim(String, String, boolean, boolean)}, {@code checked} read under the claim {@code checkedClaim}. */
    private List<String> claim(String id, String checked, String checkedClaim, boolean has, boolean fenced) {
        @SuppressWarnings("unchecked")
        List<Object> reply = (List<Object>) raw(jedis -> jedis.eval(CLAIM_SCRIPT, List.of(uni, claimKey),
                List.of(id, "v", "5000", "5000", checked, has ? "1" : "0", fenced ? "1" : "0", "1" + id, checkedClaim)));
        return reply.stream().map(String::valueOf).toList();
    }

    private String claimHolder() {
        String claim = raw(jedis -> jedis.get(claimKey));
        return claim == null ? null : claim.substring(0, claim.indexOf(' '));
    }

    @Test
    void aStaleReadOfTheEntrysHolderFencesAndTheHolderKeepsTheValueItTookBack() {
        raw(jedis -> jedis.hset(uni, "v", "7"));
        // object 9 read 7 without v, but 7 has taken v back since: nothing of 7's goes yet
        assertEquals(List.of("fenced", "7"), claim("9", "7", false, false));
        assertEquals("7", raw(jedis -> jedis.hget(uni, "v")));
        assertEquals("9", claimHolder());
        // while the fence stands, no other object takes the value, 7 included
        assertEquals(List.of("taken", "9"), claim("7", "", false, false));
        assertEquals(List.of("taken", "9"), claim("8", "", false, false));
        // 9 reads 7 again, with the fence standing: 7 has v, so 9 backs off and its fence goes
        assertEquals(List.of("taken", "7"), claim("9", "7", true, true));
        assertEquals("7", raw(jedis -> jedis.hget(uni, "v")));
        assertNull(claimHolder());
    }

    @Test
    void aStaleEntryGoesOnlyOnceItsHolderIsReadAgainBehindTheFence() {
        raw(jedis -> jedis.hset(uni, "v", "7"));
        assertEquals(List.of("fenced", "7"), claim("9", "7", false, false));
        assertEquals("claimed", claim("9", "7", false, true).get(0));
        assertNull(raw(jedis -> jedis.hget(uni, "v")));
        assertEquals("9", claimHolder());
    }

    @Test
    void aClaimPastItsDeadlineIsFencedOverAndAWriteItsObjectMadeIsConfirmed() {
        raw(jedis -> jedis.set(claimKey, "7 1000 17")); // long past its deadline and grace
        assertEquals(List.of("check", "7", "7 1000 17"), claim("9", "", false, false));
        assertEquals(List.of("fenced", "7"), claim("9", "7", "7 1000 17", false, false));
        assertEquals("9", claimHolder());
        // read again behind the fence, 7 has v (it wrote it before its deadline): 7's entry, no claim
        assertEquals(List.of("taken", "7"), claim("9", "7", true, true));
        assertEquals("7", raw(jedis -> jedis.hget(uni, "v")));
        assertNull(claimHolder());
    }

    @Test
    void aClaimPastItsDeadlineWhoseObjectNeverWroteIsReplaced() {
        raw(jedis -> jedis.set(claimKey, "7 1000 17"));
        assertEquals(List.of("fenced", "7"), claim("9", "7", "7 1000 17", false, false));
        assertEquals("claimed", claim("9", "7", false, true).get(0));
        assertNull(raw(jedis -> jedis.hget(uni, "v")));
        assertEquals("9", claimHolder());
    }

    /**
     * A read of a claim's object answers for that claim only. Object 9 found 7's claim past its
     * deadline and read 7 with v; 7 then changed v and its release replaced the claim by its mark
     * (release.lua). Confirming 7's entry on 9's read would leave an entry for an object without v
     * and remove the mark that settles it: 9 is sent to read 7 again instead.
     */
    @Test
    void aHolderReadUnderAClaimThatWasReplacedSinceIsReadAgain() {
        raw(jedis -> jedis.set(claimKey, "7 1000 17"));
        assertEquals(List.of("check", "7", "7 1000 17"), claim("9", "", false, false));
        raw(jedis -> jedis.set(claimKey, "7 2000 0")); // 7 wrote another value and released v
        assertEquals(List.of("check", "7", "7 2000 0"), claim("9", "7", "7 1000 17", true, false));
        assertNull(raw(jedis -> jedis.hget(uni, "v")));
        assertEquals("7 2000 0", raw(jedis -> jedis.get(claimKey)), "the mark stays for its settle");
        // read again under the mark, 7 has no v: 9 fences, reads 7 once more, and takes v
        assertEquals(List.of("fenced", "7"), claim("9", "7", "7 2000 0", false, false));
        assertEquals("claimed", claim("9", "7", false, true).get(0));
        assertNull(raw(jedis -> jedis.hget(uni, "v")));
        assertEquals("9", claimHolder());
    }
}
