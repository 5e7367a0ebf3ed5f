"""Data at national volume for benchmarks: ``manage.py generate_volume_data`` (docs/performance.md).

Everything is computed in memory first (statuses, timelines, supports, comments and the counters
that must agree with them), then written in bulk: COPY on PostgreSQL, ``executemany`` on SQLite,
``bulk_create`` for the smaller tables. Proposal texts are real citizen petitions read at run
time from ``../shared/data/`` (never copied into the project), recombined so that 100,000
proposals are not the same 15,580 texts over and over.
"""

import csv
import functools
import gzip
import logging
import os
import random
import resource
import time
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend
from wagtail.signal_handlers import disable_reference_index_auto_update

from ideas.accounts.models import ExpertProfile, Membership, Organisation, User
from ideas.pilots.models import Iteration, Measurement, Metric, Pilot
from ideas.playbooks.models import Adoption, ModelVersion, StandardModelPage
from ideas.playbooks.services import model_index
from ideas.proposals.models import Category, Comment, Follow, Proposal, Region, StatusChange, Support
from ideas.search.api import rebuild_index

Status = Proposal.Status

# Counts at --scale 1.0: a national platform after about three years.
FULL_SCALE = {
    "users": 60_000,
    "organisations": 400,
    "proposals": 100_000,
    "supports": 1_000_000,
    "comments": 300_000,
    "pilots": 2_000,
    "iterations": 10_000,
    "models": 300,
    "adoptions": 3_000,
}
DEFAULT_DATA_DIR = Path(settings.BASE_DIR).parent / "shared" / "data"
EMAIL_DOMAIN = "volume.fieldwork.example"
PASSWORD = "volume-data-password"  # noqa: S105 - benchmark accounts only, printed by the command
YEARS = 3
KOREAN_SHARE = 0.75  # the platform is Korean; English petitions are the minority

# Final status of a proposal: mostly submitted or closed, some under review or accepted.
STATUS_WEIGHTS = {
    Status.DRAFT: 2,
    Status.SUBMITTED: 38,
    Status.UNDER_REVIEW: 8,
    Status.NEEDS_INFO: 3,
    Status.ACCEPTED: 6,
    Status.MERGED: 3,
    Status.DECLINED: 35,
    Status.WITHDRAWN: 5,
}
# The paths through Proposal.TRANSITIONS that end in each status (after draft → submitted).
PATHS = {
    Status.DRAFT: [[]],
    Status.SUBMITTED: [[], [], [], [], [Status.NEEDS_INFO, Status.SUBMITTED]],
    Status.UNDER_REVIEW: [[Status.UNDER_REVIEW]],
    Status.NEEDS_INFO: [[Status.NEEDS_INFO], [Status.UNDER_REVIEW, Status.NEEDS_INFO]],
    Status.ACCEPTED: [[Status.ACCEPTED], [Status.UNDER_REVIEW, Status.ACCEPTED]],
    Status.MERGED: [[Status.MERGED], [Status.UNDER_REVIEW, Status.MERGED]],
    Status.DECLINED: [[Status.DECLINED], [Status.UNDER_REVIEW, Status.DECLINED], [Status.NEEDS_INFO, Status.DECLINED]],
    Status.WITHDRAWN: [[Status.WITHDRAWN], [Status.NEEDS_INFO, Status.WITHDRAWN]],
}
REASONS = {
    "ko": {
        Status.DECLINED: [
            "현행 제도로 이미 운영 중인 내용이라 별도 추진하지 않습니다.",
            "예산과 인력 여건상 당장 추진하기 어렵습니다. 다음 연도 계획에서 다시 검토하겠습니다.",
            "법령 개정이 필요한 사항으로 소관 부처에 전달했습니다.",
        ],
        Status.MERGED: ["같은 내용의 제안이 이미 있어 그 제안으로 합쳐 검토합니다."],
        Status.NEEDS_INFO: [
            "어느 지역, 어떤 시설에서 겪은 문제인지 알려 주세요.",
            "제안하신 방식이 현장에서 얼마나 걸리는지 구체적으로 알려 주세요.",
        ],
        "answer": ["○○구 보건소 선별진료소에서 매일 겪는 문제입니다.", "하루 평균 40분 이상 대기합니다."],
    },
    "en": {
        Status.DECLINED: [
            "This is already covered by an existing programme.",
            "We cannot fund this now; it will be reconsidered in next year's plan.",
            "This needs a change in the law and was passed on to the responsible ministry.",
        ],
        Status.MERGED: ["The same idea was proposed earlier; we consider both together there."],
        Status.NEEDS_INFO: [
            "Which site or service did you see this in?",
            "How long does the current process take, in minutes per person?",
        ],
        "answer": ["At the testing site of our district health centre.", "About forty minutes per person."],
    },
}
BENEFITS = {
    "ko": [
        "대기 시간과 감염 위험이 줄고, 같은 인력으로 더 많은 시민을 도울 수 있습니다.",
        "정보를 한곳에서 확인할 수 있어 문의 전화가 줄어듭니다.",
        "필요한 사람에게 물품이 먼저 돌아갑니다.",
    ],
    "en": [
        "Shorter waits and less exposure; the same staff can serve more people.",
        "People find the information in one place, so fewer calls reach the hotline.",
        "Supplies reach the people who need them first.",
    ],
}
AFFECTED = {
    "ko": ["증상이 있는 시민과 현장 의료진", "노인과 장애인", "학부모와 학생", "자영업자", "지역 주민 전체"],
    "en": ["People with symptoms and the staff who test them", "Older and disabled people", "Parents and pupils"],
}
EXPERTISE = {
    "ko": ["응급실에서 10년째 일하고 있습니다.", "동네 약국을 운영하는 약사입니다.", "보건소 간호사입니다."],
    "en": ["I am an emergency physician.", "I run a community pharmacy.", "I am a public-health nurse."],
}
TITLE_SUFFIXES = {
    "ko": [" ({region})", " - 다시 요청합니다", " ({n}차 청원)", " ({region} 지역)", " 간곡히 부탁드립니다"],
    "en": [" ({region})", " - again", " (petition {n})", " in {region}", " now"],
}
# Pilots: what is tried (English, Korean), its metrics (name, unit, baseline, target, direction).
PILOT_KINDS = [
    (
        "Drive-through screening clinic",
        "자동차 이동형 선별진료소",
        [("minutes per sample", "minutes", 30, 10, "lower")],
    ),
    ("Walk-through screening booths", "도보 이동형 선별진료소", [("samples per hour", "samples", 6, 20, "higher")]),
    ("Duplicate mask purchase check", "공적마스크 중복구매 확인", [("duplicate purchases", "%", 12, 1, "lower")]),
    ("Text alerts for nearby cases", "확진자 동선 문자 알림", [("hours to alert", "hours", 24, 2, "lower")]),
    ("Phone booking for vaccination", "전화 백신 예약", [("older people booked", "%", 40, 80, "higher")]),
    ("Home treatment monitoring", "재택치료 모니터링", [("calls answered in 5 min", "%", 50, 90, "higher")]),
    (
        "Mobile testing for care homes",
        "요양시설 찾아가는 검사",
        [("days to test all residents", "days", 7, 2, "lower")],
    ),
    ("Shared hospital bed board", "병상 배정 공동 현황판", [("hours to a bed", "hours", 18, 4, "lower")]),
]
SHARED_METRIC = ("people served per day", "people", 100, 400, "higher")
SITES = ["car park", "stadium", "health centre", "community hall", "pharmacy", "school gym", "station square"]
ADAPTATIONS = [
    "Two lanes instead of four: our car park is smaller.",
    "주말에도 운영하고 안내 인력을 한 명 더 두었습니다.",
    "We added a walk-in lane for people without cars.",
    "",
]
FEEDBACK = ["", "", "Say how to handle medical waste on site.", "비 오는 날 운영 방법을 추가해 주세요.", ""]
# Organisations the volume creates besides one local government per region and numbered districts.
CENTRAL_AGENCIES = [
    "Ministry of Health and Welfare",
    "Korea Disease Control and Prevention Agency",
    "Ministry of the Interior and Safety",
    "Ministry of Education",
    "Ministry of Food and Drug Safety",
    "Ministry of Science and ICT",
    "Ministry of Employment and Labor",
    "Ministry of Land, Infrastructure and Transport",
    "Ministry of Economy and Finance",
    "Central Disaster and Safety Countermeasure Headquarters",
    "Ministry of Foreign Affairs",
    "Ministry of Justice",
]
PUBLIC_INSTITUTIONS = [
    "National Health Insurance Service",
    "Health Insurance Review and Assessment Service",
    "Korea Post",
    "National Medical Center",
    "Korea Centers for Emergency Medical Services",
    "Korea Consumer Agency",
]
HOSPITAL_KINDS = ["Medical Center", "University Hospital", "General Hospital", "Community Hospital"]
KOREAN_SURNAMES = "김이박최정강조윤장임한오서신권황안송류전"
KOREAN_GIVEN = "민서준지현우수영하은도윤성진예원태희"
ENGLISH_FIRST = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Jamie", "Robin", "Chris", "Pat"]
ENGLISH_LAST = ["Kim", "Lee", "Park", "Smith", "Jones", "Brown", "Garcia", "Miller", "Davis", "Wilson"]


