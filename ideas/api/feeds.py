"""Atom feeds of open data (Django's syndication framework).

Each feed is an ``OpenDataFeed`` listed in ``FEEDS``, which ``urls.py`` serves at
``/feeds/<slug>/`` with cache headers. A feed of published standard models
(``ideas.playbooks``) is one more subclass and one more entry.

People appear as in the API (``privacy.py``): an author by the name they chose to show, else
“anonymous citizen”; a decision by the organisation that made it, never the official.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ideas.playbooks.models import StandardModelIndexPage
from ideas.proposals.models import NEWEST_FIRST, Proposal
from ideas.proposals.selectors import proposals_for_listing

from . import selectors
from .fields import absolute_url, page_url


def site_path(obj):
    """A page's address without a language prefix: the same entry for every reader."""
    with translation.override(settings.LANGUAGE_CODE):
        return obj.get_absolute_url()


def as_html(text):
    return linebreaks(escape(text))


class OpenDataFeed(Feed):
    feed_type = Atom1Feed
    author_name = "Fieldwork"

    def feed_copyright(self):
        return f"{settings.OPEN_DATA_LICENCE['name']}: {settings.OPEN_DATA_LICENCE['url']}"

    def limit(self):
        return settings.OPEN_DATA["FEED_ITEMS"]


class NewProposalsFeed(OpenDataFeed):
    title = _("Fieldwork: new proposals")
    subtitle = _("Public proposals, newest submission first.")

    def link(self):
        with translation.override(settings.LANGUAGE_CODE):
            return reverse("proposals:list")

    def items(self):
        public = proposals_for_listing(Proposal.objects.public())
        return public.order_by(*NEWEST_FIRST)[: self.limit()]

    def item_title(self, proposal):
        return proposal.title

    def item_description(self, proposal):
        return as_html(proposal.problem)

    def item_link(self, proposal):
        return site_path(proposal)

    def item_pubdate(self, proposal):
        return proposal.submitted_at

    def item_updateddate(self, proposal):
        return proposal.updated_at

    def item_author_name(self, proposal):
        return str(proposal.author.public_name)

    def item_categories(self, proposal):
        return [proposal.category.name, proposal.region.name]


class DecisionsFeed(OpenDataFeed):
    title = _("Fieldwork: decisions")
    subtitle = _("Status changes of public proposals after submission, newest first, with their public reasons.")

    def link(self):
        with translation.override(settings.LANGUAGE_CODE):
            return reverse("proposals:list")

    def items(self):
        return selectors.decisions()[: self.limit()]

    def item_title(self, change):
        return gettext("%(proposal)s: %(status)s") % {
            "proposal": change.proposal.title,
            "status": capfirst(change.get_to_status_display()),
        }

    def item_description(self, change):
        return as_html(change.reason)

    def item_link(self, change):
        return site_path(change.proposal) + "#timeline"

    def item_guid(self, change):
        return absolute_url(f"{site_path(change.proposal)}#status-change-{change.pk}")

    def item_pubdate(self, change):
        return change.created_at

    def item_updateddate(self, change):
        return change.created_at

    def item_author_name(self, change):
        return change.actor_organisation.name if change.actor_organisation else None


class PublishedModelsFeed(OpenDataFeed):
    title = _("Fieldwork: standard models")
    subtitle = _("Every published version of every standard model, newest first, with what changed.")

    def link(self):
        index = StandardModelIndexPage.objects.live().first()
        return page_url(index) if index else "/"

    def items(self):
        return selectors.model_versions()[: self.limit()]

    def item_title(self, version):
        return gettext("%(model)s, version %(number)s") % {"model": version.page.title, "number": version.number}

    def item_description(self, version):
        return as_html(version.change_note or gettext("First published version."))

    def item_link(self, version):
        return page_url(version.page)

    def item_guid(self, version):
        return f"{page_url(version.page)}versions/#version-{version.number}"

    def item_pubdate(self, version):
        return version.published_at

    def item_updateddate(self, version):
        return version.published_at


FEEDS = {
    "proposals": NewProposalsFeed(),
    "decisions": DecisionsFeed(),
    "models": PublishedModelsFeed(),
}
