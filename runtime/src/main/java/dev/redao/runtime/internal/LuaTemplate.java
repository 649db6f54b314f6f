package dev.redao.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .lua} file that is written out once per model: Lua as it will run, with
 * {@code ${name}} placeholders, and directive lines that are Lua comments, so the file reads like
 * the script it produces:
 *
 * <pre>
 * --@each unique          repeats the lines up to the matching --@end for each item of a list
 * --@if version           keeps the lines up to --@else or --@end if the value is true
 * --@else
 * --@end
 * --@include read_old     the lines of the template read_old.lua beside this one, indented as
 *                         the directive is
 * </pre>
 *
 * <p>A placeholder names a value of the current item of an {@code --@each}, else of the model's
 * values: text and numbers as they are, lists for {@code --@each}, booleans for {@code --@if}. A
 * name without a value is an error, not an empty string, so a typo cannot go unnoticed.
 */
final class LuaTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final Pattern DIRECTIVE = Pattern.compile("^(\\s*)--@(each|if|else|end|include)\\b\\s*(\\S*)\\s*$");

    private final String folder;
    private final String name;
    private final List<String> lines;

    private LuaTemplate(String folder, String name) {
        this.folder = folder;
        this.name = name;
        this.lines = List.of(LuaSource.read(folder + name + ".lua").split("\n", -1));
    }

    /** The template {@code <folder><name>.lua} under the Lua sources (see {@link LuaSource}). */
    static LuaTemplate of(String folder, String name) {
        return new LuaTemplate(folder, name);
    }

    /** The Lua for these values, comments and all (see {@link LuaSource#withoutComments}). */
    String render(Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        render(0, lines.size(), List.of(values), "", out);
        return out.toString();
    }

    /** Renders lines [from, to) and returns nothing; each block's end is found by matching depth. */
    private void render(int from, int to, List<Map<String, ?>> scopes, String indent, StringBuilder out) {
        int i = from;
        while (i < to) {
            String line = lines.get(i);
            Matcher d = DIRECTIVE.matcher(line);
            if (!d.matches()) {
                if (i < lines.size() - 1 || !line.isEmpty()) {
                    out.append(indent).append(fill(line, scopes, i)).append('\n');
                }
                i++;
                continue;
            }
            String kind = d.group(2);
            String arg = d.group(3);
            switch (kind) {
                case "include" -> {
                    LuaTemplate part = new LuaTemplate(folder, arg);
                    part.render(0, part.lines.size(), scopes, indent + d.group(1), out);
                    i++;
                }
                case "each" -> {
                    int end = end(i, to, false);
                    for (Object item : list(lookup(arg, scopes, i))) {
                        List<Map<String, ?>> inner = new ArrayList<>(scopes.size() + 1);
                        inner.add((Map<String, ?>) item);
                        inner.addAll(scopes);
                        render(i + 1, end, inner, indent, out);
                    }
                    i = end + 1;
                }
                case "if" -> {
                    int otherwise = end(i, to, true);
                    int end = lines.get(otherwise).strip().equals("--@else") ? end(otherwise, to, false) : otherwise;
                    if (truth(lookup(arg, scopes, i))) {
                        render(i + 1, otherwise, scopes, indent, out);
                    } else if (otherwise != end) {
                        render(otherwise + 1, end, scopes, indent, out);
                    }
                    i = end + 1;
                }
                default -> throw error(i, "--@" + kind + " without an opening --@each or --@if");
            }
        }
    }

    /** The line of the directive that closes the block opened at {@code open} (or its --@else). */
    private int end(int open, int to, boolean stopAtElse) {
        int depth = 0;
        for (int i = open + 1; i < to; i++) {
            Matcher d = DIRECTIVE.matcher(lines.get(i));
            if (!d.matches()) {
                continue;
            }
            switch (d.group(2)) {
                case "each", "if" -> depth++;
                case "else" -> {
                    if (depth == 0 && stopAtElse) {
                        return i;
                    }
                }
                case "end" -> {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
                default -> { }
            }
        }
        throw error(open, "block without its --@end");
    }

    private String fill(String line, List<Map<String, ?>> scopes, int at) {
        Matcher m = PLACEHOLDER.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = lookup(m.group(1), scopes, at);
            if (value instanceof List<?> || value instanceof Map<?, ?>) {
                throw error(at, "${" + m.group(1) + "} is a list, not text");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Object lookup(String key, List<Map<String, ?>> scopes, int at) {
        for (Map<String, ?> scope : scopes) {
            if (scope.containsKey(key)) {
                return scope.get(key);
            }
        }
        throw error(at, "no value for '" + key + "'");
    }

    private List<?> list(Object value) {
        return (List<?>) value;
    }

    private static boolean truth(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof List<?> l) {
            return !l.isEmpty();
        }
        return value != null && !String.valueOf(value).isEmpty();
    }

    private IllegalStateException error(int line, String what) {
        return new IllegalStateException(folder + name + ".lua:" + (line + 1) + ": " + what);
    }
}
