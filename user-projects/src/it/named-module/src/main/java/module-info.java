module com.example.app {
    requires dev.redao.runtime;
    requires dev.redao.annotations;
    // generated DAOs name com.fasterxml.jackson.core.type.TypeReference for JSON fields
    requires com.fasterxml.jackson.core;
}
