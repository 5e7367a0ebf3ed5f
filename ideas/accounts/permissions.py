"""Every permission decision of Fieldwork, declared once.

Views call ``user.has_perm("proposals.support_proposal", proposal)`` (or the
``{% has_perm %}`` template tag of ``rules``); nothing else decides who may do what.
The roles are those of DESIGN.md section 2: visitor, citizen (verified e-mail),
field expert, official (member of an organisation, by role) and staff.
"""

import rules
from django.conf import settings
from django.utils import timezone

# --- Who the user is ------------------------------------------------------------


@rules.predicate
def is_verified_citizen(user):
    """Signed in with at least one verified e-mail address (cached on the user object)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "_fieldwork_verified"):
        from allauth.account.models import EmailAddress

        user._fieldwork_verified = EmailAddress.objects.filter(user=user, verified=True).exists()
    return user._fieldwork_verified


@rules.predicate
def is_field_expert(user):
    if not user.is_authenticated:
        return False
    return hasattr(user, "expert_profile")


@rules.predicate
def is_official(user):
    """A member of any organisation, whatever the role."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_fieldwork_org_ids"):
        user._fieldwork_org_ids = set(user.memberships.values_list("organisation_id", flat=True))
    return bool(user._fieldwork_org_ids)


is_staff = rules.is_staff


@rules.predicate
def has_pending_expert_application(user):
    return user.is_authenticated and user.expert_applications.filter(status="pending").exists()


# --- Proposals ------------------------------------------------------------------


@rules.predicate
def is_proposal_author(user, proposal):
    return proposal is not None and user.is_authenticated and proposal.author_id == user.pk


@rules.predicate
def proposal_is_public(user, proposal):
    return proposal is not None and proposal.is_public


@rules.predicate
def proposal_is_editable(user, proposal):
    return proposal is not None and proposal.is_editable_by_author


@rules.predicate
def proposal_is_withdrawable(user, proposal):
    return proposal is not None and proposal.can_be_withdrawn


@rules.predicate
def proposal_is_open_for_support(user, proposal):
    return proposal is not None and proposal.is_open_for_support


@rules.predicate
def proposal_is_open_for_comments(user, proposal):
    return proposal is not None and proposal.is_open_for_comments


# --- Comments -------------------------------------------------------------------


@rules.predicate
def is_comment_author(user, comment):
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def comment_is_recent(user, comment):
    minutes = settings.FIELDWORK["COMMENT_EDIT_MINUTES"]
    return comment is not None and (timezone.now() - comment.created_at).total_seconds() < minutes * 60


@rules.predicate
def comment_is_live(user, comment):
    return comment is not None and not comment.is_removed and not comment.is_hidden


@rules.predicate
def comment_is_on_public_proposal(user, comment):
    return comment is not None and comment.proposal.is_public


# --- Challenges -----------------------------------------------------------------


@rules.predicate
def is_member_of_challenge_owner(user, challenge):
    return challenge is not None and is_official(user) and challenge.owner_id in user._fieldwork_org_ids


# --- The permissions ------------------------------------------------------------

rules.add_perm("proposals.view_proposal", proposal_is_public | is_proposal_author | is_staff)
rules.add_perm("proposals.add_proposal", is_verified_citizen)
rules.add_perm("proposals.change_proposal", is_verified_citizen & is_proposal_author & proposal_is_editable)
rules.add_perm("proposals.withdraw_proposal", is_proposal_author & proposal_is_withdrawable)
rules.add_perm(
    "proposals.support_proposal",
    is_verified_citizen & proposal_is_open_for_support & ~is_proposal_author,
)
rules.add_perm("proposals.unsupport_proposal", is_verified_citizen & proposal_is_public)
rules.add_perm("proposals.comment_proposal", is_verified_citizen & proposal_is_open_for_comments)
rules.add_perm("proposals.follow_proposal", is_verified_citizen & proposal_is_public)
rules.add_perm("proposals.flag_proposal", is_verified_citizen & proposal_is_public & ~is_proposal_author)

rules.add_perm("proposals.change_comment", is_comment_author & comment_is_live & comment_is_recent)
rules.add_perm("proposals.delete_comment", is_comment_author & comment_is_live)
rules.add_perm(
    "proposals.flag_comment",
    is_verified_citizen & comment_is_live & comment_is_on_public_proposal & ~is_comment_author,
)

rules.add_perm("proposals.moderate", is_staff)

rules.add_perm("proposals.add_challenge", is_staff | is_official)
rules.add_perm("proposals.change_challenge", is_staff | is_member_of_challenge_owner)

rules.add_perm("accounts.apply_expert", is_verified_citizen & ~is_field_expert & ~has_pending_expert_application)
rules.add_perm("accounts.review_expert_applications", is_staff)
