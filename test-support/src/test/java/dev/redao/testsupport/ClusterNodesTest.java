package dev.redao.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CLUSTER NODES as Redis 6 and 7 write it, without a server. */
class ClusterNodesTest {

    /** Redis 7 appends ",hostname" to the address; a slot being migrated is listed in brackets. */
    private static final String SEVEN = """
            a1 127.0.0.1:30001@40001, myself,master - 0 0 1 connected 0-5460 [5461->-b2]
            b2 127.0.0.1:30002@40002, master - 0 1 2 connected 5461-10922
            c3 127.0.0.1:30003@40003, master,fail - 1 1 3 disconnected
            d4 127.0.0.1:30004@40004, slave a1 0 1 4 connected
            e5 127.0.0.1:30005@40005, slave,fail? b2 0 1 5 connected
            f6 127.0.0.1:30006@40006, master - 0 1 7 connected 10923-16382 16383
            """;

    @Test
    void entriesCarryAddressFlagsMasterAndSlots() {
        ClusterNodes view = ClusterNodes.parse(SEVEN);

        assertEquals(6, view.entries().size());
        ClusterNodes.Entry myself = view.myself();
        assertEquals("a1", myself.id());
        assertEquals("127.0.0.1", myself.ip());
        assertEquals(30001, myself.port());
        assertTrue(myself.isMaster());
        assertNull(myself.masterId());
        assertEquals(List.of("0-5460"), myself.slots(), "a migration is not ownership");
        assertEquals(5461, myself.slotCount());
        assertTrue(myself.owns(5460));
        assertFalse(myself.owns(5461));
        assertFalse(myself.isTroubled());
    }

    @Test
    void troubleIsAFailureFlagOrALostLink() {
        ClusterNodes view = ClusterNodes.parse(SEVEN);

        assertTrue(entry(view, "c3").isTroubled());
        assertTrue(entry(view, "e5").isTroubled());
        assertFalse(entry(view, "d4").isTroubled());
    }

    @Test
    void slotOwnersAreTheMastersWithSlotsInSlotOrder() {
        ClusterNodes view = ClusterNodes.parse(SEVEN);

        assertEquals(List.of("a1", "b2", "f6"), view.slotOwners().stream().map(ClusterNodes.Entry::id).toList());
        assertEquals(5460 + 1, entry(view, "f6").slotCount());
        assertTrue(entry(view, "f6").owns(16383));
        assertEquals(List.of("d4"), view.replicasOf("a1").stream().map(ClusterNodes.Entry::id).toList());
    }

    @Test
    void redisSixAddressesAndAnUnknownOwnAddressParseToo() {
        ClusterNodes view = ClusterNodes.parse("""
                a1 :30001@40001 myself,master - 0 0 0 connected
                b2 127.0.0.1:30002@40002 slave a1 0 1 2 connected
                """);

        assertEquals("", view.myself().ip());
        assertEquals(30001, view.myself().port());
        assertEquals("127.0.0.1", entry(view, "b2").ip());
        assertEquals("a1", entry(view, "b2").masterId());
    }

    @Test
    void theShapeLeavesOutWhatDiffersFromObserverToObserver() {
        String seenByB = SEVEN.replace("myself,master - 0 0 1", "master - 0 1 1")
                .replace("b2 127.0.0.1:30002@40002, master - 0 1 2", "b2 127.0.0.1:30002@40002, myself,master - 0 0 2")
                .replace("slave,fail?", "slave");

        assertEquals(ClusterNodes.parse(SEVEN).shape(), ClusterNodes.parse(seenByB).shape());
    }

    private static ClusterNodes.Entry entry(ClusterNodes view, String id) {
        return view.entries().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }
}
