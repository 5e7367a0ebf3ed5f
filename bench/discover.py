"""What the harness learns from the database the server runs on (Django set up in the runner
with the server's environment): real ids and words for the addresses, sessions for signed-in
requests, the surge's accounts and the final count check, and the machine and data described.

Everything here is idempotent: the surge's accounts are reused from one run to the next, its
supports are withdrawn (through the service, so the counters stay exact) before and after.
"""

import os
import platform
import re
from collections import Counter
from importlib import import_module
from pathlib import Path

SURGE_EMAIL = "bench-surge-{:03d}@bench.fieldwork.invalid"
HANGUL_WORD = re.compile(r"[가-힣]{2,}")
LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


def setup_django(env):
    import sys

    root = Path(__file__).resolve().parent.parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    os.environ.update(env)
    import django

    django.setup()


# --- Addresses -----------------------------------------------------------------------------


def _sample_ids(queryset, count):
    """About ``count`` ids spread over the whole table, the same from one run to the next."""
    from django.db.models import F
    from django.db.models.functions import Mod

    total = queryset.count()
    step = max(1, total // max(1, count))
    return list(
        queryset.annotate(bucket=Mod(F("pk"), step)).filter(bucket=0).order_by("pk").values_list("pk", flat=True)
    )[:count]


def _words(titles, pattern, stopwords=frozenset()):
    counter = Counter()
    for title in titles:
        counter.update({word.lower() for word in pattern.findall(title)} - stopwords)
    return [word for word, _n in counter.most_common()]


def discover(*, list_page=2000, sample=10):
    """Everything the addresses need, chosen from the data (see bench/README.md)."""
    from django.conf import settings
    from django.db.models import Count

    from ideas.accounts.models import Membership
    from ideas.pilots.models import Pilot
    from ideas.playbooks.models import StandardModelPage
    from ideas.proposals.models import Category, Challenge, Proposal, Region
    from ideas.search import api as search
    from ideas.search.tokenizer import ENGLISH_STOPWORDS

    public = Proposal.objects.public()
    public_count = public.count()
    if not public_count:
        raise SystemExit("The database has no public proposal: load data first (see bench/README.md).")
    page_size = settings.FIELDWORK["PAGE_SIZE"]
    last_page = max(1, -(-public_count // page_size))
    found = {"public_proposals": public_count, "page_size": page_size, "last_page": last_page}
    found["deep_page"] = min(list_page, last_page)

    # Proposal pages: a spread of ordinary ones, plus the most commented and the most supported.
    found["proposal_ids"] = _sample_ids(public, sample)
    found["most_commented_id"] = public.order_by("-comment_count", "pk").values_list("pk", flat=True).first()
    found["most_supported_id"] = public.order_by("-support_count", "pk").values_list("pk", flat=True).first()

    # Filter values: the most and the least used status, category and region (a rare value with
    # a sort is where a plan can go wrong), the challenge with most proposals.
    def by_use(field):
        rows = public.exclude(**{f"{field}__isnull": True}).values(field).annotate(n=Count("pk")).order_by("-n", field)
        rows = list(rows)
        return (rows[0][field], rows[0]["n"], rows[-1][field], rows[-1]["n"]) if rows else None

    status = by_use("status")
    found["status_common"], found["status_common_n"], found["status_rare"], found["status_rare_n"] = status
    for field, model in (("category", Category), ("region", Region)):
        used = by_use(field)
        if used:
            slugs = dict(model.objects.filter(pk__in=[used[0], used[2]]).values_list("pk", "slug"))
            found[f"{field}_common"], found[f"{field}_common_n"] = slugs[used[0]], used[1]
            found[f"{field}_rare"], found[f"{field}_rare_n"] = slugs[used[2]], used[3]
    challenge = by_use("challenge")
    if challenge:
        found["challenge"], found["challenge_n"] = challenge[0], challenge[1]
    elif Challenge.objects.exists():
        found["challenge"], found["challenge_n"] = Challenge.objects.values_list("pk", flat=True).first(), 0

    # Search words from real titles: the most common Korean and English words (broad queries:
    # the most rows to count and rank) and a less common one of each.
    sample_ids = _sample_ids(public, 3000)
    rows = list(public.filter(pk__in=sample_ids).values_list("pk", "title", "problem"))
    titles = [title for _pk, title, _problem in rows]
    korean = _words(titles, HANGUL_WORD)
    english = _words(titles, LATIN_WORD, ENGLISH_STOPWORDS)
    words = {}
    for lang, ranked in (("ko", korean), ("en", english)):
        if ranked:
            words[f"{lang}_common"] = ranked[0]
            words[f"{lang}_medium"] = ranked[min(len(ranked) - 1, 20)]
    found["search_words"] = {
        key: {"word": word, "matches": search.search_proposals(public, word).count()} for key, word in words.items()
    }

    # Similar-proposal lookups: titles and problems of real proposals, as if written again.
    def texts(is_korean):
        chosen = [row for row in rows if bool(HANGUL_WORD.search(row[1])) == is_korean]
        return [{"exclude": pk, "title": title[:150], "problem": problem[:3000]} for pk, title, problem in chosen][
            :sample
        ]

    found["similar_ko"] = texts(True)
    found["similar_en"] = texts(False)

    # The official for the triage dashboard: a triager of the organisation with most proposals.
    busiest = (
        Proposal.objects.exclude(assigned_organisation=None)
        .values("assigned_organisation")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("assigned_organisation", flat=True)
        .first()
    )
    memberships = Membership.objects.filter(user__is_active=True).order_by("pk")
    official = (
        memberships.filter(role=Membership.Role.TRIAGER, organisation=busiest).first()
        or memberships.filter(role=Membership.Role.TRIAGER).first()
        or memberships.first()
    )
    found["official_id"] = official.user_id if official else None

    pilot = Pilot.objects.annotate(n=Count("iterations")).order_by("-n", "pk").first()
    found["pilot_id"] = pilot.pk if pilot else None
    model_page = StandardModelPage.objects.live().public().order_by("pk").first()
    found["model_url"] = model_page.url if model_page else None
    return found


def citizen_for_pages(exclude_ids=()):
    """A verified citizen with no organisation, to view pages and ask for similar proposals."""
    from allauth.account.models import EmailAddress

    return (
        EmailAddress.objects.filter(verified=True, user__is_active=True, user__memberships=None, user__is_staff=False)
        .exclude(user_id__in=exclude_ids)
        .exclude(email__endswith=SURGE_EMAIL.split("@")[1])
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .first()
    )


# --- Sessions and CSRF --------------------------------------------------------------------


def ensure_second_factor(user_id):
    """Officials act only with two-factor authentication set up (docs/security.md, "Access"). A
    database made before that rule may have officials without an authenticator app: give the
    benchmark's official one (a random secret nobody knows: the session below skips sign-in)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=user_id)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())


def create_session(user_id):
    """A signed-in session for this account, as ``login()`` would store it after the password
    and, for an official, the authenticator code: its key is the session cookie. Valid for the
    server because it shares the database and SECRET_KEY."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model

    user = get_user_model().objects.get(pk=user_id)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save(must_create=True)
    return store.session_key


def delete_sessions(keys):
    from django.conf import settings

    engine = import_module(settings.SESSION_ENGINE)
    for key in keys:
        engine.SessionStore(session_key=key).delete()


def cookie_header(session_key=None):
    """The ``Cookie`` header of a signed-in browser (or an anonymous one with only a CSRF
    cookie) and the matching ``X-CSRFToken`` value. The CSRF cookie holds a secret that the
    header may repeat as is (Django accepts the unmasked secret)."""
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string

    token = _get_new_csrf_string()
    parts = [f"{settings.CSRF_COOKIE_NAME}={token}"]
    if session_key:
        parts.append(f"{settings.SESSION_COOKIE_NAME}={session_key}")
    return "; ".join(parts), token


# --- The surge ----------------------------------------------------------------------------


def surge_accounts(count):
    """``count`` verified citizen accounts of the benchmark (created once, reused)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    User = get_user_model()
    ids = []
    for n in range(count):
        email = SURGE_EMAIL.format(n)
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=None, display_name=f"Benchmark client {n}")
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        ids.append(user.pk)
    return ids


def surge_proposals(count, account_ids):
    """Public proposals that take supports, not written by the benchmark's accounts."""
    from ideas.proposals.models import Proposal

    return list(
        Proposal.objects.public()
        .filter(status__in=Proposal.SUPPORTABLE_STATES)
        .exclude(author_id__in=account_ids)
        .order_by("-pk")
        .values_list("pk", flat=True)[:count]
    )


def withdraw_surge_supports(account_ids):
    """Withdraw every support of the benchmark's accounts, through the service (the counters
    move with them). Returns how many."""
    from django.contrib.auth import get_user_model

    from ideas.proposals import services
    from ideas.proposals.models import Proposal, Support

    users = {user.pk: user for user in get_user_model().objects.filter(pk__in=account_ids)}
    rows = list(Support.objects.filter(user_id__in=account_ids).values_list("proposal_id", "user_id"))
    proposals = Proposal.objects.in_bulk({proposal_id for proposal_id, _user in rows})
    for proposal_id, user_id in rows:
        services.support_withdraw(proposal=proposals[proposal_id], user=users[user_id])
    return len(rows)


def support_counts(proposal_ids, account_ids):
    """Per proposal: its counter, its valid Support rows (invalidated ones are kept as evidence
    but not counted), and the rows of the benchmark's accounts."""
    from django.db.models import Count, Q

    from ideas.proposals.models import Proposal

    rows = (
        Proposal.objects.filter(pk__in=proposal_ids)
        .annotate(
            rows=Count("supports", filter=Q(supports__invalidation__isnull=True)),
            bench_rows=Count("supports", filter=Q(supports__user_id__in=account_ids)),
        )
        .values_list("pk", "support_count", "rows", "bench_rows")
    )
    return {pk: {"counter": counter, "rows": n, "bench_rows": bench} for pk, counter, n, bench in rows}


# --- The machine and the data -------------------------------------------------------------


def _cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory():
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def machine():
    import django
    import wagtail
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
            shown = []
            for name in ("shared_buffers", "work_mem", "effective_cache_size", "synchronous_commit", "max_connections"):
                cursor.execute(f"SHOW {name}")  # noqa: S608 (names from the tuple above)
                shown.append(f"{name}={cursor.fetchone()[0]}")
            database_settings = ", ".join(shown)
        else:
            database, database_settings = connection.vendor, ""
    description = {
        "cpus": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory": _memory(),
        "os": f"{platform.system()} {platform.release()} {platform.machine()}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "database": database,
        "database_settings": database_settings,
        "database_name": connection.settings_dict["NAME"],
        "database_host": connection.settings_dict.get("HOST") or "local",
    }
    try:
        from django_redis import get_redis_connection

        description["redis"] = "Redis " + get_redis_connection("default").info("server")["redis_version"]
    except Exception as exc:  # a description, never a failure
        description["redis"] = f"unknown ({type(exc).__name__})"
    return description


def data_size():
    from django.contrib.auth import get_user_model

    from ideas.pilots.models import Pilot
    from ideas.playbooks.models import StandardModelPage
    from ideas.proposals.models import Comment, Proposal, Support

    return {
        "proposals": Proposal.objects.count(),
        "public proposals": Proposal.objects.public().count(),
        "supports": Support.objects.count(),
        "comments": Comment.objects.count(),
        "pilots": Pilot.objects.count(),
        "standard models (live)": StandardModelPage.objects.live().count(),
        "accounts": get_user_model().objects.count(),
    }


def clear_page_cache():
    """Make every cached page stale (the cache is the server's: same CACHE_URL)."""
    from ideas.core.page_cache import _bump_generation

    _bump_generation()
