"""Anti-fraud on supports: where a support came from, the staff page of unusual bursts, and
the criteria of a bulk invalidation (docs/security.md, "Supports: anti-fraud").

Each support records the client's IP address, its range as text (/24 for IPv4, /48 for
IPv6, computed here at insert time so that grouping by range is a plain ``GROUP BY`` on
SQLite and PostgreSQL alike) and the account's e-mail domain. Invalidation criteria take any
CIDR network: ``ip_address__in_network`` is PostgreSQL's ``<<=`` on ``inet`` (it can use the
index) and a Python function on SQLite.
"""

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import Count, F, GenericIPAddressField, Lookup, Q
from django.utils import timezone
from django.utils.http import urlencode

from .models import Proposal, Support

RANGE_PREFIX = {4: 24, 6: 48}
TOP_PROPOSALS = 3  # proposals shown for each range or domain


def ip_range(address) -> str | None:
    """The /24 (IPv4) or /48 (IPv6) network of ``address`` as text; None without a valid address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return str(ipaddress.ip_network((ip, RANGE_PREFIX[ip.version]), strict=False))


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].lower()


# --- Matching a CIDR network ------------------------------------------------------------------


@GenericIPAddressField.register_lookup
class InNetwork(Lookup):
    """``ip_address__in_network="203.0.113.0/24"``: the address lies in that network."""

    lookup_name = "in_network"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [str(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"fieldwork_in_network({lhs}, {rhs})", [*lhs_params, *rhs_params]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} <<= {rhs}::inet", [*lhs_params, *rhs_params]


@lru_cache(maxsize=64)
def _network(text):
    return ipaddress.ip_network(text, strict=False)


def _in_network(address, network):
    if address is None:
        return None
    try:
        return ipaddress.ip_address(address) in _network(network)
    except ValueError:
        return False


def _add_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("fieldwork_in_network", 2, _in_network, deterministic=True)


def connect():
    connection_created.connect(_add_sqlite_functions, dispatch_uid="fieldwork-in-network")


# --- What a bulk invalidation hits --------------------------------------------------------------


@dataclass(frozen=True)
class Criteria:
    """Valid supports given in [start, end) from an IP network and/or an e-mail domain, optionally
    to one proposal."""

    start: datetime
    end: datetime
    network: str = ""
    email_domain: str = ""
    proposal: Proposal | None = None

    def supports(self):
        supports = Support.objects.filter(
            invalidation__isnull=True, created_at__gte=self.start, created_at__lt=self.end
        ).order_by()
        if self.network:
            supports = supports.filter(ip_address__in_network=self.network)
        if self.email_domain:
            supports = supports.filter(email_domain=self.email_domain)
        if self.proposal is not None:
            supports = supports.filter(proposal=self.proposal)
        return supports

    def preview(self):
        """How many supports, accounts and proposals the invalidation would hit (one query)."""
        return self.supports().aggregate(
            supports=Count("pk"), accounts=Count("user", distinct=True), proposals=Count("proposal", distinct=True)
        )

    def proposals_hit(self, limit=10):
        """The proposals that would lose the most supports, with how many."""
        return list(
            self.supports()
            .values("proposal_id", "proposal__title")
            .annotate(supports=Count("pk"))
            .order_by("-supports", "proposal_id")[:limit]
        )

    def as_dict(self):
        return {
            "network": self.network,
            "email_domain": self.email_domain,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "proposal": self.proposal.pk if self.proposal is not None else None,
        }


# --- Unusual bursts -------------------------------------------------------------------------------

GROUPINGS = {"ip": "ip_range", "domain": "email_domain"}


@dataclass
class Burst:
    """The supports of one IP range or e-mail domain in the window, and what is unusual about them.

    Each signal is counted in supports beyond what the window's baseline predicts:
    ``concentration`` on the proposal where the group weighs most (its supports there minus its
    share of the window times the proposal's supports in the window), ``newness`` (supports by
    accounts created shortly before supporting, minus the window's rate of them) and
    ``repetition`` (supports minus its accounts times the window's supports per account). The
    score is their sum: the page lists the highest first.
    """

    key: str
    supports: int
    accounts: int
    proposals: int
    fresh: int
    concentration: float
    newness: float
    repetition: float
    top: list
    invalidate_query: str = ""  # the criteria of this burst, for the invalidation page

    @property
    def score(self):
        return self.concentration + self.newness + self.repetition

    @property
    def unusual(self):
        """The score in whole supports, as the page shows it: none unless a signal reaches one
        support (a group's single support always makes up some share of its proposal)."""
        return round(self.score) if max(self.concentration, self.newness, self.repetition) >= 1 else 0

    @property
    def supports_per_account(self):
        return self.supports / self.accounts

    @property
    def fresh_percent(self):
        return round(100 * self.fresh / self.supports)


@dataclass
class TopProposal:
    proposal: Proposal
    supports: int
    window_supports: int  # the proposal's supports in the window, from any range or domain
    invalidate_query: str = ""

    @property
    def percent(self):
        return round(100 * self.supports / self.window_supports)


class BurstReport:
    """Bursts of one window grouped ``by`` "ip" (range) or "domain", most unusual first.

    A paginator takes it as its object list: ``count()`` comes from the baseline (one query),
    each page is one query for the groups and one for the proposals they went to, whatever the
    number of supports.
    """

    def __init__(self, *, by: str, start: datetime, end: datetime):
        self.by, self.start, self.end = by, start, end
        field = GROUPINGS[by]
        supports = Support.objects.filter(invalidation__isnull=True, created_at__gte=start, created_at__lt=end)
        self.supports = supports.exclude(Q(**{f"{field}__isnull": True}) | Q(**{field: ""})).order_by()
        self.field = field
        fresh_after = F("created_at") - timedelta(hours=settings.FIELDWORK["NEW_ACCOUNT_HOURS"])
        self.fresh = Q(user__date_joined__gt=fresh_after)
        self.baseline = self.supports.aggregate(
            supports=Count("pk"),
            accounts=Count("user", distinct=True),
            fresh=Count("pk", filter=self.fresh),
            groups=Count(field, distinct=True),
        )

    @property
    def supports_per_account(self):
        b = self.baseline
        return b["supports"] / b["accounts"] if b["accounts"] else 0

    @property
    def fresh_share(self):
        b = self.baseline
        return b["fresh"] / b["supports"] if b["supports"] else 0

    @property
    def fresh_percent(self):
        return round(100 * self.fresh_share)

    def count(self):
        return self.baseline["groups"]

    def _pairs(self, supports):
        """Supports per (group, proposal): k, p, n, fresh."""
        return (
            supports.values(k=F(self.field), p=F("proposal_id"))
            .annotate(n=Count("pk"), fresh=Count("pk", filter=self.fresh))
            .order_by()
        )

    def __getitem__(self, page):
        if not self.count():
            return []
        pairs_sql, pairs_params = self._pairs(self.supports).query.sql_with_params()
        accounts = self.supports.values(k=F(self.field)).annotate(accounts=Count("user", distinct=True))
        accounts_sql, accounts_params = accounts.query.sql_with_params()
        b = self.baseline
        # The CTE bodies are the ORM's own SQL, with placeholders; every value is a parameter.
        sql = f"""
            WITH pairs AS ({pairs_sql}),
            totals AS (SELECT p, SUM(n) AS total FROM pairs GROUP BY p),
            accounts AS ({accounts_sql}),
            groups AS (SELECT k, SUM(n) AS supports, SUM(fresh) AS fresh, COUNT(*) AS proposals FROM pairs GROUP BY k),
            peaks AS (
                SELECT pairs.k AS k, MAX(pairs.n - 1.0 * totals.total * groups.supports / %s) AS peak
                FROM pairs JOIN totals ON totals.p = pairs.p JOIN groups ON groups.k = pairs.k
                GROUP BY pairs.k
            ),
            signals AS (
                SELECT groups.k AS k, groups.supports AS supports, accounts.accounts AS accounts,
                    groups.proposals AS proposals, groups.fresh AS fresh,
                    peaks.peak AS concentration,
                    groups.fresh - %s * groups.supports AS newness,
                    groups.supports - %s * accounts.accounts AS repetition
                FROM groups JOIN accounts ON accounts.k = groups.k JOIN peaks ON peaks.k = groups.k
            ),
            scored AS (
                SELECT k, supports, accounts, proposals, fresh,
                    CASE WHEN concentration > 0 THEN concentration ELSE 0 END AS concentration,
                    CASE WHEN newness > 0 THEN newness ELSE 0 END AS newness,
                    CASE WHEN repetition > 0 THEN repetition ELSE 0 END AS repetition
                FROM signals
            )
            SELECT k, supports, accounts, proposals, fresh, concentration, newness, repetition FROM scored
            ORDER BY concentration + newness + repetition DESC, supports DESC, k
            LIMIT %s OFFSET %s
        """  # noqa: S608
        params = [
            *pairs_params,
            *accounts_params,
            b["supports"],
            self.fresh_share,
            self.supports_per_account,
            page.stop - page.start,
            page.start,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            bursts = [
                Burst(k, supports, accounts, proposals, fresh, float(c), float(n), float(r), [])
                for k, supports, accounts, proposals, fresh, c, n, r in cursor.fetchall()
            ]
        self._add_top_proposals(bursts)
        for burst in bursts:
            burst.invalidate_query = self._criteria_query(burst.key)
            for top in burst.top:
                top.invalidate_query = self._criteria_query(burst.key, top.proposal)
        return bursts

    def _criteria_query(self, key, proposal=None):
        as_typed = "%Y-%m-%dT%H:%M"  # what a datetime-local field sends, in the local time zone
        criteria = {
            "network" if self.by == "ip" else "email_domain": key,
            "start": timezone.localtime(self.start).strftime(as_typed),
            "end": timezone.localtime(self.end).strftime(as_typed),
        }
        if proposal is not None:
            criteria["proposal"] = proposal.pk
        return urlencode(criteria)

    def _add_top_proposals(self, bursts):
        """The proposals each burst went to most, with their supports in the window (one query)."""
        if not bursts:
            return
        by_key = {burst.key: burst for burst in bursts}
        hit = self.supports.filter(**{f"{self.field}__in": list(by_key)})
        pairs_sql, pairs_params = self._pairs(hit).query.sql_with_params()
        totals_sql, totals_params = (
            self.supports.filter(proposal__in=hit.values("proposal"))
            .values(p=F("proposal_id"))
            .annotate(total=Count("pk"))
            .query.sql_with_params()
        )
        proposal_table = connection.ops.quote_name(Proposal._meta.db_table)
        sql = f"""
            WITH pairs AS ({pairs_sql}), totals AS ({totals_sql}),
            ranked AS (
                SELECT pairs.k AS k, pairs.p AS p, pairs.n AS n, totals.total AS total,
                    ROW_NUMBER() OVER (PARTITION BY pairs.k ORDER BY pairs.n DESC, pairs.p) AS r
                FROM pairs JOIN totals ON totals.p = pairs.p
            )
            SELECT ranked.k, ranked.n, ranked.total, proposal.id, proposal.title
            FROM ranked JOIN {proposal_table} proposal ON proposal.id = ranked.p
            WHERE ranked.r <= %s ORDER BY ranked.k, ranked.r
        """  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*pairs_params, *totals_params, TOP_PROPOSALS])
            for key, n, total, pk, title in cursor.fetchall():
                by_key[key].top.append(TopProposal(Proposal(pk=pk, title=title), n, total))
