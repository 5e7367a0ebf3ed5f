import ipaddress
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideas.accounts.models import Organisation
from ideas.core.forms import ModelMultipleChoiceField

from .antifraud import Criteria
from .models import Challenge, Comment, ExpertReview, Flag, Proposal
from .uploads import prepare_upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ProposalForm(forms.ModelForm):
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
        help_text=_("Photos or documents that show the problem. JPEG, PNG or PDF, up to 5 MB each."),
    )
    remove_attachments = ModelMultipleChoiceField(
        label=_("Remove these attachments"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Proposal
        fields = [
            "title",
            "problem",
            "solution",
            "expected_benefit",
            "affected_people",
            "category",
            "region",
            "challenge",
            "expertise_statement",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 6}),
            "solution": forms.Textarea(attrs={"rows": 6}),
            "expected_benefit": forms.Textarea(attrs={"rows": 4}),
            "affected_people": forms.Textarea(attrs={"rows": 3}),
            "expertise_statement": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Open challenges, and the one the proposal already answers even if it has closed since.
        self.fields["challenge"].queryset = Challenge.objects.filter(
            Q(deadline__gte=timezone.localdate()) | Q(pk=self.instance.challenge_id)
        )
        self.fields["challenge"].empty_label = _("No challenge")
        self.fields["category"].empty_label = _("Choose a category")
        self.fields["region"].empty_label = _("Choose a region")
        if self.instance.pk:
            self.fields["remove_attachments"].queryset = self.instance.attachments.all()
        else:
            del self.fields["remove_attachments"]

    def clean_attachments(self):
        checked, errors = [], []
        for upload in self.cleaned_data.get("attachments") or []:
            try:
                checked.append(prepare_upload(upload))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        existing = self.instance.attachments.count() if self.instance.pk else 0
        removing = len(self.data.getlist("remove_attachments")) if hasattr(self.data, "getlist") else 0
        limit = settings.FIELDWORK["MAX_ATTACHMENTS"]
        if existing - removing + len(checked) > limit:
            raise ValidationError(_("A proposal can have at most %(limit)d attachments.") % {"limit": limit})
        return checked

    def proposal_data(self):
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class SimilarQueryForm(forms.Form):
    title = forms.CharField(required=False, max_length=150)
    problem = forms.CharField(required=False, max_length=10000)


class CommentForm(forms.ModelForm):
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
        labels = {"body": _("Your comment")}
        help_texts = {"body": _("Plain text. Links are made clickable. Be kind and stay on topic.")}


class FlagForm(forms.ModelForm):
    class Meta:
        model = Flag
        fields = ["reason", "details"]
        widgets = {"reason": forms.RadioSelect, "details": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"details": _("Anything that helps the moderators decide.")}


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("hide", _("Hide")), ("restore", _("Restore")), ("dismiss", _("Dismiss the reports"))]
    )
    reason = forms.CharField(
        label=_("Reason (the author reads it)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class HeldDecisionForm(forms.Form):
    """Staff approve or reject a proposal held by pre-moderation."""

    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = forms.CharField(
        label=_("Reason (the author reads it; required to reject)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing it? (optional, shown publicly)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer (shown publicly on the timeline)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("You can also edit the proposal itself before you send it back."),
    )


class AssignForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation that should answer"),
        queryset=Organisation.objects.all(),
        help_text=_("Its officials see the proposal in their queue and are notified."),
    )


class DecisionForm(forms.Form):
    """An official's decision; only the moves the proposal's state allows are offered."""

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Public reason"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Shown on the proposal’s timeline and sent to its followers. Required to decline, merge or ask for "
            "more information; for a question, write what the author should answer."
        ),
    )
    merge_into = forms.IntegerField(
        label=_("Merge into proposal number"),
        required=False,
        min_value=1,
        help_text=_("Only when merging: the number in the other proposal’s address, /proposals/<number>/."),
    )
    expected_status = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [(s.value, s.label) for s in proposal.decisions]
        self.fields["expected_status"].initial = proposal.status
        self.proposal = proposal

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision in Proposal.REASON_REQUIRED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("A public reason is required for this decision."))
        if decision == Proposal.Status.MERGED:
            number = data.get("merge_into")
            target = Proposal.objects.public().filter(pk=number).first() if number else None
            if target is None:
                self.add_error("merge_into", _("Give the number of a public proposal to merge into."))
            data["merge_target"] = target
        return data


