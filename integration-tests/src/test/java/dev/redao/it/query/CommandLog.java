package dev.redao.it.query;

import static org.junit.jupiter.api.Assertions.fail;

import dev.redao.testsupport.LocalRedis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;

/**
 * What clients send to one Redis server, seen through MONITOR: commands that scripts run are
 * tagged {@code [<db> lua]} there and left out, so {@link #clientCommands()} lists exactly the
 * round trips. A marker ECHO from a connection of our own delimits each window, so nothing is
 * waited for by time.
 */
final class CommandLog implements AutoCloseable {
    private final Jedis monitor;
    private final Jedis control;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private long markers;

    CommandLog(LocalRedis redis) {
        monitor = new Jedis(redis.host(), redis.port());
        control = new Jedis(redis.host(), redis.port());
        CountDownLatch started = new CountDownLatch(1);
        reader = new Thread(() -> {
            try {
                monitor.monitor(new JedisMonitor() {
                    @Override
                    public void proceed(Connection client) {
                        started.countDown(); // MONITOR has answered OK: the server now reports to us
                        super.proceed(client);
                    }

                    @Override
                    public void onCommand(String command) {
                        lines.add(command);
                    }
                });
            } catch (RuntimeException closed) {
                // the connection was closed: the log is over
            } finally {
                started.countDown();
            }
        }, "redis-monitor");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!started.await(30, TimeUnit.SECONDS)) {
                fail("MONITOR did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        clientCommands();
    }

    /** The commands clients sent since the previous call (or since the log started), oldest first. */
    List<String> clientCommands() {
        String marker = "redao-query-marker-" + (++markers);
        control.echo(marker);
        List<String> out = new ArrayList<>();
        while (true) {
            String line;
            try {
                line = lines.poll(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (line == null) {
                fail("MONITOR never showed marker " + marker + "; got " + out);
            }
            if (line.contains("\"" + marker + "\"")) {
                return out;
            }
            if (!line.contains(" lua]")) {
                out.add(line);
            }
        }
    }

    /** The command names (lower case) of MONITOR lines. */
    static List<String> names(List<String> commands) {
        List<String> out = new ArrayList<>();
        for (String line : commands) {
            int start = line.indexOf("] \"") + 3;
            out.add(line.substring(start, line.indexOf('"', start)).toLowerCase());
        }
        return out;
    }

    /** {@code INFO commandstats} as command -> calls. */
    Map<String, Long> commandCalls() {
        Map<String, Long> calls = new HashMap<>();
        for (String line : control.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                int start = line.indexOf("calls=") + "calls=".length();
                calls.put(name, Long.parseLong(line.substring(start, line.indexOf(',', start))));
            }
        }
        return calls;
    }

    @Override
    public void close() {
        control.close();
        monitor.close();
    }
}
