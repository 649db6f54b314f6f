package dev.redao.processor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of a Markdown page that the build compiles: every {@code ```java} block,
 * each either a whole compilation unit (it has a {@code package} line) or a fragment whose
 * context is declared on the line above it, {@code <!-- snippet: context=NAME -->}, or a block
 * that a user project compiles ({@link #CHECKED_BY}).
 * docs/contributing.md, "Code in the docs", is the user's guide to this.
 */
final class DocSnippets {
    static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*context=([A-Za-z0-9_-]+)\\s*-->\\s*$");
    /**
     * A block that a project under user-projects/ compiles and checks word for word (a
     * {@code module-info}, which a page's compilation cannot hold): {@code <!-- checked by user-projects/src/it/NAME -->}.
     */
    static final Pattern CHECKED_BY = Pattern.compile("^\\s*<!--\\s*checked by (user-projects/src/it/[A-Za-z0-9_-]+)\\s*-->\\s*$");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([A-Za-z0-9_+-]*)\\s*$");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed)\\s+)*(?:class|record|interface|enum|@interface)\\s+(\\w+)");
    private static final Pattern ANY_TYPE = Pattern.compile(
            "(?m)^(?:(?:public|final|abstract|sealed|non-sealed)\\s+)*(?:class|record|interface|enum|@interface)\\s+(\\w+)");

    private DocSnippets() {}

    /**
     * A {@code java} block of {@code page}: its text (the fence's indentation removed), the line of
     * its opening fence (1-based), and its context, null for a whole compilation unit.
     */
    record Block(String page, int fenceLine, String text, String context) {
        String where() {
            return page + ":" + fenceLine;
        }

        /** The Markdown line of the block's {@code n}-th line (1-based). */
        int pageLine(int n) {
            return fenceLine + n;
        }

        /** The qualified name of the type a whole unit declares, for its file name; null if none. */
        String qualifiedName() {
            Matcher type = PUBLIC_TYPE.matcher(text);
            if (!type.find()) {
                type = ANY_TYPE.matcher(text);
                if (!type.find()) {
                    return null;
                }
            }
            Matcher pkg = PACKAGE.matcher(text);
            return pkg.find() ? pkg.group(1) + "." + type.group(1) : type.group(1);
        }

        boolean isWholeUnit() {
            return context == null;
        }
    }

    /** What a page got wrong before anything is compiled: a block with no context and no package line, and the like. */
    record Parsed(List<Block> blocks, List<String> problems) {}

    static Parsed parse(String page, String markdown) {
        List<Block> blocks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String pendingContext = null;
        String checkedBy = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher checked = CHECKED_BY.matcher(line);
            if (checked.matches()) {
                checkedBy = checked.group(1);
                continue;
            }
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                pendingContext = marker.group(1);
                pendingLine = i + 1;
                continue;
            }
            if (line.trim().startsWith("````")) {
                // a longer fence shows Markdown that holds code blocks: its content is text, not code
                int close = i + 1;
                while (close < lines.length && !lines[close].trim().startsWith("````")) {
                    close++;
                }
                i = close;
                pendingContext = null;
                continue;
            }
            Matcher fence = FENCE.matcher(line);
            if (!fence.matches()) {
                if (!line.isBlank() && pendingContext != null) {
                    problems.add(page + ":" + pendingLine + ": a snippet marker must stand right above a ```java block");
                    pendingContext = null;
                }
                continue;
            }
            String indent = fence.group(1);
            String language = fence.group(2);
            int close = i + 1;
            while (close < lines.length && !lines[close].trim().equals("```")) {
                close++;
            }
            if (close == lines.length) {
                problems.add(page + ":" + (i + 1) + ": a code block is never closed");
                return new Parsed(blocks, problems);
            }
            StringBuilder text = new StringBuilder();
            for (int j = i + 1; j < close; j++) {
                String body = lines[j];
                text.append(body.startsWith(indent) ? body.substring(indent.length()) : body.stripLeading()).append('\n');
            }
            if (language.equals("java") && checkedBy != null) {
                if (!Files.isDirectory(Path.of("..", checkedBy))) {
                    problems.add(page + ":" + (i + 1) + ": checked by " + checkedBy + ", which does not exist");
                }
            } else if (language.equals("java")) {
                Block block = new Block(page, i + 1, text.toString(), pendingContext);
                if (block.text().isBlank()) {
                    problems.add(block.where() + ": an empty java block");
                } else if (block.isWholeUnit() && !PACKAGE.matcher(block.text()).find()) {
                    problems.add(block.where() + ": a java block must be a whole compilation unit, with its package"
                            + " line, or a fragment with <!-- snippet: context=NAME --> on the line above it");
                } else if (block.isWholeUnit() && block.qualifiedName() == null) {
                    problems.add(block.where() + ": a whole compilation unit that declares no type");
                } else {
                    blocks.add(block);
                }
            } else if (pendingContext != null) {
                problems.add(page + ":" + pendingLine + ": a snippet marker above a ```" + language + " block; only java is compiled");
            }
            pendingContext = null;
            checkedBy = null;
            i = close;
        }
        if (pendingContext != null) {
            problems.add(page + ":" + pendingLine + ": a snippet marker must stand right above a ```java block");
        }
        return new Parsed(blocks, problems);
    }
}
