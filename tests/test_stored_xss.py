"""Stored XSS: a payload in every text field of every form, then every page, fragment, API
answer, feed, download and e-mail that shows them (docs/security.md, "Safe content").

For each payload of the corpus (tests/xss.py) the whole story is written once, through the
forms people fill (validated as the views validate them) and the services the views call:
a proposal, its comment, review, flag, moderation, answer, decisions, a challenge, a pilot
with metrics and iterations, its conclusion, the standard model drafted from it, an adoption,
an expert application and its decision, display names. Every CharField of every form gets
the payload (cut to the field's length): a new text field is filled without changing this
test, and a new form fails ``test_every_text_field_of_every_form_is_filled`` until it is
written here.
"""

import csv
import io
import json
from datetime import date

import pytest
from defusedxml import ElementTree
from django import forms
from django.core import mail
from django.urls import reverse

from ideas.accounts import forms as account_forms
from ideas.accounts import services as account_services
from ideas.accounts.models import Membership
from ideas.api import exports
from ideas.pilots import forms as pilot_forms
from ideas.pilots import services as pilot_services
from ideas.playbooks import forms as playbook_forms
from ideas.playbooks import services as playbook_services
from ideas.proposals import antifraud, services
from ideas.proposals import forms as proposal_forms
from ideas.proposals.models import Comment, ModerationSettings, Proposal

from .conftest import make_user, publish
from .xss import PAYLOADS, VISIBLE_PREFIX, fit, json_strings, markup_problems, visible_text

pytestmark = pytest.mark.django_db

FORM_MODULES = [proposal_forms, pilot_forms, playbook_forms, account_forms]
# Text fields whose value is never stored or shown (a query, a password, an address checked
# by allauth, a network): they cannot carry a stored payload.
NOT_STORED = {
    "SimilarQueryForm.title": "the similar-proposals query, never stored",
    "SimilarQueryForm.problem": "the similar-proposals query, never stored",
    "SupportCriteriaForm.network": "validated as an IP network",
    "SupportCriteriaForm.email_domain": "validated as a domain name",
    "SupportInvalidationForm.network": "validated as an IP network",
    "SupportInvalidationForm.email_domain": "validated as a domain name",
    "DecisionForm.expected_status": "a hidden status name, checked against the proposal's",
    "AccountDeleteForm.password": "checked, never stored",
}
# The same stored field through another form.
SAME_AS = {"SignupProfileForm.display_name": "ProfileForm.display_name"}


def text_fields_of_forms():
    names = set()
    for module in FORM_MODULES:
        for name in dir(module):
            cls = getattr(module, name)
            if (
                isinstance(cls, type)
                and issubclass(cls, forms.BaseForm)
                and cls.__module__ == module.__name__
                and not name.startswith("_")
            ):
                for field_name, field in cls.base_fields.items():
                    if isinstance(field, forms.CharField) and not isinstance(field, forms.EmailField):
                        names.add(f"{name}.{field_name}")
    return names


class Writer:
    """Fills forms as a person would, with the payload in every text field."""

    def __init__(self, payload):
        self.payload = payload
        self.filled = set()

    def fill(self, form_class, data=None, **kwargs):
        form = form_class(data={}, **kwargs)
        values = dict(data or {})
        for name, field in form.fields.items():
            if (
                isinstance(field, forms.CharField)
                and name not in values
                and f"{form_class.__name__}.{name}" not in NOT_STORED
            ):
                values[name] = fit(self.payload, field.max_length)
                self.filled.add(f"{form_class.__name__}.{name}")
        form = form_class(data=values, **kwargs)
        assert form.is_valid(), (form_class.__name__, form.errors)
        return form.cleaned_data


