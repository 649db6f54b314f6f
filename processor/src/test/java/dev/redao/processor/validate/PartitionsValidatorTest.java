package dev.redao.processor.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redao.runtime.internal.ModelSchema;
import org.junit.jupiter.api.Test;

class PartitionsValidatorTest {
    /** The processor runs without the runtime, so it keeps the runtime's bounds in constants of its own. */
    @Test
    void theBoundsAreTheRuntimes() {
        assertEquals(ModelSchema.MIN_PARTITIONS, PartitionsValidator.MIN_PARTITIONS);
        assertEquals(ModelSchema.MAX_PARTITIONS, PartitionsValidator.MAX_PARTITIONS);
    }
}
