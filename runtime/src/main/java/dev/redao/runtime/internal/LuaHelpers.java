package dev.redao.runtime.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks, from Lua text of top-level helper definitions, the ones a script body uses, directly or
 * through another helper. Every {@code local function} runs as a closure built on each call of
 * the script, so a short script pays for each helper it carries whether it calls it or not.
 */
final class LuaHelpers {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A Lua string literal, whose words name nothing. */
    private static final Pattern STRING = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    /** A top-level definition: {@code local function name(} or {@code local name[, name] =}. */
    private static final Pattern DEFINITION = Pattern.compile("^local (?:function )?([A-Za-z_][A-Za-z0-9_, ]*?)\\s*[=(]");

    private LuaHelpers() {}

    /**
     * @param helpers definitions without comments (see {@link LuaSource#withoutComments}), each
     *     starting on a line of its own at column 0, each using only definitions above it
     * @return the definitions {@code body} needs, in their order
     */
    static String usedBy(String body, String helpers) {
        List<String> chunks = new ArrayList<>();
        List<Set<String>> defines = new ArrayList<>();
        for (String line : helpers.split("\n")) {
            Matcher d = DEFINITION.matcher(line);
            if (d.find() || chunks.isEmpty()) {
                chunks.add("");
                Set<String> names = new HashSet<>();
                if (d.find(0)) {
                    for (String name : d.group(1).split(",")) {
                        names.add(name.strip());
                    }
                }
                defines.add(names);
            }
            int last = chunks.size() - 1;
            chunks.set(last, chunks.get(last) + line + "\n");
        }
        Set<String> needed = words(body);
        boolean[] keep = new boolean[chunks.size()];
        for (int i = chunks.size() - 1; i >= 0; i--) {
            for (String name : defines.get(i)) {
                if (needed.contains(name)) {
                    keep[i] = true;
                    needed.addAll(words(chunks.get(i)));
                    break;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < chunks.size(); i++) {
            if (keep[i]) {
                out.append(chunks.get(i));
            }
        }
        return out.toString();
    }

    private static Set<String> words(String lua) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(STRING.matcher(lua).replaceAll("''"));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
