package dev.redao.it.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redao.it.RedisTestSupport;
import dev.redao.samples.DictionaryDemo;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dictionary demo runs against a real deployment, prints what it did, and removes its entries again. */
class DictionaryDemoTest extends RedisTestSupport {

    @Test
    void runsAndCleansUp() {
        String printed = printedBy(() -> DictionaryDemo.run(store));
        assertTrue(printed.contains("systems [BILLING, CRM], CRM's CUSTOMER_TYPE [Company, Individual]"), printed);
        assertTrue(printed.contains("CRM -> BILLING {Company=C, Individual=I}"), printed);
        assertTrue(printed.contains("  Individual -> Optional[I]\n  C -> Optional.empty"), printed);
        assertTrue(printed.contains("AlreadyLinkedException: value 'Individual'"), printed);
        assertTrue(printed.contains("UnknownSystemException: the dictionary has no system 'ERP'"), printed);
        assertTrue(printed.contains("\"from\" : [ \"BILLING\", \"CUST_TYPE\", \"I\" ]"), printed);
        assertTrue(printed.contains("its links, both ways, go with it in the same script\n  Individual -> Optional.empty"), printed);
        assertTrue(printed.contains("  systems []"), printed);

        String base = base("dictionary") + ":";
        assertEquals(Set.of("dictionary_key:schema", "dictionary_link:schema", "dictionary_system:schema",
                "dictionary_value:schema"), keys().stream().map(k -> k.substring(base.length())).collect(Collectors.toSet()),
                "only the models' stored schemas, which outlive the objects");
    }
}
