package dev.redao.runtime;

import dev.redao.runtime.tools.Keyspace;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A parsed connection string. Three kinds of deployment, each in plain text or TLS:
 *
 * <ul>
 * <li>one server, following python-stdnet: {@code redis://[user:password@]host:port[/db]?db=3&namespace=shop&timeout=5}
 *     ({@code rediss://} for TLS);
 * <li>a Redis Cluster: {@code redis-cluster://host1:port1,host2:port2?namespace=shop}, any
 *     reachable node of which is enough to find the others ({@code rediss-cluster://});
 * <li>servers watched by Sentinel: {@code redis-sentinel://s1:26379,s2:26379/mymaster?namespace=shop},
 *     the service's name after the slash; {@code sentinelUser} and {@code sentinelPassword} log in
 *     to the sentinels, the user and password before the {@code @} to the data servers
 *     ({@code rediss-sentinel://}).
 * </ul>
 *
 * <p>Parameters: {@code db} (one server or Sentinel; a cluster has only database 0),
 * {@code user}/{@code username}, {@code password}, {@code namespace} (a name such as {@code shop}
 * or {@code tenant-7.eu}, see {@link Keyspace}), {@code timeout} in seconds (default 5),
 * {@code pool} connections per server (default 16), {@code sentinelUser}, {@code sentinelPassword},
 * {@code wait} (replicas that must have every write before it counts as done, default 0: see
 * {@link #waitReplicas()}), {@code readFrom} ({@code master}, the default, or {@code replica}
 * on a cluster or through Sentinel: see {@link #readFromReplica()}), {@code autoPipeline} (how
 * many pipelines of concurrent calls may be under way at once, default 2, 0 for none: see
 * {@link #autoPipeline()}). An unknown parameter, and a
 * setting given twice (a parameter repeated, {@code user} and {@code username}, a user or password
 * both before the {@code @} and as a parameter, a database both after the host and as {@code db}),
 * is an error, not ignored. Users, passwords and parameters are decoded as
 * {@link java.net.URLEncoder} encodes them: {@code +} is a space, {@code %2B} a plus. Defaults:
 * 127.0.0.1, port 6379 (26379 for a sentinel). Every error is a {@link ConfigurationException}
 * that says what is wrong and never shows a password.
 */
public record RedisUrl(
        Kind kind,
        boolean tls,
        List<Node> nodes,
        String service,
        String user,
        String password,
        String sentinelUser,
        String sentinelPassword,
        int database,
        String namespace,
        int timeoutMillis,
        int poolSize,
        int waitReplicas,
        boolean readFromReplica,
        int autoPipeline) {

    /** The kind of deployment the URL names. */
    public enum Kind {
        /** One server: {@code redis://}. */
        SERVER("redis", "rediss", 6379),
        /** A Redis Cluster, found from any of its nodes: {@code redis-cluster://}. */
        CLUSTER("redis-cluster", "rediss-cluster", 6379),
        /** A master and its replicas, found through Sentinel: {@code redis-sentinel://}. */
        SENTINEL("redis-sentinel", "rediss-sentinel", 26379);

        private final String scheme;
        private final String tlsScheme;
        private final int defaultPort;

        Kind(String scheme, String tlsScheme, int defaultPort) {
            this.scheme = scheme;
            this.tlsScheme = tlsScheme;
            this.defaultPort = defaultPort;
        }

        String scheme(boolean tls) {
            return tls ? tlsScheme : scheme;
        }
    }

    /** A host and port. */
    public record Node(String host, int port) {
        /** {@return {@code host:port}, with an IPv6 host in brackets} */
        public String address() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private static final int DEFAULT_TIMEOUT_SECONDS = 5;
    /** A timeout above a day is no timeout a caller means; the bound also keeps it an int of ms. */
    private static final double LONGEST_TIMEOUT_SECONDS = 86_400;
    private static final int DEFAULT_POOL_SIZE = 16;
    private static final int DEFAULT_AUTO_PIPELINE = 2;
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final List<String> PARAMETERS = List.of("db", "password", "user", "username", "namespace",
            "timeout", "pool", "sentinelUser", "sentinelPassword", "wait", "readFrom", "autoPipeline");
    /** The parameters whose values may hold an {@code '@'}. */
    private static final List<String> CREDENTIALS = List.of("password", "user", "username", "sentinelUser",
            "sentinelPassword");

    /**
     * Checks the parts, as {@link #parse} does for a string.
     *
     * @param kind one server, a cluster, or Sentinel
     * @param tls whether the connections use TLS ({@code rediss...})
     * @param nodes the servers named, at least one
     * @param service the Sentinel service's name, or null
     * @param user the user of the data servers, or null
     * @param password the password of the data servers, or null
     * @param sentinelUser the user of the sentinels, or null
     * @param sentinelPassword the password of the sentinels, or null
     * @param database the database number
     * @param namespace the namespace's name; empty for none
     * @param timeoutMillis the connection and read timeout
     * @param poolSize connections per server
     * @param waitReplicas replicas that must confirm each write; 0 for none
     * @param readFromReplica whether reads by id and by unique value go to a replica
     * @param autoPipeline how many pipelines of concurrent calls may be under way at once; 0 for none
     */
    public RedisUrl {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw invalid("no host");
        }
        for (Node n : nodes) {
            if (n.port() <= 0 || n.port() > 65535) {
                throw invalid("port " + n.port() + " of " + n.host() + " is out of range (1 to 65535)");
            }
        }
        if (kind == Kind.SERVER && nodes.size() > 1) {
            throw invalid("redis:// names one server; for several, use redis-cluster:// (a Redis Cluster) or"
                    + " redis-sentinel:// (servers watched by Sentinel)");
        }
        if (kind == Kind.SENTINEL && (service == null || !SERVICE.matcher(service).matches())) {
            throw invalid("redis-sentinel:// needs the name of the service its sentinels watch after the hosts, as in"
                    + " redis-sentinel://127.0.0.1:26379/mymaster");
        }
        if (kind != Kind.SENTINEL && service != null) {
            throw invalid("only redis-sentinel:// names a service");
        }
        if (kind == Kind.CLUSTER && database != 0) {
            throw invalid("a Redis Cluster has only database 0, not db " + database);
        }
        if (database < 0) {
            throw invalid("db must not be negative: " + database);
        }
        if (timeoutMillis < 1) {
            throw invalid("timeout must be at least 1 ms");
        }
        if (poolSize < 1) {
            throw invalid("pool must be at least 1: " + poolSize);
        }
        if (waitReplicas < 0) {
            throw invalid("wait must not be negative: " + waitReplicas);
        }
        // a pipeline takes two connections of a server at once, one for reads and one for writes
        if (autoPipeline < 0 || 2 * autoPipeline > poolSize) {
            throw invalid("autoPipeline must be from 0 to half the pool size (pool=" + poolSize + "): " + autoPipeline);
        }
        if (readFromReplica && kind == Kind.SERVER) {
            throw invalid("readFrom=replica needs redis-cluster:// or redis-sentinel://: a redis:// URL names one"
                    + " server, and Redao does not know its replicas");
        }
        checkNamespace(namespace);
    }

    /**
     * Parses a connection string of any kind; see the class comment.
     *
     * @param url the connection string
     * @return the parsed connection string
     */
    public static RedisUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("empty Redis URL");
        }
        int schemeEnd = url.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd);
        Kind kind = null;
        boolean tls = false;
        for (Kind k : Kind.values()) {
            if (scheme.equals(k.scheme(false)) || scheme.equals(k.scheme(true))) {
                kind = k;
                tls = scheme.equals(k.scheme(true));
            }
        }
        if (kind == null) {
            // the scheme alone: the rest of the URL may hold a password
            throw invalid("a Redis URL starts with redis://, rediss://, redis-cluster://, rediss-cluster://,"
                    + " redis-sentinel:// or rediss-sentinel://, not " + (schemeEnd < 0 ? "no scheme" : "'" + scheme + "://'"));
        }
        String rest = url.substring(schemeEnd + 3);
        // The query starts at the first '?'; the user and password end at the last '@' before it,
        // so a password may hold '/' and '@' (a '?' is written %3F: see parameters).
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        // the parameters first: a '?' in a password puts its tail there, which must be caught
        // before the head is read as a host or a port
        Map<String, String> parameters = parameters(query);
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                user = emptyToNull(decode(userInfo.substring(0, colon)));
                password = decode(userInfo.substring(colon + 1));
            } else {
                password = decode(userInfo); // redis://secret@host, as redis-cli reads it
            }
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        List<Node> nodes = new ArrayList<>();
        for (String hostAndPort : (rest.isEmpty() ? "127.0.0.1" : rest).split(",", -1)) {
            nodes.add(node(hostAndPort, kind.defaultPort));
        }
        String service = null;
        int database = 0;
        if (kind == Kind.SENTINEL) {
            service = path.isEmpty() ? null : path;
        } else if (!path.isEmpty()) {
            database = parseInt("the database after the host", path);
        }
        // one setting in two places is as ambiguous as a parameter given twice
        if (user != null && (parameters.containsKey("user") || parameters.containsKey("username"))) {
            throw invalid("the user is given twice: before the '@' and as a parameter");
        }
        if (parameters.containsKey("user") && parameters.containsKey("username")) {
            throw invalid("the user is given twice: as user= and as username=");
        }
        if (password != null && parameters.containsKey("password")) {
            throw invalid("the password is given twice: before the '@' and as password=");
        }
        if (!path.isEmpty() && kind != Kind.SENTINEL && parameters.containsKey("db")) {
            throw invalid("the database is given twice: after the host (/" + path + ") and as db=" + parameters.get("db"));
        }
        String namespace = "";
        int timeoutMillis = DEFAULT_TIMEOUT_SECONDS * 1000;
        int poolSize = DEFAULT_POOL_SIZE;
        String sentinelUser = null;
        String sentinelPassword = null;
        int waitReplicas = 0;
        boolean readFromReplica = false;
        Integer autoPipeline = null;
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            String value = p.getValue();
            switch (p.getKey()) {
                case "db" -> database = parseInt("db", value);
                case "password" -> password = value;
                case "user", "username" -> user = emptyToNull(value);
                case "namespace" -> namespace = value;
                case "timeout" -> timeoutMillis = timeoutMillis(value);
                case "pool" -> poolSize = parseInt("pool", value);
                case "sentinelUser" -> sentinelUser = emptyToNull(value);
                case "sentinelPassword" -> sentinelPassword = value;
                case "wait" -> waitReplicas = parseInt("wait", value);
                case "readFrom" -> readFromReplica = switch (value) {
                    case "master" -> false;
                    case "replica" -> true;
                    default -> throw invalid("readFrom must be master or replica, not '" + value + "'");
                };
                case "autoPipeline" -> autoPipeline = parseInt("autoPipeline", value);
                default -> throw new IllegalStateException("parameters() let an unknown name through");
            }
        }
        if (kind != Kind.SENTINEL && (sentinelUser != null || sentinelPassword != null)) {
            throw invalid("sentinelUser and sentinelPassword belong to redis-sentinel:// URLs");
        }
        return new RedisUrl(kind, tls, nodes, service, user, password, sentinelUser, sentinelPassword, database,
                namespace, timeoutMillis, poolSize, waitReplicas, readFromReplica,
                autoPipeline != null ? autoPipeline : defaultAutoPipeline(poolSize));
    }

    /** The default {@code autoPipeline}: 2, or half the pool's size if that is smaller. */
    private static int defaultAutoPipeline(int poolSize) {
        return Math.min(DEFAULT_AUTO_PIPELINE, poolSize / 2);
    }

    /**
     * A URL given in parts, as configuration properties give it, rather than as a string: nothing is
     * written into a URL and read back, so a user or password needs no escaping, whatever characters
     * it holds. The parts are checked as {@link #parse} checks a string's.
     *
     * <pre>{@code
     * RedisUrl url = RedisUrl.builder(RedisUrl.Kind.SENTINEL)
     *         .node("s1", 26379).node("s2", 26379)
     *         .service("mymaster")
     *         .password(secret)                  // any characters, as they are
     *         .namespace("shop")
     *         .build();
     * }</pre>
     *
     * @param kind one server, a cluster, or Sentinel
     * @return a builder with the defaults of {@link #parse}: no TLS, database 0, no namespace, a
     *     timeout of 5 seconds, 16 connections per server; without a node, 127.0.0.1 on the kind's
     *     default port
     */
    public static Builder builder(Kind kind) {
        if (kind == null) {
            throw invalid("no kind of deployment");
        }
        return new Builder(kind);
    }

    /** Builds a {@link RedisUrl} from its parts; see {@link RedisUrl#builder(Kind)}. Not thread-safe. */
    public static final class Builder {
        private final Kind kind;
        private final List<Node> nodes = new ArrayList<>();
        private boolean tls;
        private String service;
        private String user;
        private String password;
        private String sentinelUser;
        private String sentinelPassword;
        private int database;
        private String namespace = "";
        private int timeoutMillis = DEFAULT_TIMEOUT_SECONDS * 1000;
        private int poolSize = DEFAULT_POOL_SIZE;
        private int waitReplicas;
        private boolean readFromReplica;
        private Integer autoPipeline;

        private Builder(Kind kind) {
            this.kind = kind;
        }

        /**
         * Adds a server: the one server of {@link Kind#SERVER}, a node of a cluster, or a sentinel.
         *
         * @param host the host name or address (an IPv6 address without brackets)
         * @param port the port, 1 to 65535
         * @return this builder
         */
        public Builder node(String host, int port) {
            if (host == null || host.isBlank()) {
                throw invalid("a node without a host");
            }
            nodes.add(new Node(host, port));
            return this;
        }

        /**
         * Whether the connections use TLS ({@code rediss://} and its kin).
         *
         * @param tls true for TLS
         * @return this builder
         */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /**
         * The Sentinel service's name (its master's name), for {@link Kind#SENTINEL} only.
         *
         * @param service the service's name
         * @return this builder
         */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /**
         * The user of the data servers; null or empty for the default user.
         *
         * @param user the user
         * @return this builder
         */
        public Builder user(String user) {
            this.user = emptyToNull(user);
            return this;
        }

        /**
         * The password of the data servers, as it is; null for none.
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /**
         * The user of the sentinels ({@link Kind#SENTINEL} only); null or empty for the default user.
         *
         * @param user the user
         * @return this builder
         */
        public Builder sentinelUser(String user) {
            this.sentinelUser = emptyToNull(user);
            return this;
        }

        /**
         * The password of the sentinels ({@link Kind#SENTINEL} only), as it is; null for none.
         *
         * @param password the password
         * @return this builder
         */
        public Builder sentinelPassword(String password) {
            this.sentinelPassword = password;
            return this;
        }

        /**
         * The database number; a cluster has only database 0.
         *
         * @param database the database
         * @return this builder
         */
        public Builder database(int database) {
            this.database = database;
            return this;
        }

        /**
         * The namespace (see {@link Keyspace}); null or empty for none.
         *
         * @param namespace the namespace's name
         * @return this builder
         */
        public Builder namespace(String namespace) {
            this.namespace = namespace == null ? "" : namespace;
            return this;
        }

        /**
         * How long a connection and a call wait for the server: from 1 ms to a day.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.toNanos() < 1_000_000 || timeout.getSeconds() > LONGEST_TIMEOUT_SECONDS
                    || (timeout.getSeconds() == LONGEST_TIMEOUT_SECONDS && timeout.getNano() > 0)) {
                throw invalid("timeout must be from 1 ms to " + (long) LONGEST_TIMEOUT_SECONDS + " seconds, got " + timeout
                        + ": every call waits for the server at most that long");
            }
            this.timeoutMillis = (int) timeout.toMillis();
            return this;
        }

        /**
         * The pooled connections per server.
         *
         * @param poolSize at least 1
         * @return this builder
         */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /**
         * The replicas that must confirm each write; see {@link RedisUrl#waitReplicas()}.
         *
         * @param waitReplicas 0 for none
         * @return this builder
         */
        public Builder waitReplicas(int waitReplicas) {
            this.waitReplicas = waitReplicas;
            return this;
        }

        /**
         * Whether reads by id and by unique value, and queries, go to a replica; see
         * {@link RedisUrl#readFromReplica()}.
         *
         * @param readFromReplica true for a replica
         * @return this builder
         */
        public Builder readFromReplica(boolean readFromReplica) {
            this.readFromReplica = readFromReplica;
            return this;
        }

        /**
         * How many pipelines of concurrent calls may be under way at once; see
         * {@link RedisUrl#autoPipeline()}.
         *
         * @param autoPipeline from 0 (none) to half the pool's size
         * @return this builder
         */
        public Builder autoPipeline(int autoPipeline) {
            this.autoPipeline = autoPipeline;
            return this;
        }

        /**
         * The URL, checked as {@link #parse} checks a string.
         *
         * @return the URL
         * @throws ConfigurationException if the parts cannot work together; the message shows no password
         */
        public RedisUrl build() {
            if (kind != Kind.SENTINEL && (sentinelUser != null || sentinelPassword != null)) {
                throw invalid("sentinelUser and sentinelPassword belong to redis-sentinel:// URLs");
            }
            List<Node> servers = nodes.isEmpty() ? List.of(new Node("127.0.0.1", kind.defaultPort)) : nodes;
            return new RedisUrl(kind, tls, servers, service, user, password, sentinelUser, sentinelPassword, database,
                    namespace, timeoutMillis, poolSize, waitReplicas, readFromReplica,
                    autoPipeline != null ? autoPipeline : defaultAutoPipeline(poolSize));
        }
    }

    /**
     * {@return the {@code wait} parameter: how many replicas must have received each write before the
     * call returns} With it, a write script and a {@code WAIT} go to the master in one round trip, and
     * a write that fewer replicas confirmed within half the {@code timeout} throws {@link
     * UnconfirmedWriteException}. So a write that returned survives the loss of its master, once a
     * replica that has it is promoted. 0 (the default): writes return as soon as the master ran them;
     * replication is asynchronous, and a failover may lose the last ones.
     */
    public int waitReplicas() {
        return waitReplicas;
    }

    /**
     * {@return {@code readFrom=replica} (a cluster, or Sentinel; Redis 7 or later): reads by id and by
     * unique value ({@code get}, {@code getAll}, {@code getBy<Unique>}) and queries run on a replica
     * of the keys' master, as EVALSHA_RO, and may miss the latest writes, since replication is
     * asynchronous} Writes, a query's {@code delete()} among them, run on the master. Through
     * Sentinel, the replica is one the sentinels name as in sync; while none is, reads go to the
     * master.
     */
    public boolean readFromReplica() {
        return readFromReplica;
    }

    /**
     * {@return the {@code autoPipeline} parameter: how many pipelines of calls made at the same time
     * may be under way at once, each on up to two pooled connections per server, one for reads and
     * one for writes (default 2, or half the pool's size if smaller; at most half the pool's size)} Scripts that threads, or asynchronous calls, run at the same time are sent
     * together, each keeping its own atomicity, which takes fewer round trips and system calls than
     * one connection per call (docs/async.md). A lone call goes out at once. 0: each call takes a
     * pooled connection of its own. With {@code wait}, or reads from replicas, calls go one by one.
     */
    public int autoPipeline() {
        return autoPipeline;
    }

    /** {@return the first node's host: the server of a {@code redis://} URL} */
    public String host() {
        return nodes.get(0).host();
    }

    /** {@return the first node's port: the server of a {@code redis://} URL} */
    public int port() {
        return nodes.get(0).port();
    }

    /** The same URL without the passwords, for messages and logs. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(kind.scheme(tls)).append("://");
        if (user != null) {
            s.append(user).append('@');
        }
        s.append(address());
        if (service != null) {
            s.append('/').append(service);
        }
        s.append("?db=").append(database);
        if (!namespace.isEmpty()) {
            s.append("&namespace=").append(namespace);
        }
        if (waitReplicas > 0) {
            s.append("&wait=").append(waitReplicas);
        }
        if (readFromReplica) {
            s.append("&readFrom=replica");
        }
        if (autoPipeline != defaultAutoPipeline(poolSize)) {
            s.append("&autoPipeline=").append(autoPipeline);
        }
        return s.toString();
    }

    /** {@return {@code host:port} (several joined by commas), as it appears in error messages} */
    public String address() {
        StringJoiner out = new StringJoiner(",");
        nodes.forEach(n -> out.add(n.address()));
        return out.toString();
    }

    private static Node node(String text, int defaultPort) {
        if (text.isEmpty()) {
            throw invalid("an empty host in the list of hosts");
        }
        String host = text;
        int port = defaultPort;
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && !host.endsWith("]")) {
            String portText = host.substring(colon + 1);
            host = host.substring(0, colon);
            // not shown: a URL without its '@' (redis://:secret) has its password here
            if (!portText.matches("[0-9]{1,9}")) {
                throw invalid("the port of '" + host + "' is not a whole number (a password goes before an '@':"
                        + " redis://:password@host:port)");
            }
            port = Integer.parseInt(portText);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw invalid("a port without a host: '" + text + "'");
        }
        return new Node(host, port);
    }

    /**
     * A namespace is empty or a name: segments of {@code [A-Za-z0-9_-]} joined by single dots.
     * Redao puts {@code :} after it, and as no name holds {@code :}, <code>{</code>, <code>}</code>
     * or a glob character, {@code N:} and <code>{N:</code> begin no other namespace's keys, and a
     * pattern {@code N:*} matches no other namespace's keys or channels.
     */
    private static void checkNamespace(String namespace) {
        if (namespace.isEmpty() || NAMESPACE.matcher(namespace).matches()) {
            return;
        }
        String withoutDots = namespace.replaceFirst("\\.+$", "");
        if (!withoutDots.equals(namespace) && NAMESPACE.matcher(withoutDots).matches()) {
            throw invalid("namespace '" + namespace + "' ends with '.': Redao now puts ':' between"
                    + " the namespace and every key name itself, so write namespace=" + withoutDots + " (keys become "
                    + withoutDots + ":... and {" + withoutDots + ":user}...). Data stored under the old layout moves with"
                    + " LegacyNamespace: see 'Moving data from the old key layout' in docs/connection-strings.md");
        }
        throw invalid("namespace '" + namespace + "' is not a name: use letters, digits, '_' and"
                + " '-', in segments joined by single dots (shop, acl.a, tenant-7.eu). Redao puts ':' after it; ':', braces,"
                + " glob characters or white space in it would let one namespace's keys or patterns reach another's");
    }

    /**
     * The parameters by name, each checked to be known and given once: a parameter given twice is
     * an error, since which one a reader meant cannot be told.
     *
     * <p>A password written as it is may hold the characters that separate the parts of a URL,
     * and then its pieces land where other parts are expected. Two such cases are told apart here
     * and refused without showing the pieces: an {@code '@'} outside a credential's value (a
     * {@code '?'} in the user info ended it early, so its tail and the host came here), and an
     * unknown name right after a password (a {@code '&'} in the password started a parameter).
     */
    private static Map<String, String> parameters(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return out;
        }
        String[] pairs = query.split("&");
        // every pair first: the pieces of a password may come before the '@' that gives them away
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String rawKey = eq < 0 ? pair : pair.substring(0, eq);
            if (rawKey.contains("@") || (eq >= 0 && pair.indexOf('@', eq) >= 0 && !CREDENTIALS.contains(rawKey))) {
                throw invalid("an '@' after the '?' that starts the parameters, outside a user or password parameter:"
                        + " if the user or password before the '@' holds a '?', write it as %3F (the URL is not shown,"
                        + " since it holds a password)");
            }
        }
        String previous = null;
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawKey = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String key = decode(rawKey);
            if (!PARAMETERS.contains(key)) {
                if ("password".equals(previous) || "sentinelPassword".equals(previous)) {
                    throw invalid("an unknown parameter after " + previous + "= (not shown: it may be the rest of the"
                            + " password; write a '&' in a password as %26)");
                }
                throw invalid("unknown parameter '" + key + "' (known: " + String.join(", ", PARAMETERS) + ")");
            }
            if (out.put(key, decode(rawValue)) != null) {
                throw invalid("parameter '" + key + "' is given twice");
            }
            previous = key;
        }
        return out;
    }

    private static int timeoutMillis(String value) {
        double seconds;
        try {
            seconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid("timeout must be a number of seconds, got '" + value + "'");
        }
        if (!(seconds * 1000 >= 1 && seconds <= LONGEST_TIMEOUT_SECONDS)) {
            throw invalid("timeout must be from 0.001 to " + (long) LONGEST_TIMEOUT_SECONDS + " seconds, got '" + value
                    + "': every call waits for the server at most that long");
        }
        return (int) Math.round(seconds * 1000);
    }

    /** As {@link java.net.URLEncoder} encodes: {@code %XX} escapes of UTF-8, and {@code +} for a space. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // the text itself may be a password: say what is wrong, not what it is
            throw invalid("a malformed percent-escape in the URL");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static int parseInt(String what, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(what + " must be a whole number, got '" + value + "'");
        }
    }

    private static ConfigurationException invalid(String what) {
        return new ConfigurationException(what, "invalid Redis URL: " + what, null);
    }
}
