"""Writing, previewing, submitting, editing and withdrawing a proposal through the pages."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from PIL import Image

from ideas.proposals.models import Attachment, Proposal, StatusChange

pytestmark = pytest.mark.django_db


def form_data(category, region, **overrides):
    data = {
        "title": "Walk-through testing booths",
        "problem": "People without cars cannot use drive-through clinics.",
        "solution": "Glass booths where staff test through gloves in the wall.",
        "expected_benefit": "Testing without a car, in under ten minutes.",
        "affected_people": "People without cars; clinic staff.",
        "category": category.pk,
        "region": region.pk,
        "challenge": "",
        "expertise_statement": "",
    }
    data.update(overrides)
    return data


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def test_draft_preview_submit(client, citizen, category, region, make_proposal, other_citizen):
    existing = make_proposal(other_citizen, title="Walk-through testing booths for people without cars")
    client.force_login(citizen)

    response = client.post(reverse("proposals:create"), {**form_data(category, region), "save": "1"})
    proposal = Proposal.objects.get(author=citizen)
    assert response.status_code == 302 and response["Location"] == reverse("proposals:edit", args=[proposal.pk])
    assert proposal.status == Proposal.Status.DRAFT
    # A draft is private.
    client.logout()
    assert client.get(proposal.get_absolute_url()).status_code == 404
    client.force_login(citizen)

    response = client.post(
        reverse("proposals:edit", args=[proposal.pk]), {**form_data(category, region), "preview": "1"}
    )
    assert response["Location"] == reverse("proposals:preview", args=[proposal.pk])
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    # The similar existing proposal is offered, with a way to support it instead.
    assert existing.title in preview.content.decode()
    assert reverse("proposals:support", args=[existing.pk]) in preview.content.decode()

    response = client.post(reverse("proposals:preview", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.submitted_at is not None and proposal.response_due_at > proposal.submitted_at
    assert list(proposal.timeline.values_list("from_status", "to_status")) == [("draft", "submitted")]
    page = client.get(proposal.get_absolute_url())
    assert "Walk-through testing booths" in page.content.decode()


def test_similar_fragment_offers_existing_proposals(client, citizen, make_proposal, other_citizen):
    existing = make_proposal(other_citizen, title="Drive-through screening clinics for COVID-19")
    client.force_login(citizen)
    response = client.post(
        reverse("proposals:similar"),
        {"title": "drive-through screening clinic", "problem": "test people in their cars"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert existing.title in body
    assert "Support this one instead" in body


def test_bad_input_keeps_what_was_typed(client, citizen, category, region):
    client.force_login(citizen)
    data = form_data(category, region, title="", problem="x" * 10001, solution="My careful solution text")
    response = client.post(reverse("proposals:create"), {**data, "save": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "This field is required." in body
    assert "Ensure this value has at most 10000 characters" in body
    assert "My careful solution text" in body
    assert not Proposal.objects.exists()


def test_renamed_executable_is_refused(client, citizen, category, region):
    client.force_login(citizen)
    fake = upload("photo.jpg", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "image/jpeg")
    response = client.post(
        reverse("proposals:create"), {**form_data(category, region), "save": "1", "attachments": fake}
    )
    assert response.status_code == 200
    assert "is not a JPEG image, a PNG image or a PDF document" in response.content.decode()
    assert "Walk-through testing booths" in response.content.decode()
    assert not Proposal.objects.exists()


def test_damaged_and_oversized_files_are_refused(client, citizen, category, region, settings):
    client.force_login(citizen)
    settings.FIELDWORK = {**settings.FIELDWORK, "MAX_ATTACHMENT_BYTES": 1000}
    big = upload("scan.pdf", b"%PDF-1.4\n" + b"0" * 2000 + b"\n%%EOF")
    response = client.post(
        reverse("proposals:create"), {**form_data(category, region), "save": "1", "attachments": big}
    )
    assert "attachments can be at most" in response.content.decode()
    settings.FIELDWORK = {**settings.FIELDWORK, "MAX_ATTACHMENT_BYTES": 5_000_000}
    broken = upload("chart.png", png_bytes()[:40])
    response = client.post(
        reverse("proposals:create"), {**form_data(category, region), "save": "1", "attachments": broken}
    )
    assert "damaged image" in response.content.decode()
    assert not Proposal.objects.exists()


def test_images_are_shown_and_pdfs_linked(client, citizen, category, region):
    client.force_login(citizen)
    files = [upload("queue.png", png_bytes()), upload("plan.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")]
    client.post(reverse("proposals:create"), {**form_data(category, region), "save": "1", "attachments": files})
    proposal = Proposal.objects.get()
    kinds = sorted(proposal.attachments.values_list("content_type", flat=True))
    assert kinds == ["application/pdf", "image/png"]
    # The stored name never comes from the uploaded name.
    assert all("queue" not in a.file.name and "plan" not in a.file.name for a in Attachment.objects.all())
    client.post(reverse("proposals:preview", args=[proposal.pk]))
    body = client.get(proposal.get_absolute_url()).content.decode()
    image, pdf = (
        proposal.attachments.get(content_type="image/png"),
        proposal.attachments.get(content_type="application/pdf"),
    )
    # Through the attachment view, which checks who may read them (docs/security.md, "Safe content").
    assert f'<img src="/attachments/{image.token}/"' in body
    assert f'href="/attachments/{pdf.token}/" download' in body


def test_author_edits_until_review_starts(client, citizen, proposal, category, region, staff):
    client.force_login(citizen)
    response = client.post(
        reverse("proposals:edit", args=[proposal.pk]),
        {**form_data(category, region, title="Better title"), "save": "1"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Better title"

    from ideas.proposals.services import _transition

    _transition(proposal=proposal, actor=staff, to_status=Proposal.Status.UNDER_REVIEW, reason="")
    assert client.get(reverse("proposals:edit", args=[proposal.pk])).status_code == 403


def test_withdraw_records_public_reason(client, citizen, proposal):
    client.force_login(citizen)
    client.post(reverse("proposals:withdraw", args=[proposal.pk]), {"reason": "A better proposal exists."})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN
    entry = StatusChange.objects.filter(proposal=proposal).last()
    assert (entry.to_status, entry.reason) == ("withdrawn", "A better proposal exists.")
    assert "A better proposal exists." in client.get(proposal.get_absolute_url()).content.decode()


def test_forged_post_without_csrf_token_is_refused(other_citizen, proposal):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(other_citizen)
    response = client.post(reverse("proposals:support", args=[proposal.pk]))
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.support_count == 0 and not proposal.supports.exists()


def test_status_change_notifies_followers_by_email(proposal, other_citizen, staff, django_capture_on_commit_callbacks):
    from ideas.proposals import services

    services.follow_add(proposal=proposal, user=other_citizen)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services._transition(proposal=proposal, actor=staff, to_status=Proposal.Status.UNDER_REVIEW, reason="")
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([other_citizen.email, proposal.author.email])
    assert "is now under review" in mail.outbox[0].body
    assert other_citizen.notifications.filter(kind="status_change").count() == 1
