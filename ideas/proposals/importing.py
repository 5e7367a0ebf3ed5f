"""Import proposals from an older petition or idea system (``manage.py import_proposals``).

The rules are in docs/import.md. In short: a UTF-8 CSV (or .csv.gz) with documented columns is
read and every row validated first; then, unless it is a dry run or some row is invalid (and
``skip_invalid`` was not asked for), every new row is written in **one transaction** with
``bulk_create``: the proposals, their timelines (``StatusChange``) and their search index rows.
A row is identified by (source, original id): a second run of the same file creates nothing,
and with ``update`` it updates the rows whose data changed.

Imported proposals have no Fieldwork author: each source gets one inactive account that
cannot log in, shown as "<source> (imported)". The old system's support count is kept in
``imported_support_count``, never turned into ``Support`` rows (one per verified account here).
"""

import csv
import gzip
import hashlib
import re
import time
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext

from ideas.search import api as search

from .models import Category, Proposal, Region, StatusChange
from .services import _language_of

Status = Proposal.Status

# The documented columns (docs/import.md); others are reported and ignored.
COLUMNS = (
    "id",
    "title",
    "body",
    "solution",
    "category",
    "region",
    "created_at",
    "ended_at",
    "supports",
    "status",
    "source",
    "lang",
    "url",
)
REQUIRED_COLUMNS = ("id", "title", "body")

TITLE_MAX = Proposal._meta.get_field("title").max_length  # 150
TEXT_MAX = 100_000  # a sanity limit; the form's 10,000 applies to people writing here
SOURCE_MAX = Proposal._meta.get_field("source").max_length
SOURCE_ID_MAX = Proposal._meta.get_field("source_id").max_length
URL_MAX = Proposal._meta.get_field("source_url").max_length
SUPPORTS_MAX = 2_147_483_647
BATCH = 1000
# Indexing: above this share of all proposals, rebuilding the whole index is cheaper than
# indexing the written rows one by one.
REBUILD_SHARE = 0.25

# What the old system's status becomes here. Keys are compared case-insensitively.
IMPORT_STATUSES = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN)
STATUS_ALIASES = {"open": Status.SUBMITTED, "closed": Status.DECLINED}
DEFAULT_STATUS_MAP = {
    # Cheong Wa Dae petition board (shared data, Korean)
    "청원진행중": Status.SUBMITTED,
    "청원종료": Status.DECLINED,
    "브리핑": Status.DECLINED,
    # We the People (shared data, English) and common English words
    "open": Status.SUBMITTED,
    "pending": Status.SUBMITTED,
    "pending response": Status.SUBMITTED,
    "closed": Status.DECLINED,
    "expired": Status.DECLINED,
    "ended": Status.DECLINED,
    "reviewed": Status.DECLINED,
    "responded": Status.DECLINED,
    "answered": Status.DECLINED,
    "rejected": Status.DECLINED,
    "declined": Status.DECLINED,
    "under review": Status.UNDER_REVIEW,
    "evaluating": Status.UNDER_REVIEW,
    "accepted": Status.ACCEPTED,
    "withdrawn": Status.WITHDRAWN,
}

DATE_ONLY = re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?$")
WHOLE_DAYS = re.compile(r"^\d{1,4}$")


class ImportRefused(Exception):
    """The file (or an option) cannot be imported at all; nothing was written."""


@dataclass
class Issue:
    row: int  # as a spreadsheet numbers it: the header is row 1
    source_id: str
    column: str
    level: str  # "error" (the row is refused) or "warning" (imported with a documented fallback)
    message: str
    code: str = ""
    value: str = ""


@dataclass
class Row:
    number: int
    source: str
    source_id: str
    title: str
    problem: str
    solution: str
    category_id: int
    region_id: int
    submitted_at: datetime | None
    ended_at: datetime | None
    supports: int | None
    status: str
    original_status: str
    language: str
    url: str


@dataclass
class Options:
    source: str = ""
    category_map: dict = field(default_factory=dict)
    status_map: dict = field(default_factory=dict)
    default_category: str = "other"
    default_region: str = "nationwide"
    timezone: str = ""
    update: bool = False
    skip_invalid: bool = False
    dry_run: bool = False
    limit: int | None = None


