package dev.redao.runtime.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the text of Redis's INFO reply. */
public final class ServerInfo {
    private ServerInfo() {}

    /** {@code name:value} lines into a map, in the server's order; section headers are skipped. */
    public static Map<String, String> parse(String info) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return values;
    }

    /** Compares dotted version numbers part by part ("7.0.15" > "6.2"). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? leadingNumber(x[i]) : 0;
            int yi = i < y.length ? leadingNumber(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    private static int leadingNumber(String part) {
        int end = 0;
        while (end < part.length() && Character.isDigit(part.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(part.substring(0, end));
    }
}
