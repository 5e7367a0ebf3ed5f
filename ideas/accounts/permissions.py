"""Every permission decision of Fieldwork, declared once.

Views call ``user.has_perm("proposals.support_proposal", proposal)`` (or the
``{% has_perm %}`` template tag of ``rules``); nothing else decides who may do what.
The roles are those of DESIGN.md section 2: visitor, citizen (verified e-mail),
field expert, official (member of an organisation, by role) and staff.

Officials and staff act only once they have set up a second factor (allauth.mfa: an
authenticator app, with recovery codes): every official and staff permission below is
combined with ``has_second_factor`` (docs/security.md, "Access").
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


def _memberships(user):
    """The user's (organisation id, role) pairs, read once per request and cached on the user."""
    if not hasattr(user, "_fieldwork_memberships"):
        user._fieldwork_memberships = set(user.memberships.values_list("organisation_id", "role"))
        user._fieldwork_org_ids = {org_id for org_id, _role in user._fieldwork_memberships}
    return user._fieldwork_memberships


def organisation_ids(user, role=None):
    """The organisations the user belongs to (in ``role``, if given)."""
    if not user.is_authenticated:
        return set()
    return {org_id for org_id, r in _memberships(user) if role is None or r == role}


@rules.predicate
def is_member_of_any_organisation(user):
    """A member of any organisation, whatever the role (with or without a second factor)."""
    return bool(organisation_ids(user))


@rules.predicate
def has_second_factor(user):
    """Two-factor authentication set up (an authenticator app; allauth asks for its code at
    every sign-in). Cached on the user object for the request."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_fieldwork_second_factor"):
        from allauth.mfa.models import Authenticator

        user._fieldwork_second_factor = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    return user._fieldwork_second_factor


@rules.predicate
def is_in_a_wagtail_group(user):
    """Wagtail's editors and moderators get the admin through Django groups."""
    return user.is_authenticated and user.groups.exists()


# Who must set up a second factor before acting: every official, staff account and Wagtail
# editor or moderator. The roles below hold only with it.
holds_a_role = is_member_of_any_organisation | rules.is_staff | is_in_a_wagtail_group
needs_second_factor = holds_a_role & ~has_second_factor

is_official = is_member_of_any_organisation & has_second_factor


def acting_for(user, role=None):
    """The organisations the user may act for (in ``role``, if given): none without a second
    factor. Every predicate about an official's organisation asks this."""
    return organisation_ids(user, role) if has_second_factor(user) else set()


@rules.predicate
def is_triager(user):
    return bool(acting_for(user, "triager"))


@rules.predicate
def is_pilot_lead(user):
    return bool(acting_for(user, "pilot_lead"))


is_staff = rules.is_staff & has_second_factor


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


@rules.predicate
def proposal_is_in_triage(user, proposal):
    return proposal is not None and proposal.is_in_triage and proposal.is_public


@rules.predicate
def proposal_is_unassigned(user, proposal):
    return proposal is not None and proposal.assigned_organisation_id is None


@rules.predicate
def proposal_is_assigned_to_users_organisation(user, proposal):
    return proposal is not None and proposal.assigned_organisation_id in acting_for(user)


@rules.predicate
def proposal_is_open_for_reviews(user, proposal):
    return proposal is not None and proposal.is_public and proposal.status in proposal.REVIEWABLE_STATES


@rules.predicate
def proposal_needs_info(user, proposal):
    return proposal is not None and proposal.status == proposal.Status.NEEDS_INFO


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
    return challenge is not None and challenge.owner_id in acting_for(user)


# --- Pilots ---------------------------------------------------------------------


@rules.predicate
def is_pilot_lead_of(user, organisation):
    return organisation is not None and organisation.pk in acting_for(user, "pilot_lead")


@rules.predicate
def is_member_of_pilot_organisation(user, pilot):
    if pilot is None:
        return False
    return bool(acting_for(user) & pilot.organisation_ids)


@rules.predicate
def pilot_is_planned(user, pilot):
    return pilot is not None and pilot.status == pilot.Status.PLANNED


@rules.predicate
def pilot_is_running(user, pilot):
    return pilot is not None and pilot.status == pilot.Status.RUNNING


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

rules.add_perm("proposals.answer_proposal", is_proposal_author & proposal_needs_info)
rules.add_perm(
    "proposals.review_proposal",
    is_field_expert & ~is_proposal_author & proposal_is_open_for_reviews,
)

