package shop;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.tools.Keyspace;
import dev.redao.runtime.tools.ModelStats;
import dev.redao.runtime.tools.Pipeline;
import dev.redao.runtime.tools.RedisInfo;
import dev.redao.runtime.tools.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.params.SetParams;

/** The tools page's statements: a store in namespace "shop", and a Customer model. */
class Fragment {
    static void run(RedisStore store, CustomerDao customers, List<String> expiredSessions, double now) {
        //@fragment
    }
}
