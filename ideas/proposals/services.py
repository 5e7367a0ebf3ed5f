"""Every change to proposals, supports, follows, comments, flags and challenges.

Views, the admin and management commands call these functions; each one checks the
business rules, runs in a transaction, writes the timeline and notifies after commit.
Permission (who may act) is checked by the caller through ``ideas.accounts.permissions``;
the invariants (which moves are legal) are checked here.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, F, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.accounts.models import Organisation
from ideas.accounts.permissions import organisation_ids
from ideas.api import triggers as open_data
from ideas.audit.models import AuditEntry
from ideas.audit.services import audit_record
from ideas.core import page_cache
from ideas.core.exceptions import ActionRefused
from ideas.core.permissions import ensure
from ideas.notifications.models import Notification
from ideas.notifications.services import notify
from ideas.search import api as search

from . import antifraud
from .models import (
    Assignment,
    Attachment,
    Challenge,
    Comment,
    ExpertReview,
    Flag,
    Follow,
    ModerationDecision,
    ModerationSettings,
    Premoderation,
    Proposal,
    StatusChange,
    Support,
    SupportInvalidation,
)

Status = Proposal.Status

PROPOSAL_FIELDS = (
    "title",
    "problem",
    "solution",
    "expected_benefit",
    "affected_people",
    "expertise_statement",
    "category",
    "region",
    "challenge",
)


# --- Writing a proposal ---------------------------------------------------------


def proposal_create(*, author, data: dict, uploads=()) -> Proposal:
    """Save a new proposal as a draft; the author submits it separately."""
    with transaction.atomic():
        proposal = Proposal(author=author, status=Status.DRAFT, language=_language_of(data))
        for field in PROPOSAL_FIELDS:
            setattr(proposal, field, data.get(field))
        proposal.save()
        _add_attachments(proposal, uploads)
        search.index_proposal(proposal)
    return proposal


def proposal_update(*, proposal: Proposal, actor, data: dict, uploads=(), remove_attachment_ids=()) -> Proposal:
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not proposal.is_editable_by_author:
            raise ActionRefused(_("This proposal is being reviewed and can no longer be edited."))
        for field in PROPOSAL_FIELDS:
            setattr(proposal, field, data.get(field))
        proposal.language = _language_of(data)
        proposal.updated_at = timezone.now()
        proposal.save(update_fields=[*PROPOSAL_FIELDS, "language", "updated_at"])
        if remove_attachment_ids:
            for attachment in proposal.attachments.filter(pk__in=remove_attachment_ids):
                attachment.file.delete(save=False)
                attachment.delete()
        _add_attachments(proposal, uploads)
        search.index_proposal(proposal)
    return proposal


def proposals_delete_drafts(drafts) -> int:
    """Delete draft proposals (never public: their author deleted their account), with their
    attachments and search entries. The files go once the deletion is committed."""
    with transaction.atomic():
        drafts = list(drafts.filter(status=Status.DRAFT).prefetch_related("attachments"))
        files = [attachment.file.name for proposal in drafts for attachment in proposal.attachments.all()]
        for proposal in drafts:
            search.remove_proposal(proposal.pk)
        Proposal.objects.filter(pk__in=[proposal.pk for proposal in drafts]).delete()
        storage = Attachment._meta.get_field("file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in files])
    return len(drafts)


def _add_attachments(proposal, uploads):
    uploads = list(uploads)
    limit = settings.FIELDWORK["MAX_ATTACHMENTS"]
    if proposal.attachments.count() + len(uploads) > limit:
        raise ActionRefused(_("A proposal can have at most %(limit)d attachments.") % {"limit": limit})
    for upload, (content_type, width, height) in uploads:
        attachment = Attachment(
            proposal=proposal,
            token=secrets.token_hex(16),
            original_name=upload.name[:200],
            content_type=content_type,
            size=upload.size,
            width=width,
            height=height,
        )
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()


def _language_of(data):
    """Korean if the text is mostly Hangul, else English: used to pick a search analyser."""
    text = " ".join(str(data.get(f) or "") for f in ("title", "problem"))
    hangul = sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")
    letters = sum(1 for ch in text if ch.isalpha()) or 1
    return "ko" if hangul / letters > 0.3 else "en"


def proposal_submit(*, proposal: Proposal, actor) -> Proposal:
    """Submit a draft. (A proposal that needs more information goes back with ``proposal_answer``.)

    Under pre-moderation it is held: public, and its response deadline running, only once
    staff approve it (``proposal_approve_held``).
    """
    if Proposal.objects.filter(pk=proposal.pk, status=Status.NEEDS_INFO).exists():
        raise ActionRefused(_("Answer the officials’ question to send your proposal back to them."))
    now = timezone.now()
    with transaction.atomic():
        proposal = _transition(
            proposal=proposal, actor=actor, to_status=Status.SUBMITTED, reason="", expected_status=Status.DRAFT
        )
        if proposal.submitted_at is None:
            proposal.submitted_at = now
            if _must_hold(proposal, actor):
                proposal.held_at = now
            else:
                proposal.response_due_at = _response_due(now)
            proposal.save(update_fields=["submitted_at", "held_at", "response_due_at"])
        Follow.objects.get_or_create(proposal=proposal, user=actor)
    return proposal


def _response_due(now):
    return now + timedelta(days=settings.FIELDWORK["RESPONSE_DAYS"])


def _must_hold(proposal, author):
    """Whether pre-moderation holds this new proposal: the challenge's choice, else the site's.
    Staff, who approve held proposals, are never held."""
    if author.is_staff:
        return False
    site = ModerationSettings.load()
    policy = site.premoderation
    if proposal.challenge is not None and proposal.challenge.premoderation != Challenge.INHERIT:
        policy = proposal.challenge.premoderation
    if policy == Premoderation.NEW_ACCOUNTS:
        return site.is_new_account(author, besides=proposal)
    return policy == Premoderation.ALL


def proposal_approve_held(*, proposal: Proposal, actor, reason: str = "") -> Proposal:
    """Staff approve a held proposal: it becomes public and its response deadline starts now."""
    return _decide_held(proposal=proposal, actor=actor, reason=reason, approve=True)


def proposal_reject_held(*, proposal: Proposal, actor, reason: str) -> Proposal:
    """Staff reject a held proposal: it is never public, and its author is told why."""
    return _decide_held(proposal=proposal, actor=actor, reason=reason, approve=False)


def _decide_held(*, proposal, actor, reason, approve):
    ensure(actor, "proposals.moderate")
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ActionRefused(_("Give a reason: the author will read it."))
    now = timezone.now()
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not locked.is_awaiting_moderation:
            raise ActionRefused(_("This proposal is no longer waiting for approval. Reload the page."))
        held_at = locked.held_at
        if approve:
            locked.held_at = None
            locked.response_due_at = _response_due(now)
        locked.hold_decided_at = now
        locked.hold_decided_by = actor
        locked.hold_reason = reason
        locked.updated_at = now
        locked.save(
            update_fields=[
                "held_at",
                "response_due_at",
                "hold_decided_at",
                "hold_decided_by",
                "hold_reason",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action=AuditEntry.Action.PROPOSAL_APPROVED if approve else AuditEntry.Action.PROPOSAL_REJECTED,
            target=locked,
            reason=reason,
            details={"held_at": held_at.isoformat(), "author": locked.author_id},
        )
        notify(
            recipients=[locked.author],
            kind=Notification.Kind.MODERATION,
            message=lambda: _held_message(locked, approve, reason),
            url=locked.get_absolute_url,
        )
    return locked


def _held_message(proposal, approved, reason):
    """What the author is told, in their language (called with it active)."""
    values = {"title": proposal.title, "reason": reason}
    if not approved:
        return _("Your proposal “%(title)s” was not published by the moderators: %(reason)s") % values
    if reason:
        return _("Your proposal “%(title)s” is approved and now public: %(reason)s") % values
    return _("Your proposal “%(title)s” is approved and now public.") % values


def proposal_withdraw(*, proposal: Proposal, actor, reason: str = "") -> Proposal:
    return _transition(proposal=proposal, actor=actor, to_status=Status.WITHDRAWN, reason=reason)


def _transition(*, proposal, actor, to_status, reason, organisation=None, expected_status=None):
    """Move a proposal to another state, checked against Proposal.TRANSITIONS.

    ``expected_status`` is the state the actor saw; if the proposal moved since, the
    action is refused instead of being applied on top of someone else's decision.
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if expected_status is not None and locked.status != expected_status:
            raise ActionRefused(_("Someone else changed this proposal meanwhile. Reload the page and try again."))
        if not locked.can_move_to(to_status):
            raise ActionRefused(
                _("A proposal that is “%(from)s” cannot become “%(to)s”.")
                % {"from": locked.get_status_display(), "to": Status(to_status).label}
            )
        if to_status in Proposal.REASON_REQUIRED and not reason:
            raise ActionRefused(_("A public reason is required for this decision."))
        from_status = locked.status
        locked.status = to_status
        locked.updated_at = timezone.now()
        locked.save(update_fields=["status", "updated_at"])
        StatusChange.objects.create(
            proposal=locked,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            actor_organisation=organisation,
            reason=reason,
        )
        if from_status != Status.DRAFT:
            _notify_followers(
                locked,
                kind=Notification.Kind.STATUS_CHANGE,
                message=lambda: _decision_message(locked, to_status, reason),
                exclude=actor,
            )
    return locked


