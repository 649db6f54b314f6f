package dev.redao.runtime;

/** Redis refused or failed a script; the message names the script and carries Redis's own words. */
public class ScriptException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String script;

    /**
     * A script that Redis refused or that failed.
     *
     * @param script the script's name
     * @param redisMessage Redis's own words
     * @param cause what failed underneath, or null
     */
    public ScriptException(String script, String redisMessage, Throwable cause) {
        super("script '" + script + "' failed: " + redisMessage, cause);
        this.script = script;
    }

    /** {@return the script's name} */
    public String script() {
        return script;
    }
}
