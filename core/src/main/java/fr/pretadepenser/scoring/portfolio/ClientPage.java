package fr.pretadepenser.scoring.portfolio;

import java.util.List;

/**
 * One page of search results.
 *
 * @param total  how many clients match the query in all
 * @param limit  the page size asked for
 * @param offset matching clients skipped before this page
 * @param items  the page's clients in id order, at most {@code limit} of them
 */
public record ClientPage(long total, int limit, int offset, List<ClientSummary> items) {

    /** Copies the items so that a page cannot change. */
    public ClientPage {
        items = List.copyOf(items);
    }
}
