package dev.redao.processor.write;

/** Java source literals that JavaPoet does not write the way generated code needs them. */
final class JavaLiterals {
    private JavaLiterals() {}

    /** A string literal on one line, with every character that needs it escaped. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + value.length() / 8 + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
