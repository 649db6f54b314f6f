package dev.redao.it.expiry;

import dev.redao.annotations.Id;
import dev.redao.annotations.Indexed;
import dev.redao.annotations.Model;
import dev.redao.annotations.Version;

/** Expires only when a save or expire gives it a time to live; string ids and a version. */
@Model(name = "cache", expiring = true)
public record CacheEntry(@Id String key, @Indexed String kind, String value, @Version long version) {
    public CacheEntry withValue(String v) {
        return new CacheEntry(key, kind, v, version);
    }
}
