"""Personal data (issue 7, item 7): the export holds everything Fieldwork keeps about an account
and nothing about anyone else; deletion removes what is personal and keeps contributions,
credited to "deleted account".

Completeness is enforced against the models themselves: every foreign key to the user model,
in every installed app, must have a deletion rule, and the account built by ``everything`` must
have a row in each, which must all be in its export. A model added later fails here until it
is declared in ideas/accounts/personal_data.py and given a row below.
"""

import io
import json
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from django.db.models import CharField, JSONField, TextField
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.admin.models import EditingSession, FormState
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import APIToken, CommentReply, ModelLogEntry, Page, PageSubscription, UploadedFile
from wagtail.models import Comment as PageComment
from wagtail.users.models import UserProfile

from ideas.accounts import personal_data
from ideas.accounts.models import ExpertApplication, ExpertProfile, Membership, Organisation, User
from ideas.accounts.services import account_delete, account_export
from ideas.audit.models import AuditEntry
from ideas.audit.services import audit_record
from ideas.core.exceptions import ActionRefused
from ideas.notifications.models import Notification
from ideas.pilots import services as pilot_services
from ideas.playbooks import services as playbook_services
from ideas.playbooks.models import Adoption
from ideas.proposals import services
from ideas.proposals.models import (
    Assignment,
    Attachment,
    Challenge,
    Comment,
    ExpertReview,
    Flag,
    Follow,
    ModerationDecision,
    Proposal,
    StatusChange,
    Support,
    SupportInvalidation,
)

from .conftest import PASSWORD, decide, make_pilot_for, make_user

pytestmark = pytest.mark.django_db

# The other account: a distinctive id, address and name, so that any leak is found as text.
OTHER_PK = 987654
OTHER_EMAIL = "zebulon.quux@example.net"
OTHER_NAME = "Zebulon Quux"
MY_NAME = "Mina Seo"
TOTP_SECRET = "JBSWY3DPEHPK3PXPZEBULON"


def _relations_to_the_account():
    """Found here independently of personal_data.account_relations (get_fields, not concrete_fields)."""
    user_model = get_user_model()
    keys = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.auto_created is user_model:
            continue  # the account's own groups and permissions: part of the account
        for field in model._meta.get_fields(include_hidden=True):
            if (
                field.concrete
                and field.is_relation
                and (field.many_to_one or field.one_to_one)
                and field.related_model is user_model
                and field.model is model
            ):
                keys.add(f"{model._meta.label}.{field.name}")
    return keys