def _decision_message(proposal, status, reason):
    """What followers are told of a decision, in their language (called with it active)."""
    values = {"title": proposal.title, "status": Status(status).label, "reason": reason}
    if status == Status.NEEDS_INFO:
        return _("Officials need more information about “%(title)s”: %(reason)s") % values
    if reason:
        return _("“%(title)s” is now %(status)s. Reason: %(reason)s") % values
    return _("“%(title)s” is now %(status)s.") % values


def _notify_followers(proposal, *, kind, message, exclude=None):
    followers = [f.user for f in proposal.follows.select_related("user")]
    notify(recipients=followers, kind=kind, message=message, url=proposal.get_absolute_url, exclude=exclude)


# --- Triage and decisions -------------------------------------------------------


def proposal_assign(*, proposal: Proposal, actor, organisation: Organisation) -> Proposal:
    """Hand a proposal to the organisation that should answer it; its officials are told."""
    ensure(actor, "proposals.assign_proposal", proposal)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.assigned_organisation_id == organisation.pk:
            raise ActionRefused(_("This proposal is already assigned to %(name)s.") % {"name": organisation.name})
        previous = locked.assigned_organisation_id
        _assign(locked, organisation, actor)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.PROPOSAL_ASSIGNED,
            target=locked,
            organisation=organisation,
            details={"from_organisation": previous, "to_organisation": organisation.pk},
        )
    return locked


