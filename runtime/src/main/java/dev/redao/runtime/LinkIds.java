package dev.redao.runtime;

/**
 * The composite ids of many-to-many link models: one id per pair, so a pair is linked at most
 * once. Generated link records call {@link #compose} from their {@code of} and {@code idOf}.
 */
public final class LinkIds {
    private LinkIds() {}

    /**
     * The two parts joined by ':', each with '%' escaped as "%25" and ':' as "%3A", so that
     * different pairs never give the same id.
     */
    public static String compose(String first, String second) {
        return escape(first) + ":" + escape(second);
    }

    private static String escape(String part) {
        return part.replace("%", "%25").replace(":", "%3A");
    }
}
