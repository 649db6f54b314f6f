package shop;

import dev.redao.runtime.query.Related;
import java.util.List;

/** The relations page's statements, over the models of this context. */
class Fragment {
    static void run(OrderDao orders, CustomerDao customers, PostTagsDao links, TagDao tags, Customer ann, Post post, Tag tag) {
        //@fragment
    }
}