def _png():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (4, 3), "white").save(buffer, "PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name="photo.png")


@pytest.fixture
def other(db):
    user = User.objects.create_user(
        pk=OTHER_PK, email=OTHER_EMAIL, password=PASSWORD, display_name=OTHER_NAME, show_name_publicly=True
    )
    EmailAddress.objects.create(user=user, email=OTHER_EMAIL, verified=True, primary=True)
    return user


@pytest.fixture
def everything(settings, tmp_path, other, staff, organisation, make_proposal, django_capture_on_commit_callbacks):
    """ "me": an account with at least one row in every relation to the user model; ``other``
    interacts with the same proposals, pages and rows (and names itself in all it writes)."""
    settings.MEDIA_ROOT = tmp_path
    me = make_user(name=MY_NAME)
    # An official, so with a second factor (before acting in the organisation's name).
    Authenticator.objects.create(user=me, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET})
    for role in (Membership.Role.TRIAGER, Membership.Role.PILOT_LEAD, Membership.Role.PUBLISHER):
        Membership.objects.create(user=me, organisation=organisation, role=role)
    now = timezone.now()
    mine = make_proposal(me, title="Mina's drive-through clinics")
    draft = make_proposal(me, submit=False, title="Mina's unfinished draft")
    attachment = Attachment(
        proposal=draft, token="a" * 32, original_name="plan.pdf", content_type="application/pdf", size=8
    )
    attachment.file.save("plan.pdf", ContentFile(b"%PDF-1.4"), save=False)
    attachment.save()
    theirs = make_proposal(other, title="Zebulon's mask queue idea")
    # Other people act on my proposal.
    services.support_add(proposal=mine, user=other)
    their_comment = services.comment_add(proposal=mine, author=other, body="Zebulon thinks this works.")
    Flag.objects.create(
        proposal=mine, reporter=other, reason="other", details="Zebulon reports", resolved_by=me, resolved_at=now
    )
    decide(mine, staff, "under_review")
    # I act on theirs.
    services.support_add(proposal=theirs, user=me)
    # Their proposal was held by pre-moderation, and I approved it (as staff, before a demotion).
    Proposal.objects.filter(pk=theirs.pk).update(hold_decided_by=me, hold_decided_at=now, hold_reason="")
    Follow.objects.create(proposal=theirs, user=me)
    services.comment_add(proposal=mine, author=me, body="Mina replies.", parent=their_comment)
    Flag.objects.create(proposal=theirs, reporter=me, reason="spam", resolved_by=other, resolved_at=now)
    StatusChange.objects.create(proposal=theirs, from_status="submitted", to_status="under_review", actor=me)
    Assignment.objects.create(proposal=theirs, organisation=organisation, assigned_by=me)
    ExpertReview.objects.create(proposal=theirs, reviewer=me, feasibility="Yes", risks="Few", measures="Min", rating=4)
    ModerationDecision.objects.create(proposal=theirs, action="hide", reason="Mina hides it", moderator=me)
    Challenge.objects.create(
        title="Queues", description="Shorter", owner=organisation, deadline=date(2099, 1, 1), created_by=me
    )
    Notification.objects.create(recipient=me, kind=Notification.Kind.NEW_COMMENT, message="New comment.")
    # Expertise: mine decided by the other account, theirs decided by me.
    application = ExpertApplication.objects.create(
        user=me, profession="Nurse", workplace="Clinic", evidence="Licence 1", status="approved", decided_by=other
    )
    ExpertProfile.objects.create(
        user=me, profession="Nurse", workplace="Clinic", application=application, verified_at=now
    )
    # A bulk invalidation of supports I decided (as staff, before a demotion).
    SupportInvalidation.objects.create(staff=me, reason="A burst.", network="203.0.113.0/24", start=now, end=now)
    ExpertApplication.objects.create(
        user=other, profession="Zebulon's job", workplace="Zebulon's place", evidence="Zebulon's licence", decided_by=me
    )
    # A pilot, concluded, made into a standard model that I publish through the workflow.
    accepted = decide(make_proposal(other, title="Accepted"), staff, "accepted")
    pilot = make_pilot_for(me, organisation, [accepted], iterations=1)
    pilot = pilot_services.pilot_conclude(
        pilot=pilot, actor=me, outcome="standardised", summary="Works.", concluded_on=date(2020, 4, 1)
    )
    page = playbook_services.model_draft_from_pilot(pilot=pilot, actor=me)
    me.groups.add(Group.objects.get(name="Moderators"))
    with django_capture_on_commit_callbacks(execute=True):
        page.get_workflow().start(page, me).current_task_state.approve(user=me)
    Adoption.objects.create(page=page, organisation=organisation, started_on=date(2020, 5, 1), recorded_by=me)
    Page.objects.filter(pk=page.pk).update(locked=True, locked_by=other, locked_at=now)
    index = page.get_parent()
    Page.objects.filter(pk=index.pk).update(locked=True, locked_by=me, locked_at=now)
    page_type = ContentType.objects.get_for_model(Page)
    account_type = ContentType.objects.get_for_model(User)
    # Wagtail's admin.
    UserProfile.get_for_user(me)
    EditingSession.objects.create(user=me, content_type=page_type, object_id=str(page.pk), last_seen_at=now)
    FormState.objects.create(
        user=me, data="title=Draft", content_type=page_type, object_id=str(page.pk), last_updated_at=now
    )
    APIToken.objects.create(user=me, name="Mina's script", key_hash="f" * 64, prefix="fw_")
    PageSubscription.objects.create(user=me, page=page, comment_notifications=True)
    my_note = PageComment.objects.create(
        page=page, user=me, text="Mina's note", contentpath="summary", resolved_by=other, resolved_at=now
    )
    CommentReply.objects.create(comment=my_note, user=me, text="Mina's reply")
    PageComment.objects.create(
        page=page, user=other, text="Zebulon's note", contentpath="summary", resolved_by=me, resolved_at=now
    )
    UploadedFile.objects.create(
        for_content_type=page_type, file=ContentFile(b"x", name="upload.txt"), uploaded_by_user=me
    )
    Document.objects.create(
        title="Mina's checklist", file=ContentFile(b"doc", name="checklist.txt"), uploaded_by_user=me
    )
    Image.objects.create(title="Mina's photo", file=_png(), width=4, height=3, uploaded_by_user=me)
    ModelLogEntry.objects.create(
        content_type=account_type,
        object_id=str(other.pk),
        label=str(other),
        action="wagtail.edit",
        timestamp=now,
        user=me,
    )
    # Logs and the audit log, by me about the other account, and by the other account about me.
    LogEntry.objects.create(
        user=me, content_type=account_type, object_id=str(other.pk), object_repr=str(other), action_flag=CHANGE
    )
    LogEntry.objects.create(
        user=other, content_type=account_type, object_id=str(me.pk), object_repr=str(me), action_flag=CHANGE
    )
    audit_record(actor=me, action=AuditEntry.Action.STAFF_CHANGED, target=other, details={"email": OTHER_EMAIL})
    audit_record(actor=other, action=AuditEntry.Action.STAFF_CHANGED, target=me)
    return {"me": me, "mine": mine, "draft": draft, "theirs": theirs, "page": page, "index": index}