def _assign(proposal, organisation, actor):
    proposal.assigned_organisation = organisation
    proposal.save(update_fields=["assigned_organisation"])
    Assignment.objects.create(proposal=proposal, organisation=organisation, assigned_by=actor)
    officials = [m.user for m in organisation.memberships.select_related("user")]
    notify(
        recipients=officials,
        kind=Notification.Kind.ASSIGNMENT,
        message=lambda: (
            _("“%(title)s” was assigned to %(organisation)s for an answer.")
            % {"title": proposal.title, "organisation": organisation.name}
        ),
        url=lambda: reverse("proposals:triage_proposal", args=[proposal.pk]),
        exclude=actor,
    )


def proposal_decide(
    *,
    proposal: Proposal,
    actor,
    decision: str,
    reason: str = "",
    expected_status: str | None = None,
    merge_into: Proposal | None = None,
) -> Proposal:
    """An official's decision: under review, needs more information, accepted, merged or declined.

    ``expected_status`` is the state the official saw: if someone decided meanwhile, the
    decision is refused rather than applied on top of theirs.
    """
    ensure(actor, "proposals.decide_proposal", proposal)
    if decision not in Proposal.OFFICIAL_DECISIONS:
        raise ActionRefused(_("Choose a decision."))
    organisation = _acting_organisation(actor, proposal)
    with transaction.atomic():
        if decision == Status.MERGED:
            decided = _merge(proposal, actor, merge_into, reason, expected_status, organisation)
            action, details = AuditEntry.Action.PROPOSAL_MERGED, {"into": decided.merged_into_id}
        else:
            decided = _transition(
                proposal=proposal,
                actor=actor,
                to_status=decision,
                reason=reason,
                organisation=organisation,
                expected_status=expected_status,
            )
            action, details = AuditEntry.Action.PROPOSAL_DECIDED, {}
        # The state it was in under the lock, as the timeline entry just written says.
        from_status = decided.timeline.order_by("-pk").values_list("from_status", flat=True).first()
        audit_record(
            actor=actor,
            action=action,
            target=decided,
            organisation=organisation,
            reason=(reason or "").strip(),
            details={"from": from_status, "to": decided.status, **details},
        )
        _record_first_response(decided, organisation, actor)
    return decided


