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

    Categories and regions (the proposals data migration); Wagtail's default locale, root page,
    home page and default site; the /models/ index page (made after migrating, once the site
    exists); and Wagtail's editors, moderators and moderation workflow. The flush keeps nothing
    but what ``post_migrate`` makes again (content types and permissions), so everything is made
    with ``get_or_create``: the first live-server test still finds the migrations' rows.
    """
    from wagtail.models import Locale, Page, Site

    from ideas.playbooks.services import model_index
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
    model_index()
    wagtail_moderation(root)


# Wagtail's default groups and what its migrations grant them on the root page
# (wagtailcore 0002, 0005, 0045 and wagtailadmin 0001).
PAGE_PERMISSIONS = {
    "Editors": ["add", "change"],
    "Moderators": ["add", "change", "publish", "lock", "unlock"],
}
WORKFLOW = "Moderators approval"  # wagtailcore 0048: the default workflow, one task for Moderators


def wagtail_moderation(root):
    """Editors draft and submit pages; Moderators approve them in the default workflow.

    Publishers join "Editors" through a signal (``ideas.playbooks.signals.sync_publisher_group``),
    which does nothing if the group is missing: so the groups must exist before the memberships.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for name, actions in PAGE_PERMISSIONS.items():
        group = groups[name] = Group.objects.get_or_create(name=name)[0]
        group.permissions.add(access_admin)
        for action in actions:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    task = GroupApprovalTask.objects.filter(name=WORKFLOW).first() or GroupApprovalTask.objects.create(name=WORKFLOW)
    task.groups.add(groups["Moderators"])
    workflow = Workflow.objects.get_or_create(name=WORKFLOW)[0]
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})


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