# Triage: officials see the queue; triagers take unassigned proposals and hand them to an
# organisation, whose officials then decide (DESIGN.md section 2).
rules.add_perm("proposals.triage", is_staff | is_official)
rules.add_perm(
    "proposals.view_in_triage",
    is_staff | proposal_is_assigned_to_users_organisation | (is_triager & proposal_is_unassigned),
)
rules.add_perm(
    "proposals.assign_proposal",
    proposal_is_in_triage
    & (is_staff | (is_triager & (proposal_is_unassigned | proposal_is_assigned_to_users_organisation))),
)
rules.add_perm(
    "proposals.decide_proposal",
    proposal_is_in_triage
    & (is_staff | proposal_is_assigned_to_users_organisation | (is_triager & proposal_is_unassigned)),
)

rules.add_perm("proposals.moderate", is_staff)
# Pre-moderation: the site's setting is edited in Wagtail (/admin/settings/), a challenge's in
# the challenge form; both by staff only.
rules.add_perm("proposals.set_premoderation", is_staff)
rules.add_perm("proposals.change_moderationsettings", is_staff)
# Wagtail's admin: staff, and members of Wagtail's groups (Moderators, Editors) through Django's
# group permissions; both only with a second factor (ideas.accounts.models.User.has_perm).
rules.add_perm("wagtailadmin.access_admin", is_staff)

rules.add_perm("proposals.add_challenge", is_staff | is_official)
rules.add_perm("proposals.change_challenge", is_staff | is_member_of_challenge_owner)

# Pilots are public; members of the lead and partner organisations run them.
rules.add_perm("pilots.add_pilot", is_staff | is_pilot_lead)
rules.add_perm("pilots.lead_pilot_for", is_staff | is_pilot_lead_of)
rules.add_perm("pilots.change_pilot", is_staff | is_member_of_pilot_organisation)
rules.add_perm("pilots.start_pilot", (is_staff | is_member_of_pilot_organisation) & pilot_is_planned)
rules.add_perm("pilots.record_iteration", (is_staff | is_member_of_pilot_organisation) & pilot_is_running)
rules.add_perm("pilots.conclude_pilot", (is_staff | is_member_of_pilot_organisation) & pilot_is_running)


# Standard models: publishers draft them from concluded, standardised pilots (Wagtail's
# workflow decides publication); any official records their organisation's adoption.
@rules.predicate
def is_publisher(user):
    return bool(acting_for(user, "publisher"))


@rules.predicate
def pilot_is_standardised(user, pilot):
    return pilot is not None and pilot.is_standardised


@rules.predicate
def is_member_of(user, organisation):
    return organisation is not None and organisation.pk in acting_for(user)


rules.add_perm("playbooks.draft_model", (is_staff | is_publisher) & pilot_is_standardised)
rules.add_perm("playbooks.adopt_model", is_official)
rules.add_perm("playbooks.adopt_for", is_member_of)
rules.add_perm("playbooks.review_feedback", is_staff | is_publisher)

rules.add_perm("accounts.apply_expert", is_verified_citizen & ~is_field_expert & ~has_pending_expert_application)
rules.add_perm("accounts.review_expert_applications", is_staff)
# One's own data: export it, and delete the account (staff must first be demoted by another
# staff member, so the platform never loses its operators by accident; docs/decisions.md).
rules.add_perm("accounts.manage_own_data", rules.is_authenticated)
rules.add_perm("accounts.delete_account", rules.is_authenticated & ~rules.is_staff & ~rules.is_superuser)

# The audit log (ideas/audit): staff read it; no one changes it.
rules.add_perm("audit.view_log", is_staff)

# The second factor: who is asked to set one up (the site's menu shows them the way).
rules.add_perm("accounts.set_up_second_factor", needs_second_factor)

# Permissions Django's own backends may grant (Wagtail's groups, Django's admin): refused to
# anyone without a second factor, whichever backend grants them.
SECOND_FACTOR_PERMS = {"wagtailadmin.access_admin"}


def refused_for_second_factor(user, perm, obj=None):
    """Is ``perm`` refused only because the official or staff member has no second factor yet?
    ``require`` then sends them to set one up rather than answering 403."""
    if not user.is_authenticated or has_second_factor(user) or not holds_a_role(user):
        return False
    user._fieldwork_second_factor = True
    try:
        return user.has_perm(perm, obj)
    finally:
        user._fieldwork_second_factor = False
