"""Every URL of Fieldwork's own apps, for every role, against one declared table.

A new URL pattern without an entry in CASES fails ``test_every_url_has_a_case``.
Expected answers: a status code, "login" (sent to log in), or "done" (the action ran
and redirected back).
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ideas.accounts.models import ExpertApplication
from ideas.proposals import services
from ideas.proposals.models import Challenge

from .conftest import ROLES

OWN_APPS = ("core", "proposals", "accounts", "notifications")

ALL_200 = dict.fromkeys(ROLES, 200)


def expect(default, **overrides):
    table = dict.fromkeys(ROLES, default)
    table.update(overrides)
    return table


VERIFIED_ONLY = {"visitor": "login", "unverified": 403}

# name: (method, object fixture or None, expected answers, POST data)
CASES = {
    "core:home": ("get", None, ALL_200, None),
    "proposals:list": ("get", None, ALL_200, None),
    "proposals:similar": ("post", None, ALL_200, {"title": "Drive-through clinics", "problem": "waiting"}),
    "proposals:create": ("get", None, expect(200, **VERIFIED_ONLY), None),
    "proposals:detail": ("get", "proposal", ALL_200, None),
    "proposals:detail#draft": ("get", "draft", expect(404, citizen=200, staff=200), None),
    "proposals:edit": ("get", "proposal", expect(403, visitor="login", citizen=200), None),
    "proposals:preview": ("get", "draft", expect(403, visitor="login", citizen=200), None),
    "proposals:withdraw": ("get", "proposal", expect(403, visitor="login", citizen=200), None),
    # The author is told they cannot support their own proposal (a message, then back).
    "proposals:support": ("post", "proposal", expect("done", **VERIFIED_ONLY), {}),
    "proposals:unsupport": ("post", "proposal", expect("done", **VERIFIED_ONLY), {}),
    "proposals:follow": ("post", "proposal", expect("done", **VERIFIED_ONLY), {}),
    "proposals:unfollow": ("post", "proposal", expect("done", **VERIFIED_ONLY), {}),
    "proposals:comment_create": ("post", "proposal", expect("done", **VERIFIED_ONLY), {"body": "Good idea."}),
    "proposals:flag": ("get", "proposal", expect(200, citizen=403, **VERIFIED_ONLY), None),
    "proposals:comment_edit": ("get", "comment", expect(403, visitor="login", citizen=200), None),
    "proposals:comment_delete": ("get", "comment", expect(403, visitor="login", citizen=200), None),
    "proposals:comment_flag": ("get", "comment", expect(200, citizen=403, **VERIFIED_ONLY), None),
    "proposals:moderation": ("get", None, expect(403, visitor="login", staff=200), None),
    "proposals:moderate_proposal": (
        "post",
        "proposal",
        expect(403, visitor="login", staff="done"),
        {"action": "hide", "reason": "Spam"},
    ),
    "proposals:moderate_comment": (
        "post",
        "comment",
        expect(403, visitor="login", staff="done"),
        {"action": "hide", "reason": "Rude"},
    ),
    "proposals:challenge_list": ("get", None, ALL_200, None),
    "proposals:challenge_detail": ("get", "challenge", ALL_200, None),
    "proposals:challenge_create": (
        "get",
        None,
        expect(403, visitor="login", official=200, other_official=200, staff=200),
        None,
    ),
    "proposals:challenge_edit": ("get", "challenge", expect(403, visitor="login", official=200, staff=200), None),
    "accounts:profile": ("get", None, expect(200, visitor="login"), None),
    "accounts:expert_apply": ("get", None, expect(200, expert=403, **VERIFIED_ONLY), None),
    "accounts:expert_review": ("get", None, expect(403, visitor="login", staff=200), None),
    "accounts:expert_decide": (
        "post",
        "application",
        expect(403, visitor="login", staff="done"),
        {"decision": "approve", "reason": ""},
    ),
    "notifications:list": ("get", None, expect(200, visitor="login"), None),
    "notifications:mark_read": ("post", None, expect("done", visitor="login"), {}),
}


def _own_url_names():
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                if ns in OWN_APPS or pattern.namespace is None:
                    walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and namespace in OWN_APPS and pattern.name:
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_has_a_case():
    declared = {name.split("#")[0] for name in CASES}
    missing = _own_url_names() - declared
    assert not missing, f"URL patterns without a permission case: {sorted(missing)}"


@pytest.fixture
def objects(citizen, proposal, draft, organisation, other_citizen):
    comment = services.comment_add(proposal=proposal, author=citizen, body="First!")
    challenge = Challenge.objects.create(
        title="Shorter queues", description="How?", owner=organisation, deadline="2099-01-01"
    )
    application = ExpertApplication.objects.create(
        user=other_citizen, profession="Nurse", workplace="Clinic", evidence="Licence 123"
    )
    return {
        "proposal": proposal,
        "draft": draft,
        "comment": comment,
        "challenge": challenge,
        "application": application,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_url_answers_each_role_as_declared(case, role, as_role, objects):
    method, obj_name, answers, data = CASES[case]
    name = case.split("#")[0]
    url = reverse(name, args=[objects[obj_name].pk] if obj_name else [])
    client, _user = as_role(role)
    response = client.post(url, data) if method == "post" else client.get(url)
    expected = answers[role]
    if expected == "login":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], response
    elif expected == "done":
        assert response.status_code == 302 and "/accounts/login/" not in response["Location"], response
    else:
        assert response.status_code == expected, (case, role, response.status_code)
