"""Demo data that tells the stories of DESIGN.md section 1, through the whole pipeline.

Proposals are written and supported; officials triage them (assign, review, decide,
merge, decline, ask for more information); accepted ones become pilots whose iterations
record what was changed, measured and decided; standardised pilots become standard models,
published in versions and adopted by organisations. Every step goes through the services, as
if people had clicked, and is then dated as the story happened, so that timelines and
speed figures read in days, not seconds.

Safe to run twice: accounts and organisations are reused, proposals and pilots that
already exist (by title) are left alone, and officials' steps are only taken on proposals
nobody has acted on yet; a pilot that already has a standard model is left alone. Prints
the demo accounts and their password.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import encrypt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from ideas.accounts.models import ExpertProfile, Membership, Organisation
from ideas.core.exceptions import ActionRefused
from ideas.notifications.models import Notification
from ideas.pilots import services as pilot_services
from ideas.pilots.demo_content import PILOTS
from ideas.pilots.models import Iteration, Pilot
from ideas.playbooks import services as playbook_services
from ideas.playbooks.demo_content import ADOPTING_OFFICIALS, MODELS
from ideas.playbooks.models import Adoption, ModelVersion, StandardModelPage
from ideas.proposals import services
from ideas.proposals.demo_content import CHALLENGES, PROPOSALS, TRIAGE
from ideas.proposals.models import (
    Assignment,
    Category,
    Challenge,
    Comment,
    ExpertReview,
    Follow,
    Proposal,
    Region,
    StatusChange,
    Support,
)

User = get_user_model()
DEMO_PASSWORD = "fieldwork-demo-2020"  # noqa: S105  (printed for newcomers; demo data only)
# Officials, the reviewer and staff sign in with a second factor (docs/security.md, "Access"):
# in the demo they all share this authenticator-app secret and these recovery codes. Printed
# for newcomers; never for a real account.
DEMO_TOTP_SECRET = "FIELDWORKDEMOSECRETNOTFORREALUSE"  # noqa: S105
DEMO_RECOVERY_SEED = "fieldwork-demo-recovery-codes-not-for-real-use"
DOMAIN = "demo.fieldwork.example"
KOREA = ZoneInfo("Asia/Seoul")

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
    "sejong": ("Sejong Special Self-Governing City", Organisation.Kind.LOCAL_GOVERNMENT, "sejong"),
    "knuh": ("Kyungpook National University Chilgok Hospital", Organisation.Kind.PUBLIC_INSTITUTION, "daegu"),
    "hira": ("Health Insurance Review and Assessment Service", Organisation.Kind.PUBLIC_INSTITUTION, "nationwide"),
    "incheon": ("Incheon Metropolitan City", Organisation.Kind.LOCAL_GOVERNMENT, "incheon"),
    "chungnam": ("South Chungcheong Province", Organisation.Kind.LOCAL_GOVERNMENT, "chungnam"),
    "smc": ("Seoul Medical Center", Organisation.Kind.PUBLIC_INSTITUTION, "seoul"),
    "yumc": ("Yeungnam University Medical Center", Organisation.Kind.PRIVATE_PARTNER, "daegu"),
    "pharma": ("Korean Pharmaceutical Association", Organisation.Kind.PRIVATE_PARTNER, "nationwide"),
    "koreapost": ("Korea Post", Organisation.Kind.PUBLIC_INSTITUTION, "nationwide"),
    "nonghyup": (
        "NongHyup (National Agricultural Cooperative Federation)",
        Organisation.Kind.PRIVATE_PARTNER,
        "nationwide",
    ),
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
EXPERTS_VERIFIED_ON = "2020-02-03 10:00"

# e-mail local part: (display name, organisation, role). One per role, printed for newcomers.
OFFICIALS = {
    "triager": ("KDCA triage desk", "kdca", Membership.Role.TRIAGER),
    "pilotlead": ("Chilgok Hospital pilot lead", "knuh", Membership.Role.PILOT_LEAD),
    "publisher": ("Headquarters publisher", "cdsch", Membership.Role.PUBLISHER),
    "orgadmin": ("Seoul organisation admin", "seoul", Membership.Role.ORGANISATION_ADMIN),
}
# Officials the stories need besides those: the mask pilot is led by HIRA.
STORY_OFFICIALS = {
    "hira-lead": ("HIRA pilot lead", "hira", Membership.Role.PILOT_LEAD),
    # Officials who record their organisation's adoption of a standard model.
    **{
        f"{slug}-official": (name, slug, Membership.Role.ORGANISATION_ADMIN)
        for slug, name in ADOPTING_OFFICIALS.items()
    },
}
# Approves standard models in Wagtail's moderation workflow (a Wagtail group, not a membership role).
REVIEWER = ("reviewer", "Headquarters reviewer", "Moderators")

# What the services stamp with the current time, and the demo redates to the story's time.
STAMPED = [
    (StatusChange, ["created_at"]),
    (Assignment, ["created_at"]),
    (Comment, ["created_at"]),
    (Follow, ["created_at"]),
    (ExpertReview, ["created_at", "updated_at"]),
    (Notification, ["created_at"]),
    (Proposal, ["updated_at", "first_response_at", "support_threshold_reached_at"]),
    (Pilot, ["created_at", "updated_at"]),
    (Iteration, ["created_at", "updated_at"]),
    (Page, ["first_published_at", "last_published_at", "latest_revision_created_at"]),
    (Revision, ["created_at"]),
    (PageLogEntry, ["timestamp"]),
    (WorkflowState, ["created_at"]),
    (TaskState, ["started_at", "finished_at"]),
    (ModelVersion, ["published_at"]),
    (Adoption, ["created_at", "updated_at"]),
]


def _moment(value):
    """A story time: "YYYY-MM-DD HH:MM" in Korea, or a number of days ago."""
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=KOREA)
    return timezone.now() - timedelta(days=value)


def _day(value):
    """A story date: "YYYY-MM-DD", or a number of days from today."""
    if isinstance(value, str):
        return date.fromisoformat(value)
    return timezone.localdate() + timedelta(days=value)


def _at(day, hour):
    return datetime.combine(day, time(hour), tzinfo=KOREA)


class Command(BaseCommand):
    help = "Load demo organisations, accounts, proposals, decisions and pilots that tell Fieldwork's stories."

    _password_hash = None

    @override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    def handle(self, *args, **options):
        with transaction.atomic():
            orgs = self._organisations()
            people = self._citizens()
            accounts = self._officials(orgs)
            challenges = self._challenges(orgs, accounts)
            created = self._proposals(people, challenges)
            proposals = self._proposals_by_key()
            actors = {**people, **accounts}
            triaged = self._triage(proposals, actors, orgs)
            piloted = self._pilots(proposals, actors, orgs)
            modelled = self._standard_models(actors, orgs)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {created} new proposals, {triaged} triaged by officials, {piloted} new pilots, "
                f"{modelled} new standard models."
            )
        )
        self.stdout.write(f"Every demo account uses the password: {DEMO_PASSWORD}")
        for label, email in [
            ("citizen", f"citizen1@{DOMAIN}"),
            ("field expert (physician)", f"physician@{DOMAIN}"),
            ("field expert (pharmacist)", f"pharmacist@{DOMAIN}"),
            *[(f"official, {role.label} ({org})", f"{key}@{DOMAIN}") for key, (_n, org, role) in OFFICIALS.items()],
            (f"reviewer, Wagtail {REVIEWER[2]}", f"{REVIEWER[0]}@{DOMAIN}"),
            ("staff", f"staff@{DOMAIN}"),
        ]:
            self.stdout.write(f"  {label:<40} {email}")
        self.stdout.write(
            "Officials, the reviewer and staff also give a code from an authenticator app (two-factor "
            "authentication). Add this demo key to an app (or scan it as a QR code):\n"
            f"  {demo_totp_uri()}\n"
            "or print the current code with:  .venv/bin/python manage.py demo_code\n"
            f"Recovery codes (each works once per account): {' '.join(demo_recovery_codes())}"
        )

    # --- Organisations and people ------------------------------------------------

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
            if self._password_hash is None:
                # Hashing is deliberately slow: hash the shared demo password once.
                self._password_hash = make_password(DEMO_PASSWORD)
            user = User.objects.create(
                email=email,
                password=self._password_hash,
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
                    user=user,
                    profession=expertise[0],
                    workplace=expertise[1],
                    verified_at=_moment(EXPERTS_VERIFIED_ON),
                )
        return people

    def _officials(self, orgs):
        accounts = {"staff": self._user("staff", "Platform staff", staff=True)}
        for key, (name, org, role) in {**OFFICIALS, **STORY_OFFICIALS}.items():
            user = accounts[key] = self._user(key, name)
            Membership.objects.get_or_create(user=user, organisation=orgs[org], role=role)
        local, name, group = REVIEWER
        accounts[local] = self._user(local, name)
        accounts[local].groups.add(Group.objects.get(name=group))
        for user in accounts.values():
            _demo_second_factor(user)
        return accounts

    # --- Challenges and proposals ------------------------------------------------

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
        # Each proposal's supporters follow on from the previous proposal's in the pool, so
        # that merging a duplicate into its neighbour adds supporters instead of repeating them.
        start = 0
        for item in PROPOSALS:
            first, start = start, (start + item["supports"]) % len(supporters)
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
                written = now - timedelta(days=item["days_ago"])
                Proposal.objects.filter(pk=proposal.pk).update(created_at=written, updated_at=written)
                continue
            if "submitted_on" in item:
                submitted = _moment(item["submitted_on"])
            else:
                submitted = now - timedelta(days=item["days_ago"], hours=item["supports"] % 11)
            mark = timezone.now()
            services.proposal_submit(proposal=proposal, actor=author)
            self._backdate(proposal, submitted)
            self._redate(mark, submitted)
            for n, (commenter, text) in enumerate(item["comments"], start=1):
                mark = timezone.now()
                services.comment_add(proposal=proposal, author=people[commenter], body=text)
                self._redate(mark, submitted + timedelta(hours=6 * n))
            self._support(proposal, (supporters[first:] + supporters[:first])[: item["supports"]], submitted)
            if item["status"] == "withdrawn":
                mark = timezone.now()
                services.proposal_withdraw(proposal=proposal, actor=author, reason="")
                self._redate(mark, submitted + timedelta(days=3))
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
        Proposal.objects.filter(pk=proposal.pk).update(
            created_at=submitted - timedelta(hours=2),
            submitted_at=submitted,
            updated_at=submitted,
            response_due_at=submitted + timedelta(days=settings.FIELDWORK["RESPONSE_DAYS"]),
        )

    def _support(self, proposal, supporters, submitted):
        Support.objects.bulk_create(
            [
                Support(proposal=proposal, user=user, created_at=submitted + timedelta(minutes=7 * n))
                for n, user in enumerate(supporters)
            ],
            ignore_conflicts=True,
        )
        Proposal.objects.filter(pk=proposal.pk).update(support_count=Support.objects.filter(proposal=proposal).count())
        threshold = settings.FIELDWORK["SUPPORT_THRESHOLD"]
        Proposal.objects.filter(pk=proposal.pk, support_count__gte=threshold).update(
            support_threshold_reached_at=submitted + timedelta(minutes=7 * (threshold - 1))
        )

    def _proposals_by_key(self):
        titles = {item["title"]: item["key"] for item in PROPOSALS}
        return {titles[p.title]: p for p in Proposal.objects.filter(title__in=titles)}

    # --- The officials' side -----------------------------------------------------

    def _triage(self, proposals, actors, orgs):
        """Take each proposal's steps, unless someone already acted on it (a second run, or a
        newcomer trying the dashboard): then it is left as it is."""
        story_dates = {item["key"]: _moment(item["submitted_on"]) for item in PROPOSALS if "submitted_on" in item}
        triaged = 0
        for item in TRIAGE:
            proposal = proposals[item["proposal"]]
            if (
                proposal.status != Proposal.Status.SUBMITTED
                or proposal.first_response_at is not None
                or proposal.assignments.exists()
            ):
                continue
            try:
                with transaction.atomic():
                    if item["proposal"] in story_dates:
                        self._move_submission(proposal, story_dates[item["proposal"]])
                    for step in item["steps"]:
                        proposal.refresh_from_db()
                        self._step(proposal, step, proposals, actors, orgs)
            except (ActionRefused, PermissionDenied) as refusal:
                self.stderr.write(f"Skipped the officials' steps on “{proposal.title}”: {refusal}")
                continue
            triaged += 1
        return triaged

    def _move_submission(self, proposal, submitted):
        """A story proposal loaded by an earlier version of this command, dated relative to
        that day, moves to the day of its story, with its timeline, comments and supports."""
        shift = submitted - proposal.submitted_at
        if abs(shift) < timedelta(minutes=1):
            return
        moved = ["created_at", "submitted_at", "updated_at", "response_due_at", "support_threshold_reached_at"]
        Proposal.objects.filter(pk=proposal.pk).update(**{field: F(field) + shift for field in moved})
        for model in (StatusChange, Comment, Support, Follow):
            model.objects.filter(proposal=proposal).update(created_at=F("created_at") + shift)

    def _step(self, proposal, step, proposals, actors, orgs):
        actor = actors[step["actor"]]
        when = _moment(step["at"]) if "at" in step else proposal.submitted_at + timedelta(hours=step["after"])
        mark = timezone.now()
        if "assign" in step:
            services.proposal_assign(proposal=proposal, actor=actor, organisation=orgs[step["assign"]])
        elif "decide" in step:
            services.proposal_decide(
                proposal=proposal,
                actor=actor,
                decision=step["decide"],
                reason=step.get("reason", ""),
                expected_status=proposal.status,
                merge_into=proposals.get(step.get("merge_into")),
            )
        elif "answer" in step:
            services.proposal_answer(proposal=proposal, actor=actor, answer=step["answer"])
        elif "review" in step:
            services.review_save(proposal=proposal, reviewer=actor, data=step["review"])
        self._redate(mark, when)

    def _redate(self, mark, when):
        """Give what the services stamped "now" since ``mark`` the time it had in the story."""
        when = min(when, mark)  # a relative step must not land in the future
        for model, fields in STAMPED:
            for field in fields:
                model.objects.filter(**{f"{field}__gte": mark}).update(**{field: when})

    # --- Pilots --------------------------------------------------------------------

    def _pilots(self, proposals, actors, orgs):
        created = 0
        for item in PILOTS:
            if Pilot.objects.filter(title=item["title"]).exists():
                continue
            try:
                with transaction.atomic():
                    self._pilot(item, proposals, actors, orgs)
            except (ActionRefused, PermissionDenied) as refusal:
                self.stderr.write(f"Skipped the pilot “{item['title']}”: {refusal}")
                continue
            created += 1
        return created

    def _pilot(self, item, proposals, actors, orgs):
        actor = actors[item["actor"]]
        data = {
            "title": item["title"],
            "hypothesis": item["hypothesis"],
            "lead_organisation": orgs[item["lead"]],
            "partner_organisations": [orgs[slug] for slug in item["partners"]],
            "proposals": [proposals[key] for key in item["proposals"]],
            "sites": "\n".join(item["sites"]),
            "planned_start": _day(item["planned_start"]),
        }
        mark = timezone.now()
        pilot = pilot_services.pilot_create(actor=actor, data=data, metrics=item["metrics"])
        self._redate(mark, _moment(item["created"]))
        if "started_on" not in item:
            return pilot
        started_on = _day(item["started_on"])
        mark = timezone.now()
        pilot = pilot_services.pilot_start(pilot=pilot, actor=actor, started_on=started_on)
        self._redate(mark, _at(started_on, 8))
        metrics = list(pilot.metrics.all())
        for iteration in item.get("iterations", []):
            period_start = _day(iteration["period_start"])
            if "joined" in iteration:
                data["partner_organisations"] += [orgs[slug] for slug in iteration["joined"]["partners"]]
                data["sites"] += "\n" + "\n".join(iteration["joined"]["sites"])
                mark = timezone.now()
                pilot_services.pilot_update(pilot=pilot, actor=actor, data=data, metrics=[])
                self._redate(mark, _at(period_start, 8))
            mark = timezone.now()
            pilot_services.pilot_record_iteration(
                pilot=pilot,
                actor=actor,
                data={
                    "period_start": period_start,
                    "period_end": _day(iteration["period_end"]),
                    **{key: iteration[key] for key in ("changes", "observations", "problems", "decision")},
                },
                measurements={
                    metric.pk: Decimal(str(value))
                    for metric, value in zip(metrics, iteration["measurements"], strict=True)
                },
            )
            self._redate(mark, _moment(iteration["recorded"]))
        if "conclusion" in item:
            self._conclude(pilot, item, actor)
        return pilot

    def _conclude(self, pilot, item, actor):
        conclusion = item["conclusion"]
        concluded_on = _day(conclusion["on"])
        mark = timezone.now()
        pilot = pilot_services.pilot_conclude(
            pilot=pilot,
            actor=actor,
            outcome=conclusion["outcome"],
            summary=conclusion["summary"],
            concluded_on=concluded_on,
        )
        self._redate(mark, _at(concluded_on, 17))
        return pilot

    # --- Standard models ---------------------------------------------------------------

    def _standard_models(self, actors, orgs):
        created = 0
        for item in MODELS:
            pilot = Pilot.objects.filter(title=item["pilot"]).first()
            if pilot is None or StandardModelPage.objects.filter(pilot=pilot).exists():
                continue
            try:
                with transaction.atomic():
                    self._standard_model(item, pilot, actors, orgs)
            except (ActionRefused, PermissionDenied) as refusal:
                self.stderr.write(f"Skipped the standard model “{item['title']}”: {refusal}")
                continue
            created += 1
        return created

    def _standard_model(self, item, pilot, actors, orgs):
        publisher, reviewer = actors["publisher"], actors[REVIEWER[0]]
        if pilot.status == Pilot.Status.RUNNING:
            # Loaded by an earlier version of this command, before the pilot concluded.
            story = next(p for p in PILOTS if p["title"] == pilot.title)
            pilot = self._conclude(pilot, story, actors[story["actor"]])
        mark = timezone.now()
        page = playbook_services.model_draft_from_pilot(pilot=pilot, actor=publisher)
        self._redate(mark, _moment(item["drafted"]))
        # The story, in order: versions published, adoptions recorded and updated, feedback answered.
        events = [(_moment(version["published"]), "publish", version) for version in item["versions"]]
        published = {n: when for n, (when, _kind, _data) in enumerate(events, start=1)}
        for adoption in item["adoptions"]:
            events.append((_moment(adoption["recorded"]), "adopt", adoption))
            if "update" in adoption:
                events.append((_moment(adoption["update"]["on"]), "update", adoption))
            if "addressed_in" in adoption:
                events.append((published[adoption["addressed_in"]] + timedelta(hours=1), "address", adoption))
        for when, kind, data in sorted(events, key=lambda event: event[0]):
            mark = timezone.now()
            if kind == "publish":
                page = self._publish(page, item, data, publisher, reviewer)
            else:
                self._adoption(page, kind, data, actors, orgs, publisher)
            self._redate(mark, when)

    def _publish(self, page, item, version, publisher, reviewer):
        page = StandardModelPage.objects.get(pk=page.pk)
        page.title, page.slug = item["title"], item["slug"]
        for field in ("summary", "when_to_use", "procedure", "requirements", "limitations", "change_note"):
            setattr(page, field, version[field])
        revision = page.save_revision(user=publisher, log_action=True)
        workflow = page.get_workflow()
        if workflow is None:
            revision.publish(user=reviewer)
        else:
            # Through the moderation workflow, as in the admin: the publisher submits, the reviewer approves.
            workflow.start(page, publisher).current_task_state.approve(user=reviewer)
        return StandardModelPage.objects.get(pk=page.pk)

    def _adoption(self, page, kind, data, actors, orgs, publisher):
        organisation = orgs[data["organisation"]]
        if kind == "address":
            adoption = Adoption.objects.get(page=page, organisation=organisation)
            version = page.versions.get(number=data["addressed_in"])
            playbook_services.feedback_mark_addressed(adoption=adoption, version=version, actor=publisher)
            return
        fields = {key: data[key] for key in ("status", "started_on", "local_adaptations", "feedback")}
        if kind == "update":
            fields.update(status=data["update"]["status"], local_adaptations=data["update"]["local_adaptations"])
        fields["started_on"] = _day(fields["started_on"])
        official = Membership.objects.filter(organisation=organisation).order_by("pk").first().user
        playbook_services.adoption_record(page=page, actor=official, organisation=organisation, data=fields)


def _demo_second_factor(user):
    """The demo's authenticator app and recovery codes, as allauth sets them up."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    Authenticator.objects.get_or_create(
        user=user,
        type=Authenticator.Type.RECOVERY_CODES,
        defaults={"data": {"seed": encrypt(DEMO_RECOVERY_SEED), "used_mask": 0}},
    )


def demo_totp_uri():
    return f"otpauth://totp/Fieldwork%20demo?secret={DEMO_TOTP_SECRET}&issuer=Fieldwork%20demo"


def demo_recovery_codes():
    return RecoveryCodes(Authenticator(data={"seed": encrypt(DEMO_RECOVERY_SEED), "used_mask": 0})).generate_codes()