def _acting_organisation(actor, proposal):
    """The organisation an official decides for: the assigned one, else their triage desk."""
    mine = organisation_ids(actor)
    if proposal.assigned_organisation_id in mine:
        return proposal.assigned_organisation
    triage_desks = sorted(organisation_ids(actor, "triager"))
    return Organisation.objects.get(pk=triage_desks[0]) if triage_desks else None


def _record_first_response(proposal, organisation, actor):
    """The first decision is the first official response; an unassigned proposal goes to its decider."""
    if proposal.first_response_at is None:
        proposal.first_response_at = timezone.now()
        proposal.save(update_fields=["first_response_at"])
    if proposal.assigned_organisation_id is None and organisation is not None:
        _assign(proposal, organisation, actor)


def _merge(proposal, actor, target, reason, expected_status, organisation):
    """Merge into another proposal: supports and followers move to it, each person once."""
    if target is None:
        raise ActionRefused(_("Choose the proposal to merge this one into."))
    if target.pk == proposal.pk:
        raise ActionRefused(_("A proposal cannot be merged into itself."))
    # Lock both rows, in id order so that two crossing merges cannot deadlock.
    locked = {
        p.pk: p for p in Proposal.objects.select_for_update().filter(pk__in=[proposal.pk, target.pk]).order_by("pk")
    }
    target = locked[target.pk]
    if not target.is_open_for_support:
        raise ActionRefused(_("Proposals can only be merged into a public proposal that is open or accepted."))
    merged = _transition(
        proposal=proposal,
        actor=actor,
        to_status=Status.MERGED,
        reason=reason,
        organisation=organisation,
        expected_status=expected_status,
    )
    merged.merged_into = target
    merged.save(update_fields=["merged_into"])

    # Supports move with where they came from; invalidated ones stay invalidated.
    supporters = Support.objects.filter(proposal=merged).exclude(user_id=target.author_id)
    moved = ("user_id", "created_at", "ip_address", "ip_range", "email_domain", "invalidation_id")
    Support.objects.bulk_create(
        (Support(proposal=target, **{f: getattr(s, f) for f in moved}) for s in supporters.iterator()),
        batch_size=1000,
        ignore_conflicts=True,  # someone who supported both is counted once
    )
    followers = {f.user_id for f in Follow.objects.filter(proposal=merged)} | {merged.author_id}
    Follow.objects.bulk_create(
        (Follow(proposal=target, user_id=user_id) for user_id in followers), batch_size=1000, ignore_conflicts=True
    )
    Support.objects.filter(proposal=merged).delete()
    Follow.objects.filter(proposal=merged).delete()
    # Recounted under the lock: concurrent supports of the target add theirs after we commit.
    Proposal.objects.filter(pk=merged.pk).update(support_count=0)
    Proposal.objects.filter(pk=target.pk).update(
        support_count=Support.objects.filter(proposal=target, invalidation__isnull=True).count()
    )
    _mark_threshold(target)
    search.index_proposal(merged)
    merged.refresh_from_db()
    return merged


