"""Which addresses the latency phase measures, built from what ``discover`` found.

Each entry has a stable ``key`` (the same whatever the data size, so two runs can be compared),
a ``name`` for the report, a ``kind`` that says which target it counts for, and an optional
``group``: entries of one group must run the same number of queries (page 1 and a deep page of
the same list).
"""

from urllib.parse import parse_qs, urlencode, urlsplit

# kind -> (target p95 in ms, what the target covers); kinds without a target are reported only.
TARGETS_MS = {
    "list": (50, "Proposal list (any page, filter, sort)"),
    "proposal": (50, "Proposal page"),
    "search": (150, "Search (Korean and English)"),
    "similar": (150, "Similar-proposal lookup"),
}


def _entry(key, name, kind, paths, *, group=None, session=None, method="GET", bodies=None):
    return {
        "key": key,
        "name": name,
        "kind": kind,
        "group": group,
        "session": session,
        "method": method,
        "paths": paths if isinstance(paths, list) else [paths],
        "bodies": bodies,
    }


def _url(path, **params):
    params = {key: value for key, value in params.items() if value not in (None, "")}
    return f"{path}?{urlencode(params)}" if params else path


def _last_page(count, page_size):
    return max(1, -(-count // page_size))


def latency_plan(found):
    deep = found["deep_page"]
    size = found["page_size"]
    plan = []

    # The list: page 1 and the deep page of every sort; every filter; filters with a deep page.
    for sort in ("newest", "supported", "discussed", "updated"):
        sort_param = None if sort == "newest" else sort
        plan.append(
            _entry(
                f"list.{sort}.p1",
                f"list, {sort}, page 1",
                "list",
                _url("/proposals/", sort=sort_param),
                group=f"list.{sort}",
            )
        )
        plan.append(
            _entry(
                f"list.{sort}.deep",
                f"list, {sort}, page {deep:,}",
                "list",
                _url("/proposals/", sort=sort_param, page=deep),
                group=f"list.{sort}",
            )
        )
    for which in ("common", "rare"):
        for field in ("status", "category", "region"):
            value = found.get(f"{field}_{which}")
            if value is None:
                continue
            n = found[f"{field}_{which}_n"]
            plan.append(
                _entry(
                    f"list.{field}.{which}",
                    f"list, {field}={value} ({_proposals(n)})",
                    "list",
                    _url("/proposals/", **{field: value}),
                    group=f"list.{field}.{which}",
                )
            )
            if which == "common":
                page = min(deep, _last_page(n, size))
                plan.append(
                    _entry(
                        f"list.{field}.{which}.deep",
                        f"list, {field}={value}, page {page:,}",
                        "list",
                        _url("/proposals/", **{field: value}, page=page),
                        group=f"list.{field}.{which}",
                    )
                )
    if found.get("challenge") is not None:
        plan.append(
            _entry(
                "list.challenge",
                f"list, challenge={found['challenge']} ({_proposals(found['challenge_n'])})",
                "list",
                _url("/proposals/", challenge=found["challenge"]),
            )
        )
    plan.append(_entry("list.experts", "list, field experts only", "list", _url("/proposals/", experts="on")))
    plan.append(
        _entry(
            "list.combined",
            "list, status + category + region, most supported",
            "list",
            _url(
                "/proposals/",
                status=found.get("status_common"),
                category=found.get("category_common"),
                region=found.get("region_common"),
                sort="supported",
            ),
        )
    )

    # Search: the list with words (relevance, with filters and sorts, a deep page), and /search/.
    words = found["search_words"]
    for key in ("ko_common", "ko_medium", "en_common", "en_medium"):
        if key not in words:
            continue
        word, matches = words[key]["word"], words[key]["matches"]
        lang = "Korean" if key.startswith("ko") else "English"
        plan.append(
            _entry(
                f"search.list.{key}",
                f"search {lang} “{word}” ({matches:,} match{'' if matches == 1 else 'es'}), relevance",
                "search",
                _url("/proposals/", q=word),
            )
        )
        if key.endswith("common"):
            page = min(deep, _last_page(matches, size))
            plan.append(
                _entry(
                    f"search.list.{key}.deep",
                    f"search {lang} “{word}”, page {page:,}",
                    "search",
                    _url("/proposals/", q=word, page=page),
                )
            )
            plan.append(
                _entry(
                    f"search.list.{key}.newest",
                    f"search {lang} “{word}”, newest",
                    "search",
                    _url("/proposals/", q=word, sort="newest"),
                )
            )
            plan.append(
                _entry(
                    f"search.list.{key}.filtered",
                    f"search {lang} “{word}” + category, most supported",
                    "search",
                    _url("/proposals/", q=word, category=found.get("category_common"), sort="supported"),
                )
            )
            plan.append(
                _entry(
                    f"search.site.{key}", f"site search /search/ {lang} “{word}”", "search", _url("/search/", q=word)
                )
            )

    # Proposal pages.
    sample = found["proposal_ids"]
    plan.append(
        _entry(
            "proposal.sample",
            f"proposal page, {len(sample)} proposals in turn",
            "proposal",
            [f"/proposals/{pk}/" for pk in sample],
        )
    )
    plan.append(
        _entry(
            "proposal.most_commented",
            f"proposal page, most commented (#{found['most_commented_id']})",
            "proposal",
            f"/proposals/{found['most_commented_id']}/",
        )
    )
    plan.append(
        _entry(
            "proposal.most_supported",
            f"proposal page, most supported (#{found['most_supported_id']})",
            "proposal",
            f"/proposals/{found['most_supported_id']}/",
        )
    )
    plan.append(
        _entry(
            "proposal.citizen",
            "proposal page, signed-in citizen",
            "proposal",
            [f"/proposals/{pk}/" for pk in sample],
            session="citizen",
        )
    )

    # Similar-proposal lookups (the htmx fragment offered while writing a proposal).
    for lang, name in (("ko", "Korean"), ("en", "English")):
        texts = found.get(f"similar_{lang}") or []
        if texts:
            plan.append(
                _entry(
                    f"similar.{lang}",
                    f"similar lookup, {name} ({len(texts)} texts in turn)",
                    "similar",
                    "/proposals/similar/",
                    session="citizen",
                    method="POST",
                    bodies=[urlencode(text) for text in texts],
                )
            )

    # Officials, pilots, standard models, the rest of the public site.
    if found.get("official_id"):
        plan.append(_entry("triage.dashboard", "triage dashboard", "triage", "/triage/", session="official"))
        plan.append(
            _entry(
                "triage.unassigned",
                "triage dashboard, not assigned yet",
                "triage",
                "/triage/?assigned=none",
                session="official",
            )
        )
    if found.get("pilot_id"):
        plan.append(
            _entry(
                "pilot.page",
                f"pilot page (#{found['pilot_id']}, most iterations)",
                "pilot",
                f"/pilots/{found['pilot_id']}/",
            )
        )
    plan.append(_entry("pilot.list", "pilot list", "pilot", "/pilots/"))
    if found.get("model_url"):
        plan.append(_entry("model.page", f"standard-model page {found['model_url']}", "model", found["model_url"]))
    plan.append(_entry("model.index", "standard-model index", "model", "/models/"))
    plan.append(_entry("home.en", "home page", "other", "/"))
    plan.append(_entry("home.ko", "home page, Korean", "other", "/ko/"))
    plan.append(_entry("speed", "speed figures", "other", "/speed/"))

    # The open-data API list endpoints (and a deep page of proposals).
    for endpoint in ("proposals", "challenges", "pilots", "organisations", "standard-models", "adoptions"):
        plan.append(
            _entry(
                f"api.{endpoint}",
                f"API /api/v1/{endpoint}/",
                "api",
                f"/api/v1/{endpoint}/",
                group="api.proposals" if endpoint == "proposals" else None,
            )
        )
    api_page = min(deep, _last_page(found["public_proposals"], 50))
    plan.append(
        _entry(
            "api.proposals.deep",
            f"API /api/v1/proposals/, page {api_page:,}",
            "api",
            _url("/api/v1/proposals/", page=api_page),
            group="api.proposals",
        )
    )
    # With little data the "deep" page is page 1: measured once is enough.
    return [e for e in plan if not (e["key"].endswith(".deep") and _page_of(e["paths"][0]) == 1)]


def _page_of(path):
    values = parse_qs(urlsplit(path).query).get("page")
    return int(values[0]) if values else 1


def _proposals(n):
    return f"{n:,} proposal" + ("" if n == 1 else "s")


def throughput_paths(found):
    """The anonymous pages of the throughput phase (served from the page cache)."""
    paths = ["/", "/proposals/", f"/proposals/{found['proposal_ids'][0]}/"]
    if found.get("model_url"):
        paths.append(found["model_url"])
    paths.append("/api/v1/proposals/")
    return paths
