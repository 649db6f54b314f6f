package dev.redao.runtime;

/** Redis refused or failed a script; the message names the script and carries Redis's own words. */
public class ScriptException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String script;

    public ScriptException(String script, String redisMessage, Throwable cause) {
        super("script '" + script + "' failed: " + redisMessage, cause);
        this.script = script;
    }

    public String script() {
        return script;
    }
}
