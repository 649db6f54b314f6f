package shop;

import static dev.redao.runtime.internal.ModelSchema.FieldOption.PREFIX_INDEX;
import static dev.redao.runtime.internal.ModelSchema.FieldOption.SET_INDEX;
import static dev.redao.runtime.internal.ModelSchema.FieldOption.SORTED_INDEX;
import static dev.redao.runtime.internal.ModelSchema.FieldOption.UNIQUE;

import dev.redao.runtime.internal.IdType;
import dev.redao.runtime.internal.ModelSchema;

/** A member of a generated DAO, as design.md shows it. */
class Fragment {
    //@fragment
}