@dataclass
class Report:
    path: str
    dry_run: bool = False
    rows_read: int = 0
    columns: list = field(default_factory=list)
    issues: list = field(default_factory=list)
    valid: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    status_moves: int = 0
    written: bool = False
    refused: str = ""
    indexing: str = ""
    seconds: dict = field(default_factory=dict)

    @property
    def errors(self):
        return [issue for issue in self.issues if issue.level == "error"]

    @property
    def warnings(self):
        return [issue for issue in self.issues if issue.level == "warning"]

    @property
    def invalid_rows(self):
        return sorted({issue.row for issue in self.errors if issue.row})


# --- Reading ------------------------------------------------------------------------------


def _open(path):
    path = Path(path)
    if not path.is_file():
        raise ImportRefused(f"{path}: no such file.")
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    if gzipped:
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def read_csv(path, limit=None):
    """(header, [(row number, {column: value}), ...]) of a UTF-8 CSV, gzipped or not.

    Raises ImportRefused for what makes the whole file unreadable (not UTF-8, not CSV, not gzip).
    """
    csv.field_size_limit(16 * 1024 * 1024)
    rows = []
    number = 1
    try:
        with _open(path) as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header is None:
                raise ImportRefused(f"{path}: the file is empty.")
            header = [name.strip().lower() for name in header]
            for values in reader:
                number += 1
                if limit is not None and len(rows) >= limit:
                    break
                if not any(value.strip() for value in values):
                    continue  # blank line
                rows.append((number, header, values))
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"{path}: not UTF-8 text (near row {number + 1}): {exc.reason}.") from exc
    except (csv.Error, gzip.BadGzipFile, EOFError, OSError) as exc:
        raise ImportRefused(f"{path}: cannot be read as CSV near row {number + 1}: {exc}.") from exc
    return header, rows


def read_map(path, *, what):
    """A two-column CSV ``from,to`` (with that header) as {normalised from: to}."""
    try:
        header, rows = read_csv(path)
    except ImportRefused as exc:
        raise ImportRefused(f"{what} map: {exc}") from exc
    if header[:2] != ["from", "to"]:
        raise ImportRefused(f"{what} map {path}: the header must be “from,to”, not “{','.join(header)}”.")
    mapping = {}
    for number, _header, values in rows:
        if len(values) < 2:
            raise ImportRefused(f"{what} map {path}, row {number}: two values expected.")
        mapping[_key(values[0])] = values[1].strip()
    return mapping


def _key(value):
    return " ".join((value or "").split()).casefold()


# --- Validation ---------------------------------------------------------------------------


