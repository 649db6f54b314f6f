package shop;

import dev.redao.runtime.internal.ModelSchema;

/** A member of a generated DAO, as design.md shows it. */
class Fragment {
    //@fragment
}
