"""A citizen's journey in a real browser: sign up, propose, support, follow, comment.

The journey runs in English and in Korean (under /ko/). Selectors are structural (ids,
form actions) so that one journey serves both languages; visible text is asserted through
``text()``, which returns the English message itself or its Korean expectation.
"""

import re

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from ideas.proposals import services
from ideas.proposals.models import Category, Comment, Follow, Proposal, Region, Support
from tests.conftest import PASSWORD, make_user, proposal_data

from .helpers import check_accessibility, log_in, screenshot

pytestmark = pytest.mark.browser

# --- Korean expectations ----------------------------------------------------------------------
# Korean the Korean journey asserts literally. Update here when the wording changes. Strings the
# project's catalogue (locale/ko) translates can be added as the translation is completed; until
# then ``text()`` falls back to whatever the catalogue says, so the journey still checks that the
# page is rendered in the active language.
KOREAN = {
    "Testing and diagnosis": "검사·진단",  # category, from the reference data
    "Daegu": "대구광역시",  # region, from the reference data
}


def text(lang, message):
    if lang == "en":
        return message
    if message in KOREAN:
        return KOREAN[message]
    with translation.override(lang):
        return translation.gettext(message)


# --- Data ---------------------------------------------------------------------------------------

NEW_PROPOSAL = {
    "title": "Drive-through screening clinic at every health centre",
    "problem": "People wait for hours in crowded clinics and infect each other in the waiting room.",
    "solution": "Swab people through the car window, with registration and temperature checks on the way.",
    "expected_benefit": "Ten minutes per person, and far less exposure for staff.",
    "affected_people": "People with symptoms, and the staff of health centres.",
    "expertise_statement": "I am a nurse at a public health centre.",
}
PASSWORD_NEW = "a-long-new-password-42"
COMMENT = "I would volunteer at the Suseong-gu health centre."


@pytest.fixture
def existing(site_data):
    """A submitted proposal by another citizen, which the new one resembles."""
    author = make_user(name="Dr. Park")
    data = proposal_data(Category.objects.get(slug="testing"), Region.objects.get(slug="daegu"))
    proposal = services.proposal_create(author=author, data=data)
    services.proposal_submit(proposal=proposal, actor=author)
    return Proposal.objects.get(pk=proposal.pk)


def expect_lang(page, lang):
    expect(page.locator("html")).to_have_attribute("lang", lang)


def expect_path(page, prefix, pattern):
    """The page's path is ``prefix`` followed by ``pattern`` (a regular expression)."""
    expect(page).to_have_url(re.compile(rf"^https?://[^/]+{re.escape(prefix)}{pattern}(\?.*)?(#.*)?$"))


def nav_link(page, path):
    return page.locator(f'nav.usa-nav a[href="{path}"]')


