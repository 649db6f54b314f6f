package shop;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.tools.LuaPrograms;
import java.util.List;

class Fragment {
    static void run(RedisStore store, List<String> keys, List<String> args) {
        //@fragment
    }
}
