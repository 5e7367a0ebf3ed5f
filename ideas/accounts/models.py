import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """An account. People log in with their e-mail address; there is no username."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        help_text=_("How your name appears next to what you write, if you choose to show it."),
    )
    show_name_publicly = models.BooleanField(
        _("show my name publicly"),
        default=False,
        help_text=_("If unticked, what you write is shown as by “anonymous citizen”."),
    )

    language = models.CharField(
        _("language for e-mails"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # Set when the person deleted their account (accounts.services.account_delete): the row
    # stays, emptied, so that what they wrote is still credited, to "deleted account".
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        if self.is_deleted:
            return str(_("deleted account"))
        return self.display_name or self.email

    def has_perm(self, perm, obj=None):
        from ideas.accounts.permissions import SECOND_FACTOR_PERMS, has_second_factor

        if perm in SECOND_FACTOR_PERMS and not has_second_factor(self):
            return False
        # Django lets superusers pass every permission. Fieldwork's rules also check the
        # state of what is acted on (a concluded pilot takes no iteration), so ask them.
        if self.is_active and self.is_superuser and rules.perm_exists(perm):
            return rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def public_name(self):
        """The name shown on public pages: never the e-mail address."""
        if self.is_deleted:
            return _("deleted account")
        if self.show_name_publicly and self.display_name:
            return self.display_name
        return _("anonymous citizen")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CENTRAL_AGENCY = "central_agency", _("central agency")
        LOCAL_GOVERNMENT = "local_government", _("local government")
        PUBLIC_INSTITUTION = "public_institution", _("public institution")
        PRIVATE_PARTNER = "private_partner", _("private partner")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    region = models.ForeignKey(
        "proposals.Region", verbose_name=_("region"), on_delete=models.PROTECT, null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    members = models.ManyToManyField(User, through="Membership", related_name="organisations")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        TRIAGER = "triager", _("triager")
        PILOT_LEAD = "pilot_lead", _("pilot lead")
        PUBLISHER = "publisher", _("publisher")
        ORGANISATION_ADMIN = "org_admin", _("organisation admin")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership_role"),
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class ExpertApplication(models.Model):
    """A citizen's request to be recognised as a field expert; staff decide."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="expert_applications")
    profession = models.CharField(
        _("profession"), max_length=100, help_text=_("For example: pharmacist, emergency physician, nurse.")
    )
    workplace = models.CharField(
        _("workplace"), max_length=200, help_text=_("Where you practise, for example a hospital or a pharmacy.")
    )
    evidence = models.TextField(
        _("evidence"),
        max_length=2000,
        help_text=_("A short note staff can check: licence number, professional register, or a work reference."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(_("reason"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="expert_decisions"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("field-expert application")
        verbose_name_plural = _("field-expert applications")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(status="pending"), name="one_pending_expert_application"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.profession}"


class ExpertProfile(models.Model):
    """The verified expertise of a user; exists only once staff approved an application."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="expert_profile")
    profession = models.CharField(_("profession"), max_length=100)
    workplace = models.CharField(_("workplace"), max_length=200)
    application = models.ForeignKey(ExpertApplication, null=True, on_delete=models.SET_NULL)
    verified_at = models.DateTimeField()

    class Meta:
        verbose_name = _("field-expert profile")
        verbose_name_plural = _("field-expert profiles")

    def __str__(self):
        return f"{self.user} · {self.profession}"
