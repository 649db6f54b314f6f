package dev.redao.benchmarks;

import dev.redao.runtime.RedaoException;
import dev.redao.runtime.RedisStore;
import dev.redao.testsupport.LocalRedis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;

/**
 * How long a call takes to fail, as a multiple of the connection string's {@code timeout}, where
 * the timeout must bound it (issue 14, item 4): a call on a server that stopped answering (SIGSTOP:
 * connections are accepted, nothing is answered), the first on a pooled connection and later ones;
 * connecting to such a server; and a call that finds every pooled connection in use. Each is timed
 * {@code rounds} times on a server of its own; the report gives the median and range per case.
 *
 * <p>{@code mvn -B -pl benchmarks -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.redao.benchmarks.TimeoutBounds -Dexec.args="1 5"} (timeout in seconds, rounds).
 */
public final class TimeoutBounds {
    private TimeoutBounds() {}

    public static void main(String[] args) throws Exception {
        double timeout = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Long> first = new ArrayList<>();
        List<Long> later = new ArrayList<>();
        List<Long> connect = new ArrayList<>();
        List<Long> poolWait = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            try (LocalRedis redis = LocalRedis.startOwn()) {
                String url = redis.url() + "?timeout=" + timeout;
                try (RedisStore store = RedisStore.connect(url + "&pool=1")) {
                    store.execute(jedis -> jedis.set("k", "v"));
                    poolWait.add(whileBusy(redis, store, s -> s.execute(jedis -> jedis.get("k"))));
                    long pid = Long.parseLong(store.<String>execute(jedis -> jedis.info("server")).lines()
                            .filter(l -> l.startsWith("process_id:")).findFirst().orElseThrow().substring(11).strip());
                    signal("STOP", pid);
                    try {
                        first.add(failing(() -> store.execute(jedis -> jedis.get("k"))));
                        later.add(failing(() -> store.execute(jedis -> jedis.get("k"))));
                        connect.add(failing(() -> RedisStore.connect(url).close()));
                    } finally {
                        signal("CONT", pid);
                    }
                }
            }
        }
        long t = Math.round(timeout * 1000);
        System.out.printf("timeout %d ms, %d rounds: how long a call took to fail, as a multiple of the timeout%n", t, rounds);
        report("first call on a stopped server", first, t);
        report("later call on a stopped server", later, t);
        report("connect to a stopped server", connect, t);
        report("call while the pool's connections are in use", poolWait, t);
    }

    /** The time a call takes while another holds the pool's only connection with a blocking command. */
    private static long whileBusy(LocalRedis redis, RedisStore store, Consumer<RedisStore> call) throws Exception {
        CompletableFuture<Object> holder = new CompletableFuture<>();
        Thread t = new Thread(() -> holder.complete(store.execute(jedis -> jedis.blpop(30, "bounds:waiting"))));
        t.start();
        try (Jedis admin = new Jedis(redis.host(), redis.port())) {
            while (!admin.clientList().contains("cmd=blpop")) {
                Thread.onSpinWait();
            }
            long took = failing(() -> call.accept(store));
            admin.rpush("bounds:waiting", "done");
            holder.get();
            return took;
        }
    }

    private static long failing(Runnable call) {
        long start = System.nanoTime();
        try {
            call.run();
        } catch (RedaoException expected) {
            return (System.nanoTime() - start) / 1_000_000;
        }
        throw new IllegalStateException("the call did not fail");
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    }

    private static void report(String what, List<Long> millis, long timeout) {
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("  %-48s median %.2f× (%.2f–%.2f×)%n", what, (double) sorted.get(sorted.size() / 2) / timeout,
                (double) sorted.get(0) / timeout, (double) sorted.get(sorted.size() - 1) / timeout);
    }
}