def write_everything(payload, *, category, region, organisation, official, staff, publisher, expert):
    w = Writer(payload)
    author = make_user(name="(renamed below)")
    account_services.profile_update(
        user=author,
        **w.fill(account_forms.ProfileForm, {"show_name_publicly": "on", "language": "en"}, instance=author),
    )
    commenter = make_user(name="(renamed below)")
    account_services.profile_update(
        user=commenter,
        **w.fill(account_forms.ProfileForm, {"show_name_publicly": "on", "language": "en"}, instance=commenter),
    )

    challenge = services.challenge_save(
        actor=official,
        data=w.fill(
            proposal_forms.ChallengeForm,
            {"owner": organisation.pk, "deadline": "2099-01-01", "premoderation": "inherit"},
            user=official,
        ),
    )
    proposal_data = {"category": category.pk, "region": region.pk, "challenge": challenge.pk}
    data = w.fill(proposal_forms.ProposalForm, proposal_data)
    proposal = services.proposal_create(
        author=author, data={k: data[k] for k in proposal_forms.ProposalForm.Meta.fields}
    )
    proposal = services.proposal_submit(proposal=proposal, actor=author)
    services.follow_add(proposal=proposal, user=commenter)

    comment = services.comment_add(proposal=proposal, author=commenter, **w.fill(proposal_forms.CommentForm))
    services.comment_add(proposal=proposal, author=author, body=comment.body, parent=comment)
    services.review_save(
        proposal=proposal, reviewer=expert, data=w.fill(proposal_forms.ExpertReviewForm, {"rating": "4"})
    )
    flag = w.fill(proposal_forms.FlagForm, {"reason": "spam"})
    services.flag_create(reporter=commenter, reason=flag["reason"], details=flag["details"], comment=comment)
    services.flag_create(reporter=commenter, reason=flag["reason"], details=flag["details"], proposal=proposal)

    # An official asks for more, the author answers, the official accepts.
    decision = w.fill(
        proposal_forms.DecisionForm, {"decision": "needs_info", "expected_status": proposal.status}, proposal=proposal
    )
    proposal = services.proposal_decide(
        proposal=proposal, actor=official, decision="needs_info", reason=decision["reason"], expected_status="submitted"
    )
    proposal = services.proposal_answer(proposal=proposal, actor=author, **w.fill(proposal_forms.AnswerForm))
    proposal = services.proposal_decide(
        proposal=Proposal.objects.get(pk=proposal.pk),
        actor=official,
        decision="accepted",
        reason=decision["reason"],
        expected_status=Proposal.objects.get(pk=proposal.pk).status,
    )

    # A second proposal: withdrawn with a reason; a third: hidden by staff; a fourth: held and rejected.
    second = services.proposal_submit(
        proposal=services.proposal_create(author=author, data={**data, "challenge": None}), actor=author
    )
    services.proposal_withdraw(proposal=second, actor=author, **w.fill(proposal_forms.WithdrawForm))
    moderation = w.fill(proposal_forms.ModerationForm, {"action": "hide"})
    hidden = services.proposal_submit(
        proposal=services.proposal_create(author=author, data={**data, "challenge": None}), actor=author
    )
    services.moderation_hide(moderator=staff, reason=moderation["reason"], proposal=hidden)
    reported = services.comment_add(proposal=proposal, author=commenter, body=comment.body)
    services.flag_create(reporter=author, reason="spam", details=flag["details"], comment=reported)
    services.moderation_dismiss(moderator=staff, reason=moderation["reason"], comment=reported)
    site = ModerationSettings.load()
    site.premoderation = "all"
    site.save()
    held = services.proposal_submit(
        proposal=services.proposal_create(author=author, data={**data, "challenge": None}), actor=author
    )
    site.premoderation = "none"
    site.save()
    services.proposal_reject_held(
        proposal=held, actor=staff, reason=w.fill(proposal_forms.HeldDecisionForm, {"decision": "reject"})["reason"]
    )
    waiting = services.proposal_submit(
        proposal=services.proposal_create(author=author, data={**data, "challenge": None}), actor=author
    )
    services.support_add(proposal=waiting, user=commenter, ip_address="192.0.2.7")

    # A pilot of the accepted proposal, with its metrics and iterations, then concluded.
    pilot_data = w.fill(
        pilot_forms.PilotForm,
        {"proposals": [proposal.pk], "lead_organisation": organisation.pk, "planned_start": "2020-02-23"},
        user=official,
    )
    metric = w.fill(pilot_forms.MetricForm, {"baseline": "30", "target": "10", "direction": "lower"})
    # Two metrics (names are unique per pilot): the payload, and the payload with its last character changed.
    metrics = [{k: metric[k] for k in pilot_forms.METRIC_FIELDS}, {**metric, "name": metric["name"][:-1] + "2"}]
    pilot = pilot_services.pilot_create(actor=official, data=pilot_data, metrics=metrics)
    pilot = pilot_services.pilot_start(pilot=pilot, actor=official, started_on=date(2020, 2, 23))
    ids = list(pilot.metrics.values_list("pk", flat=True))
    for number in range(2):
        start = date(2020, 2, 23 + 3 * number)
        iteration = w.fill(
            pilot_forms.IterationForm,
            {
                "period_start": start.isoformat(),
                "period_end": date(2020, 2, 25 + 3 * number).isoformat(),
                "decision": "continue",
                **{f"metric_{pk}": str(20 - number) for pk in ids},
            },
            pilot=pilot,
        )
        pilot_services.pilot_record_iteration(
            pilot=pilot, actor=official, data=iteration, measurements=dict.fromkeys(ids, 20 - number)
        )
    conclusion = w.fill(pilot_forms.ConcludeForm, {"outcome": "standardised", "concluded_on": "2020-03-05"})
    pilot = pilot_services.pilot_conclude(
        pilot=pilot,
        actor=official,
        outcome="standardised",
        summary=conclusion["summary"],
        concluded_on=date(2020, 3, 5),
    )

    # The standard model drafted from the pilot (its text comes from the pilot's), published, adopted.
    model = publish(playbook_services.model_draft_from_pilot(pilot=pilot, actor=publisher), publisher, note=payload)
    adopter = make_user(name="(renamed below)", second_factor=True)  # an official
    account_services.profile_update(
        user=adopter,
        **w.fill(account_forms.ProfileForm, {"show_name_publicly": "on", "language": "en"}, instance=adopter),
    )
    Membership.objects.create(user=adopter, organisation=organisation, role=Membership.Role.PILOT_LEAD)
    adoption = w.fill(
        playbook_forms.AdoptionForm,
        {"organisation": organisation.pk, "status": "operating", "started_on": "2020-03-16"},
        user=adopter,
    )
    playbook_services.adoption_record(page=model, actor=adopter, organisation=adoption["organisation"], data=adoption)

    # A field-expert application, rejected with a reason.
    applicant = make_user(name="(renamed below)")
    application = account_services.expert_application_submit(
        user=applicant, **w.fill(account_forms.ExpertApplicationForm)
    )
    account_services.expert_application_decide(
        application=application,
        staff=staff,
        approve=False,
        reason=w.fill(account_forms.ExpertDecisionForm, {"decision": "reject"})["reason"],
    )
    # Staff invalidate supports with a reason (the audit trail and the bursts page show it).
    invalidation = w.fill(
        proposal_forms.SupportInvalidationForm,
        {"network": "192.0.2.0/24", "start": "2020-01-01T00:00", "end": "2099-01-01T00:00"},
    )
    services.supports_invalidate(
        staff=staff,
        criteria=antifraud.Criteria(network="192.0.2.0/24", start=invalidation["start"], end=invalidation["end"]),
        reason=invalidation["reason"],
    )
    return w.filled, {
        "author": author,
        "commenter": commenter,
        "adopter": adopter,
        "applicant": applicant,
        "proposal": Proposal.objects.get(pk=proposal.pk),
        "second": second,
        "hidden": hidden,
        "held": held,
        "waiting": waiting,
        "comment": comment,
        "challenge": challenge,
        "pilot": pilot,
        "model": model,
    }