class _Validator:
    def __init__(self, options, report):
        self.options = options
        self.report = report
        self.tz = zoneinfo.ZoneInfo(options.timezone or settings.TIME_ZONE)
        self.now = timezone.now()
        self.url_validator = URLValidator(schemes=["http", "https"])
        self.categories = self._lookup(Category)
        self.regions = self._lookup(Region)
        self.default_category = self._reference(Category, options.default_category, "--default-category")
        self.default_region = self._reference(Region, options.default_region, "--default-region")
        self.category_map = {}
        for key, slug in options.category_map.items():
            self.category_map[key] = self._reference(Category, slug, "the category map")
        self.status_map = dict(DEFAULT_STATUS_MAP)
        for key, target in options.status_map.items():
            status = STATUS_ALIASES.get(_key(target), _key(target))
            if status not in IMPORT_STATUSES:
                allowed = ", ".join([*IMPORT_STATUSES, *STATUS_ALIASES])
                raise ImportRefused(f"status map: “{target}” is not one of {allowed}.")
            self.status_map[key] = status
        self.seen = {}
        self.error_count = 0

    @staticmethod
    def _lookup(model):
        names = {}
        for pk, slug, name_en, name_ko in model.objects.values_list("pk", "slug", "name_en", "name_ko"):
            for name in (slug, name_en, name_ko):
                names.setdefault(_key(name), pk)
        return names

    @staticmethod
    def _reference(model, slug, where):
        pk = model.objects.filter(slug=slug).values_list("pk", flat=True).first()
        if pk is None:
            slugs = ", ".join(model.objects.values_list("slug", flat=True))
            raise ImportRefused(f"{where}: there is no {model._meta.model_name} “{slug}” (known: {slugs}).")
        return pk

    def issue(self, level, number, source_id, column, message, code="", value=""):
        self.report.issues.append(Issue(number, source_id, column, level, message, code, value))
        if level == "error":
            self.error_count += 1

    def row(self, number, header, values):
        """A Row, or None if the row has errors (they are added to the report)."""
        errors_before = self.error_count
        if len(values) != len(header):
            data = dict(zip(header, values, strict=False))
            source_id = (data.get("id") or "").strip()
            self.issue(
                "error",
                number,
                source_id,
                "",
                f"the row has {len(values)} fields, the header {len(header)} (a quote or a separator is off)",
            )
            return None
        data = dict(zip(header, values, strict=True))
        get = lambda name: (data.get(name) or "").strip()  # noqa: E731
        source_id = get("id")
        error = lambda column, message: self.issue("error", number, source_id, column, message)  # noqa: E731

        source = self.options.source or get("source")
        if not source:
            error("source", "empty, and no --source was given")
        elif len(source) > SOURCE_MAX:
            error("source", f"longer than {SOURCE_MAX} characters")
        if not source_id:
            error("id", "empty: every row needs the id it had in the old system")
        elif len(source_id) > SOURCE_ID_MAX:
            error("id", f"longer than {SOURCE_ID_MAX} characters")
        elif (source, source_id) in self.seen:
            error("id", f"“{source_id}” appears again (first on row {self.seen[source, source_id]})")
        else:
            self.seen[source, source_id] = number

        title = " ".join(get("title").split())
        if not title:
            error("title", "empty")
        elif len(title) > TITLE_MAX:
            error("title", f"{len(title)} characters, at most {TITLE_MAX} fit")
        problem = (data.get("body") or "").strip()
        if not problem:
            error("body", "empty")
        elif len(problem) > TEXT_MAX:
            error("body", f"{len(problem)} characters, at most {TEXT_MAX:,} are imported")
        solution = (data.get("solution") or "").strip()
        if len(solution) > TEXT_MAX:
            error("solution", f"{len(solution)} characters, at most {TEXT_MAX:,} are imported")

        category_id = self._category(number, source_id, get("category"))
        region_id = self._region(number, source_id, get("region"))

        submitted_at = self._moment(number, source_id, "created_at", get("created_at"))
        if not get("created_at"):
            self.issue("warning", number, source_id, "created_at", "empty: imported without a date", code="no_date")
        ended_at = None
        ended = get("ended_at")
        if ended and WHOLE_DAYS.match(ended):
            if submitted_at is not None:
                ended_at = submitted_at + timedelta(days=int(ended))
        elif ended:
            ended_at = self._moment(number, source_id, "ended_at", ended)
            if ended_at and submitted_at and ended_at < submitted_at:
                error("ended_at", f"“{ended}” is before created_at")

        supports = None
        raw = get("supports")
        if raw:
            digits = re.sub(r"[,_\s]", "", raw)
            if not (digits.isascii() and digits.isdigit()):  # "²" is a digit to isdigit(), not to int()
                error("supports", f"“{raw}” is not a whole number")
            elif int(digits) > SUPPORTS_MAX:
                error("supports", f"“{raw}” is too large")
            else:
                supports = int(digits)

        original_status = " ".join(get("status").split())
        status = self.status_map.get(_key(original_status))
        if status is None:
            known = ", ".join(sorted({key for key in self.status_map if key}))
            shown = f"“{original_status}”" if original_status else "empty"
            error("status", f"{shown} is not a known status ({known}); map it with --status-map")

        language = get("lang").lower()[:2]
        if language not in dict(settings.LANGUAGES):
            if language:
                self.issue(
                    "warning",
                    number,
                    source_id,
                    "lang",
                    f"“{get('lang')}” is not a language of the site: detected from the text",
                    code="lang",
                    value=get("lang"),
                )
            language = _language_of({"title": title, "problem": problem})

        url = get("url")
        if url:
            try:
                if len(url) > URL_MAX:
                    raise ValidationError("too long")
                self.url_validator(url)
            except ValidationError:
                error("url", f"“{url[:80]}” is not an http(s) address of at most {URL_MAX} characters")

        if self.error_count > errors_before:
            return None
        return Row(
            number=number,
            source=source,
            source_id=source_id,
            title=title,
            problem=problem,
            solution=solution,
            category_id=category_id,
            region_id=region_id,
            submitted_at=submitted_at,
            ended_at=ended_at,
            supports=supports,
            status=status,
            original_status=original_status,
            language=language,
            url=url,
        )

    def _match(self, value, mapping, names):
        for candidate in (value, *value.split(",")):
            key = _key(candidate)
            if key in mapping:
                return mapping[key]
            if key in names:
                return names[key]
        return None

    def _category(self, number, source_id, value):
        if not value:
            return self.default_category
        pk = self._match(value, self.category_map, self.categories)
        if pk is None:
            self.issue(
                "warning",
                number,
                source_id,
                "category",
                f"“{value}” is not mapped: imported as “{self.options.default_category}”",
                code="category",
                value=value,
            )
            return self.default_category
        return pk

    def _region(self, number, source_id, value):
        if not value:
            return self.default_region
        pk = self._match(value, {}, self.regions)
        if pk is None:
            self.issue(
                "warning",
                number,
                source_id,
                "region",
                f"“{value}” is not a known region: imported as “{self.options.default_region}”",
                code="region",
                value=value,
            )
            return self.default_region
        return pk

    def _moment(self, number, source_id, column, value):
        if not value:
            return None
        match = DATE_ONLY.match(value)
        try:
            if match:
                # A date without a time is noon of that day, so it shows as the same day wherever
                # the site's clock is (within 12 hours of the given time zone).
                moment = datetime(*map(int, match.groups()), 12, 0, tzinfo=self.tz)
            else:
                moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
                if timezone.is_naive(moment):
                    moment = moment.replace(tzinfo=self.tz)
        except ValueError:
            self.issue(
                "error",
                number,
                source_id,
                column,
                f"“{value}” is not a date (ISO 8601 such as 2020-03-01 or 2020-03-01T09:30:00+09:00, or 2020.03.01)",
            )
            return None
        if moment > self.now + timedelta(days=1):
            self.issue("error", number, source_id, column, f"“{value}” is in the future")
            return None
        return moment


