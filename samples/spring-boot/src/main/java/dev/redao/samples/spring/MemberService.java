package dev.redao.samples.spring;

import dev.redao.runtime.RedisStore;
import dev.redao.runtime.Saved;
import dev.redao.runtime.Transaction;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Saves and finds members. The DAO is a bean that the starter registered; each call is one script.
 * {@code join} shows a Redao transaction: Redao's own API, one script, not Spring's {@code @Transactional}.
 */
@Service
public class MemberService {
    private final MemberDao members;
    private final RedisStore store;

    public MemberService(MemberDao members, RedisStore store) {
        this.members = members;
        this.store = store;
    }

    /** Saves a new member; a taken email is a {@code UniqueViolationException}, and nothing is written. */
    public Member join(String email, String country, int age, String name) {
        return members.save(new Member(null, email, country, age, name));
    }

    /** Two members in one script: both are saved, or neither. */
    public List<Member> joinTogether(Member first, Member second) {
        try (Transaction tx = store.beginTransaction()) {
            Saved<Member> a = tx.save(members, first);
            Saved<Member> b = tx.save(members, second);
            tx.commit();
            return List.of(a.get(), b.get());   // server-assigned ids are known after the commit
        }
    }

    public Optional<Member> byEmail(String email) {
        return members.getByEmail(email);
    }

    /** The members of a country, oldest first, in one round trip. */
    public List<Member> inCountry(String country, int limit) {
        return members.query()
                .filter(MemberQuery.country.eq(country))
                .sortBy(MemberQuery.age.desc())
                .limit(limit)
                .list();
    }
}