def proposal_answer(*, proposal: Proposal, actor, answer: str) -> Proposal:
    """The author answers the officials' question; the proposal goes back to them."""
    ensure(actor, "proposals.answer_proposal", proposal)
    answer = (answer or "").strip()
    if not answer:
        raise ActionRefused(_("Write your answer to the officials’ question."))
    with transaction.atomic():
        asked = proposal.timeline.filter(to_status=Status.NEEDS_INFO).select_related("actor").last()
        answered = _transition(
            proposal=proposal, actor=actor, to_status=Status.SUBMITTED, reason=answer, expected_status=Status.NEEDS_INFO
        )
        if asked is not None:
            notify(
                recipients=[asked.actor],
                kind=Notification.Kind.STATUS_CHANGE,
                message=lambda: _("The author answered your question about “%(title)s”.") % {"title": proposal.title},
                url=lambda: reverse("proposals:triage_proposal", args=[proposal.pk]),
            )
    return answered


def review_save(*, proposal: Proposal, reviewer, data: dict) -> ExpertReview:
    """Write or update a field expert's review of a proposal (one per expert)."""
    ensure(reviewer, "proposals.review_proposal", proposal)
    fields = {key: data[key] for key in ("feasibility", "risks", "measures", "rating")}
    review, _created = ExpertReview.objects.update_or_create(
        proposal=proposal, reviewer=reviewer, defaults={**fields, "updated_at": timezone.now()}
    )
    return review


# --- Support and follow ---------------------------------------------------------


def support_add(*, proposal: Proposal, user, ip_address: str | None = None) -> Proposal:
    """Add one account's support. The unique constraint makes a second one impossible,
    and the counter moves in the database, so concurrent supports are counted exactly.

    The proposal row is locked first (by the counting UPDATE, which also checks that it
    still takes supports and records when the threshold is reached), then the support is
    inserted: a merge locks proposals in the same order, so the two cannot deadlock. Where it
    came from (``ip_address``, its range, the account's e-mail domain) goes into the same
    INSERT: this is the hot path of a surge.
    """
    ensure(user, "proposals.support_proposal", proposal)  # no query: the view asked the same
    ip_range = antifraud.ip_range(ip_address)
    threshold = settings.FIELDWORK["SUPPORT_THRESHOLD"]
    try:
        with transaction.atomic():
            counted = Proposal.objects.filter(pk=proposal.pk, status__in=Proposal.SUPPORTABLE_STATES).update(
                support_count=F("support_count") + 1,
                # The right-hand sides read the row before the update: this support is the threshold-th.
                support_threshold_reached_at=Case(
                    When(
                        support_threshold_reached_at__isnull=True,
                        support_count__gte=threshold - 1,
                        then=Value(timezone.now()),
                    ),
                    default=F("support_threshold_reached_at"),
                ),
            )
            if not counted:
                raise ActionRefused(_("This proposal no longer takes supports."))
            Support.objects.create(
                proposal=proposal,
                user=user,
                ip_address=ip_address if ip_range else None,
                ip_range=ip_range,
                email_domain=antifraud.email_domain(user.email),
            )
    except IntegrityError as exc:
        if Support.objects.filter(proposal=proposal, user=user, invalidation__isnull=False).exists():
            raise _invalidated_refusal() from exc
        raise ActionRefused(_("You already support this proposal.")) from exc
    proposal.refresh_from_db(fields=["support_count", "support_threshold_reached_at"])
    return proposal


def _invalidated_refusal():
    # The invalidated row stays (evidence), so the account can neither withdraw nor give it again.
    return ActionRefused(
        _("The moderators invalidated your support of this proposal. It stays on record and cannot be given again.")
    )


def support_withdraw(*, proposal: Proposal, user) -> Proposal:
    with transaction.atomic():
        # Proposal row first, support row second: the order support_add and merges use.
        Proposal.objects.select_for_update().only("pk").get(pk=proposal.pk)
        deleted, _details = Support.objects.filter(proposal=proposal, user=user, invalidation__isnull=True).delete()
        if not deleted:
            if Support.objects.filter(proposal=proposal, user=user).exists():  # invalidated: kept as evidence
                raise _invalidated_refusal()
            raise ActionRefused(_("You have not supported this proposal."))
        Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") - 1)
    proposal.refresh_from_db(fields=["support_count"])
    return proposal


