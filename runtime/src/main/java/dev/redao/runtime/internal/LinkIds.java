package dev.redao.runtime.internal;

/**
 * The composite id of a generated many-to-many link object: both ids joined by ':', each with
 * '%' and ':' escaped ("%25", "%3A"), so that two different pairs never give the same id, even
 * for String ids that contain ':'.
 */
public final class LinkIds {
    private LinkIds() {}

    public static String compose(String from, String to) {
        return escape(from) + ':' + escape(to);
    }

    private static String escape(String part) {
        return part.replace("%", "%25").replace(":", "%3A");
    }
}