def validate(path, options):
    """Read and check every row; returns (report, valid rows). Writes nothing."""
    report = Report(path=str(path), dry_run=options.dry_run)
    started = time.perf_counter()
    header, raw_rows = read_csv(path, options.limit)
    report.columns = header
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ImportRefused(f"{path}: missing column(s) {', '.join(missing)} (see docs/import.md).")
    if "source" not in header and not options.source:
        raise ImportRefused(f"{path}: no source column: say which system the file comes from with --source.")
    duplicates = [name for name, n in Counter(header).items() if n > 1]
    if duplicates:
        raise ImportRefused(f"{path}: column(s) {', '.join(duplicates)} appear twice.")
    for name in header:
        if name not in COLUMNS:
            report.issues.append(Issue(1, "", name, "warning", "not a documented column: ignored", code="column"))
    validator = _Validator(options, report)
    rows = []
    for number, row_header, values in raw_rows:
        row = validator.row(number, row_header, values)
        if row is not None:
            rows.append(row)
    report.rows_read = len(raw_rows)
    report.valid = len(rows)
    report.issues.sort(key=lambda issue: (issue.row, issue.level != "error"))
    report.seconds["validate"] = time.perf_counter() - started
    return report, rows


# --- Comparing with what is there ---------------------------------------------------------

UPDATABLE = ("title", "problem", "solution", "category_id", "region_id", "language", "source_url")


def _values(row):
    return {
        "title": row.title,
        "problem": row.problem,
        "solution": row.solution,
        "category_id": row.category_id,
        "region_id": row.region_id,
        "language": row.language,
        "source_url": row.url,
        "imported_support_count": row.supports,
    }


def _existing(rows):
    """{(source, source_id): Proposal} of the rows already imported."""
    wanted = defaultdict(list)
    for row in rows:
        wanted[row.source].append(row.source_id)
    found = {}
    fields = (
        "pk",
        "source",
        "source_id",
        "status",
        "submitted_at",
        "first_response_at",
        *UPDATABLE,
        "imported_support_count",
    )
    for source, ids in wanted.items():
        for start in range(0, len(ids), 500):
            for proposal in Proposal.objects.filter(source=source, source_id__in=ids[start : start + 500]).only(
                *fields
            ):
                found[proposal.source, proposal.source_id] = proposal
    return found


def _plan(rows, existing, update):
    """Split the rows into (to create, to update as [(proposal, row, changed fields, moves)])."""
    create, change = [], []
    for row in rows:
        proposal = existing.get((row.source, row.source_id))
        if proposal is None:
            create.append(row)
            continue
        if not update:
            continue
        changed = [name for name, value in _values(row).items() if getattr(proposal, name) != value]
        # The old system's status moves an imported proposal only while nobody decided on it here.
        moves = (
            proposal.status == Status.SUBMITTED
            and proposal.first_response_at is None
            and row.status != Status.SUBMITTED
        )
        if changed or moves:
            change.append((proposal, row, changed, moves))
    return create, change