def supports_invalidate(*, staff, criteria: antifraud.Criteria, reason: str) -> SupportInvalidation:
    """Invalidate the valid supports matching ``criteria`` (docs/security.md, "Supports:
    anti-fraud"). The rows stay, pointing at the new ``SupportInvalidation``, as evidence and so
    that the same accounts cannot support those proposals again; the counters drop exactly.

    The proposals are locked first, in id order, as support_add, withdrawals and merges lock
    them: no support of theirs comes or goes until this commits, so the counts taken under the
    lock are the ones removed. A proposal that falls below the support threshold loses its
    ``support_threshold_reached_at`` (and its place at the top of the triage queue) until it
    reaches the threshold again.
    """
    ensure(staff, "proposals.moderate")
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused(_("Give the reason for invalidating these supports."))
    with transaction.atomic():
        proposal_ids = list(criteria.supports().values_list("proposal_id", flat=True).distinct())
        list(Proposal.objects.select_for_update().filter(pk__in=proposal_ids).order_by("pk").values_list("pk"))
        hit = criteria.supports().filter(proposal_id__in=proposal_ids)
        per_proposal = dict(hit.values_list("proposal_id").annotate(n=Count("pk")))
        if not per_proposal:
            raise ActionRefused(_("No valid support matches these criteria: nothing was invalidated."))
        totals = hit.aggregate(supports=Count("pk"), accounts=Count("user", distinct=True))
        invalidation = SupportInvalidation.objects.create(
            staff=staff,
            reason=reason,
            network=criteria.network,
            email_domain=criteria.email_domain,
            start=criteria.start,
            end=criteria.end,
            proposal=criteria.proposal,
            support_total=totals["supports"],
            account_total=totals["accounts"],
            proposal_total=len(per_proposal),
        )
        hit.update(invalidation=invalidation)
        Proposal.objects.filter(pk__in=per_proposal).update(
            support_count=F("support_count") - Case(*(When(pk=pk, then=n) for pk, n in per_proposal.items()))
        )
        Proposal.objects.filter(
            pk__in=per_proposal,
            support_threshold_reached_at__isnull=False,
            support_count__lt=settings.FIELDWORK["SUPPORT_THRESHOLD"],
        ).update(support_threshold_reached_at=None)
        audit_record(
            actor=staff,
            action=AuditEntry.Action.SUPPORTS_INVALIDATED,
            target=invalidation,
            reason=reason,
            details={
                "criteria": criteria.as_dict(),
                "supports": totals["supports"],
                "accounts": totals["accounts"],
                "proposals": {str(pk): n for pk, n in sorted(per_proposal.items())},
            },
        )
        # Counts changed on public pages, the API and the exports: supports alone never say so.
        page_cache.invalidate()
        open_data.schedule_regeneration()
    return invalidation


def support_ips_purge(*, batch_size: int = 5000) -> int:
    """Forget the IP address (and range) of supports older than ``FIELDWORK["IP_RETENTION_DAYS"]``;
    their e-mail domain stays for aggregate statistics. Returns how many were purged. Runs in
    batches, each its own short transaction, so supports keep coming in meanwhile."""
    cutoff = timezone.now() - timedelta(days=settings.FIELDWORK["IP_RETENTION_DAYS"])
    old = Support.objects.filter(created_at__lt=cutoff, ip_address__isnull=False)
    purged = 0
    while batch := Support.objects.filter(pk__in=old.values("pk")[:batch_size]).update(ip_address=None, ip_range=None):
        purged += batch
    return purged


def _mark_threshold(proposal):
    """Record, once, when the proposal first reached the support threshold."""
    Proposal.objects.filter(
        pk=proposal.pk,
        support_threshold_reached_at__isnull=True,
        support_count__gte=settings.FIELDWORK["SUPPORT_THRESHOLD"],
    ).update(support_threshold_reached_at=timezone.now())


