package dev.redao.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the runtime logs through SLF4J, which this module binds to java.util.logging
 * (slf4j-jdk14), so tests can assert that something was logged.
 */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final boolean parentHandlers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
            for (Waiter w : waiters) {
                if (record.getLevel().intValue() >= w.level.intValue() && String.valueOf(record.getMessage()).contains(w.fragment)) {
                    w.latch.countDown();
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private record Waiter(Level level, String fragment, CountDownLatch latch) {}

    /** Captures the logger's records, and keeps them off the console. */
    LogCapture(String loggerName) {
        // a strong reference: java.util.logging holds loggers weakly
        this.logger = Logger.getLogger(loggerName);
        this.parentHandlers = logger.getUseParentHandlers();
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    /** Waits up to 10 s for a record of at least {@code level} whose message contains {@code fragment}. */
    boolean await(Level level, String fragment) throws InterruptedException {
        Waiter w = new Waiter(level, fragment, new CountDownLatch(1));
        waiters.add(w);
        if (records.stream().anyMatch(r -> r.getLevel().intValue() >= level.intValue()
                && String.valueOf(r.getMessage()).contains(fragment))) {
            return true;
        }
        return w.latch.await(10, TimeUnit.SECONDS);
    }

    List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentHandlers);
    }
}
