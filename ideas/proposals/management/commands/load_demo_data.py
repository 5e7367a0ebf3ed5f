"""Demo data that tells the stories of DESIGN.md section 1.

Safe to run twice: accounts and organisations are reused, proposals that already
exist (by title) are left alone. Prints the demo accounts and their password.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from ideas.accounts.models import ExpertProfile, Membership, Organisation
from ideas.proposals import services
from ideas.proposals.demo_content import CHALLENGES, PROPOSALS
from ideas.proposals.models import Category, Challenge, Proposal, Region, Support

User = get_user_model()
DEMO_PASSWORD = "fieldwork-demo-2020"  # noqa: S105  (printed for newcomers; demo data only)
DOMAIN = "demo.fieldwork.example"

ORGANISATIONS = {
    "kdca": ("Korea Disease Control and Prevention Agency", Organisation.Kind.CENTRAL_AGENCY, "nationwide"),
    "cdsch": (
        "Central Disaster and Safety Countermeasure Headquarters",
        Organisation.Kind.CENTRAL_AGENCY,
        "nationwide",
    ),
    "seoul": ("Seoul Metropolitan Government", Organisation.Kind.LOCAL_GOVERNMENT, "seoul"),
    "daegu": ("Daegu Metropolitan City", Organisation.Kind.LOCAL_GOVERNMENT, "daegu"),
    "goyang": ("Goyang City", Organisation.Kind.LOCAL_GOVERNMENT, "gyeonggi"),
    "knuh": ("Kyungpook National University Chilgok Hospital", Organisation.Kind.PUBLIC_INSTITUTION, "daegu"),
    "hira": ("Health Insurance Review and Assessment Service", Organisation.Kind.PUBLIC_INSTITUTION, "nationwide"),
    "pharma": ("Korean Pharmaceutical Association", Organisation.Kind.PRIVATE_PARTNER, "nationwide"),
}

# key: (display name, shows name, language, expert (profession, workplace) or None)
CITIZENS = {
    "physician": (
        "Dr. Seo Yeon-woo",
        True,
        "ko",
        ("Emergency physician", "University hospital emergency department, Daegu"),
    ),
    "pharmacist": ("Pharmacist Lee", True, "ko", ("Community pharmacist", "Neighbourhood pharmacy, Seoul")),
    "nurse": ("Park Su-jin", True, "ko", ("Registered nurse", "Public health centre, Daegu")),
    "official_citizen": ("Choi Min-ho", True, "ko", None),
    "student": ("Student developer", True, "en", None),
    "citizen1": ("Jung Ha-eun", True, "ko", None),
    "citizen2": ("Alex Morgan", True, "en", None),
    "citizen3": ("Citizen 3", False, "ko", None),
    "citizen4": ("Sam Rivera", True, "en", None),
    "citizen5": ("Citizen 5", False, "en", None),
}

# e-mail local part: (display name, organisation, role, is_staff)
OFFICIALS = {
    "triager": ("KDCA triage desk", "kdca", Membership.Role.TRIAGER),
    "pilotlead": ("Chilgok Hospital pilot lead", "knuh", Membership.Role.PILOT_LEAD),
    "publisher": ("Headquarters publisher", "cdsch", Membership.Role.PUBLISHER),
    "orgadmin": ("Seoul organisation admin", "seoul", Membership.Role.ORGANISATION_ADMIN),
}


class Command(BaseCommand):
    help = "Load demo organisations, accounts, challenges and proposals that tell Fieldwork's stories."

    @override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    def handle(self, *args, **options):
        with transaction.atomic():
            orgs = self._organisations()
            people = self._citizens()
            accounts = self._officials(orgs)
            challenges = self._challenges(orgs, accounts)
            created = self._proposals(people, challenges)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {created} new proposals."))
        self.stdout.write(f"Every demo account uses the password: {DEMO_PASSWORD}")
        for label, email in [
            ("citizen", f"citizen1@{DOMAIN}"),
            ("field expert (physician)", f"physician@{DOMAIN}"),
            ("field expert (pharmacist)", f"pharmacist@{DOMAIN}"),
            *[(f"official, {role.label}", f"{key}@{DOMAIN}") for key, (_n, _o, role) in OFFICIALS.items()],
            ("staff", f"staff@{DOMAIN}"),
        ]:
            self.stdout.write(f"  {label:<34} {email}")

    def _organisations(self):
        regions = {r.slug: r for r in Region.objects.all()}
        orgs = {}
        for slug, (name, kind, region) in ORGANISATIONS.items():
            orgs[slug], _ = Organisation.objects.get_or_create(
                slug=slug, defaults={"name": name, "kind": kind, "region": regions[region]}
            )
        return orgs

    def _user(self, local, display_name, *, show=True, language="en", staff=False):
        email = f"{local}@{DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                display_name=display_name,
                show_name_publicly=show,
                language=language,
                is_staff=staff,
                is_superuser=staff,
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    def _citizens(self):
        people = {}
        for key, (name, show, language, expertise) in CITIZENS.items():
            user = people[key] = self._user(key, name, show=show, language=language)
            if expertise and not hasattr(user, "expert_profile"):
                ExpertProfile.objects.create(
                    user=user, profession=expertise[0], workplace=expertise[1], verified_at=timezone.now()
                )
        return people

    def _officials(self, orgs):
        accounts = {"staff": self._user("staff", "Platform staff", staff=True)}
        for key, (name, org, role) in OFFICIALS.items():
            user = accounts[key] = self._user(key, name)
            Membership.objects.get_or_create(user=user, organisation=orgs[org], role=role)
        return accounts

    def _challenges(self, orgs, accounts):
        challenges = {}
        for item in CHALLENGES:
            challenge = Challenge.objects.filter(title=item["title_en"]).first()
            if challenge is None:
                challenge = Challenge.objects.create(
                    title=item["title_en"],
                    description=item["description_en"],
                    owner=orgs[item["owner"]],
                    deadline=timezone.localdate() + timedelta(days=item["days_left"]),
                    created_by=accounts["staff"],
                )
            challenges[item["key"]] = challenge
        return challenges

    def _proposals(self, people, challenges):
        categories = {c.slug: c for c in Category.objects.all()}
        regions = {r.slug: r for r in Region.objects.all()}
        supporters = self._supporters(max(item["supports"] for item in PROPOSALS))
        created = 0
        now = timezone.now()
        for item in PROPOSALS:
            if Proposal.objects.filter(title=item["title"]).exists():
                continue
            author = people[item["author"]]
            data = {
                field: item[field] for field in ("title", "problem", "solution", "expected_benefit", "affected_people")
            }
            data.update(
                expertise_statement=item["expertise_statement"],
                category=categories[item["category"]],
                region=regions[item["region"]],
                challenge=challenges.get(item.get("challenge")),
            )
            proposal = services.proposal_create(author=author, data=data)
            created += 1
            if item["status"] == "draft":
                continue
            services.proposal_submit(proposal=proposal, actor=author)
            submitted = now - timedelta(days=item["days_ago"], hours=item["supports"] % 11)
            for commenter, text in item["comments"]:
                services.comment_add(proposal=proposal, author=people[commenter], body=text)
            self._backdate(proposal, submitted)
            self._support(proposal, supporters[: item["supports"]], submitted)
            if item["status"] == "withdrawn":
                services.proposal_withdraw(proposal=proposal, actor=author, reason="")
        return created

    def _supporters(self, count):
        """Plain citizen accounts that only support (no password: they cannot log in)."""
        existing = list(User.objects.filter(email__startswith="supporter-").order_by("pk"))
        missing = [
            User(email=f"supporter-{n:04d}@{DOMAIN}", display_name=f"Supporter {n}", password=make_password(None))
            for n in range(len(existing), count)
        ]
        return existing + User.objects.bulk_create(missing)

    def _backdate(self, proposal, submitted):
        from ideas.proposals.models import Comment, StatusChange

        Proposal.objects.filter(pk=proposal.pk).update(
            created_at=submitted - timedelta(hours=2),
            submitted_at=submitted,
            updated_at=submitted + timedelta(days=1),
            response_due_at=submitted + timedelta(days=30),
        )
        StatusChange.objects.filter(proposal=proposal).update(created_at=submitted)
        for offset, comment in enumerate(Comment.objects.filter(proposal=proposal).order_by("pk"), start=1):
            Comment.objects.filter(pk=comment.pk).update(created_at=submitted + timedelta(hours=6 * offset))

    def _support(self, proposal, supporters, submitted):
        Support.objects.bulk_create(
            [
                Support(proposal=proposal, user=user, created_at=submitted + timedelta(minutes=7 * n))
                for n, user in enumerate(supporters)
            ],
            ignore_conflicts=True,
        )
        Proposal.objects.filter(pk=proposal.pk).update(support_count=Support.objects.filter(proposal=proposal).count())