def follow_add(*, proposal: Proposal, user) -> Follow:
    follow, _created = Follow.objects.get_or_create(proposal=proposal, user=user)
    return follow


def follow_remove(*, proposal: Proposal, user) -> None:
    Follow.objects.filter(proposal=proposal, user=user).delete()


# --- Comments -------------------------------------------------------------------


def comment_add(*, proposal: Proposal, author, body: str, parent: Comment | None = None) -> Comment:
    body = body.strip()
    if not body:
        raise ActionRefused(_("Write something before posting."))
    if parent is not None:
        if parent.proposal_id != proposal.pk:
            raise ActionRefused(_("You can only reply to a comment on this proposal."))
        # Replies are one level deep: a reply to a reply answers the thread's first comment.
        if parent.parent_id is not None:
            parent = parent.parent
    with transaction.atomic():
        comment = Comment.objects.create(proposal=proposal, author=author, body=body, parent=parent)
        Proposal.objects.filter(pk=proposal.pk).update(comment_count=F("comment_count") + 1, updated_at=timezone.now())
        _notify_followers(
            proposal,
            kind=Notification.Kind.NEW_COMMENT,
            message=lambda: _("New comment on “%(title)s”.") % {"title": proposal.title},
            exclude=author,
        )
    return comment


def comment_edit(*, comment: Comment, body: str) -> Comment:
    body = body.strip()
    if not body:
        raise ActionRefused(_("A comment cannot be empty. To remove it, delete it."))
    comment.body = body
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    return comment


def comment_remove(*, comment: Comment) -> Comment:
    """The author deletes a comment: its text goes, a 'comment removed' marker stays."""
    with transaction.atomic():
        comment.body = ""
        comment.removed_at = timezone.now()
        comment.save(update_fields=["body", "removed_at"])
        Proposal.objects.filter(pk=comment.proposal_id).update(comment_count=F("comment_count") - 1)
    return comment


# --- Flags and moderation -------------------------------------------------------


def flag_create(*, reporter, reason: str, details: str = "", proposal=None, comment=None) -> Flag:
    try:
        with transaction.atomic():
            return Flag.objects.create(
                reporter=reporter, reason=reason, details=details.strip(), proposal=proposal, comment=comment
            )
    except IntegrityError as exc:
        raise ActionRefused(_("You have already reported this. Staff will look at it.")) from exc


def moderation_hide(*, moderator, reason: str, proposal=None, comment=None):
    return _moderate(moderator=moderator, reason=reason, proposal=proposal, comment=comment, hide=True)


def moderation_restore(*, moderator, reason: str, proposal=None, comment=None):
    return _moderate(moderator=moderator, reason=reason, proposal=proposal, comment=comment, hide=False)


def moderation_dismiss(*, moderator, reason: str, proposal=None, comment=None):
    """Close the open flags without hiding anything."""
    ensure(moderator, "proposals.moderate")
    reason = reason.strip() or _("No rule was broken.")
    with transaction.atomic():
        flags = _resolve_flags(moderator, proposal=proposal, comment=comment)
        ModerationDecision.objects.create(
            proposal=proposal,
            comment=comment,
            action=ModerationDecision.Action.DISMISS,
            reason=reason,
            moderator=moderator,
        )
        audit_record(
            actor=moderator,
            action=AuditEntry.Action.FLAGS_DISMISSED,
            target=proposal or comment,
            reason=reason,
            details={"flags": flags},
        )