def _rows(export, key):
    app_label, model, relation = key.split(".", 2)
    return export["records"][f"{app_label}.{model}"]["rows"][relation]


# --- Completeness ---------------------------------------------------------------------------


def test_every_relation_to_the_account_has_a_deletion_rule_and_is_exported():
    found = _relations_to_the_account()
    walked = {personal_data.relation_key(model, field.name) for model, field in personal_data.account_relations()}
    assert walked == found
    assert sorted(found - personal_data.ON_DELETION.keys()) == [], "relations without a rule in ON_DELETION"
    assert sorted(personal_data.ON_DELETION.keys() - found) == [], "rules for relations that no longer exist"
    assert personal_data.ONLY_EXPORTED.keys() <= found and personal_data.EXPORTED_WITH.keys() <= found
    for label, names in [*personal_data.SECRETS.items(), *personal_data.ABOUT_OTHERS.items()]:
        fields = {f.name for f in apps.get_model(label)._meta.concrete_fields}
        assert set(names) <= fields, (label, set(names) - fields)


def test_the_export_has_every_row_of_every_relation(everything):
    export = account_export(user=everything["me"])
    empty = [key for key in sorted(_relations_to_the_account()) if not _rows(export, key)]
    assert empty == [], "give the account in `everything` a row of each"
    assert _rows(export, "proposals.Attachment.proposal.author")[0]["original_name"] == "plan.pdf"
    assert len(_rows(export, "proposals.StatusChange.proposal.author")) >= 2  # the timelines of my proposals
    assert _rows(export, "audit.AuditEntry.object") and _rows(export, "admin.LogEntry.object")  # about me
    json.dumps(export, cls=personal_data.ExportEncoder)  # serialisable as it is


def test_the_export_holds_what_the_account_wrote_and_its_details(everything):
    me = everything["me"]
    export = account_export(user=me)
    account = export["account"]
    assert account["email"] == me.email and account["display_name"] == MY_NAME
    assert account["password"] == "held as a salted hash, never exported"
    assert "Moderators" in account["groups"]
    titles = {row["title"] for row in _rows(export, "proposals.Proposal.author")}
    assert {"Mina's drive-through clinics", "Mina's unfinished draft"} <= titles
    [attachment] = _rows(export, "proposals.Attachment.proposal.author")
    assert attachment["size"] == 8 and attachment["file"]["url"].startswith("http")
    assert [row["body"] for row in _rows(export, "proposals.Comment.author")] == ["Mina replies."]
    [totp] = _rows(export, "mfa.Authenticator.user")
    assert totp["type"] == "totp" and totp["data"] == "secret, never exported" and totp["created_at"]
    assert [row["email"] for row in _rows(export, "account.EmailAddress.user")] == [me.email]
    assert _rows(export, "accounts.ExpertProfile.user")[0]["workplace"] == "Clinic"


