"""No personal data leaves through open data (DESIGN.md section 4).

Every address of the ``api`` namespace is walked: each API list (all pages) and the detail
of every object the lists name, the schema and documentation, every feed, the /data/ page
and every export file. None may contain an e-mail address, the name of anyone who did not
choose to show it, an account id, or anything drafted or hidden. Once with a world built
for the purpose, once with the demo data (its accounts' e-mail addresses and hidden names).
"""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ideas.accounts.models import User
from ideas.api import exports
from ideas.api.feeds import FEEDS
from ideas.api.models import DataExport
from ideas.api.schema import openapi_schema

from .conftest import ensure_reference_data
from .test_api import (
    DRAFT_TITLE,
    HIDDEN_AUTHOR,
    HIDDEN_COMMENT,
    HIDDEN_COMMENTER,
    HIDDEN_EXPERT,
    HIDDEN_MODERATOR,
    HIDDEN_OFFICIAL,
    HIDDEN_TITLE,
    MODEL_FEEDBACK,
    SHOWN_AUTHOR,
    build_open_data_world,
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Keys that would carry a person's identity or moderation details.
FORBIDDEN_KEYS = {
    "email",
    "user",
    "user_id",
    "author_id",
    "actor",
    "actor_id",
    "reviewer_id",
    "created_by",
    "recorded_by",
    "assigned_by",
    "moderator",
    "display_name",
    "hidden_at",
    "hidden_reason",
    "published_by",
    "locked_by",
}


def api_url_names():
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "api":
                names.add(pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def fetch(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    return b"".join(response.streaming_content) if response.streaming else response.content


def walk_everything(client):
    """Every output of open data: {label: (text, parsed JSON or None)}, and the URL names walked."""
    outputs, walked = {}, set()
    schema = openapi_schema("en")
    for path in schema["paths"]:
        if "{id}" in path:
            continue
        # A list: every page of it, then the detail of every object it names.
        url, params = path, {"page_size": 200}
        while url:
            data = json.loads(fetch(client, url, params))
            outputs[url + str(params)] = (json.dumps(data, ensure_ascii=False), data)
            url, params = (data.get("next"), None) if "results" in data else (None, None)
            for item in data.get("results", []):
                assert f"{path}{{id}}/" in schema["paths"]
                detail = f"{path}{item['id']}/"
                detail_data = json.loads(fetch(client, detail))
                outputs[detail] = (json.dumps(detail_data, ensure_ascii=False), detail_data)
                walked.add(client.get(detail).resolver_match.url_name)
        walked.add(client.get(path).resolver_match.url_name)
    for name in ("api:schema", "api:docs", "api:data"):
        outputs[name] = (fetch(client, reverse(name)).decode(), None)
        walked.add(name.split(":")[1])
    for slug in FEEDS:
        outputs[f"feed {slug}"] = (fetch(client, reverse(f"api:feed_{slug}")).decode(), None)
        walked.add(f"feed_{slug}")
    exports.regenerate()
    for export in DataExport.objects.all():
        body = fetch(client, reverse("api:data_file", args=[export.dataset, export.format])).decode("utf-8-sig")
        outputs[export.filename] = (body, json.loads(body) if export.format == "json" else None)
        walked.add("data_file")
    assert walked == api_url_names(), "an open-data address is not walked"
    return outputs


def keys_of(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from keys_of(value)
    elif isinstance(data, list):
        for item in data:
            yield from keys_of(item)


def assert_nothing_personal(outputs, *, secrets):
    for label, (text, data) in outputs.items():
        assert not EMAIL.findall(text), (label, EMAIL.findall(text))
        for secret in secrets:
            assert secret not in text, (label, secret)
        if data is not None:
            assert not FORBIDDEN_KEYS & set(keys_of(data)), (label, FORBIDDEN_KEYS & set(keys_of(data)))
        if label.endswith(".csv"):
            header = set(text.splitlines()[0].split(","))
            assert not FORBIDDEN_KEYS & header, label


@pytest.fixture
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_nothing_personal_leaves_through_any_open_data(
    client, storage, make_proposal, organisation, other_organisation, staff, official
):
    build_open_data_world(make_proposal, organisation, other_organisation, staff, official)
    outputs = walk_everything(client)
    secrets = [
        *User.objects.values_list("email", flat=True),
        HIDDEN_AUTHOR,
        HIDDEN_EXPERT,
        HIDDEN_OFFICIAL,
        HIDDEN_COMMENTER,
        DRAFT_TITLE,
        HIDDEN_TITLE,
        HIDDEN_COMMENT,
        HIDDEN_MODERATOR,
    ]
    assert len(secrets) > 10
    assert_nothing_personal(outputs, secrets=secrets)
    # The walk saw real data: the name of the person who chose to show it is there.
    for label in ("/api/v1/proposals/{'page_size': 200}", "feed proposals", "proposals.csv", "proposals.json"):
        assert SHOWN_AUTHOR in outputs[label][0], label
    assert any("Pharmacist" in text for text, _data in outputs.values())
    # A published standard model, its adoption and feedback were walked too.
    for label in ("/api/v1/adoptions/{'page_size': 200}", "adoptions.csv", "adoptions.json"):
        assert MODEL_FEEDBACK in outputs[label][0], label
    for label in ("/api/v1/standard-models/{'page_size': 200}", "feed models", "standard-models.csv"):
        assert "Mask purchase check pilot" in outputs[label][0], label


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo data, loaded once for the module and rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_reference_data()
        call_command("load_demo_data", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def test_nothing_personal_of_the_demo_accounts_leaves(demo_data, db, client, storage):
    emails = list(User.objects.values_list("email", flat=True))
    hidden_names = list(
        User.objects.filter(show_name_publicly=False).exclude(display_name="").values_list("display_name", flat=True)
    )
    assert emails and hidden_names
    outputs = walk_everything(client)
    assert_nothing_personal(outputs, secrets=emails + hidden_names)
    shown = User.objects.filter(show_name_publicly=True, proposals__status="accepted").first()
    assert shown.display_name in outputs["proposals.csv"][0]
