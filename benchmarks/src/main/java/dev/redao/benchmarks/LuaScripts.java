package dev.redao.benchmarks;

import dev.redao.runtime.internal.ModelAudit;
import dev.redao.runtime.internal.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark model's write scripts (and its audit's), as the runtime builds them, to
 * {@code benchmarks/target/lua/} for {@code benchmarks/lua/cost.lua}, which times their pure Lua
 * in a standalone interpreter.
 */
public final class LuaScripts {
    private LuaScripts() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/lua");
        Files.createDirectories(out);
        Files.writeString(out.resolve("user.save.lua"), UserDao.SCHEMA.saveOne().source());
        Files.writeString(out.resolve("user.insert.lua"), UserDao.SCHEMA.insertOne().source());
        Files.writeString(out.resolve("user.replace.lua"), UserDao.SCHEMA.replaceOne().source());
        Files.writeString(out.resolve("user.delete.lua"), UserDao.SCHEMA.deleteOne().source());
        Files.writeString(out.resolve("user.insert-many.lua"), UserDao.SCHEMA.insertMany().source());
        Files.writeString(out.resolve("user.write-module.lua"), UserDao.SCHEMA.writeModule());
        Files.writeString(out.resolve("user.query.lua"), UserDao.SCHEMA.query().source());
        for (Script script : ModelAudit.scripts(UserDao.SCHEMA)) { // audit() and repair(): user.auditScan.lua, ...
            Files.writeString(out.resolve(script.name() + ".lua"), script.source());
        }
        System.out.println("wrote " + out.toAbsolutePath() + "/user.save.lua, user.insert.lua, user.replace.lua, user.delete.lua, user.insert-many.lua, user.write-module.lua,"
                + " user.query.lua and the audit's scripts");
    }
}