def test_the_export_says_nothing_about_anyone_else(everything, other):
    me = everything["me"]
    text = json.dumps(account_export(user=me), cls=personal_data.ExportEncoder)
    for person in User.objects.exclude(pk=me.pk):
        assert person.email not in text and person.display_name not in text, person
    assert str(OTHER_PK) not in text and "Zebulon" not in text
    assert "another account" in text  # their ids were there, and are replaced
    assert TOTP_SECRET not in text and me.password not in text and "f" * 64 not in text


def test_the_export_takes_the_same_number_of_queries_however_many_rows(everything):
    me = everything["me"]
    with CaptureQueriesContext(connection) as few:
        account_export(user=me)
    Notification.objects.bulk_create(
        Notification(recipient=me, kind=Notification.Kind.NEW_COMMENT, message=f"Comment {n}") for n in range(30)
    )
    for n in range(5):
        services.comment_add(proposal=everything["theirs"], author=me, body=f"More {n}")
    with CaptureQueriesContext(connection) as many:
        account_export(user=me)
    assert len(many) == len(few)


def test_the_account_page_offers_a_json_download_named_with_the_date(client, citizen, make_proposal):
    make_proposal(citizen, title="My idea")
    client.force_login(citizen)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:data_export") in page and reverse("accounts:delete") in page
    response = client.get(reverse("accounts:data_export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == (
        f'attachment; filename="fieldwork-personal-data-{timezone.localdate():%Y-%m-%d}.json"'
    )
    assert "no-store" in response["Cache-Control"]
    data = json.loads(b"".join(response.streaming_content))
    assert data["account"]["email"] == citizen.email
    assert [row["title"] for row in data["records"]["proposals.Proposal"]["rows"]["author"]] == ["My idea"]


# --- Deletion -----------------------------------------------------------------------------


def _delete_through_the_page(client, user, password=PASSWORD):
    return client.post(reverse("accounts:delete"), {"password": password, "confirm": "on"})


def test_deleting_an_account_removes_what_is_personal_and_keeps_contributions(
    client, everything, other, django_capture_on_commit_callbacks, tmp_path
):
    me, mine, theirs = everything["me"], everything["mine"], everything["theirs"]
    address, draft_file = me.email, Attachment.objects.get(proposal=everything["draft"]).file.path
    Support.objects.filter(user=me).update(ip_address="203.0.113.7", ip_range="203.0.113.0/24")
    client.force_login(me)
    with django_capture_on_commit_callbacks(execute=True):
        response = _delete_through_the_page(client, me)
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert "Your account is deleted." in client.get(reverse("core:home")).content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302  # logged out

    me.refresh_from_db()
    assert me.is_deleted and not me.is_active and not me.has_usable_password()
    assert (me.display_name, me.email) == ("", f"deleted-{me.pk}@deleted.invalid")
    assert str(me) == "deleted account" and me.public_name == "deleted account"
    for model in (EmailAddress, Authenticator, Follow, Membership, ExpertApplication, ExpertProfile, UserProfile):
        assert not model.objects.filter(user=me).exists(), model
    assert not Notification.objects.filter(recipient=me).exists()
    assert not me.groups.exists()
    assert not Proposal.objects.filter(pk=everything["draft"].pk).exists()
    assert not (tmp_path / draft_file).exists()
    assert not Page.objects.filter(locked_by=me).exists()  # locks released
    # Contributions stay, and counts with them.
    assert Proposal.objects.get(pk=mine.pk).author_id == me.pk
    assert Comment.objects.filter(author=me).count() == 1 and ExpertReview.objects.filter(reviewer=me).exists()
    assert Support.objects.filter(user=me).exists() and Proposal.objects.get(pk=theirs.pk).support_count == 1
    assert not Support.objects.filter(user=me, ip_address__isnull=False).exists()  # where they came from goes
    assert not Support.objects.filter(user=me, ip_range__isnull=False).exists()
    assert Flag.objects.filter(reporter=me).exists()
    # Officials' memberships end in the audit log, which keeps the actor's id.
    ended = AuditEntry.objects.filter(action=AuditEntry.Action.ROLE_REVOKED, actor_id=me.pk)
    assert sorted(e.details["role"] for e in ended) == ["pilot_lead", "publisher", "triager"]
    assert AuditEntry.objects.filter(actor_id=me.pk, action=AuditEntry.Action.STAFF_CHANGED).exists()
    # The old address is told, and is free for a new account; the old password opens nothing.
    [sent] = mail.outbox[-1:]
    assert sent.to == [address] and "deleted" in sent.subject
    login = client.post(reverse("account_login"), {"login": address, "password": PASSWORD})
    assert login.status_code == 200 and "_auth_user_id" not in client.session
    client.post(
        reverse("account_signup"),
        {
            "email": address,
            "display_name": "Mina again",
            "password1": "another-long-pass",
            "password2": "another-long-pass",
        },
    )
    assert User.objects.filter(email=address, display_name="Mina again").exists()


def test_no_trace_of_a_deleted_account_is_left_but_the_audit_log(everything, django_capture_on_commit_callbacks):
    me = everything["me"]
    traces = (me.email, MY_NAME)
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=me)
    found = []
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        texts = [f.name for f in model._meta.concrete_fields if isinstance(f, CharField | TextField | JSONField)]
        for row in model._base_manager.values_list(*texts) if texts else ():
            if any(trace in str(value) for value in row for trace in traces):
                found.append(model._meta.label)
    # The audit log is append-only: what an entry was about is named as it was (docs/security.md).
    assert set(found) <= {"audit.AuditEntry"}, found


