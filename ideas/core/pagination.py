from django.core.paginator import Paginator
from django.utils.functional import cached_property


class DeferredJoinPaginator(Paginator):
    """Pages of a long queryset that stay cheap however deep the page.

    A page's primary keys are found first: PostgreSQL reads them from the sort's covering index
    alone (ideas/proposals/models.py), so OFFSET skips index entries rather than table rows and
    joins. Then only the rows of the page are read, with their joins, in the same order: from
    ``rows`` if given (a queryset without the conditions the ids already met, such as a
    full-text match), else from ``object_list``.
    """

    def __init__(self, object_list, per_page, *, rows=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = rows

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.page_ids(bottom, top)
        if self.rows is None:
            rows = list(self.object_list.filter(pk__in=ids))
        else:
            found = self.rows.in_bulk(ids)
            rows = [found[pk] for pk in ids if pk in found]
        return self._get_page(rows, number, self)

    def page_ids(self, bottom, top):
        return list(self.object_list.values_list("pk", flat=True)[bottom:top])


class SearchResultsPaginator(DeferredJoinPaginator):
    """Pages of search results. Finding and ranking the matches is the costly part, so it is done
    once per request: the ids of all matches, in order, are read in one query; their number is
    the count and a page is a slice of them."""

    @cached_property
    def _ids(self):
        return list(self.object_list.values_list("pk", flat=True))

    @cached_property
    def count(self):
        return len(self._ids)

    def page_ids(self, bottom, top):
        return self._ids[bottom:top]
