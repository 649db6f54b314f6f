package dev.redao.processor.diag;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageTest {
    /** The messages filled only through their factories: many arguments, or text computed from them. */
    private static final Set<Message> TYPED = EnumSet.of(Message.MODEL_GENERIC, Message.ORDERING_UNKNOWN_FIELD,
            Message.REFERENCE_NOT_MODEL, Message.REFERENCE_TYPE_MISMATCH, Message.REFERENCE_GROUP_MISMATCH,
            Message.REFERENCE_TARGET_NOT_IN_ROUND, Message.REFERENCE_CASCADE_CYCLE, Message.PARTITIONED_REFERENCE_FOLLOWED,
            Message.MANY_TO_MANY_TARGET_NOT_MODEL, Message.MANY_TO_MANY_GROUP_MISMATCH, Message.MANY_TO_MANY_TARGET_NOT_IN_ROUND,
            Message.PARTITIONED_MANY_TO_MANY, Message.FIELD_RAW_TYPE, Message.FIELD_TYPE_NOT_ACCESSIBLE,
            Message.INTERNAL_ERROR, Message.QUERY_METHOD_UNKNOWN_FIELD, Message.QUERY_METHOD_NOT_INDEXED,
            Message.QUERY_METHOD_PARAMETER_COUNT, Message.QUERY_METHOD_PARAMETER_TYPE, Message.QUERY_METHOD_RETURN_TYPE,
            Message.COMPOUND_INDEX_UNKNOWN_FIELD);

    /** Four arguments fill every positional message: one with more would throw for a missing argument. */
    @Test
    void positionalMessagesTakeAtMostFourArguments() {
        for (Message m : EnumSet.complementOf(EnumSet.copyOf(TYPED))) {
            Problem problem = m.with("a", "b", "c", "d");
            assertTrue(problem.text().startsWith(m.tag() + " "), problem::text);
        }
    }

    @Test
    void typedMessagesRefusePositionalArguments() {
        for (Message m : TYPED) {
            assertThrows(IllegalStateException.class, () -> m.with("a", "b", "c", "d", "e", "f"), m::name);
        }
    }
}
