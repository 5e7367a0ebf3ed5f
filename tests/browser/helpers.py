"""Helpers for the browser tests: logging in, axe-core checks, screenshots."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import expect

from ideas.accounts.models import User
from tests.conftest import PASSWORD, totp_code

AXE_PATH = Path(settings.BASE_DIR) / "site" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def log_in(page, email, password, *, prefix="", goto=True):
    """Log in through allauth's form (at ``prefix``/accounts/login/, or the page shown), then,
    for an account with two-factor authentication (officials, staff), with the code its
    authenticator app shows (tests/conftest.py)."""
    if goto:
        page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/2fa/authenticate/" in page.url:
        enter_authenticator_code(page, User.objects.get(email=email))


def enter_authenticator_code(page, user):
    code = totp_code()
    # allauth refuses a code used twice; a test may sign the same official in twice within one
    # 30-second step (the live server shares this process's cache).
    cache.delete(f"allauth.mfa.totp.used?user={user.pk}&code={code}")
    page.locator("#id_code").fill(code)
    page.locator("main form button[type=submit]").first.click()  # "Sign in", not "Cancel"
    page.wait_for_url(lambda url: "/accounts/2fa/authenticate/" not in url)


def check_accessibility(page, name):
    """Run axe-core on the page; fail on any serious or critical WCAG 2.2 AA violation."""
    if not AXE_PATH.exists():
        pytest.fail(f"{AXE_PATH} is missing: run `npm ci --prefix site`")
    # Evaluated through the DevTools protocol, not added as an inline <script>: the pages'
    # Content Security Policy refuses inline scripts (docs/security.md, "Safe content").
    page.evaluate(AXE_PATH.read_text() + "\n;undefined")
    results = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    if serious:
        report = [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "targets": [node["target"] for node in v["nodes"]],
            }
            for v in serious
        ]
        pytest.fail(f"axe: {len(serious)} serious/critical violation(s) on {name}:\n{json.dumps(report, indent=2)}")


def screenshot(page, name, *, full_page=True):
    """Save a screenshot to test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def browser_for(new_context, user=None, **options):
    """A page in a new context (a browser of its own), logged in as ``user`` if given."""
    page = new_context(**options).new_page()
    if user is not None:
        log_in(page, user.email, PASSWORD)
    return page


def path_is(page, pattern):
    expect(page).to_have_url(re.compile(rf"^https?://[^/]+{pattern}(\?.*)?(#.*)?$"))


def choose(scope, name):
    """Tick a radio button or checkbox by its label. USWDS moves the real input off-screen and
    draws the control in the label, so people (and this helper) click the label."""
    control = scope.get_by_label(name, exact=True)
    scope.locator(f'label[for="{control.get_attribute("id")}"]').click()
    expect(control).to_be_checked()
