package dev.redao.runtime.internal;

/**
 * Every script of one model, built from its {@link ModelSchema} by {@link ModelLua}.
 *
 * @param writeModule the model's part of write calls of several objects or models (see {@link WriteScripts})
 * @param saveOne the straight-line save of one object
 * @param deleteOne the straight-line delete of one object; null when deletes follow references
 * @param load reads objects by id
 * @param loadByUnique reads the object holding a unique value
 * @param query runs a query program
 */
record ModelScripts(String writeModule, Script saveOne, Script deleteOne, Script load, Script loadByUnique, Script query) {
    static ModelScripts of(ModelSchema<?> model) {
        return ModelLua.scripts(model);
    }
}
