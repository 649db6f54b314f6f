package dev.redao.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * Encodes the fields that have no native Redis form (lists, sets, maps, nested records and
 * objects) as JSON. Generated code passes a {@link TypeReference} written out at compile time, so
 * generic element types survive without Redao looking at classes at run time.
 */
public final class Json {
    private final ObjectMapper mapper;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The default mapper: java.time as ISO text, unknown properties ignored so that a field
     * removed from a nested class does not make old objects unreadable.
     */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public byte[] write(Object value) throws JsonProcessingException {
        return value == null ? null : mapper.writeValueAsBytes(value);
    }

    <T> T read(byte[] bytes, TypeReference<T> type) throws IOException {
        return mapper.readValue(bytes, type);
    }

    /** Jackson's resolved form of a class, for decoders that take a class rather than a TypeReference. */
    public JavaType type(Class<?> type) {
        return mapper.getTypeFactory().constructType(type);
    }

    public JavaType type(TypeReference<?> type) {
        return mapper.getTypeFactory().constructType(type);
    }

    public <T> T read(byte[] bytes, JavaType type) throws IOException {
        return mapper.readValue(bytes, type);
    }
}
