package dev.redao.runtime.internal;

import dev.redao.runtime.query.Query;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * The objects a DAO loaded with {@link Query#loadOnly}, and which fields each one holds, so that
 * saving such an object keeps the stored values of the fields it never had. Objects are known by
 * identity and held weakly: forgetting them costs nothing, and a copy (a record changed with a
 * new constructor call) is a new object, which saves whole.
 */
final class PartialObjects {
    private final Map<IdentityKey, boolean[]> loaded = new HashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    /** Read without the lock: most DAOs never load a partial object, and their saves skip the map. */
    private volatile boolean any;

    synchronized void remember(Object object, boolean[] fields) {
        expunge();
        loaded.put(new IdentityKey(object, collected), fields);
        any = true;
    }

    /** The fields {@code object} was loaded with, by position; null for a whole object. */
    boolean[] loadedFields(Object object) {
        if (!any) {
            return null;
        }
        synchronized (this) {
            expunge();
            return loaded.get(new IdentityKey(object, null));
        }
    }

    /** After a save: the saved object (the same, or a copy with its id or version) holds what the original held. */
    void copy(Object original, Object saved) {
        if (original != saved) {
            boolean[] fields = loadedFields(original);
            if (fields != null) {
                remember(saved, fields);
            }
        }
    }

    private void expunge() {
        for (Object gone; (gone = collected.poll()) != null; ) {
            loaded.remove(gone);
        }
    }

    private static final class IdentityKey extends WeakReference<Object> {
        private final int hash;

        IdentityKey(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof IdentityKey key)) {
                return false;
            }
            Object referent = get();
            return referent != null && referent == key.get();
        }
    }
}
