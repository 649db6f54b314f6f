package dev.redao.samples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redao.runtime.RedisStore;
import dev.redao.runtime.RedisUrl;
import dev.redao.runtime.UniqueViolationException;
import dev.redao.testsupport.LocalRedis;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application started whole, on a real port, against a Redis server that test-support finds
 * (REDIS_URL, else redis-server on the PATH, else the embedded one): it saves and queries through
 * the service and over HTTP, /actuator/health reports it and Redao up, and /actuator/metrics has
 * the DAO calls timed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        LocalRedis redis = LocalRedis.shared();
        RedisUrl url = RedisUrl.parse(redis.url());   // REDIS_URL may name a user, a password and a database
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
        registry.add("spring.data.redis.database", url::database);
        if (url.user() != null) {
            registry.add("spring.data.redis.username", url::user);
        }
        if (url.password() != null) {
            registry.add("spring.data.redis.password", url::password);
        }
        registry.add("redao.namespace", () -> "spring-sample-test");
    }

    @Autowired
    MemberService service;
    @Autowired
    RedisStore store;
    @LocalServerPort
    int port;

    @BeforeEach
    void emptyNamespace() {
        store.keyspace().deletePattern("*");
    }

    @Test
    void savesAndQueriesThroughTheService() {
        Member ann = service.join("ann@example.com", "DE", 31, "Ann");
        Member bob = service.join("bob@example.com", "DE", 45, "Bob");
        service.join("cy@example.com", "FR", 28, "Cy");
        assertEquals(List.of(bob, ann), service.inCountry("DE", 10));
        assertEquals(ann, service.byEmail("ann@example.com").orElseThrow());
        assertThrows(UniqueViolationException.class, () -> service.join("ann@example.com", "FR", 50, "Another Ann"));

        List<Member> pair = service.joinTogether(new Member(null, "dee@example.com", "NL", 20, "Dee"),
                new Member(null, "ed@example.com", "NL", 22, "Ed"));
        assertEquals(List.of(pair.get(1), pair.get(0)), service.inCountry("NL", 10));
        // one taken email refuses the whole transaction
        assertThrows(UniqueViolationException.class, () -> service.joinTogether(
                new Member(null, "fay@example.com", "NL", 30, "Fay"), new Member(null, "ed@example.com", "NL", 31, "Ed 2")));
        assertTrue(service.byEmail("fay@example.com").isEmpty());
    }

    @Test
    void savesAndQueriesOverHttp() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri("/members"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"gus@example.com\",\"country\":\"SE\",\"age\":40,\"name\":\"Gus\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created::body);
        long id = JSON.readTree(created.body()).get("id").asLong();

        JsonNode found = get("/members?country=SE", 200);
        assertEquals(1, found.size());
        assertEquals(id, found.get(0).get("id").asLong());
        assertEquals("Gus", get("/members/by-email/gus@example.com", 200).get("name").asText());
        assertEquals(404, http.send(HttpRequest.newBuilder(uri("/members/by-email/nobody@example.com")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void healthIsUpWithRedao() throws Exception {
        JsonNode health = get("/actuator/health", 200);
        assertEquals("UP", health.get("status").asText(), health::toString);
        JsonNode redao = health.get("components").get("redao");
        assertEquals("UP", redao.get("status").asText(), health::toString);
        assertEquals(LocalRedis.shared().version(), redao.get("details").get("version").asText());
        assertEquals("spring-sample-test", redao.get("details").get("namespace").asText());
    }

    @Test
    void theSavesAreTimedInTheActuatorsMetrics() throws Exception {
        service.join("ida@example.com", "SE", 39, "Ida");
        JsonNode saves = get("/actuator/metrics/redao.operation?tag=model:member&tag=operation:save&tag=outcome:ok", 200);
        JsonNode count = saves.get("measurements").get(0);
        assertEquals("COUNT", count.get("statistic").asText(), saves::toString);
        assertTrue(count.get("value").asDouble() >= 1.0, saves::toString);
        assertEquals(200, http.send(HttpRequest.newBuilder(uri("/actuator/metrics/redao.pool.active")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private JsonNode get(String path, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response::body);
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