def test_every_session_of_the_deleted_account_ends(client, everything, django_capture_on_commit_callbacks):
    from django.test import Client

    me = everything["me"]
    laptop, phone = Client(), Client()
    laptop.force_login(me)
    phone.force_login(me)
    with django_capture_on_commit_callbacks(execute=True):
        _delete_through_the_page(laptop, me)
    assert phone.get(reverse("accounts:profile")).status_code == 302
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(me.pk)]


def test_a_deleted_account_is_credited_as_deleted_account_everywhere(
    client, citizen, make_proposal, django_capture_on_commit_callbacks
):
    proposal = make_proposal(citizen, title="Drive-through testing")
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=citizen)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "deleted account" in page and citizen.display_name not in page
    assert "deleted account" in client.get(reverse("proposals:list")).content.decode()
    author = client.get(reverse("api:proposal_detail", args=[proposal.pk])).json()["author"]
    assert author == {"name": None, "account_deleted": True, "field_expert": False, "profession": ""}
    assert "<name>deleted account</name>" in client.get(reverse("api:feed_proposals")).content.decode()
    korean = client.get(f"/ko{proposal.get_absolute_url()}").content.decode()
    assert citizen.display_name not in korean


def test_deletion_needs_the_password_and_the_tick(client, citizen):
    client.force_login(citizen)
    wrong = client.post(reverse("accounts:delete"), {"password": "not-my-password", "confirm": "on"})
    assert wrong.status_code == 200 and "Incorrect password." in wrong.content.decode()
    unticked = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert "Tick this box to confirm." in unticked.content.decode()
    citizen.refresh_from_db()
    assert not citizen.is_deleted and citizen.is_active


def test_staff_must_be_demoted_before_deleting_their_account(client, staff):
    client.force_login(staff)
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "Staff accounts cannot be deleted." in page and 'name="password"' not in page
    response = _delete_through_the_page(client, staff)
    assert "Staff accounts cannot be deleted." in response.content.decode()
    with pytest.raises(ActionRefused):
        account_delete(user=staff)
    staff.refresh_from_db()
    assert not staff.is_deleted
    staff.is_staff = False
    staff.save(update_fields=["is_staff"])
    account_delete(user=staff)
    assert User.objects.get(pk=staff.pk).is_deleted


def test_organisation_members_keep_working_after_an_official_leaves(official, other_official, organisation):
    account_delete(user=official)
    assert not Membership.objects.filter(user=official).exists()
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    entry = AuditEntry.objects.filter(organisation=organisation, action=AuditEntry.Action.ROLE_REVOKED).first()
    # The audit log names accounts by number, never by name or address (docs/security.md, "Audit").
    assert entry.object_repr.startswith(f"account {official.pk} · {organisation.name}")


def test_a_deleted_account_is_notified_of_nothing(citizen, accepted, official, make_pilot):
    account_delete(user=citizen)
    make_pilot(official, [accepted], iterations=1)  # pilots tell the authors of their proposals
    assert not Notification.objects.filter(recipient=citizen).exists()
