"""Supporting, commenting, following, flagging and moderating, as users do it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ideas.core.exceptions import ActionRefused
from ideas.proposals import services
from ideas.proposals.models import Comment, Flag, Proposal

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- Support --------------------------------------------------------------------


def test_support_once_then_withdraw(client, other_citizen, proposal):
    client.force_login(other_citizen)
    support = reverse("proposals:support", args=[proposal.pk])
    client.post(support)
    response = client.post(support, follow=True)
    assert "You already support this proposal." in messages_of(response)
    proposal.refresh_from_db()
    assert proposal.support_count == 1

    client.post(reverse("proposals:unsupport", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.support_count == 0 and not proposal.supports.exists()


def test_author_cannot_support_own_proposal(client, citizen, proposal):
    client.force_login(citizen)
    response = client.post(reverse("proposals:support", args=[proposal.pk]), follow=True)
    assert "This is your own proposal." in messages_of(response)
    proposal.refresh_from_db()
    assert proposal.support_count == 0


def test_support_with_htmx_returns_the_updated_widget(client, other_citizen, proposal):
    client.force_login(other_citizen)
    response = client.post(reverse("proposals:support", args=[proposal.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="proposal-actions"' in body and "You support this proposal." in body


def test_support_threshold_is_recorded_once(proposal, settings, django_user_model):
    from .conftest import make_user

    settings.FIELDWORK = {**settings.FIELDWORK, "SUPPORT_THRESHOLD": 2}
    services.support_add(proposal=proposal, user=make_user())
    proposal.refresh_from_db()
    assert proposal.support_threshold_reached_at is None
    services.support_add(proposal=proposal, user=make_user())
    proposal.refresh_from_db()
    reached = proposal.support_threshold_reached_at
    assert reached is not None
    services.support_add(proposal=proposal, user=make_user())
    proposal.refresh_from_db()
    assert proposal.support_threshold_reached_at == reached


def test_closed_proposals_take_no_support(client, other_citizen, proposal, citizen):
    services.proposal_withdraw(proposal=proposal, actor=citizen)
    client.force_login(other_citizen)
    assert client.post(reverse("proposals:support", args=[proposal.pk])).status_code == 403


# --- Comments -------------------------------------------------------------------


def test_comment_is_plain_text_with_safe_links(client, other_citizen, proposal):
    client.force_login(other_citizen)
    body = '<script>alert("x")</script> See https://example.org/data?a=1&b=2 <b>bold</b>'
    client.post(reverse("proposals:comment_create", args=[proposal.pk]), {"body": body})
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<b>bold</b>" not in page
    assert 'href="https://example.org/data?a=1&amp;b=2" rel="nofollow"' in page
    proposal.refresh_from_db()
    assert proposal.comment_count == 1


def test_replies_are_one_level_deep(proposal, citizen, other_citizen):
    top = services.comment_add(proposal=proposal, author=citizen, body="Top")
    reply = services.comment_add(proposal=proposal, author=other_citizen, body="Reply", parent=top)
    reply_to_reply = services.comment_add(proposal=proposal, author=citizen, body="Again", parent=reply)
    assert reply.parent == top and reply_to_reply.parent == top


def test_empty_comment_is_refused_with_a_message(client, other_citizen, proposal):
    client.force_login(other_citizen)
    response = client.post(reverse("proposals:comment_create", args=[proposal.pk]), {"body": "   "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode() or "Write something" in response.content.decode()
    assert not Comment.objects.exists()


def test_comment_editable_for_fifteen_minutes(client, other_citizen, proposal):
    comment = services.comment_add(proposal=proposal, author=other_citizen, body="Frist")
    client.force_login(other_citizen)
    client.post(reverse("proposals:comment_edit", args=[comment.pk]), {"body": "First"})
    comment.refresh_from_db()
    assert comment.body == "First" and comment.edited_at is not None

    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    response = client.post(reverse("proposals:comment_edit", args=[comment.pk]), {"body": "Changed later"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.body == "First"


def test_deleted_comment_leaves_a_marker(client, other_citizen, proposal):
    comment = services.comment_add(proposal=proposal, author=other_citizen, body="Regrettable words")
    client.force_login(other_citizen)
    client.post(reverse("proposals:comment_delete", args=[comment.pk]))
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Regrettable words" not in page
    assert "Comment removed by its author." in page
    proposal.refresh_from_db()
    assert proposal.comment_count == 0


# --- Follow and notifications ---------------------------------------------------


def test_followers_are_told_about_new_comments(
    client, proposal, citizen, other_citizen, expert, django_capture_on_commit_callbacks
):
    client.force_login(other_citizen)
    client.post(reverse("proposals:follow", args=[proposal.pk]))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(proposal=proposal, author=expert, body="From the emergency room: yes.")
    # The author follows their own proposal from submission; the commenter is not told about themself.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([citizen.email, other_citizen.email])
    assert "New comment on" in mail.outbox[0].body
    page = client.get(reverse("notifications:list")).content.decode()
    assert "New comment on" in page

    client.post(reverse("proposals:unfollow", args=[proposal.pk]))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(proposal=proposal, author=expert, body="Another.")
    assert [m.to[0] for m in mail.outbox] == [citizen.email]


def test_notification_email_is_in_the_recipients_language(proposal, expert, django_capture_on_commit_callbacks):
    from .conftest import make_user

    korean = make_user(language="ko")
    services.follow_add(proposal=proposal, user=korean)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(proposal=proposal, author=expert, body="Comment")
    korean_mail = next(m for m in mail.outbox if m.to == [korean.email])
    assert "새 댓글" in korean_mail.body


# --- Flags and moderation -------------------------------------------------------


def test_flag_then_staff_hides_with_reason_author_sees(client, proposal, other_citizen, staff, citizen):
    client.force_login(other_citizen)
    client.post(reverse("proposals:flag", args=[proposal.pk]), {"reason": "spam", "details": "An advert"})
    response = client.post(reverse("proposals:flag", args=[proposal.pk]), {"reason": "spam"}, follow=True)
    assert "You have already reported this." in " ".join(messages_of(response))
    assert Flag.objects.count() == 1

    client.force_login(staff)
    queue = client.get(reverse("proposals:moderation")).content.decode()
    assert proposal.title in queue and "An advert" in queue
    client.post(reverse("proposals:moderate_proposal", args=[proposal.pk]), {"action": "hide", "reason": "Advertising"})
    proposal.refresh_from_db()
    assert proposal.is_hidden and Flag.objects.get().resolved_at is not None

    client.logout()
    assert proposal.title not in client.get(reverse("proposals:list")).content.decode()
    hidden_page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Advertising" in hidden_page and proposal.problem not in hidden_page

    client.force_login(citizen)
    assert "Advertising" in client.get(reverse("notifications:list")).content.decode()
    own_page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Hidden by the moderators" in own_page

    client.force_login(staff)
    client.post(
        reverse("proposals:moderate_proposal", args=[proposal.pk]), {"action": "restore", "reason": "Appeal OK"}
    )
    proposal.refresh_from_db()
    assert not proposal.is_hidden


def test_moderation_requires_a_reason(proposal, staff):
    with pytest.raises(ActionRefused):
        services.moderation_hide(moderator=staff, reason=" ", proposal=proposal)


def test_hidden_comment_shows_a_marker_to_others(client, proposal, other_citizen, staff, citizen):
    comment = services.comment_add(proposal=proposal, author=other_citizen, body="Insulting words")
    services.moderation_hide(moderator=staff, reason="Personal attack", comment=comment)
    client.force_login(citizen)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Insulting words" not in page and "Comment hidden by the moderators." in page
    client.force_login(other_citizen)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Personal attack" in page


# --- Field experts --------------------------------------------------------------


def test_expert_application_approved_gives_a_badge(
    client, citizen, staff, proposal, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    client.post(
        reverse("accounts:expert_apply"),
        {"profession": "Community pharmacist", "workplace": "Pharmacy", "evidence": "Licence 42"},
    )
    application = citizen.expert_applications.get()
    client.force_login(staff)
    response = client.post(
        reverse("accounts:expert_decide", args=[application.pk]), {"decision": "reject"}, follow=True
    )
    assert "Tell the applicant why" in " ".join(messages_of(response))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:expert_decide", args=[application.pk]), {"decision": "approve", "reason": ""})
    citizen.refresh_from_db()
    assert citizen.expert_profile.profession == "Community pharmacist"
    assert any("verified field expert" in m.body for m in mail.outbox)
    client.logout()
    for url in (proposal.get_absolute_url(), reverse("proposals:list")):
        assert "Community pharmacist" in client.get(url).content.decode()
    experts_only = client.get(reverse("proposals:list"), {"experts": "on"}).content.decode()
    assert proposal.title in experts_only


def test_rejected_application_tells_the_reason(citizen, staff):
    from ideas.accounts import services as account_services

    application = account_services.expert_application_submit(
        user=citizen, profession="Nurse", workplace="Clinic", evidence="..."
    )
    account_services.expert_application_decide(application=application, staff=staff, approve=False, reason="No proof")
    assert "No proof" in citizen.notifications.get().message
    assert not hasattr(citizen, "expert_profile")


# --- Transitions ----------------------------------------------------------------


@pytest.mark.parametrize("status", list(Proposal.Status))
def test_only_declared_transitions_are_allowed(status, proposal, staff):
    Proposal.objects.filter(pk=proposal.pk).update(status=status)
    for target in Proposal.Status:
        allowed = target in Proposal.TRANSITIONS[status]
        try:
            services._transition(proposal=proposal, actor=staff, to_status=target, reason="Because")
        except ActionRefused:
            assert not allowed, (status, target)
        else:
            assert allowed, (status, target)
        Proposal.objects.filter(pk=proposal.pk).update(status=status)


def test_stale_decision_is_refused(proposal, staff):
    services._transition(proposal=proposal, actor=staff, to_status=Proposal.Status.UNDER_REVIEW, reason="")
    with pytest.raises(ActionRefused, match="changed this proposal meanwhile"):
        services._transition(
            proposal=proposal,
            actor=staff,
            to_status=Proposal.Status.NEEDS_INFO,
            reason="What area?",
            expected_status=Proposal.Status.SUBMITTED,
        )


def test_timeline_entries_cannot_be_edited(proposal):
    entry = proposal.timeline.get()
    entry.reason = "rewritten history"
    with pytest.raises(ValueError):
        entry.save()


def test_notification_links_follow_each_recipients_language(proposal, other_citizen, expert):
    from django.utils import translation

    from .conftest import make_user

    korean = make_user(language="ko")
    services.follow_add(proposal=proposal, user=other_citizen)
    services.follow_add(proposal=proposal, user=korean)
    with translation.override("ko"):  # the commenter is using the Korean pages
        services.comment_add(proposal=proposal, author=expert, body="댓글")
    assert other_citizen.notifications.get().url == f"/proposals/{proposal.pk}/"
    assert korean.notifications.get().url == f"/ko/proposals/{proposal.pk}/"