# --- Writing ------------------------------------------------------------------------------


def import_account(source):
    """The inactive account imported proposals of ``source`` are filed under (created once)."""
    User = get_user_model()
    digest = hashlib.sha256(source.encode()).hexdigest()[:8]
    email = f"imported-{slugify(source)[:40] or 'source'}-{digest}@import.invalid"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(
            email=email,
            display_name=f"{source} (imported)"[:80],
            show_name_publicly=True,
            is_active=False,
        )
        user.set_unusable_password()
        user.save()
    return user


def _reasons(row):
    """The public reasons of the two timeline entries, in the proposal's language."""
    with translation.override(row.language):
        if row.submitted_at is None:
            submitted = gettext(
                "Submitted on %(source)s, the system this proposal was imported from, on an unknown date."
            )
        else:
            submitted = gettext("Submitted on %(source)s, the system this proposal was imported from.")
        closed = gettext(
            "Imported from %(source)s, where its status was “%(status)s”. Officials did not decide on it in Fieldwork."
        )
        values = {"source": row.source, "status": row.original_status}
        return submitted % values, closed % values


def _closing_entry(proposal, row, now):
    _submitted, closed = _reasons(row)
    when = min(row.ended_at, now) if row.ended_at else now
    if proposal.submitted_at and when < proposal.submitted_at:
        when = proposal.submitted_at
    return StatusChange(
        proposal=proposal, from_status=Status.SUBMITTED, to_status=row.status, reason=closed, created_at=when
    )


def _create(rows, authors, now):
    created_ids = []
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        proposals = []
        for row in chunk:
            closed_at = None
            if row.status != Status.SUBMITTED:
                closed_at = min(row.ended_at, now) if row.ended_at else now
                if row.submitted_at and closed_at < row.submitted_at:
                    closed_at = row.submitted_at
            proposals.append(
                Proposal(
                    **_values(row),
                    expected_benefit="",
                    affected_people="",
                    expertise_statement="",
                    author=authors[row.source],
                    status=row.status,
                    source=row.source,
                    source_id=row.source_id,
                    imported_at=now,
                    submitted_at=row.submitted_at,
                    updated_at=closed_at or row.submitted_at or now,
                )
            )
        proposals = Proposal.objects.bulk_create(proposals)
        ids = [p.pk for p in proposals]
        # created_at is auto_now_add: the original date replaces the import time where known.
        Proposal.objects.filter(pk__in=ids, submitted_at__isnull=False).update(created_at=F("submitted_at"))
        entries = []
        for proposal, row in zip(proposals, chunk, strict=True):
            submitted, _closed = _reasons(row)
            entries.append(
                StatusChange(
                    proposal=proposal,
                    from_status="",
                    to_status=Status.SUBMITTED,
                    actor=authors[row.source],
                    reason=submitted,
                    created_at=row.submitted_at or now,
                )
            )
            if row.status != Status.SUBMITTED:
                entries.append(_closing_entry(proposal, row, now))
        StatusChange.objects.bulk_create(entries, batch_size=BATCH)
        created_ids += ids
    return created_ids


def _update(changes, now):
    moved = 0
    by_fields = defaultdict(list)
    entries = []
    for proposal, row, changed, moves in changes:
        for name, value in _values(row).items():
            setattr(proposal, name, value)
        fields = set(changed)
        if moves:
            proposal.status = row.status
            entries.append(_closing_entry(proposal, row, now))
            fields.add("status")
            moved += 1
        proposal.updated_at = now
        fields.add("updated_at")
        by_fields[tuple(sorted(fields))].append(proposal)
    for fields, proposals in by_fields.items():
        Proposal.objects.bulk_update(proposals, list(fields), batch_size=BATCH)
    StatusChange.objects.bulk_create(entries, batch_size=BATCH)
    return moved


def _index(written_ids, report):
    if not written_ids:
        report.indexing = "nothing to index"
        return
    total = Proposal.objects.count()
    if len(written_ids) >= REBUILD_SHARE * total:
        search.rebuild_index()
        report.indexing = f"rebuilt the whole search index ({total:,} proposals)"
        return
    for start in range(0, len(written_ids), 500):
        for proposal in Proposal.objects.filter(pk__in=written_ids[start : start + 500]).only(
            "pk", "title", "problem", "solution"
        ):
            search.index_proposal(proposal)
    report.indexing = f"indexed {len(written_ids):,} proposals one by one"


