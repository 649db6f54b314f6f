package dev.redao.runtime.internal;

/**
 * Every script of one model, built from its {@link ModelSchema} by {@link ModelLua}.
 *
 * @param writeModule the model's part of write calls of several objects or models (see {@link WriteScripts})
 * @param saveOne the straight-line save of one object
 * @param insertOne the straight-line save of one new object with every field; null where new
 *     objects need saveOne (see {@link SingleObjectLua#insert})
 * @param replaceOne the straight-line save of one object by its id with every field; null where
 *     such saves need saveOne (see {@link SingleObjectLua#replace})
 * @param insertMany the save of many new objects with every field, in one model's write call;
 *     null where the model's new objects need the write module (see {@link ModelLua#scripts})
 * @param deleteOne the straight-line delete of one object; null when deletes follow references
 * @param load reads objects by id
 * @param loadByUnique reads the object holding a unique value
 * @param query runs a query program, reading only
 * @param queryDelete the query script with its delete operation, run as a write
 * @param expire sets or drops an expiring model's deadline of one object; null for a model whose objects do not expire
 * @param timeToLive the same text, run as a read-only script: what an object has left
 */
record ModelScripts(String writeModule, Script saveOne, Script insertOne, Script replaceOne, Script insertMany, Script deleteOne, Script load, Script loadByUnique,
                    Script query, Script queryDelete, Script expire, Script timeToLive) {
    static ModelScripts of(ModelSchema<?> model) {
        return ModelLua.scripts(model);
    }
}