def citizen_journey(new_context, existing, lang):
    prefix = "" if lang == "en" else f"/{lang}"
    suffix = "" if lang == "en" else f"-{lang}"
    english = lang == "en"
    page = new_context(locale="en-GB" if english else "ko-KR").new_page()

    # --- Home, in the chosen language ---------------------------------------------------------
    page.goto("/")
    expect_lang(page, "en")
    if not english:
        page.locator(f'.fw-language a[hreflang="{lang}"]').click()
        expect_path(page, prefix, "/")
        expect_lang(page, lang)
    expect(page.locator("main h1")).to_be_visible()
    if english:
        screenshot(page, "home")
        check_accessibility(page, "home")

    # --- The list of proposals ------------------------------------------------------------------
    nav_link(page, f"{prefix}/proposals/").click()
    expect_path(page, prefix, "/proposals/")
    expect_lang(page, lang)
    expect(page.locator("main")).to_contain_text(existing.title)
    screenshot(page, f"proposals{suffix}")
    if english:
        check_accessibility(page, "proposal list")

    # --- Sign up, verify the e-mail address ----------------------------------------------------
    nav_link(page, f"{prefix}/accounts/signup/").click()
    expect_path(page, prefix, "/accounts/signup/")
    email = f"new-citizen-{lang}@example.org"
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(PASSWORD_NEW)
    page.locator("#id_password2").fill(PASSWORD_NEW)
    page.locator("#id_display_name").fill("Nurse Choi")
    page.locator('label[for="id_show_name_publicly"]').click()
    expect(page.locator("#id_show_name_publicly")).to_be_checked()
    if english:
        check_accessibility(page, "sign-up page")
    page.locator("main form button[type=submit]").click()
    expect_path(page, prefix, "/accounts/confirm-email/")
    expect_lang(page, lang)

    sent = [message for message in mail.outbox if message.to == [email]]
    assert len(sent) == 1, [message.subject for message in mail.outbox]
    link = re.search(r"https?://\S+/accounts/confirm-email/[^/\s]+/", sent[0].body).group(0)
    assert re.search(rf"//[^/]+{re.escape(prefix)}/accounts/confirm-email/", link), link
    page.goto(link)
    expect_lang(page, lang)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/confirm-email/" not in url)
    expect_path(page, prefix, "/.*")
    if "/accounts/login/" in page.url:
        # allauth logs in on confirmation only with ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION (off by
        # default): it shows the log-in form with a confirmation message instead.
        expect(page.locator("main")).to_contain_text(email)
        log_in(page, email, PASSWORD_NEW, prefix=prefix, goto=False)
    expect_lang(page, lang)
    expect(page.locator(f'header form[action="{prefix}/accounts/logout/"]')).to_have_count(1)

    # --- Write a proposal: similar ones are offered while typing ------------------------------
    nav_link(page, f"{prefix}/proposals/new/").click()
    expect_path(page, prefix, "/proposals/new/")
    expect_lang(page, lang)
    page.locator("#id_title").press_sequentially(NEW_PROPOSAL["title"])
    page.locator("#id_problem").press_sequentially(NEW_PROPOSAL["problem"])
    similar = page.locator("#similar-proposals")
    expect(similar.get_by_role("link", name=existing.title)).to_be_visible()
    # Inside the proposal form the button posts to the support address itself (forms cannot nest).
    support_instead = similar.locator(f'button[formaction="{prefix}/proposals/{existing.pk}/support/"]')
    expect(support_instead).to_be_visible()
    expect(support_instead).to_contain_text(text(lang, "Support this one instead"))
    if english:
        screenshot(page, "proposal-form")
        check_accessibility(page, "proposal form with similar proposals")

    for field in ("solution", "expected_benefit", "affected_people", "expertise_statement"):
        page.locator(f"#id_{field}").fill(NEW_PROPOSAL[field])
    page.locator("#id_category").select_option(str(existing.category_id))
    page.locator("#id_region").select_option(str(existing.region_id))
    page.locator('button[name="preview"]').click()

    # --- Preview: the similar proposal is offered again; submit ---------------------------------
    expect_path(page, prefix, r"/proposals/\d+/preview/")
    expect_lang(page, lang)
    expect(page.locator(".fw-similar").get_by_role("link", name=existing.title)).to_be_visible()
    expect(page.locator(f'.fw-similar form[action="{prefix}/proposals/{existing.pk}/support/"]')).to_have_count(1)
    expect(page.locator(".fw-preview h2")).to_have_text(NEW_PROPOSAL["title"])
    if english:
        check_accessibility(page, "preview")
    page.locator(".fw-form-actions form button[type=submit]").click()

    proposal = Proposal.objects.get(title=NEW_PROPOSAL["title"])
    expect_path(page, prefix, rf"/proposals/{proposal.pk}/")
    expect_lang(page, lang)
    status = page.locator(".fw-proposal .fw-status")
    expect(status).to_have_class(re.compile(r"\bfw-status--submitted\b"))
    expect(status).to_have_text(text(lang, "submitted"))
    expect(page.locator(".fw-proposal h1")).to_have_text(NEW_PROPOSAL["title"])
    meta = page.locator(".fw-proposal .fw-meta").first
    expect(meta).to_contain_text(text(lang, "Testing and diagnosis"))
    expect(meta).to_contain_text(text(lang, "Daegu"))
    expect(page.locator(".fw-detail__head")).to_contain_text("Nurse Choi")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.author.email == email and proposal.author.show_name_publicly
    screenshot(page, f"proposal{suffix}")
    check_accessibility(page, f"proposal page ({lang})")

    # --- Another citizen supports, follows and comments -----------------------------------------
    supporter = make_user(name="Citizen Lee", language=lang)
    page = new_context(locale="en-GB" if english else "ko-KR").new_page()
    log_in(page, supporter.email, PASSWORD, prefix=prefix)
    page.goto(f"{prefix}/proposals/{proposal.pk}/")
    expect_lang(page, lang)
    actions = page.locator("#proposal-actions")
    expect(actions.locator(".fw-support-count strong")).to_have_text("0")
    # Support and follow swap the actions box in place (htmx): the page is not reloaded.
    page.evaluate("window.notReloaded = true")
    actions.locator(f'form[action="{prefix}/proposals/{proposal.pk}/support/"] button').click()
    expect(actions.locator(".fw-support-count strong")).to_have_text("1")
    expect(actions.locator(".fw-you-support")).to_have_text(text(lang, "You support this proposal."))
    actions.locator(f'form[action="{prefix}/proposals/{proposal.pk}/follow/"] button').click()
    expect(actions.locator(f'form[action="{prefix}/proposals/{proposal.pk}/unfollow/"]')).to_have_count(1)
    assert page.evaluate("window.notReloaded") is True
    assert Support.objects.filter(proposal=proposal, user=supporter).exists()
    assert Follow.objects.filter(proposal=proposal, user=supporter).exists()

    page.locator("#id_body").fill(COMMENT)
    page.locator("#comment-form button[type=submit]").click()
    expect_path(page, prefix, rf"/proposals/{proposal.pk}/#comment-\d+")
    comment = Comment.objects.get(proposal=proposal, author=supporter)
    assert page.url.endswith(f"#comment-{comment.pk}")
    expect(page.locator(f"#comment-{comment.pk} .fw-comment__body")).to_have_text(COMMENT)
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text("Citizen Lee")
    expect(page.locator("#proposal-actions .fw-support-count strong")).to_have_text("1")


