package dev.redao.it.structure;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.runtime.structure.RedisList;

/** An expiring model with a structure field: the structure goes with the object when it is purged. */
@Model(name = "browse", ttl = "PT1H")
public record Browse(@Id String id, String who, RedisList<String> pages) {

    public Browse(String id, String who) {
        this(id, who, null);
    }
}
