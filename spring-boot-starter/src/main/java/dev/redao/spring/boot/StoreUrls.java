package dev.redao.spring.boot;

import dev.redao.runtime.ConfigurationException;
import dev.redao.runtime.RedisUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The {@link RedisUrl} the properties give, built in parts (never written into a string and parsed
 * back, so a password needs no escaping). Every error is a {@link ConfigurationException} that names
 * the property at fault and never shows a password.
 */
final class StoreUrls {
    private static final int DEFAULT_PORT = 6379;

    private StoreUrls() {}

    static RedisUrl from(RedaoProperties redao, RedisConnectionProperties redis) {
        if (hasText(redao.url())) {
            return fromRedaoUrl(redao);
        }
        SpringUrl url = hasText(redis.url()) ? SpringUrl.parse(redis.url()) : null;
        RedisUrl.Builder builder;
        RedisConnectionProperties.Sentinel sentinel = redis.sentinel();
        RedisConnectionProperties.Cluster cluster = redis.cluster();
        // Spring Boot's precedence: Sentinel, then a cluster, then one server
        if (sentinel != null && (hasText(sentinel.master()) || !empty(sentinel.nodes()))) {
            if (!hasText(sentinel.master())) {
                throw invalid("spring.data.redis.sentinel.master is not set: name the service the sentinels watch");
            }
            if (empty(sentinel.nodes())) {
                throw invalid("spring.data.redis.sentinel.nodes is empty: list the sentinels as host:port");
            }
            builder = RedisUrl.builder(RedisUrl.Kind.SENTINEL)
                    .service(sentinel.master())
                    .sentinelUser(sentinel.username())
                    .sentinelPassword(sentinel.password())
                    .database(url != null ? url.database() : redis.database());
            addNodes(builder, "spring.data.redis.sentinel.nodes", sentinel.nodes());
        } else if (cluster != null && !empty(cluster.nodes())) {
            builder = RedisUrl.builder(RedisUrl.Kind.CLUSTER).database(url != null ? url.database() : redis.database());
            addNodes(builder, "spring.data.redis.cluster.nodes", cluster.nodes());
        } else if (redis.masterreplica() != null && !empty(redis.masterreplica().nodes())) {
            throw invalid("spring.data.redis.masterreplica is set, but Redao does not use a static master and replicas:"
                    + " use Sentinel or a cluster, or give Redao its own connection string in redao.url");
        } else if (url != null) {
            builder = RedisUrl.builder(RedisUrl.Kind.SERVER).node(url.host(), url.port()).database(url.database());
        } else {
            builder = RedisUrl.builder(RedisUrl.Kind.SERVER).node(redis.host(), redis.port()).database(redis.database());
        }
        builder.user(url != null ? url.user() : redis.username())
                .password(url != null ? url.password() : redis.password())
                .tls((redis.ssl() != null && redis.ssl().isEnabled()) || (url != null && url.tls()));
        if (redis.timeout() != null) {
            builder.timeout(redis.timeout());
        }
        if (hasText(redao.namespace())) {
            builder.namespace(redao.namespace());
        }
        if (redao.pool() != null) {
            builder.poolSize(redao.pool());
        }
        if (redao.waitReplicas() != null) {
            builder.waitReplicas(redao.waitReplicas());
        }
        if (redao.readFrom() != null) {
            builder.readFromReplica(redao.readFrom() == RedaoProperties.ReadFrom.REPLICA);
        }
        if (redao.autoPipeline() != null) {
            builder.autoPipeline(redao.autoPipeline());
        }
        return builder.build();
    }

    /**
     * {@code redao.url} as it is, with {@code redao.namespace} when the URL has none. The other
     * {@code redao.*} settings belong in the URL: given both ways, which one is meant cannot be told.
     */
    private static RedisUrl fromRedaoUrl(RedaoProperties redao) {
        refuseBesideUrl("redao.pool", "pool", redao.pool());
        refuseBesideUrl("redao.wait-replicas", "wait", redao.waitReplicas());
        refuseBesideUrl("redao.read-from", "readFrom", redao.readFrom());
        refuseBesideUrl("redao.auto-pipeline", "autoPipeline", redao.autoPipeline());
        RedisUrl url;
        try {
            url = RedisUrl.parse(redao.url().strip());
        } catch (ConfigurationException e) {
            throw new ConfigurationException(e.reason(), "redao.url: " + e.getMessage(), e);
        }
        if (!hasText(redao.namespace()) || redao.namespace().equals(url.namespace())) {
            return url;
        }
        if (!url.namespace().isEmpty()) {
            throw invalid("redao.namespace ('" + redao.namespace() + "') and the namespace of redao.url ('" + url.namespace()
                    + "') differ: give it once");
        }
        return new RedisUrl(url.kind(), url.tls(), url.nodes(), url.service(), url.user(), url.password(), url.sentinelUser(),
                url.sentinelPassword(), url.database(), redao.namespace(), url.timeoutMillis(), url.poolSize(),
                url.waitReplicas(), url.readFromReplica(), url.autoPipeline());
    }

    private static void refuseBesideUrl(String property, String parameter, Object value) {
        if (value != null) {
            throw invalid(property + " is set with redao.url: give it in the URL instead (" + parameter + "=...)");
        }
    }

    /** {@code host:port} each; an IPv6 host in brackets. */
    private static void addNodes(RedisUrl.Builder builder, String property, List<String> nodes) {
        for (String node : nodes) {
            String text = node.strip();
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.endsWith("]") || !text.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw invalid(property + ": '" + text + "' is not host:port");
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            builder.node(host, Integer.parseInt(text.substring(colon + 1)));
        }
    }

    /** {@code spring.data.redis.url}, read as Spring Boot reads it (with {@link URI}: escapes decoded, {@code +} kept). */
    private record SpringUrl(boolean tls, String host, int port, String user, String password, int database) {
        static SpringUrl parse(String text) {
            URI uri;
            try {
                uri = new URI(text.strip());
            } catch (URISyntaxException e) {
                // not the URL, nor the exception's text, which quotes it: it may hold a password
                throw invalid("spring.data.redis.url is not a URL (the value is not shown: it may hold a password)");
            }
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
                throw invalid("spring.data.redis.url must start with redis:// or rediss://; for a cluster or Sentinel use"
                        + " spring.data.redis.cluster.* or spring.data.redis.sentinel.*, or a Redao connection string in"
                        + " redao.url");
            }
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                throw invalid("spring.data.redis.url has no host (a password with reserved characters must be"
                        + " percent-encoded)");
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            String user = null;
            String password = null;
            String userInfo = uri.getUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                user = colon < 0 ? null : userInfo.substring(0, colon);
                password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
            }
            int database = 0;
            String path = uri.getPath();
            if (path != null && path.length() > 1) {
                try {
                    database = Integer.parseInt(path.substring(1));
                } catch (NumberFormatException e) {
                    throw invalid("spring.data.redis.url: the path after the host must be the database number");
                }
            }
            return new SpringUrl("rediss".equals(uri.getScheme()), host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                    user, password, database);
        }
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private static boolean empty(List<String> list) {
        return list == null || list.isEmpty();
    }

    private static ConfigurationException invalid(String what) {
        return new ConfigurationException(what, "Redao cannot connect as configured: " + what, null);
    }
}
