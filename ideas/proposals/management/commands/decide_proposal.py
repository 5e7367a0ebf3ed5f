"""Record an official decision from the command line, through the same service as the pages."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from ideas.core.exceptions import ActionRefused
from ideas.proposals import services
from ideas.proposals.models import Proposal


class Command(BaseCommand):
    help = "Decide on a proposal: under_review, needs_info, accepted, merged or declined."

    def add_arguments(self, parser):
        parser.add_argument("proposal", type=int, help="The proposal's number.")
        parser.add_argument("decision", choices=sorted(Proposal.OFFICIAL_DECISIONS))
        parser.add_argument("--actor", required=True, help="E-mail address of the deciding official or staff member.")
        parser.add_argument("--reason", default="", help="The public reason (required to decline, merge or ask).")
        parser.add_argument("--merge-into", type=int, help="The number of the proposal to merge into.")

    def handle(self, *args, proposal, decision, actor, reason, merge_into, **options):
        try:
            subject = Proposal.objects.get(pk=proposal)
            target = Proposal.objects.get(pk=merge_into) if merge_into else None
            user = get_user_model().objects.get(email__iexact=actor)
        except (Proposal.DoesNotExist, get_user_model().DoesNotExist) as exc:
            raise CommandError(str(exc)) from exc
        try:
            decided = services.proposal_decide(
                proposal=subject, actor=user, decision=decision, reason=reason, merge_into=target
            )
        except ActionRefused as refusal:
            raise CommandError(refusal.message) from refusal
        except PermissionDenied as exc:
            raise CommandError(f"{user} may not decide on proposal {proposal}.") from exc
        self.stdout.write(self.style.SUCCESS(f"Proposal {decided.pk} is now {decided.status}."))
