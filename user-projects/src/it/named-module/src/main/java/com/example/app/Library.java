package com.example.app;

import dev.redao.runtime.RedisStore;
import java.util.List;

/** Uses what the processor generated, so that lint sees the calls a user writes too. */
public final class Library {
    private final AuthorDao authors;
    private final BookDao books;

    public Library(RedisStore store) {
        this.authors = new AuthorDao(store);
        this.books = new BookDao(store);
    }

    public List<Book> ebooksOf(String email) {
        Author author = authors.getByEmail(email).orElseThrow();
        return books.query()
                .filter(BookQuery.authorId.eq(author.id()))
                .filter(BookQuery.format.in(Book.Format.EBOOK, Book.Format.PAPER))
                .sortBy(BookQuery.price.desc())
                .list();
    }

    public long authorsFrom(String prefix) {
        return authors.query().filter(AuthorQuery.country.startsWith(prefix)).count();
    }
}
