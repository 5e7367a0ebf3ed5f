from django.core.paginator import Paginator


class DeferredJoinPaginator(Paginator):
    """Pages of a long queryset that stay cheap however deep the page.

    A page's primary keys are found first: PostgreSQL reads them from the sort's covering index
    alone (ideas/proposals/models.py), so OFFSET skips index entries rather than table rows and
    joins. Then only the rows of the page are read, with their joins, in the same order.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(list(self.object_list.filter(pk__in=ids)), number, self)
