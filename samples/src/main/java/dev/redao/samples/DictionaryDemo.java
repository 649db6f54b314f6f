package dev.redao.samples;

import dev.redao.dictionary.AlreadyLinkedException;
import dev.redao.dictionary.TranslationDictionary;
import dev.redao.dictionary.UnknownEntryException;
import dev.redao.runtime.RedisStore;

/**
 * A translation dictionary (redao-dictionary), as an integration platform keeps one: the customer
 * types of a CRM linked to a billing system's, translated both ways, exported, and removed with
 * everything linked to them. Prints each step; leaves only the models' stored schemas behind.
 */
public final class DictionaryDemo {
    private DictionaryDemo() {}

    public static void run(RedisStore store) {
        TranslationDictionary dict = TranslationDictionary.on(store);

        step("Define two systems, a key of each and its values");
        dict.defineSystem("CRM");
        dict.defineKey("CRM", "CUSTOMER_TYPE");
        dict.defineValue("CRM", "CUSTOMER_TYPE", "Individual");
        dict.defineValue("CRM", "CUSTOMER_TYPE", "Company");
        dict.defineSystem("BILLING");
        dict.defineKey("BILLING", "CUST_TYPE");
        dict.defineValue("BILLING", "CUST_TYPE", "I");
        dict.defineValue("BILLING", "CUST_TYPE", "C");
        System.out.println("  systems " + dict.systems() + ", CRM's CUSTOMER_TYPE " + dict.values("CRM", "CUSTOMER_TYPE")
                + ", BILLING's CUST_TYPE " + dict.values("BILLING", "CUST_TYPE"));

        step("Link each CRM value to its billing value, and back: a link goes one way");
        dict.link("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE", "I");
        dict.link("CRM", "CUSTOMER_TYPE", "Company", "BILLING", "CUST_TYPE", "C");
        dict.link("BILLING", "CUST_TYPE", "I", "CRM", "CUSTOMER_TYPE", "Individual");
        System.out.println("  CRM -> BILLING " + dict.translations("CRM", "CUSTOMER_TYPE", "BILLING", "CUST_TYPE"));

        step("Translate: one script, one round trip; a value with no link translates to nothing");
        System.out.println("  Individual -> " + dict.translate("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"));
        System.out.println("  C -> " + dict.translate("BILLING", "CUST_TYPE", "C", "CRM", "CUSTOMER_TYPE"));

        step("Bad input is a typed error that names what is wrong, and writes nothing");
        try {
            dict.link("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE", "C");
        } catch (AlreadyLinkedException e) {
            System.out.println("  " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        try {
            dict.translate("CRM", "CUSTOMER_TYPE", "Individual", "ERP", "KIND");
        } catch (UnknownEntryException e) {
            System.out.println("  " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        step("Export as JSON (import takes the same document back, all or nothing)");
        System.out.println(dict.exportJson().indent(2).stripTrailing());

        step("Remove the billing value I: its links, both ways, go with it in the same script");
        dict.removeValue("BILLING", "CUST_TYPE", "I");
        System.out.println("  Individual -> " + dict.translate("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE"));

        step("Remove both systems: their keys, values and links go with them");
        dict.removeSystem("CRM");
        dict.removeSystem("BILLING");
        System.out.println("  systems " + dict.systems());
    }

    private static void step(String what) {
        System.out.println();
        System.out.println("== " + what);
    }
}
