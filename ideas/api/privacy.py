"""What open data may say about a person: the one rule every serializer, feed and export uses.

No e-mail address and no account id ever leaves. A name leaves only when its owner chose
to show it (``User.show_name_publicly``, the rule of ``User.public_name``); otherwise open
data carries no name at all (``None``), and human-readable output (feeds) says
“anonymous citizen”. Officials act for their organisation: timelines name the
organisation, never the person. A deleted account has no name and is said to be deleted
(the site says “deleted account”).
"""


def shown_name(user):
    """The person's display name if they chose to show it, else ``None``."""
    if user is not None and not user.is_deleted and user.show_name_publicly and user.display_name:
        return user.display_name
    return None


def account_deleted(user):
    """Whether the person deleted their account (what they wrote stays, by “deleted account”)."""
    return user is not None and user.is_deleted


def profession(user):
    """The verified field-expert profession shown next to their contributions, or ''.

    The site shows it with every proposal and review (even without the name); it needs
    ``expert_profile`` joined by the selectors."""
    profile = getattr(user, "expert_profile", None) if user is not None else None
    return profile.profession if profile else ""