def _moderate(*, moderator, reason, proposal, comment, hide):
    ensure(moderator, "proposals.moderate")
    reason = reason.strip()
    if not reason:
        raise ActionRefused(_("Give a reason: the author will read it."))
    target = proposal or comment
    now = timezone.now()
    with transaction.atomic():
        if hide == target.is_hidden:
            raise ActionRefused(_("This is already hidden.") if hide else _("This is not hidden."))
        target.hidden_at = now if hide else None
        target.hidden_reason = reason if hide else ""
        target.save(update_fields=["hidden_at", "hidden_reason"])
        flags = _resolve_flags(moderator, proposal=proposal, comment=comment)
        ModerationDecision.objects.create(
            proposal=proposal,
            comment=comment,
            action=ModerationDecision.Action.HIDE if hide else ModerationDecision.Action.RESTORE,
            reason=reason,
            moderator=moderator,
        )
        audit_record(
            actor=moderator,
            action=AuditEntry.Action.CONTENT_HIDDEN if hide else AuditEntry.Action.CONTENT_RESTORED,
            target=target,
            reason=reason,
            details={"flags": flags},
        )
        if proposal is not None:
            url = proposal.get_absolute_url
        else:

            def url():
                return comment.get_absolute_url()

        notify(
            recipients=[target.author],
            kind=Notification.Kind.MODERATION,
            message=lambda: _moderation_message(proposal=proposal, hide=hide, reason=reason),
            url=url,
        )
        if proposal is not None:
            search.index_proposal(proposal)
    return target


def _moderation_message(*, proposal, hide, reason):
    """What the author is told, in their language (called with it active)."""
    if proposal is not None:
        if hide:
            text = _("Your proposal “%(title)s” was hidden by the moderators: %(reason)s")
        else:
            text = _("Your proposal “%(title)s” is visible again: %(reason)s")
        return text % {"title": proposal.title, "reason": reason}
    if hide:
        return _("Your comment was hidden by the moderators: %(reason)s") % {"reason": reason}
    return _("Your comment is visible again: %(reason)s") % {"reason": reason}


def _resolve_flags(moderator, *, proposal=None, comment=None):
    flags = Flag.objects.filter(resolved_at__isnull=True)
    flags = flags.filter(proposal=proposal) if proposal is not None else flags.filter(comment=comment)
    return flags.update(resolved_at=timezone.now(), resolved_by=moderator)


# --- Challenges -----------------------------------------------------------------

CHALLENGE_FIELDS = ("title", "description", "owner", "deadline")


def challenge_save(*, actor, data: dict, challenge: Challenge | None = None) -> Challenge:
    """Create or edit a challenge, recorded in the audit log with the fields that changed.
    ``data["premoderation"]``, given only by staff, changes whether its proposals are held:
    that is recorded too, as a setting change."""
    created = challenge is None or challenge.pk is None
    challenge = challenge or Challenge(created_by=actor)
    # A model form has already set the new values on ``challenge``: the stored ones are the old ones.
    stored = Challenge.objects.filter(pk=challenge.pk).values(*CHALLENGE_FIELDS, "premoderation").first() or {}
    before = stored.get("premoderation") or Challenge.INHERIT
    with transaction.atomic():
        for field in CHALLENGE_FIELDS:
            setattr(challenge, field, data[field])
        if data.get("premoderation", before) != before:
            ensure(actor, "proposals.set_premoderation")
            challenge.premoderation = data["premoderation"]
        challenge.save()
        changed = [f for f in CHALLENGE_FIELDS if created or stored.get(f) != _challenge_value(challenge, f)]
        if changed:
            audit_record(
                actor=actor,
                action=AuditEntry.Action.CHALLENGE_SAVED,
                target=challenge,
                organisation=challenge.owner,
                details={"created": created, "fields": changed},
            )
        if challenge.premoderation != before:
            setting_change_record(
                actor=actor, target=challenge, changes={"premoderation": (before, data["premoderation"])}
            )
    return challenge


def _challenge_value(challenge, field):
    return challenge.owner_id if field == "owner" else getattr(challenge, field)


def setting_change_record(*, actor, target, changes: dict) -> None:
    """Staff changed a setting (the site's pre-moderation, a challenge's): ``changes`` maps each
    field to its (old, new) values. Call it inside the change's transaction."""
    audit_record(
        actor=actor,
        action=AuditEntry.Action.SETTING_CHANGED,
        target=target,
        details={"changes": {field: {"from": old, "to": new} for field, (old, new) in changes.items()}},
    )