@pytest.fixture
def story(category, region, organisation, official, staff, publisher, expert, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def _write(payload):
        return write_everything(
            payload,
            category=category,
            region=region,
            organisation=organisation,
            official=official,
            staff=staff,
            publisher=publisher,
            expert=expert,
        )

    return _write


def assert_inert(response, payload, where, *, shown=True, admin=False):
    assert response.status_code == 200, (where, response.status_code)
    html = response.content.decode()
    problems = markup_problems(html, admin=admin)
    assert not problems, f"{payload!r} became markup on {where}: {problems}"
    if shown:
        assert payload[:VISIBLE_PREFIX].strip() in visible_text(html), f"{payload!r} not shown as text on {where}"


def test_every_text_field_of_every_form_is_filled(story):
    filled, _objects = story(PAYLOADS[0])
    expected = text_fields_of_forms() - set(NOT_STORED)
    missing = {name for name in expected if SAME_AS.get(name, name) not in filled}
    assert not missing, f"text fields no stored-XSS payload reaches: {sorted(missing)}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_stay_inert_everywhere(
    payload, story, client, official, staff, publisher, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the notification e-mails go out
        _filled, o = story(payload)
    proposal, pilot, model = o["proposal"], o["pilot"], o["model"]

    # --- What everyone sees ------------------------------------------------------------------------
    public = [
        "/",
        "/proposals/",
        f"/proposals/?q={proposal.title[:20]}",
        f"/search/?q={proposal.title[:20]}",
        proposal.get_absolute_url(),
        f"/ko{proposal.get_absolute_url()}",
        f"/proposals/{o['second'].pk}/",
        "/challenges/",
        f"/challenges/{o['challenge'].pk}/",
        "/pilots/",
        f"/pilots/{pilot.pk}/",
        model.url,
        f"{model.url}versions/",
        "/models/",
    ]
    for path in public:
        assert_inert(client.get(path), payload, path, shown=path not in ("/models/",))
    assert_inert(client.get(f"/proposals/{o['hidden'].pk}/"), payload, "a hidden proposal", shown=False)
    assert_inert(client.get("/speed/"), payload, "the speed figures", shown=False)

    # The standard model's PDF is drawn from HTML (WeasyPrint follows its links): that HTML is inert.
    from ideas.playbooks import pdf

    drawn = []
    render = pdf.render_to_string
    monkeypatch.setattr(
        pdf, "render_to_string", lambda *args, **kwargs: drawn.append(render(*args, **kwargs)) or drawn[-1]
    )
    response = client.get(f"{model.url}pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert drawn and not markup_problems(drawn[0].replace("<style>", "<x-style>").replace("</style>", "</x-style>"))

    # --- Signed-in people ----------------------------------------------------------------------------
    client.force_login(o["commenter"])
    fragment = client.post(reverse("proposals:similar"), {"title": proposal.title}, headers={"HX-Request": "true"})
    assert_inert(fragment, payload, "the similar-proposals fragment")
    for path in ("/notifications/", "/accounts/profile/", proposal.get_absolute_url(), "/proposals/new/"):
        assert_inert(client.get(path), payload, f"{path} (commenter)", shown=path != "/proposals/new/")
    client.force_login(o["author"])
    for path in (f"/proposals/{o['waiting'].pk}/edit/", f"/proposals/{o['held'].pk}/", "/notifications/"):
        assert_inert(client.get(path), payload, f"{path} (author)")
    client.force_login(o["applicant"])
    assert_inert(client.get("/accounts/expert/"), payload, "the expert application page", shown=False)
    assert_inert(client.get("/notifications/"), payload, "the applicant's notifications (the staff's reason)")
    client.force_login(official)
    for path in (
        "/triage/",
        f"/triage/{o['waiting'].pk}/",
        f"/triage/{proposal.pk}/",
        f"/pilots/{pilot.pk}/edit/",
        f"/pilots/{pilot.pk}/iterations/1/edit/",
        "/notifications/",
    ):
        assert_inert(client.get(path), payload, f"{path} (official)")
    client.force_login(staff)
    for path in ("/moderation/", "/moderation/supports/", "/accounts/expert/applications/"):
        assert_inert(client.get(path), payload, f"{path} (staff)", shown=path != "/accounts/expert/applications/")
    client.force_login(publisher)
    assert_inert(client.get(f"{model.url}feedback/"), payload, "the model's feedback (publisher)")
    assert_inert(client.get("/admin/"), payload, "Wagtail's dashboard", shown=False, admin=True)
    response = client.get(f"/admin/pages/{model.pk}/edit/")
    assert_inert(response, payload, "Wagtail's page editor", shown=False, admin=True)
    client.logout()

    # --- Open data: the API and the feeds carry the payload as data ---------------------------------
    for path in (
        f"/api/v1/proposals/{proposal.pk}/",
        "/api/v1/proposals/",
        f"/api/v1/pilots/{pilot.pk}/",
        "/api/v1/challenges/",
        "/api/v1/adoptions/",
    ):
        response = client.get(path)
        assert response.status_code == 200 and response["Content-Type"].startswith("application/json"), path
        strings = list(json_strings(response.json()))
        assert any(payload[:VISIBLE_PREFIX] in s for s in strings), f"{payload!r} not in {path}"
        assert response["X-Content-Type-Options"] == "nosniff"
    for slug in ("proposals", "decisions", "models"):
        response = client.get(f"/feeds/{slug}/")
        assert response.status_code == 200
        feed = ElementTree.fromstring(response.content)  # well-formed: the payload did not break the XML
        for element in feed.iter():
            if element.get("type") == "html" and element.text:  # HTML a feed reader renders
                assert not markup_problems(element.text), (slug, element.text)
            assert not element.tag.endswith(("}script", "}iframe"))
        texts = " ".join(" ".join(e.itertext()) for e in feed.iter() if e.text)
        assert payload[:VISIBLE_PREFIX] in texts or slug == "models", (slug, texts[:1500])

    # --- Downloads: spreadsheets do not run the payload as a formula ---------------------------------
    exports.regenerate()
    for dataset in ("proposals", "proposal-timeline", "pilots", "pilot-iterations", "challenges", "adoptions"):
        response = client.get(f"/data/{dataset}.csv")
        assert response.status_code == 200, dataset
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        for cell in (cell for row in rows for cell in row):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or _is_number_or_date(cell), (dataset, cell)
        assert any(payload[:VISIBLE_PREFIX].lstrip("=+-@") in cell for row in rows for cell in row), dataset
        data = json.loads(b"".join(client.get(f"/data/{dataset}.json").streaming_content))
        assert any(payload[:VISIBLE_PREFIX] in s for s in json_strings(data)), dataset

    # --- E-mail: plain text (the payload as typed, which a mail program shows as text) -------------
    assert mail.outbox, "the story sends notification e-mails"
    for message in mail.outbox:
        for content, mimetype in getattr(message, "alternatives", []):
            assert mimetype != "text/html" or not markup_problems(content), message.subject
        assert message.content_subtype == "plain" and "\n" not in message.subject
    assert any(payload[:VISIBLE_PREFIX] in message.body for message in mail.outbox)


def _is_number_or_date(cell):
    try:
        float(cell)
        return True
    except ValueError:
        return False


def test_comment_permalinks_and_pages_of_the_discussion_stay_inert(story, client):
    payload = PAYLOADS[2]
    _filled, o = story(payload)
    comment = Comment.objects.filter(proposal=o["proposal"]).first()
    response = client.get(reverse("proposals:comment", args=[comment.pk]), follow=True)
    assert response.redirect_chain, "the permalink sends the reader to the right page of the discussion"
    assert_inert(response, payload, "a comment's permalink")