def test_citizen_journey_in_english(new_context, existing):
    citizen_journey(new_context, existing, "en")


def test_citizen_journey_in_korean(new_context, existing):
    citizen_journey(new_context, existing, "ko")


def test_support_works_without_javascript(new_context, existing):
    supporter = make_user(name="Citizen Without Scripts")
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, supporter.email, PASSWORD)
    page.goto(f"/proposals/{existing.pk}/")
    actions = page.locator("#proposal-actions")
    expect(actions.locator(".fw-support-count strong")).to_have_text("0")
    actions.locator(f'form[action="/proposals/{existing.pk}/support/"] button').click()
    # A plain POST, answered with a redirect back to the proposal page and a message.
    expect(page.locator(".usa-alert--success")).to_contain_text("Thank you for your support.")
    expect(page).to_have_url(re.compile(rf"/proposals/{existing.pk}/$"))
    expect(actions.locator(".fw-support-count strong")).to_have_text("1")
    expect(actions.locator(".fw-you-support")).to_have_text("You support this proposal.")
    assert Support.objects.filter(proposal=existing, user=supporter).count() == 1


def test_support_this_one_instead_from_the_proposal_form(new_context, existing):
    """The similar proposals sit inside the proposal form, where a nested form does not exist
    when the server renders them (edit page): the button must still support, not save."""
    # The visible text, then the title for screen readers (Chromium adds a space before the colon).
    support_instead_name = re.compile(rf"^Support this one instead\s*: {re.escape(existing.title)}$")
    drafter = make_user(name="Citizen Drafting")
    draft = services.proposal_create(
        author=drafter,
        data=proposal_data(existing.category, existing.region, title="Drive-through screening clinics in Daegu"),
    )
    page = new_context().new_page()
    log_in(page, drafter.email, PASSWORD)
    page.goto(f"/proposals/{draft.pk}/edit/")
    page.locator("#id_title").fill("Changed, but not saved")
    page.locator("#similar-proposals").get_by_role("button", name=support_instead_name).click()
    expect(page).to_have_url(re.compile(rf"/proposals/{existing.pk}/$"))
    expect(page.locator("#proposal-actions .fw-support-count strong")).to_have_text("1")
    draft.refresh_from_db()
    assert draft.title == "Drive-through screening clinics in Daegu"

    # The same button in the box htmx fills while a citizen types a new proposal.
    writer = make_user(name="Citizen Writing")
    page = new_context().new_page()
    log_in(page, writer.email, PASSWORD)
    page.goto("/proposals/new/")
    page.locator("#id_title").press_sequentially("Drive-through screening clinic")
    page.locator("#similar-proposals").get_by_role("button", name=support_instead_name).click()
    expect(page).to_have_url(re.compile(rf"/proposals/{existing.pk}/$"))
    expect(page.locator("#proposal-actions .fw-support-count strong")).to_have_text("2")
    expect(page.locator("#proposal-actions .fw-you-support")).to_be_visible()
    assert not Proposal.objects.filter(author=writer).exists()


def test_proposal_page_fits_a_phone(new_context, existing):
    reader = make_user(name="Citizen On The Phone")
    services.comment_add(proposal=existing, author=reader, body="A long comment. " * 30, parent=None)
    page = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    log_in(page, reader.email, PASSWORD)
    page.goto(f"/proposals/{existing.pk}/")
    expect(page.locator(".fw-proposal h1")).to_have_text(existing.title)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "proposal-phone")
    menu = page.locator(".usa-menu-btn")
    expect(menu).to_be_visible()
    expect(nav_link(page, "/proposals/")).to_be_hidden()
    # The menu button opens the navigation (USWDS).
    menu.click()
    expect(nav_link(page, "/proposals/")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
