package dev.redao.runtime.tools;

import dev.redao.runtime.RedaoException;
import java.util.List;

/** No Lua program of that name was found on the class path; the message lists the names that were. */
public class UnknownLuaProgramException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final List<String> known;

    /**
     * A program name that no {@code .lua} file has.
     *
     * @param name the name asked for
     * @param known the names that were found
     */
    public UnknownLuaProgramException(String name, List<String> known) {
        super("no Lua program named '" + name + "' (a file lua/" + name.replace('.', '/') + ".lua on the class path);"
                + (known.isEmpty() ? " none were found" : " known: " + String.join(", ", known)));
        this.name = name;
        this.known = List.copyOf(known);
    }

    /** {@return the name asked for} */
    public String name() {
        return name;
    }

    /** {@return the names that were found, sorted} */
    public List<String> known() {
        return known;
    }
}
