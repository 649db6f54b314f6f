package dev.redao.processor.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearMissTest {

    @Test
    void distanceCountsEditsCaseAside() {
        assertEquals(0, NearMiss.distance("createdAt", "CREATEDAT"));
        assertEquals(2, NearMiss.distance("createdAt", "created"));
        assertEquals(1, NearMiss.distance("Custmer", "Customer"));
        assertEquals(5, NearMiss.distance("", "score"));
    }

    @Test
    void theClosestLikelySlipIsMeant() {
        assertEquals(Optional.of("created"), NearMiss.closest("createdAt", List.of("score", "created", "creation")));
        assertEquals(Optional.of("score"), NearMiss.closest("Score", List.of("score", "scores")));
        // "priority" shares too little with any of them to be a slip
        assertEquals(Optional.empty(), NearMiss.closest("priority", List.of("score", "due", "title")));
        assertEquals(Optional.empty(), NearMiss.closest("rank", List.of()));
    }

    @Test
    void aKeyComparesPartOfEachCandidate() {
        assertEquals(Optional.of("shop.Customer"),
                NearMiss.closest("CustomerDto", List.of("shop.Order", "shop.Customer"), name -> name.substring(5)));
    }
}
