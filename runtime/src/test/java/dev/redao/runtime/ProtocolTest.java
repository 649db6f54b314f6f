package dev.redao.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.runtime.internal.FieldWriter;
import dev.redao.runtime.internal.IdType;
import dev.redao.runtime.internal.ModelSchema;
import dev.redao.runtime.internal.Row;
import org.junit.jupiter.api.Test;

/** A DAO generated for another protocol is refused when it is built, before it touches the store. */
class ProtocolTest {
    /** The shape of a generated DAO, over a schema that names its protocol. */
    private static final class NoteDao extends ModelDao<String, String> {
        NoteDao(int protocol) {
            super(null, ModelSchema.builder(protocol, "note", IdType.STRING, "id").field("text").build());
        }

        @Override
        protected String idOf(String o) {
            return o;
        }

        @Override
        protected String withId(String o, String id) {
            return id;
        }

        @Override
        protected void write(String o, FieldWriter w) {}

        @Override
        protected String read(Row r) {
            return null;
        }
    }

    @Test
    void aDaoOfAnotherProtocolIsRefusedWithWhatToDo() {
        IncompatibleDaoException e = assertThrows(IncompatibleDaoException.class, () -> new NoteDao(ModelSchema.PROTOCOL + 1));
        assertTrue(e.getMessage().contains("model 'note'"), e.getMessage());
        assertTrue(e.getMessage().contains("protocol " + (ModelSchema.PROTOCOL + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("regenerate it"), e.getMessage());
        assertEquals(IncompatibleDaoException.class, assertThrows(RedaoException.class, () -> new NoteDao(0)).getClass());
    }
}
