package dev.redao.runtime.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A Lua script and its SHA-1, computed here once. A store sends the text on its first call of the
 * script and the SHA-1 after that (see {@link StoreConnection#eval}).
 */
public final class Script {
    private final String name;
    private final byte[] text;
    private final byte[] sha;
    private final String sha1;
    private final boolean writes;
    private final boolean readOnly;

    private Script(String name, String text, boolean writes, boolean readOnly) {
        this.name = name;
        this.writes = writes;
        this.readOnly = readOnly;
        this.text = text.getBytes(StandardCharsets.UTF_8);
        this.sha = sha1Hex(this.text);
        this.sha1 = new String(sha, StandardCharsets.US_ASCII);
    }

    /** @param name what error messages call the script, for example {@code user.save} */
    public static Script of(String name, String text) {
        return new Script(name, text, true, false);
    }

    /**
     * A script that only reads: a {@code wait} of the connection string does not apply to it, and
     * with {@code readFrom=replica} it runs on a replica (as EVALSHA_RO).
     */
    public static Script reading(String name, String text) {
        return new Script(name, text, false, true);
    }

    /**
     * A script that writes nothing but must run on the master of its keys, never on a replica:
     * one that walks a cursor (a SCAN cursor means nothing on another server), or whose reply
     * decides a write that follows. It does not wait for replicas under {@code wait}.
     */
    public static Script onMaster(String name, String text) {
        return new Script(name, text, false, false);
    }

    /** Whether the script may write (and so waits for replicas under the connection string's {@code wait}). */
    public boolean writes() {
        return writes;
    }

    /** Whether the script writes nothing at all, so that a replica may run it. */
    public boolean readOnly() {
        return readOnly;
    }

    public String name() {
        return name;
    }

    byte[] text() {
        return text;
    }

    /** The Lua text, as sent to Redis. */
    public String source() {
        return new String(text, StandardCharsets.UTF_8);
    }

    byte[] sha() {
        return sha;
    }

    /** The SHA-1 in hex, as SCRIPT EXISTS and EVALSHA know it. */
    public String sha1() {
        return sha1;
    }

    private static byte[] sha1Hex(byte[] text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text);
            byte[] hex = new byte[digest.length * 2];
            for (int i = 0; i < digest.length; i++) {
                hex[2 * i] = (byte) Character.forDigit((digest[i] >> 4) & 0xf, 16);
                hex[2 * i + 1] = (byte) Character.forDigit(digest[i] & 0xf, 16);
            }
            return hex;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