def run(path, options):
    """Validate ``path``, then (unless refused or a dry run) import it. Returns the Report."""
    report, rows = validate(path, options)
    started = time.perf_counter()
    existing = _existing(rows)
    create, change = _plan(rows, existing, options.update)
    report.created = len(create)
    report.updated = len(change)
    report.status_moves = sum(1 for *_rest, moves in change if moves)
    report.unchanged = len(rows) - len(create) - len(change)
    report.seconds["compare"] = time.perf_counter() - started
    if report.errors and not options.skip_invalid:
        report.refused = "invalid rows"
        return report
    if options.dry_run or not (create or change):
        return report
    started = time.perf_counter()
    now = timezone.now()
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Check foreign keys as rows are written rather than at commit: pending checks
                # would stop the index rebuild from creating its indexes in this transaction.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            authors = {source: import_account(source) for source in {row.source for row in create}}
            created_ids = _create(create, authors, now)
            report.status_moves = _update(change, now)
            report.seconds["write"] = time.perf_counter() - started
            started = time.perf_counter()
            _index(created_ids + [proposal.pk for proposal, *_rest in change], report)
            report.seconds["index"] = time.perf_counter() - started
            _announce(created_ids or [change[0][0].pk])
    except IntegrityError as exc:
        raise ImportRefused(
            f"nothing was imported: the database refused a row ({exc}). "
            "Another import of the same source may have run at the same time; run this one again."
        ) from exc
    report.written = True
    return report


def _announce(ids):
    """bulk_create sends no signals: tell the listeners (page cache, open-data downloads) once."""
    proposal = Proposal.objects.get(pk=ids[-1])
    post_save.send(sender=Proposal, instance=proposal, created=True, update_fields=None, raw=False, using="default")


# --- The report ---------------------------------------------------------------------------


def write_issues_csv(report, path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["row", "id", "column", "level", "message"])
        for issue in report.issues:
            writer.writerow([issue.row, issue.source_id, issue.column, issue.level, issue.message])


def report_lines(report, *, max_errors=50):
    """The console report (the same for a dry run and a real run)."""
    yield f"File: {report.path}"
    yield f"Rows read: {report.rows_read:,}; valid: {report.valid:,}; invalid: {len(report.invalid_rows):,}"
    errors = report.errors
    if errors:
        yield f"Errors ({len(errors):,} in {len(report.invalid_rows):,} rows):"
        for issue in errors[:max_errors]:
            where = f"row {issue.row}" + (f" (id {issue.source_id})" if issue.source_id else "")
            yield f"  {where}, {issue.column or 'row'}: {issue.message}"
        if len(errors) > max_errors:
            yield f"  … and {len(errors) - max_errors:,} more (write them all with --errors FILE)"
    warnings = report.warnings
    if warnings:
        yield f"Warnings ({len(warnings):,}; these rows are imported as described):"
        groups = defaultdict(list)
        for issue in warnings:
            groups[issue.column, issue.code or issue.message].append(issue)
        for (column, _code), issues in groups.items():
            if len(issues) == 1:
                issue = issues[0]
                where = f"row {issue.row}" + (f" (id {issue.source_id})" if issue.source_id else "")
                yield f"  {where}, {column}: {issue.message}"
                continue
            values = Counter(issue.value for issue in issues if issue.value)
            yield f"  {column}: {len(issues):,} rows: {issues[0].message if not values else _group_message(column)}"
            for value, count in values.most_common(12):
                yield f"    “{value}” × {count:,}"
            if len(values) > 12:
                yield f"    … and {len(values) - 12:,} other values"
    verb = "would be" if report.dry_run or report.refused else "were"
    yield (
        f"Proposals: {report.created:,} {verb} created, {report.updated:,} {verb} updated "
        f"({report.status_moves:,} of them closed), {report.unchanged:,} already imported and left as they are."
    )
    if report.refused:
        yield "Nothing was imported: fix the rows above, or import the valid rows with --skip-invalid."
    elif report.dry_run:
        yield "Dry run: nothing was written."
    elif report.written:
        yield f"Imported in one transaction; search: {report.indexing}."
    else:
        yield "Nothing to write."
    if report.seconds:
        yield "Time: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.seconds.items())


def _group_message(column):
    return {
        "category": "not mapped, imported in the default category",
        "region": "not a known region, imported in the default region",
        "lang": "not a language of the site, detected from the text",
    }.get(column, "see the values below")
