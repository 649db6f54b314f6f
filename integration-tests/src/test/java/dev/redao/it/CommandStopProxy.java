package dev.redao.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of one Redis server that stops its clients at a chosen command, so that a
 * test can kill a client process at an exact step of a protocol of round trips: either
 * {@linkplain Stop#BEFORE before} Redis sees the command, or {@linkplain Stop#AFTER after} Redis ran
 * it but before the client reads the reply, then kill it or let it go on. Commands before it pass
 * through untouched.
 *
 * <p>It reads the clients' commands as RESP arrays (what Jedis sends) and counts those that do the
 * client's work (every command but the connection's own setup: HELLO, AUTH, CLIENT, INFO, PING,
 * SELECT, READONLY) from the moment it is {@linkplain #arm armed}. A synchronous client has no
 * reply outstanding when it sends a command, so every byte Redis sends after a held command is
 * that command's reply.
 */
public final class CommandStopProxy implements AutoCloseable {
    /** Where a client is stopped: before its command reaches Redis, or after Redis ran it. */
    public enum Stop { BEFORE, AFTER }

    private final String serverHost;
    private final int serverPort;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger commands = new AtomicInteger();
    private volatile int armedAt = -1;
    private volatile Stop armedWhere;
    private volatile CountDownLatch stopped = new CountDownLatch(1);
    private volatile CountDownLatch resumed = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    /** The connection whose replies are held, once a client is stopped after its command. */
    private volatile Connection held;

    public CommandStopProxy(String serverHost, int serverPort) throws IOException {
        this.serverHost = serverHost;
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on, stops the client at its {@code command}-th command (from 1), at {@code where}. */
    public void arm(int command, Stop where) {
        stopped = new CountDownLatch(1);
        resumed = new CountDownLatch(1);
        armedWhere = where;
        held = null;
        commands.set(0);
        armedAt = command;
    }

    /**
     * Lets a stopped client go on: its held command reaches Redis ({@link Stop#BEFORE}), or its
     * held reply reaches it ({@link Stop#AFTER}), and the proxy passes everything through again
     * until it is armed anew.
     */
    public void resume() {
        armedAt = -1;
        resumed.countDown();
    }

    /**
     * Cuts the connection of a client stopped {@linkplain Stop#AFTER after} its command: the client
     * loses it before the reply, though Redis ran the command, as when a connection drops or times
     * out at that moment. The proxy then passes everything through again, new connections
     * included, until it is armed anew.
     */
    public void cut() throws IOException {
        armedAt = -1;
        Connection c = held;
        if (c != null) {
            c.client.close();
            c.server.close();
        }
        resumed.countDown(); // the reply pump finds its client gone and ends
    }

    /** Whether a client was stopped as armed within the time given. */
    public boolean awaitStop(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }

    /** The commands seen since the proxy was armed. */
    public int commandsSinceArmed() {
        return commands.get();
    }

    /**
     * Waits until the proxy has seen {@code count} commands since it was armed, or for
     * {@code millis}; returns the commands seen.
     */
    public int awaitCommands(int count, long millis) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (commands) {
            long left;
            while (commands.get() < count && (left = until - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(commands, left);
            }
            return commands.get();
        }
    }

    /** Counts a command that does the client's work; returns its number since the proxy was armed. */
    private int counted() {
        synchronized (commands) {
            int n = commands.incrementAndGet();
            commands.notifyAll();
            return n;
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(serverHost, serverPort);
                sockets.add(client);
                sockets.add(server);
                Connection c = new Connection(client, server);
                start(c::pumpCommands, "proxy-commands");
                start(c::pumpReplies, "proxy-replies");
            } catch (IOException closed) {
                return;
            }
        }
    }

    /**
     * Waits for {@link #resume} (true) or {@link #close} (false). A stopped connection stays open
     * meanwhile, neither closed nor answered: a client that saw its connection close would handle
     * the failure, and a test may mean to kill it unwarned.
     */
    private boolean awaitResume(CountDownLatch go) {
        try {
            while (closed.getCount() > 0) {
                if (go.await(50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static void start(Runnable pump, String name) {
        Thread t = new Thread(pump, name);
        t.setDaemon(true);
        t.start();
    }

    /** One client's connection and the server connection it goes through. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private volatile boolean holdReplies;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pumpCommands() {
            try (InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream out = server.getOutputStream()) {
                while (true) {
                    Command command = Command.read(in);
                    if (command == null) {
                        return;
                    }
                    if (command.isStep() && counted() == armedAt) {
                        if (armedWhere == Stop.BEFORE) {
                            CountDownLatch go = resumed; // this stop's, never a later arming's
                            stopped.countDown();
                            if (!awaitResume(go)) {
                                return; // the command never reaches Redis, and the client waits for its reply until it is killed
                            }
                        } else {
                            holdReplies = true;
                            held = this;
                        }
                    }
                    out.write(command.bytes());
                    out.flush();
                }
            } catch (IOException closed) {
                // the client or the server went away
            }
        }

        void pumpReplies() {
            byte[] buffer = new byte[8192];
            try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (holdReplies) {
                        // Redis ran the command; its reply reaches the client only if the test
                        // resumes it, else the client waits until it is killed
                        stopped.countDown();
                        if (!awaitResume(resumed)) {
                            return;
                        }
                        holdReplies = false;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // the client or the server went away
            }
        }
    }

    /** A command as a client sent it: a RESP array of bulk strings, its bytes kept as they came. */
    private record Command(String name, byte[] bytes) {
        private static final Set<String> CONNECTION_SETUP = Set.of("HELLO", "AUTH", "CLIENT", "INFO", "PING", "SELECT", "READONLY");

        /** Whether the command does the client's work, rather than set up its connection. */
        boolean isStep() {
            return !CONNECTION_SETUP.contains(name);
        }

        /** The next command, or null at the end of the stream. */
        static Command read(InputStream in) throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            String header = line(in, raw);
            if (header == null) {
                return null;
            }
            if (!header.startsWith("*")) {
                throw new UncheckedIOException(new IOException("not a RESP array: " + header));
            }
            int parts = Integer.parseInt(header.substring(1));
            String name = "";
            for (int i = 0; i < parts; i++) {
                String length = line(in, raw);
                byte[] part = in.readNBytes(Integer.parseInt(length.substring(1)) + 2); // the bytes and CRLF
                raw.write(part);
                if (i == 0) {
                    name = new String(part, 0, part.length - 2, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
                }
            }
            return new Command(name, raw.toByteArray());
        }

        /** One CRLF-ended line, also copied to raw; null at the end of the stream. */
        private static String line(InputStream in, ByteArrayOutputStream raw) throws IOException {
            StringBuilder s = new StringBuilder();
            for (int b; (b = in.read()) >= 0; ) {
                raw.write(b);
                if (b == '\n') {
                    return s.substring(0, s.length() - 1);
                }
                s.append((char) b);
            }
            return null;
        }
    }
}
