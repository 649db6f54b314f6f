module com.example.app {
    // brings dev.redao.annotations, Jackson (generated DAOs name its TypeReference) and Jedis with it
    requires dev.redao.runtime;
}