@dataclass
class VolumeConfig:
    counts: dict
    seed: int = 1
    data_dir: Path = DEFAULT_DATA_DIR


@dataclass
class Plan:
    """One proposal, computed before anything is written."""

    pk: int
    lang: str
    author: int  # user id
    status: str
    created: float  # timestamps are seconds since the epoch, UTC
    submitted: float | None = None
    timeline: list = field(default_factory=list)  # (from, to, actor id, organisation id, reason, time)
    first_response: float | None = None
    organisation: int | None = None
    support_end: float | None = None  # supports are taken until then (None: no supports at all)
    decided: float | None = None  # accepted at
    merged_into: int | None = None
    supports: int = 0
    threshold_at: float | None = None
    comments: int = 0
    updated: float = 0.0


class Writer:
    """Rows in bulk: COPY on PostgreSQL, executemany on SQLite. Rows are tuples in ``fields`` order."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"

    def when(self, seconds):
        """A database value for a timestamp (seconds since the epoch, UTC)."""
        if seconds is None:
            return None
        moment = datetime.fromtimestamp(seconds, UTC)
        # Django stores naive UTC text on SQLite; adapting here spares 1.5 million per-value calls.
        return moment if self.postgres else moment.replace(tzinfo=None).isoformat(" ")

    def insert(self, model, fields, rows):
        """Write ``rows``; columns not in ``fields`` (but the primary key) get their default."""
        names = set(fields)
        rest = [f for f in model._meta.concrete_fields if f.attname not in names and not f.primary_key]
        if rest:
            defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
            fields = [*fields, *(f.attname for f in rest)]
            rows = (row + defaults for row in rows)
        columns = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        count = 0
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
            else:
                sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
                batch = []
                for row in rows:
                    batch.append(row)
                    if len(batch) >= 10_000:
                        cursor.executemany(sql, batch)
                        count += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    count += len(batch)
        return count


def scaled_counts(scale, **overrides):
    counts = {name: max(1, round(value * scale)) for name, value in FULL_SCALE.items()}
    counts["organisations"] = max(counts["organisations"], 12)
    counts.update({name: value for name, value in overrides.items() if value is not None})
    return counts


class VolumeGenerator:
    def __init__(self, config: VolumeConfig, log=print):
        self.config = config
        self.counts = dict(config.counts)
        self.log = log
        self.rng = random.Random(config.seed)
        self.writer = Writer()
        self.now = time.time()
        self.start = self.now - YEARS * 365 * 86400
        self.timings = []  # Timing per step

    # --- Orchestration ----------------------------------------------------------------------

    def run(self):
        self._pragmas(bulk=True)
        try:
            with transaction.atomic():
                self._step("read texts", self.read_texts)
                self._step("users", self.make_users)
                self._step("organisations", self.make_organisations)
                self._step("plan proposals", self.plan_proposals)
                self._step("plan supports", self.plan_supports)
                self._step("plan comments", self.plan_comments)
                self._step("write proposals", self.write_proposals)
                self._step("write timeline", self.write_timeline)
                self._step("write supports", self.write_supports)
                self._step("write comments", self.write_comments)
                self._step("pilots", self.make_pilots)
                self._step("standard models", self.make_models)
                self._step("adoptions", self.make_adoptions)
                # Measured from inside: the commit checks the deferred foreign keys of every row.
                commit = self._start("commit")
            self._finish(commit, None)
        finally:
            self._pragmas(bulk=False)
        self._step("search index", self.index_proposals)
        self._step("wagtail search index", self.index_wagtail)
        self._step("analyze", self.analyze)
        return self.timings

    def _step(self, name, function):
        started = self._start(name)
        self._finish(started, function())

    def _start(self, name):
        self.log(f"{name} …")
        return name, time.monotonic(), _cpu_seconds()

    def _finish(self, started, rows):
        name, wall, cpu = started
        own, database = (after - before for after, before in zip(_cpu_seconds(), cpu, strict=True))
        step = Timing(name, rows, time.monotonic() - wall, own, database)
        self.timings.append(step)
        self.log(f"{name}: {rows if rows is not None else '-'} rows in {step.seconds:.1f} s (CPU {own:.1f} s)")

    def _pragmas(self, *, bulk):
        if connection.vendor != "sqlite" or connection.in_atomic_block:
            return  # SQLite refuses to change the safety level inside a transaction (as in tests)
        with connection.cursor() as cursor:
            # A benchmark database can be made again: trade durability for speed while loading.
            cursor.execute(f"PRAGMA synchronous={'OFF' if bulk else 'NORMAL'}")
            cursor.execute(f"PRAGMA cache_size={-512_000 if bulk else -2000}")
            cursor.execute(f"PRAGMA temp_store={'MEMORY' if bulk else 'DEFAULT'}")

    # --- Texts ------------------------------------------------------------------------------

    def read_texts(self):
        ko, en = self.config.data_dir / "proposals_ko.csv.gz", self.config.data_dir / "proposals_en.csv.gz"
        if ko.exists() and en.exists():
            self.texts = {"ko": _read_petitions(ko), "en": _read_petitions(en)}
            self.real_texts = True
        else:
            self.log(f"No petitions in {self.config.data_dir}: falling back to generated text.")
            self.texts = {lang: [_generated_text(self.rng, lang) for _ in range(2000)] for lang in ("ko", "en")}
            self.real_texts = False
        self.snippets = {lang: [text[2] for text in texts] for lang, texts in self.texts.items()}
        return sum(len(texts) for texts in self.texts.values())

    def _proposal_text(self, lang, n, region):
        """The n-th proposal text of a language: the petitions as they are first, then recombined
        (another petition's solution, a second problem paragraph, a title suffix)."""
        texts = self.texts[lang]
        title, problem, solution = texts[n % len(texts)]
        if n >= len(texts):
            # A different partner in every round (the stride is prime), so no two variants are equal.
            other = texts[(n + n // len(texts) * 7919) % len(texts)]
            suffix = self.rng.choice(TITLE_SUFFIXES[lang]).format(region=region, n=n // len(texts) + 1)
            title = title[: 150 - len(suffix)] + suffix
            problem = f"{problem}\n\n{_cut(other[1], 600)}"
            solution = other[2]
        return title[:150], problem[:10_000], solution[:10_000]

    # --- People and organisations -----------------------------------------------------------

    def make_users(self):
        rng, count = self.rng, self.counts["users"]
        self.tag = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.password = password = make_password(PASSWORD)
        first_pk = self.tag
        self.user_ids = list(range(first_pk, first_pk + count))
        when = self.writer.when
        users, emails = [], []
        for n, pk in enumerate(self.user_ids):
            korean = rng.random() < KOREAN_SHARE
            email = f"v{self.tag}-{n}@{EMAIL_DOMAIN}"
            joined = when(self.start - rng.uniform(0, 365 * 86400))
            users.append(
                (pk, email, password, _person_name(rng, korean), rng.random() < 0.4, "ko" if korean else "en", joined)
            )
            emails.append((pk, email, True, True))
        fields = ["id", "email", "password", "display_name", "show_name_publicly", "language", "date_joined"]
        self.writer.insert(User, fields, users)
        self.writer.insert(EmailAddress, ["user_id", "email", "verified", "primary"], emails)
        self._reset_sequences(User)
        experts = rng.sample(range(count), max(1, count // 50))
        ExpertProfile.objects.bulk_create(
            ExpertProfile(
                user_id=self.user_ids[n],
                profession=rng.choice(["Emergency physician", "Pharmacist", "Nurse", "Epidemiologist"]),
                workplace=rng.choice(["University hospital", "Community pharmacy", "Public health centre"]),
                verified_at=datetime.fromtimestamp(self.start, UTC),
            )
            for n in experts
        )
        self.experts = set(experts)
        # Authors: a few prolific ones, experts three times as likely.
        self.author_weights = [(3.0 if n in self.experts else 1.0) / (1 + n % 997) ** 0.5 for n in range(count)]
        return count * 2 + len(experts)

    def make_organisations(self):
        rng = self.rng
        regions = list(Region.objects.order_by("position"))
        self.regions = regions
        wanted = max(self.counts["organisations"], self.counts["adoptions"] // max(1, self.counts["models"]) + 2)
        names = [(name, Organisation.Kind.CENTRAL_AGENCY, None) for name in CENTRAL_AGENCIES]
        names += [(name, Organisation.Kind.PUBLIC_INSTITUTION, None) for name in PUBLIC_INSTITUTIONS]
        local = [r for r in regions if r.slug != "nationwide"]
        names += [(f"{r.name_en} Government", Organisation.Kind.LOCAL_GOVERNMENT, r) for r in local]
        n = 0
        while len(names) < wanted:
            region = local[n % len(local)]
            if n % 3 == 2:
                kind = HOSPITAL_KINDS[(n // len(local)) % len(HOSPITAL_KINDS)]
                names.append(
                    (f"{region.name_en} {kind} {n // len(local) + 1}", Organisation.Kind.PRIVATE_PARTNER, region)
                )
            else:
                names.append(
                    (
                        f"{region.name_en} District {n // len(local) + 1} Office",
                        Organisation.Kind.LOCAL_GOVERNMENT,
                        region,
                    )
                )
            n += 1
        rng.shuffle(names)
        names = names[:wanted]
        existing = {org.name: org for org in Organisation.objects.filter(name__in=[name for name, _k, _r in names])}
        Organisation.objects.bulk_create(
            Organisation(name=name, slug=slugify(name)[:80], kind=kind, region=region)
            for name, kind, region in names
            if name not in existing
        )
        self.organisations = list(
            Organisation.objects.filter(name__in=[name for name, _k, _r in names]).select_related("region")
        )
        rng.shuffle(self.organisations)
        # Four officials per organisation, one per role.
        password = self.password
        officials = User.objects.bulk_create(
            User(
                email=f"v{self.tag}-official-{org.pk}-{role}@{EMAIL_DOMAIN}",
                password=password,
                display_name=f"{org.name} {role}",
                show_name_publicly=True,
                language="ko",
            )
            for org in self.organisations
            for role in Membership.Role.values
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True) for user in officials
        )
        # Officials act only with two-factor authentication set up: an authenticator app each.
        Authenticator.objects.bulk_create(
            Authenticator(user_id=user.pk, type=Authenticator.Type.TOTP, data={"secret": generate_totp_secret()})
            for user in officials
        )
        memberships = []
        self.officials = {}  # (organisation id, role) -> user id
        roles = iter(officials)
        for org in self.organisations:
            for role in Membership.Role.values:
                user = next(roles)
                memberships.append(Membership(user_id=user.pk, organisation_id=org.pk, role=role))
                self.officials[org.pk, role] = user.pk
        Membership.objects.bulk_create(memberships)
        # What the Membership signal does one by one: publishers are Wagtail editors.
        editors = Group.objects.filter(name="Editors").first()
        if editors is not None:
            User.groups.through.objects.bulk_create(
                User.groups.through(user_id=m.user_id, group_id=editors.pk)
                for m in memberships
                if m.role == Membership.Role.PUBLISHER
            )
        return len(self.organisations) + len(officials) * 3 + len(memberships)

    # --- Proposals --------------------------------------------------------------------------

    def plan_proposals(self):
        rng, count = self.rng, self.counts["proposals"]
        first_pk = (Proposal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.categories = list(Category.objects.values_list("pk", flat=True))
        category_weights = [3 if n < len(self.categories) - 1 else 6 for n in range(len(self.categories))]
        region_weights = [8 if r.slug in ("nationwide", "seoul", "gyeonggi") else 2 for r in self.regions]
        statuses, status_weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
        triagers = [(org.pk, self.officials[org.pk, Membership.Role.TRIAGER]) for org in self.organisations]
        text_counters = {"ko": 0, "en": 0}
        authors = rng.choices(range(len(self.user_ids)), weights=self.author_weights, k=count)
        self.plans, self.rows = [], []
        span = self.now - self.start
        for n in range(count):
            lang = "ko" if rng.random() < KOREAN_SHARE else "en"
            author_index = authors[n]
            # More proposals lately (a platform grows), never in the last hour.
            created = self.start + span * rng.random() ** 0.8 - 3600
            status = rng.choices(statuses, weights=status_weights)[0]
            plan = Plan(pk=first_pk + n, lang=lang, author=self.user_ids[author_index], status=status, created=created)
            if status != Status.DRAFT:
                self._plan_timeline(plan, rng.choice(PATHS[status]), triagers)
            plan.updated = plan.timeline[-1][5] if plan.timeline else created
            self.plans.append(plan)
            region = rng.choices(self.regions, weights=region_weights)[0]
            title, problem, solution = self._proposal_text(
                lang, text_counters[lang], region.name_ko if lang == "ko" else region.name_en
            )
            text_counters[lang] += 1
            self.rows.append(
                {
                    "title": title,
                    "problem": problem,
                    "solution": solution,
                    "expected_benefit": rng.choice(BENEFITS[lang]),
                    "affected_people": rng.choice(AFFECTED[lang]),
                    "expertise_statement": rng.choice(EXPERTISE[lang]) if author_index in self.experts else "",
                    "category_id": rng.choices(self.categories, weights=category_weights)[0],
                    "region_id": region.pk,
                    "language": lang,
                }
            )
        # Merged proposals point to an earlier proposal that still stands.
        standing = [p.pk for p in self.plans if p.status in Proposal.SUPPORTABLE_STATES]
        for plan in self.plans:
            if plan.status == Status.MERGED and standing:
                earlier = bisect_left(standing, plan.pk)
                plan.merged_into = standing[rng.randrange(earlier)] if earlier else rng.choice(standing)
        return count

    def _plan_timeline(self, plan, path, triagers):
        """draw the timeline: submitted, then each step of ``path`` a few days after the last."""
        rng = self.rng
        plan.submitted = min(plan.created + rng.uniform(60, 2 * 86400), self.now - 60)
        plan.timeline.append((Status.DRAFT, Status.SUBMITTED, plan.author, None, "", plan.submitted))
        moment, previous = plan.submitted, Status.SUBMITTED
        organisation, official = rng.choice(triagers)
        remaining = self.now - plan.submitted
        for step in path:
            # Decisions come days apart, squeezed so that the whole path has happened by now.
            moment += min(rng.expovariate(1 / (8 * 86400)), remaining / (len(path) + 1))
            if step == Status.WITHDRAWN or (step == Status.SUBMITTED and previous == Status.NEEDS_INFO):
                reason = rng.choice(REASONS[plan.lang]["answer"]) if step == Status.SUBMITTED else ""
                plan.timeline.append((previous, step, plan.author, None, reason, moment))
            else:
                reason = rng.choice(REASONS[plan.lang][step]) if step in Proposal.REASON_REQUIRED else ""
                plan.timeline.append((previous, step, official, organisation, reason, moment))
                if plan.first_response is None:
                    plan.first_response, plan.organisation = moment, organisation
            previous = step
        if plan.status in (Status.DECLINED, Status.WITHDRAWN):
            plan.support_end = moment
        elif plan.status != Status.MERGED:
            plan.support_end = self.now
        if plan.status == Status.ACCEPTED:
            plan.decided = moment

    def plan_supports(self):
        """Supports with a heavy tail (a few proposals with tens of thousands), one per account,
        never the author's own; the threshold time is the moment of the threshold-th support."""
        rng = self.rng
        eligible = [plan for plan in self.plans if plan.support_end is not None]
        cap = max(0, len(self.user_ids) * 4 // 5)
        total = min(self.counts["supports"], cap * len(eligible))
        if total < self.counts["supports"]:
            self.log(f"Only {total} supports fit {len(eligible)} proposals and {len(self.user_ids)} accounts.")
        weights = [rng.paretovariate(1.1) - 1 for _ in eligible]
        scale = total / (sum(weights) or 1)
        for plan, weight in zip(eligible, weights, strict=True):
            plan.supports = min(cap, int(weight * scale))
        missing = total - sum(plan.supports for plan in eligible)
        while missing > 0:
            for plan in rng.choices(eligible, weights=[w + 0.1 for w in weights], k=missing):
                if missing and plan.supports < cap:
                    plan.supports += 1
                    missing -= 1
        threshold = settings.FIELDWORK["SUPPORT_THRESHOLD"]
        when = self.writer.when
        self.supports = []
        population = range(len(self.user_ids))
        for plan in eligible:
            if not plan.supports:
                continue
            chosen = rng.sample(population, plan.supports + 1)
            users = [self.user_ids[n] for n in chosen]
            if plan.author in users:
                users.remove(plan.author)
            else:
                users.pop()
            # Most supports come soon after submission.
            length = plan.support_end - plan.submitted
            moments = sorted(plan.submitted + length * rng.random() ** 3 for _ in users)
            if plan.supports >= threshold:
                plan.threshold_at = moments[threshold - 1]
            self.supports.extend((plan.pk, user, when(moment)) for user, moment in zip(users, moments, strict=True))
        return len(self.supports)

    def plan_comments(self):
        """Comments where the supports are, a quarter of them replies (one level) to an earlier one."""
        rng = self.rng
        eligible = [plan for plan in self.plans if plan.status not in (Status.DRAFT, Status.WITHDRAWN, Status.MERGED)]
        self.comments = []
        if not eligible:
            return 0
        next_pk = (Comment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        targets = rng.choices(eligible, weights=[(1 + p.supports) ** 0.6 for p in eligible], k=self.counts["comments"])
        for plan in targets:
            plan.comments += 1
        when = self.writer.when
        for plan in eligible:
            if not plan.comments:
                continue
            moments = sorted(rng.uniform(plan.submitted, self.now) for _ in range(plan.comments))
            top_level = []
            for moment in moments:
                parent = rng.choice(top_level) if top_level and rng.random() < 0.25 else None
                snippets = self.snippets[plan.lang]
                body = _cut(rng.choice(snippets), int(rng.lognormvariate(4.8, 0.8)) + 10)
                author = self.user_ids[rng.randrange(len(self.user_ids))]
                self.comments.append((next_pk, plan.pk, parent, author, body, when(moment)))
                if parent is None:
                    top_level.append(next_pk)
                next_pk += 1
            plan.updated = max(plan.updated, moments[-1])
        return len(self.comments)

    def write_proposals(self):
        when = self.writer.when
        fields = [
            "id",
            "author_id",
            "status",
            "support_count",
            "comment_count",
            "support_threshold_reached_at",
            "created_at",
            "updated_at",
            "submitted_at",
            "response_due_at",
            "assigned_organisation_id",
            "first_response_at",
            "merged_into_id",
            *self.rows[0].keys(),
        ]
        due = settings.FIELDWORK["RESPONSE_DAYS"] * 86400

        def rows():
            for plan, row in zip(self.plans, self.rows, strict=True):
                yield (
                    plan.pk,
                    plan.author,
                    plan.status,
                    plan.supports,
                    plan.comments,
                    when(plan.threshold_at),
                    when(plan.created),
                    when(plan.updated),
                    when(plan.submitted),
                    when(plan.submitted + due) if plan.submitted else None,
                    plan.organisation,
                    when(plan.first_response),
                    plan.merged_into,
                    *row.values(),
                )

        # Foreign keys are checked at commit, so merged proposals may point to rows written later.
        count = self.writer.insert(Proposal, fields, rows())
        # Authors follow what they submit.
        follows = ((plan.pk, plan.author, when(plan.submitted)) for plan in self.plans if plan.submitted)
        count += self.writer.insert(Follow, ["proposal_id", "user_id", "created_at"], follows)
        self._reset_sequences(Proposal)
        return count

    def write_timeline(self):
        when = self.writer.when
        rows = (
            (plan.pk, old, new, actor, organisation, reason, when(moment))
            for plan in self.plans
            for old, new, actor, organisation, reason, moment in plan.timeline
        )
        fields = [
            "proposal_id",
            "from_status",
            "to_status",
            "actor_id",
            "actor_organisation_id",
            "reason",
            "created_at",
        ]
        return self.writer.insert(StatusChange, fields, rows)

    def write_supports(self):
        rows = (support + (EMAIL_DOMAIN,) for support in self.supports)  # every account's domain
        count = self.writer.insert(Support, ["proposal_id", "user_id", "created_at", "email_domain"], rows)
        self.supports = None
        return count

    def write_comments(self):
        fields = ["id", "proposal_id", "parent_id", "author_id", "body", "created_at"]
        count = self.writer.insert(Comment, fields, self.comments)
        self.comments = None
        self._reset_sequences(Comment)
        return count

    def _reset_sequences(self, *models):
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)

    # --- Pilots, standard models, adoptions -------------------------------------------------

    def make_pilots(self):
        rng = self.rng
        accepted = sorted((plan for plan in self.plans if plan.decided), key=lambda plan: plan.decided)
        count = self.counts["pilots"]
        if not accepted:
            self.log("No accepted proposal: no pilots.")
            self.pilots = []
            return 0
        today = date.fromtimestamp(self.now)
        leads = [
            org for org in self.organisations if org.kind != Organisation.Kind.CENTRAL_AGENCY
        ] or self.organisations
        pilots, sources = [], []
        for n in range(count):
            # Pilots follow acceptances in time; the oldest run longest.
            plan = accepted[min(len(accepted) - 1, n * len(accepted) // count)]
            lead = rng.choice(leads)
            english, korean, metrics = PILOT_KINDS[n % len(PILOT_KINDS)]
            region = lead.region.name_ko if lead.region_id else "전국"
            title = (
                f"{region} {korean} 시범사업 {n + 1}" if plan.lang == "ko" else f"{english} at {lead.name} ({n + 1})"
            )
            created = min(plan.decided + rng.uniform(86400, 20 * 86400), self.now - 3600)
            planned_start = date.fromtimestamp(created) + timedelta(days=rng.randint(3, 30))
            pilots.append(
                Pilot(
                    title=title[:150],
                    hypothesis=f"If we run a {english.lower()}, {metrics[0][0]} will move from {metrics[0][2]} "
                    f"to {metrics[0][3]} {metrics[0][1]}.",
                    lead_organisation=lead,
                    sites="\n".join(f"{lead.name} {site}" for site in rng.sample(SITES, rng.randint(1, 3))),
                    planned_start=planned_start,
                    created_by_id=self.officials[lead.pk, Membership.Role.PILOT_LEAD],
                    created_at=datetime.fromtimestamp(created, UTC),
                    updated_at=datetime.fromtimestamp(created, UTC),
                )
            )
            pks = {plan.pk}
            if rng.random() < 0.3:  # some pilots test several proposals together
                pks.add(accepted[rng.randrange(len(accepted))].pk)
            sources.append(pks)
        # Oldest first: the standardised models and the stopped pilots, then running, then planned.
        order = sorted(range(count), key=lambda n: pilots[n].planned_start)
        playable = [n for n in order if (today - pilots[n].planned_start).days >= 14]
        standardised = set(playable[: self.counts["models"]])
        stopped = set(playable[len(standardised) : len(standardised) + count // 7])
        running = set(playable[len(standardised) + len(stopped) : int(len(playable) * 0.95)])
        if len(standardised) < self.counts["models"]:
            self.log(f"Only {len(standardised)} pilots are old enough to be standardised.")
        active = [n for n in order if n in standardised or n in stopped or n in running]
        iterations = {n: 2 if n not in running else 1 for n in active}
        extra = max(0, self.counts["iterations"] - sum(iterations.values()))
        for n in rng.choices(active, k=extra) if active else []:
            iterations[n] += 1
        for n, pilot in enumerate(pilots):
            if n in iterations:
                pilot.status, pilot.started_on = Pilot.Status.RUNNING, pilot.planned_start
            if n in standardised or n in stopped:
                pilot.status = Pilot.Status.CONCLUDED
                pilot.outcome = Pilot.Outcome.STANDARDISED if n in standardised else Pilot.Outcome.STOPPED
                pilot.outcome_summary = (
                    "Met its targets at every site; published as a standard model."
                    if n in standardised
                    else "Stopped: the sites could not keep staff for it."
                )
        pilots = Pilot.objects.bulk_create(pilots, batch_size=1000)
        Pilot.proposals.through.objects.bulk_create(
            Pilot.proposals.through(pilot_id=pilot.pk, proposal_id=pk)
            for pilot, pks in zip(pilots, sources, strict=True)
            for pk in pks
        )
        Pilot.partner_organisations.through.objects.bulk_create(
            Pilot.partner_organisations.through(pilot_id=pilot.pk, organisation_id=org.pk)
            for pilot in pilots
            for org in rng.sample(self.organisations, rng.randint(0, 2))
            if org.pk != pilot.lead_organisation_id
        )
        metrics = []
        for n, pilot in enumerate(pilots):
            kinds = PILOT_KINDS[n % len(PILOT_KINDS)][2] + [SHARED_METRIC]
            for position, (name, unit, baseline, target, direction) in enumerate(kinds):
                metrics.append(
                    Metric(
                        pilot=pilot,
                        name=name,
                        unit=unit,
                        baseline=baseline,
                        target=target,
                        direction=direction,
                        position=position,
                    )
                )
        metrics = Metric.objects.bulk_create(metrics, batch_size=2000)
        metrics_of = {}
        for metric in metrics:
            metrics_of.setdefault(metric.pilot_id, []).append(metric)
        rows, values = [], []
        for n, pilot in enumerate(pilots):
            total = iterations.get(n, 0)
            if not total:
                continue
            days = max(total + 1, (today - pilot.started_on).days)
            period = max(1, min(21, days // (total + 1)))
            for number in range(1, total + 1):
                start = pilot.started_on + timedelta(days=(number - 1) * period)
                last = number == total and pilot.status == Pilot.Status.CONCLUDED
                decision = "continue" if not last else ("scale" if pilot.outcome == "standardised" else "stop")
                if not last and rng.random() < 0.3:
                    decision = "adapt"
                recorded = datetime.combine(start + timedelta(days=period - 1), datetime.min.time(), UTC)
                rows.append(
                    Iteration(
                        pilot=pilot,
                        number=number,
                        period_start=start,
                        period_end=start + timedelta(days=period - 1),
                        changes=f"Iteration {number}: "
                        + rng.choice(["one more lane", "online booking", "fewer steps"]),
                        observations=rng.choice(
                            ["Queues moved faster.", "대기 시간이 줄었습니다.", "Staff asked for shifts."]
                        ),
                        problems=rng.choice(["", "", "Rain stopped the lane for a day.", "장비가 부족했습니다."]),
                        decision=decision,
                        recorded_by_id=pilot.created_by_id,
                        created_at=recorded,
                        updated_at=recorded,
                    )
                )
                values.append((pilot, number / total))
            if pilot.status == Pilot.Status.CONCLUDED:
                pilot.concluded_on = min(today, rows[-1].period_end + timedelta(days=rng.randint(1, 7)))
        rows = Iteration.objects.bulk_create(rows, batch_size=2000)
        Pilot.objects.bulk_update([p for p in pilots if p.concluded_on], ["concluded_on"], batch_size=1000)
        measurements = []
        for iteration, (pilot, progress) in zip(rows, values, strict=True):
            for metric in metrics_of[pilot.pk]:
                value = metric.baseline + (metric.target - metric.baseline) * Decimal(progress * rng.uniform(0.7, 1.1))
                measurements.append(Measurement(iteration=iteration, metric=metric, value=round(value, 2)))
        Measurement.objects.bulk_create(measurements, batch_size=2000)
        self.pilots = pilots
        self.standardised = [pilots[n] for n in sorted(standardised)]
        return len(pilots) + len(metrics) + len(rows) + len(measurements)

    def make_models(self):
        """Standard models as Wagtail pages, added to the tree and published one by one (so that
        treebeard's paths, revisions, the log and ModelVersion are what the editor would make)."""
        index = model_index()
        if index is None:
            self.log("No standard model index (/models/): no standard models.")
            self.pages = []
            return 0
        self.pages = []
        pilots = self.standardised[: self.counts["models"]]
        publishers = User.objects.in_bulk(
            {self.officials[pilot.lead_organisation_id, Membership.Role.PUBLISHER] for pilot in pilots}
        )
        # Publishers draft, Wagtail's Moderators publish (docs/architecture.md, "Standard models").
        moderator = User.objects.create_user(
            email=f"v{self.tag}-moderator@{EMAIL_DOMAIN}", display_name="Volume moderator", language="ko"
        )
        moderator.password = self.password
        moderator.save(update_fields=["password"])
        moderator.groups.add(*Group.objects.filter(name="Moderators"))
        wagtail_log = logging.getLogger("wagtail")
        level = wagtail_log.level
        wagtail_log.setLevel(logging.WARNING)  # not one "Page created" line per model
        # Each page is saved three times (added, revision, published); Wagtail's search and
        # reference indexes are updated once per page instead (search: in ``index_wagtail``).
        search_handler = post_save.disconnect(post_save_signal_handler, sender=StandardModelPage)
        try:
            with disable_reference_index_auto_update():
                for pilot in pilots:
                    self._publish_model(index, pilot, publishers, moderator)
        finally:
            wagtail_log.setLevel(level)
            if search_handler:
                post_save.connect(post_save_signal_handler, sender=StandardModelPage)
        for page, _published in self.pages:
            ReferenceIndex.create_or_update_for_object(page)
        return len(self.pages)

    def _publish_model(self, index, pilot, publishers, moderator):
        publisher = publishers[self.officials[pilot.lead_organisation_id, Membership.Role.PUBLISHER]]
        iterations = list(pilot.iterations.all())
        page = StandardModelPage(
            title=pilot.title,
            slug=f"model-{pilot.pk}",
            pilot=pilot,
            summary=linebreaks(escape(pilot.outcome_summary)),
            when_to_use=linebreaks(escape(pilot.hypothesis)),
            procedure=[
                ("step", {"who": "Site lead", "what": linebreaks(escape(it.changes)), "duration": "", "resources": ""})
                for it in iterations
            ],
            requirements=[("requirement", {"kind": "space", "description": site}) for site in pilot.site_list],
            limitations=[
                ("limitation", {"limitation": it.problems, "left_out": "", "alternative": ""})
                for it in iterations
                if it.problems
            ],
            owner=publisher,
        )
        index.add_child(instance=page)
        page.save_revision(user=publisher).publish(user=moderator)
        # Published some days after the pilot concluded, as the story would go.
        published = datetime.combine(pilot.concluded_on, datetime.min.time(), UTC) + timedelta(days=3)
        Page.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published, latest_revision_created_at=published
        )
        Revision.objects.filter(object_id=str(page.pk), base_content_type=page.get_base_content_type()).update(
            created_at=published
        )
        ModelVersion.objects.filter(page=page).update(published_at=published)
        self.pages.append((page, published))

    def make_adoptions(self):
        rng = self.rng
        if not self.pages:
            return 0
        total = min(self.counts["adoptions"], len(self.pages) * len(self.organisations))
        weights = [rng.paretovariate(1.5) for _ in self.pages]
        counts = [min(len(self.organisations), max(1, int(w * total / sum(weights)))) for w in weights]
        while sum(counts) < total:
            n = rng.randrange(len(counts))
            counts[n] += counts[n] < len(self.organisations)
        while sum(counts) > total:
            n = rng.randrange(len(counts))
            counts[n] -= counts[n] > 0
        versions = dict(ModelVersion.objects.filter(page__in=[p for p, _ in self.pages]).values_list("page_id", "pk"))
        today = date.fromtimestamp(self.now)
        adoptions = []
        for (page, published), k in zip(self.pages, counts, strict=True):
            for org in rng.sample(self.organisations, k):
                status = rng.choices(["operating", "planned", "retired"], weights=[55, 25, 20])[0]
                started = published.date() + timedelta(days=int(rng.expovariate(1 / 30)) + 1)
                if status != "planned":
                    started = min(started, today)
                moment = datetime.combine(min(started, today), datetime.min.time(), UTC)
                adoptions.append(
                    Adoption(
                        page=page,
                        organisation=org,
                        status=status,
                        started_on=started,
                        local_adaptations=rng.choice(ADAPTATIONS),
                        feedback=rng.choice(FEEDBACK),
                        version_id=versions.get(page.pk),
                        recorded_by_id=self.officials[org.pk, Membership.Role.ORGANISATION_ADMIN],
                        created_at=moment,
                        updated_at=moment,
                    )
                )
        Adoption.objects.bulk_create(adoptions, batch_size=2000)
        return len(adoptions)

    # --- Search -----------------------------------------------------------------------------

    def index_proposals(self):
        started = time.monotonic()

        def progress(count):
            if count % 20_000 == 0:
                self.log(f"  {count} proposals indexed ({time.monotonic() - started:.0f} s)")

        return rebuild_index(batch_size=2000, progress=progress)

    def index_wagtail(self):
        """Wagtail's search index of the pilots (bulk-inserted: no save signal) and standard models."""
        backend = get_search_backend()
        pilots = list(Pilot.objects.filter(pk__in=[pilot.pk for pilot in self.pilots]))
        backend.add_bulk(Pilot, pilots)
        pages = list(StandardModelPage.objects.filter(pk__in=[page.pk for page, _published in self.pages]))
        backend.add_bulk(StandardModelPage, pages)
        return len(pilots) + len(pages)

    def analyze(self):
        """On PostgreSQL, what autovacuum would do a little later: planner statistics, and the
        visibility map that lets the lists count and page from their indexes alone (index-only
        scans). SQLite is left without sqlite_stat1, as an installation that never ran ANALYZE is."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # VACUUM cannot run inside a transaction (a test's): statistics only, then.
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")


# --- Helpers ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _read_petitions(path):
    """(title, problem, solution) of every petition: the body split near its middle."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as stream:
        rows = [(row["title"].strip(), row["body"].strip()) for row in csv.DictReader(stream)]
    return [(title, *_halves(body)) for title, body in rows if title and body]


def _halves(body):
    """The body split at the paragraph (else the space) nearest its middle."""
    middle = len(body) // 2
    for separator in ("\n", " "):
        before, after = body.rfind(separator, 0, middle), body.find(separator, middle)
        candidates = [at for at in (before, after) if at > 0]
        if candidates:
            at = min(candidates, key=lambda at: abs(at - middle))
            first, second = body[:at].strip(), body[at:].strip()
            if first and second:
                return first, second
    return body, body


def _cut(text, length):
    """About ``length`` characters of ``text``, from a random-looking but fixed start, ended at a space."""
    if len(text) <= length:
        return text
    start = (len(text) * 7919) % (len(text) - length)
    end = text.find(" ", start + length)
    return text[start : end if end > 0 else start + length].strip() or text[:length]


def _person_name(rng, korean):
    if korean:
        return rng.choice(KOREAN_SURNAMES) + rng.choice(KOREAN_GIVEN) + rng.choice(KOREAN_GIVEN)
    return f"{rng.choice(ENGLISH_FIRST)} {rng.choice(ENGLISH_LAST)}"


def _generated_text(rng, lang):
    """A stand-in petition when the real ones are missing: words of the domain, realistic lengths."""
    if lang == "ko":
        words = [
            "마스크",
            "선별진료소",
            "검사",
            "대기",
            "시간",
            "약국",
            "보건소",
            "병상",
            "백신",
            "예약",
            "학교",
            "개학",
            "지원금",
            "방역",
            "확진자",
            "동선",
        ]
        ending = "해 주세요."
    else:
        words = [
            "mask",
            "testing",
            "clinic",
            "queue",
            "pharmacy",
            "vaccine",
            "booking",
            "school",
            "hospital",
            "beds",
            "support",
            "tracing",
        ]
        ending = "please."
    length = int(rng.lognormvariate(6.5, 0.8))
    body = []
    while sum(len(w) + 1 for w in body) < length:
        body.append(rng.choice(words))
        if rng.random() < 0.1:
            body[-1] += f" {ending}\n"
    title = " ".join(rng.sample(words, 4)) + (" 해 주세요" if lang == "ko" else "")
    return (title, *_halves(" ".join(body) + f" {ending}"))


class Timing(NamedTuple):
    step: str
    rows: int | None
    seconds: float  # wall clock
    cpu: float  # this process and its finished children (the tokenizing workers)
    database_cpu: float  # the PostgreSQL server process of this connection (0 on SQLite: in-process)


def _cpu_seconds():
    """(CPU seconds of this process and its waited-for children, of the PostgreSQL backend).

    Other people's work on a shared machine stretches the wall clock but not these, so they tell
    what a step costs on an idle machine.
    """
    own = sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )
    backend = 0.0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        try:  # readable only when the server runs on this machine
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            backend = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return own, backend


def timing_table(timings):
    """The per-step timings as a Markdown table, with the totals."""
    lines = ["| step | rows | wall s | CPU s | database CPU s |", "| --- | ---: | ---: | ---: | ---: |"]
    for t in timings:
        rows = "" if t.rows is None else f"{t.rows:,}"
        lines.append(f"| {t.step} | {rows} | {t.seconds:.1f} | {t.cpu:.1f} | {t.database_cpu:.1f} |")
    totals = [sum(getattr(t, name) for t in timings) for name in ("seconds", "cpu", "database_cpu")]
    lines.append("| **total** | | **{:.1f}** | **{:.1f}** | **{:.1f}** |".format(*totals))
    return "\n".join(lines)


def describe(counts):
    return ", ".join(f"{value:,} {name}" for name, value in counts.items())
