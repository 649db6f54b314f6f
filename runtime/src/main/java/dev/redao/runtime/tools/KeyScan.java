package dev.redao.runtime.tools;

import java.util.List;
import java.util.function.Consumer;
import redis.clients.jedis.commands.KeyBinaryCommands;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The SCAN loop behind pattern counts, pattern deletes and model statistics. SCAN, never KEYS:
 * KEYS walks the whole database in one command and blocks every other client meanwhile.
 *
 * <p>SCAN's contract: a key present for the whole iteration is returned at least once, a key
 * created or deleted meanwhile may or may not be, and a key may be returned twice (when Redis
 * shrinks its table between two calls). Callers that count must deduplicate.
 */
final class KeyScan {
    /** Keys the server examines per call: large enough for few round trips, small enough that one call stays short. */
    static final int COUNT = 1000;

    private KeyScan() {}

    /** Hands every page of keys matching {@code match} (a glob) to {@code page}, until the cursor is back at 0. */
    static void forEachPage(KeyBinaryCommands jedis, byte[] match, Consumer<List<byte[]>> page) {
        ScanParams params = new ScanParams().match(match).count(COUNT);
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        do {
            ScanResult<byte[]> result = jedis.scan(cursor, params);
            if (!result.getResult().isEmpty()) {
                page.accept(result.getResult());
            }
            cursor = result.getCursorAsBytes();
        } while (!isStart(cursor));
    }

    /** Cursor 0 both starts and ends an iteration. */
    private static boolean isStart(byte[] cursor) {
        return cursor.length == 1 && cursor[0] == '0';
    }
}
