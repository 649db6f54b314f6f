package com.example;

import dev.redao.dictionary.TranslationDictionary;
import dev.redao.runtime.RedisStore;
import java.util.Optional;

/** docs/dictionaries.md's example, as a user's code. */
public final class App {
    private App() {}

    /** Defines a CRM and a billing system, links their customer types, and translates one. */
    public static Optional<String> run(String url) {
        try (RedisStore store = RedisStore.connect(url)) {
            TranslationDictionary dict = TranslationDictionary.on(store);
            dict.defineSystem("CRM");
            dict.defineKey("CRM", "CUSTOMER_TYPE");
            dict.defineValue("CRM", "CUSTOMER_TYPE", "Individual");
            dict.defineSystem("BILLING");
            dict.defineKey("BILLING", "CUST_TYPE");
            dict.defineValue("BILLING", "CUST_TYPE", "I");
            dict.link("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE", "I");

            Optional<String> billing = dict.translate("CRM", "CUSTOMER_TYPE", "Individual", "BILLING", "CUST_TYPE");
            Optional<String> none = dict.translate("BILLING", "CUST_TYPE", "I", "CRM", "CUSTOMER_TYPE"); // no link: empty
            System.out.println(billing.orElse("?") + " " + none.isEmpty());
            return billing;
        }
    }
}
