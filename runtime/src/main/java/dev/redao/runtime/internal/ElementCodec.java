package dev.redao.runtime.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import java.util.function.Function;

/**
 * How the elements of a structure field (a list's items, a map's keys and values) are stored: as
 * the field of the same type would be, so that a structure's data reads like the model's hash.
 * Generated code picks one per element type.
 *
 * @param <E> the element type
 * @param encoder the stored form, as for a field
 * @param decoder the element back from its stored text
 */
public record ElementCodec<E>(Function<? super E, byte[]> encoder, Function<String, ? extends E> decoder) {
    public static final ElementCodec<String> STRING = new ElementCodec<>(Codecs::encode, text -> text);
    public static final ElementCodec<Boolean> BOOLEAN = new ElementCodec<>(Codecs::encode, Row::parseBoolean);
    public static final ElementCodec<Character> CHAR = new ElementCodec<>(Codecs::encode, Row::parseChar);
    public static final ElementCodec<UUID> UUID_VALUE = new ElementCodec<>(Codecs::encode, UUID::fromString);
    public static final ElementCodec<Byte> BYTE = new ElementCodec<>(Codecs::encode, Byte::valueOf);
    public static final ElementCodec<Short> SHORT = new ElementCodec<>(Codecs::encode, Short::valueOf);
    public static final ElementCodec<Integer> INT = new ElementCodec<>(Codecs::encode, Integer::valueOf);
    public static final ElementCodec<Long> LONG = new ElementCodec<>(Codecs::encode, Long::valueOf);
    public static final ElementCodec<Float> FLOAT = new ElementCodec<>(Codecs::encode, Float::valueOf);
    public static final ElementCodec<Double> DOUBLE = new ElementCodec<>(Codecs::encode, Double::valueOf);
    public static final ElementCodec<BigDecimal> BIG_DECIMAL = new ElementCodec<>(Codecs::encode, BigDecimal::new);
    public static final ElementCodec<BigInteger> BIG_INTEGER = new ElementCodec<>(Codecs::encode, BigInteger::new);
    public static final ElementCodec<Instant> INSTANT = new ElementCodec<>(Codecs::encode, Instant::parse);
    public static final ElementCodec<LocalDate> LOCAL_DATE = new ElementCodec<>(Codecs::encode, LocalDate::parse);
    public static final ElementCodec<LocalDateTime> LOCAL_DATE_TIME = new ElementCodec<>(Codecs::encode, LocalDateTime::parse);
    public static final ElementCodec<LocalTime> LOCAL_TIME = new ElementCodec<>(Codecs::encode, LocalTime::parse);
    public static final ElementCodec<Duration> DURATION = new ElementCodec<>(Codecs::encode, Duration::parse);

    /** An enum's constants by name; generated code passes the enum's own {@code valueOf}. */
    public static <E extends Enum<E>> ElementCodec<E> ofEnum(Function<String, E> valueOf) {
        return new ElementCodec<>(Codecs::encode, valueOf);
    }

    /** The stored form of an element a caller passed; a null is refused, naming the call. */
    byte[] encode(E element, String argument, String call) {
        return encoder.apply(Arguments.requireNonNull(element, argument, call));
    }
}
