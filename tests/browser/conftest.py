"""Fixtures for the end-to-end tests in a real Chromium (Playwright, sync API).

The tests run against pytest-django's ``live_server`` in the same process, so they share
the test database and Django's locmem e-mail outbox. Chromium is Debian's (``/usr/bin/chromium``,
or ``CHROMIUM_PATH``); the tests are skipped when it is missing. Screenshots go to
``test-artifacts/`` (gitignored).
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in this thread; the ORM refuses to run
# inside one unless told that this is safe (it is: nothing else uses the loop).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000  # for actions and for expect(); generous for a loaded CI machine


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM_PATH).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM_PATH} (install Debian's chromium or set CHROMIUM_PATH)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def site_data(transactional_db):
    """What the migrations create and the flush between live-server tests removes.

    Categories and regions (the proposals data migration), and Wagtail's default locale,
    root page, home page and default site.
    """
    from wagtail.models import Locale, Page, Site

    from ideas.proposals.models import Category, Region
    from ideas.proposals.reference_data import CATEGORIES, REGIONS

    for model, rows in ((Category, CATEGORIES), (Region, REGIONS)):
        for position, (slug, name_en, name_ko) in enumerate(rows):
            model.objects.get_or_create(
                slug=slug, defaults={"name_en": name_en, "name_ko": name_ko, "position": position}
            )
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    if not Site.objects.filter(is_default_site=True).exists():
        home = root.add_child(instance=Page(title="Home", slug="home"))
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


@pytest.fixture
def new_context(browser, live_server, site_data):
    """Open browser contexts on the live server; all are closed after the test."""
    contexts = []

    def _new(**options):
        options = {"viewport": DESKTOP, "locale": "en-GB", "base_url": live_server.url, **options}
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield _new
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()
