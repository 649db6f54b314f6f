package com.example;

import dev.redao.runtime.RedisStore;

/** Saves an author and finds her again, on the server that {@code args[0]} or REDIS_URL names. */
public final class App {
    private App() {}

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379");
        try (RedisStore store = RedisStore.connect(url + (url.contains("?") ? "&" : "?") + "namespace=quickstart")) {
            System.out.println(run(store));
        }
    }

    static String run(RedisStore store) {
        AuthorDao authors = new AuthorDao(store);
        Author ann = authors.save(new Author(null, "ann@example.com", "DE", java.util.List.of("poet")));
        String found = authors.getByEmail("ann@example.com").map(Author::toString).orElse("nobody");
        long inGermany = authors.query().filter(AuthorQuery.country.eq("DE")).count();
        authors.delete(ann.id());
        return found + "; authors in DE: " + inGermany;
    }
}
