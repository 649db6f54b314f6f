package dev.redao.samples.spring;

import dev.redao.runtime.UniqueViolationException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /members}, {@code GET /members?country=DE}, {@code GET /members/by-email/{email}}. */
@RestController
public class MemberController {
    private final MemberService service;

    public MemberController(MemberService service) {
        this.service = service;
    }

    @PostMapping("/members")
    @ResponseStatus(HttpStatus.CREATED)
    public Member join(@RequestBody Member member) {
        return service.join(member.email(), member.country(), member.age(), member.name());
    }

    @GetMapping("/members")
    public List<Member> inCountry(@RequestParam("country") String country,
            @RequestParam(name = "limit", defaultValue = "20") int limit) {
        return service.inCountry(country, limit);
    }

    @GetMapping("/members/by-email/{email}")
    public ResponseEntity<Member> byEmail(@PathVariable("email") String email) {
        return ResponseEntity.of(service.byEmail(email));
    }

    /** A taken email: 409, saying which field. */
    @ExceptionHandler(UniqueViolationException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    public String taken(UniqueViolationException e) {
        return e.getMessage();
    }
}