class ExpertReviewForm(forms.ModelForm):
    class Meta:
        model = ExpertReview
        fields = ["feasibility", "risks", "measures", "rating"]
        widgets = {
            "feasibility": forms.Textarea(attrs={"rows": 4}),
            "risks": forms.Textarea(attrs={"rows": 4}),
            "measures": forms.Textarea(attrs={"rows": 3}),
            "rating": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = [(n, str(n)) for n in range(1, 6)]


class ChallengeForm(forms.ModelForm):
    class Meta:
        model = Challenge
        fields = ["title", "description", "owner", "deadline", "premoderation"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        owners = Organisation.objects.all()
        if not user.is_staff:
            owners = owners.filter(memberships__user=user).distinct()
        self.fields["owner"].queryset = owners
        if not user.has_perm("proposals.set_premoderation"):
            del self.fields["premoderation"]

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate() and (not self.instance.pk or deadline != self.instance.deadline):
            raise ValidationError(_("The deadline cannot be in the past."))
        return deadline


# --- Anti-fraud on supports (staff) ---------------------------------------------


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class SupportWindowForm(forms.Form):
    """Which supports the staff page of bursts looks at: a recent window or a chosen one."""

    WINDOWS = {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(weeks=1)}

    window = forms.ChoiceField(
        label=_("Time window"),
        choices=[
            ("hour", _("Last hour")),
            ("day", _("Last 24 hours")),
            ("week", _("Last 7 days")),
            ("custom", _("From … until …")),
        ],
        initial="day",
        required=False,
    )
    start = forms.DateTimeField(label=_("From"), required=False, widget=DateTimeLocalInput)
    end = forms.DateTimeField(label=_("Until"), required=False, widget=DateTimeLocalInput)
    by = forms.ChoiceField(
        label=_("Group by"),
        choices=[("ip", _("IP range (/24, IPv6 /48)")), ("domain", _("E-mail domain"))],
        initial="ip",
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("window") == "custom":
            _check_window(self, data)
        return data

    def selection(self):
        """(by, start, end): the window chosen, or the last day while a custom one has mistakes."""
        data = self.cleaned_data if self.is_valid() else {}
        choice = data.get("window") or "day"
        if choice == "custom":
            return data["by"] or "ip", data["start"], data["end"]
        # Whole minutes, so that a window can be handed on to an invalidation as it is.
        end = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=1)
        return data.get("by") or "ip", end - self.WINDOWS[choice], end


def _check_window(form, data):
    start, end = data.get("start"), data.get("end")
    if start is None:
        form.add_error("start", _("Give the start of the window."))
    if end is None:
        form.add_error("end", _("Give the end of the window."))
    if start and end and start >= end:
        form.add_error("end", _("The end must come after the start."))


class SupportCriteriaForm(forms.Form):
    """Which supports a bulk invalidation hits: a time window, and an IP range and/or a domain."""

    network = forms.CharField(
        label=_("IP range"),
        max_length=50,
        required=False,
        help_text=_("An address or a network in CIDR notation, such as 203.0.113.0/24 or 2001:db8:1::/48."),
    )
    email_domain = forms.CharField(label=_("E-mail domain"), max_length=255, required=False)
    start = forms.DateTimeField(label=_("From"), widget=DateTimeLocalInput)
    end = forms.DateTimeField(label=_("Until"), widget=DateTimeLocalInput)
    proposal = forms.IntegerField(
        label=_("Only the supports of proposal number"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for every proposal."),
    )

    def clean_network(self):
        network = self.cleaned_data["network"].strip()
        if not network:
            return ""
        try:
            return str(ipaddress.ip_network(network, strict=False))
        except ValueError as exc:
            raise ValidationError(_("Give an address or a network such as 203.0.113.0/24.")) from exc

    def clean_email_domain(self):
        return self.cleaned_data["email_domain"].strip().lstrip("@").lower()

    def clean_proposal(self):
        number = self.cleaned_data["proposal"]
        if number is None:
            return None
        proposal = Proposal.objects.filter(pk=number).first()
        if proposal is None:
            raise ValidationError(_("There is no proposal with this number."))
        return proposal

    def clean(self):
        data = super().clean()
        _check_window(self, data)
        if not data.get("network") and not data.get("email_domain") and not self.has_error("network"):
            raise ValidationError(_("Give an IP range, an e-mail domain or both."))
        return data

    def criteria(self):
        data = self.cleaned_data
        return Criteria(
            start=data["start"],
            end=data["end"],
            network=data["network"],
            email_domain=data["email_domain"],
            proposal=data["proposal"],
        )


class SupportInvalidationForm(SupportCriteriaForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit log with the criteria and the counts."),
    )
