"""The Content Security Policy header (docs/security.md, "Safe content"). The browser test
tests/browser/test_content_security.py checks that pages load under it without a violation."""

from importlib import reload

import pytest
from bs4 import BeautifulSoup

import ideas.settings as project_settings

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def directives(response):
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize("path", ["/", "/proposals/", "/ko/proposals/", "/pilots/", "/challenges/", "/search/?q=x"])
def test_public_pages_get_the_strict_policy(client, proposal, path, settings):
    settings.PAGE_CACHE_SECONDS = 60
    for attempt in range(2):  # the second answer comes from the anonymous page cache
        response = client.get(path)
        assert response.status_code == 200
        assert (response.get("X-Cache") == "hit") == (attempt == 1), path
        policy = directives(response)
        for directive, value in STRICT.items():
            assert policy[directive] == value, (path, attempt, directive)
        assert "unsafe" not in response["Content-Security-Policy"]


def test_proposal_page_and_its_fragments_get_the_policy(client, citizen, proposal):
    assert directives(client.get(f"/proposals/{proposal.pk}/"))["script-src"] == "'self'"
    client.force_login(citizen)
    fragment = client.post("/proposals/similar/", {"title": "Drive-through"}, headers={"HX-Request": "true"})
    assert directives(fragment)["script-src"] == "'self'"


def test_the_api_and_feeds_get_the_policy(client, proposal):
    for path in ("/api/v1/proposals/", "/feeds/proposals/", "/api/docs/", "/data/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert directives(response)["default-src"] == "'self'", path


def test_pages_use_no_inline_script_and_no_event_handler(client, citizen, proposal):
    client.force_login(citizen)
    for path in ("/", "/proposals/", f"/proposals/{proposal.pk}/", "/proposals/new/", "/accounts/profile/"):
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        scripts = soup.find_all("script")
        assert scripts, path
        executable = [s for s in scripts if not s.get("src") and s.get("type") != "application/json"]
        assert not executable, (path, executable)
        handlers = [(tag.name, attr) for tag in soup.find_all(True) for attr in tag.attrs if attr.startswith("on")]
        assert not handlers, (path, handlers)
        assert not soup.find_all(style=True), path


def test_wagtail_admin_alone_may_use_inline_scripts_and_styles(client, staff):
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["frame-ancestors"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert directives(client.get("/django-admin/"))["script-src"] == "'self'"


def test_the_object_storage_origin_is_allowed_for_images_when_configured(monkeypatch):
    """With uploads in a bucket, pages show images from the bucket's address (signed URLs)."""
    assert project_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] == ["'self'", "data:"]
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "fieldwork-media")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://objects.example.go.kr/")
    try:
        img_src = reload(project_settings).CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
        assert img_src == ["'self'", "data:", "https://objects.example.go.kr"]
    finally:
        monkeypatch.undo()
        reload(project_settings)
