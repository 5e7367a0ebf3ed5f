"""Bulk downloads: every dataset as CSV and as JSON, kept in the default storage.

``regenerate()`` writes each file to a temporary file, hashes it and, when the content
changed, saves it under a new name and points the dataset's ``DataExport`` row at it, so a
download in progress never sees a half-written file and nothing needs the local disk (S3
works). It runs as the ``regenerate_open_data`` task (``tasks.py``); ``triggers.py`` and
``manage.py regenerate_open_data`` decide when (docs/open-data.md).

A new dataset (for example the standard models of ``ideas.playbooks``) is one
``register(Dataset(...))`` call: its columns for CSV, and a serializer for JSON (else the
JSON has the CSV's columns as objects).
"""

import csv
import datetime
import decimal
import hashlib
import io
import json
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from rest_framework.utils.encoders import JSONEncoder

from . import selectors, serializers
from .fields import absolute_url, page_url
from .models import DataExport
from .privacy import account_deleted, profession, shown_name

logger = logging.getLogger(__name__)

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
LOCK_KEY = "open-data:regenerating"
LOCK_SECONDS = 15 * 60
CHUNK = 500
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    queryset: Callable[[], QuerySet]
    columns: tuple[tuple[str, Callable], ...]
    serializer: type | None = None

    @property
    def headers(self):
        return [name for name, _value in self.columns]

    def row(self, obj):
        return {name: value(obj) for name, value in self.columns}


DATASETS: dict[str, Dataset] = {}


def register(dataset):
    DATASETS[dataset.name] = dataset
    return dataset


# --- Writing ----------------------------------------------------------------------------------


def _objects(dataset):
    return dataset.queryset().iterator(chunk_size=CHUNK)


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date | decimal.Decimal | int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return " ".join(str(item) for item in value)
    value = str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def json_value(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def write_csv(dataset, binary):
    # UTF-8 with a byte-order mark, so spreadsheets read Korean text correctly.
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(dataset.headers)
    rows = 0
    for obj in _objects(dataset):
        writer.writerow([csv_cell(value) for value in dataset.row(obj).values()])
        rows += 1
    text.flush()
    text.detach()
    return rows


def write_json(dataset, binary):
    encoder = JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    binary.write(b'{"dataset":' + json.dumps(dataset.name).encode() + b',"results":[')
    rows = 0
    for obj in _objects(dataset):
        if dataset.serializer is not None:
            item = dataset.serializer(obj).data
        else:
            item = {name: json_value(value) for name, value in dataset.row(obj).items()}
        binary.write((b",\n" if rows else b"\n") + encoder.encode(item).encode())
        rows += 1
    binary.write(b'\n],"count":' + str(rows).encode() + b"}\n")
    return rows


WRITERS = {"csv": write_csv, "json": write_json}


def _sha256(binary):
    binary.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: binary.read(1 << 16), b""):
        digest.update(chunk)
    return digest.hexdigest()


def write_export(dataset, fmt, now):
    """Write one file; keep the current one when the content did not change."""
    current = DataExport.objects.filter(dataset=dataset.name, format=fmt).first()
    with tempfile.TemporaryFile() as binary, translation.override(settings.LANGUAGE_CODE):
        rows = WRITERS[fmt](dataset, binary)
        size = binary.tell()
        digest = _sha256(binary)
        if current is not None and current.sha256 == digest and default_storage.exists(current.path):
            current.generated_at = now
            current.save(update_fields=["generated_at"])
            return current
        binary.seek(0)
        name = f"{settings.OPEN_DATA['EXPORT_PREFIX']}{dataset.name}-{digest[:16]}.{fmt}"
        path = default_storage.save(name, File(binary, name=name))
    export, _created = DataExport.objects.update_or_create(
        dataset=dataset.name,
        format=fmt,
        defaults={
            "path": path,
            # The replaced file stays one more run, for downloads that already started.
            "previous_path": current.path if current else "",
            "size": size,
            "rows": rows,
            "sha256": digest,
            "generated_at": now,
            "changed_at": now,
        },
    )
    if current is not None and current.previous_path and current.previous_path not in (path, current.path):
        default_storage.delete(current.previous_path)
    return export


def regenerate():
    """Regenerate every download. Returns the exports, or None when another run holds the
    lock (so two workers never write at once)."""
    if not cache.add(LOCK_KEY, "1", LOCK_SECONDS):
        logger.info("Open data: a regeneration is already running; skipped.")
        return None
    try:
        now = timezone.now()
        return [write_export(dataset, fmt, now) for dataset in DATASETS.values() for fmt in FORMATS]
    finally:
        cache.delete(LOCK_KEY)


def listing():
    """The datasets with their current files, for the /data/ page (one query)."""
    exports = {(e.dataset, e.format): e for e in DataExport.objects.all()}
    return [
        {"dataset": dataset, "files": [exports[key] for fmt in FORMATS if (key := (dataset.name, fmt)) in exports]}
        for dataset in DATASETS.values()
    ]


# --- Datasets ---------------------------------------------------------------------------------


def attr(path):
    """The value at a dotted attribute path, or None where a step is None."""

    def get(obj):
        for step in path.split("."):
            obj = getattr(obj, step)
            if obj is None:
                return None
        return obj

    return get


def web_url(obj):
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(obj.get_absolute_url())


register(
    Dataset(
        name="proposals",
        title=_("Proposals"),
        description=_("Every public proposal with its category, region, author (if they show their name) and counts."),
        queryset=selectors.proposal_details,
        serializer=serializers.ProposalDetailSerializer,
        columns=(
            ("id", attr("pk")),
            ("url", web_url),
            ("title", attr("title")),
            ("status", attr("status")),
            ("category", attr("category.slug")),
            ("region", attr("region.slug")),
            ("challenge_id", attr("challenge_id")),
            ("author_name", lambda p: shown_name(p.author)),
            ("author_account_deleted", lambda p: account_deleted(p.author)),
            ("author_field_expert", lambda p: bool(profession(p.author))),
            ("author_profession", lambda p: profession(p.author)),
            ("language", attr("language")),
            ("support_count", attr("support_count")),
            ("comment_count", attr("comment_count")),
            ("submitted_at", attr("submitted_at")),
            ("response_due_at", attr("response_due_at")),
            ("first_response_at", attr("first_response_at")),
            ("updated_at", attr("updated_at")),
            ("assigned_organisation", attr("assigned_organisation.slug")),
            ("merged_into_id", serializers.public_merged_into),
            ("pilot_ids", lambda p: [pilot.pk for pilot in p.pilots.all()]),
            ("problem", attr("problem")),
            ("solution", attr("solution")),
            ("expected_benefit", attr("expected_benefit")),
            ("affected_people", attr("affected_people")),
            ("expertise_statement", attr("expertise_statement")),
        ),
    )
)

register(
    Dataset(
        name="proposal-timeline",
        title=_("Proposal timelines"),
        description=_("Every status change of every public proposal: decisions, with their public reasons."),
        queryset=lambda: selectors.status_changes().order_by("proposal_id", "created_at", "pk"),
        columns=(
            ("proposal_id", attr("proposal_id")),
            ("from_status", attr("from_status")),
            ("to_status", attr("to_status")),
            ("organisation", attr("actor_organisation.slug")),
            ("reason", attr("reason")),
            ("created_at", attr("created_at")),
        ),
    )
)

register(
    Dataset(
        name="pilots",
        title=_("Pilots"),
        description=_("Every pilot; the JSON file also has its metrics, iterations and measurements."),
        queryset=selectors.pilots,
        serializer=serializers.PilotSerializer,
        columns=(
            ("id", attr("pk")),
            ("url", web_url),
            ("title", attr("title")),
            ("status", attr("status")),
            ("outcome", attr("outcome")),
            ("lead_organisation", attr("lead_organisation.slug")),
            ("partner_organisations", lambda p: [org.slug for org in p.partner_organisations.all()]),
            ("proposal_ids", lambda p: [proposal.pk for proposal in p.public_proposals]),
            ("sites", lambda p: "; ".join(p.site_list)),
            ("planned_start", attr("planned_start")),
            ("started_on", attr("started_on")),
            ("concluded_on", attr("concluded_on")),
            ("iteration_count", lambda p: len(p.iterations.all())),
            ("created_at", attr("created_at")),
            ("updated_at", attr("updated_at")),
            ("hypothesis", attr("hypothesis")),
            ("outcome_summary", attr("outcome_summary")),
        ),
    )
)

register(
    Dataset(
        name="pilot-iterations",
        title=_("Pilot iterations"),
        description=_(
            "Every iteration of every pilot: what changed, what was observed, the problems and the decision."
        ),
        queryset=selectors.iterations,
        columns=(
            ("pilot_id", attr("pilot_id")),
            ("number", attr("number")),
            ("period_start", attr("period_start")),
            ("period_end", attr("period_end")),
            ("decision", attr("decision")),
            ("changes", attr("changes")),
            ("observations", attr("observations")),
            ("problems", attr("problems")),
        ),
    )
)

register(
    Dataset(
        name="pilot-measurements",
        title=_("Pilot measurements"),
        description=_("One row per measurement: pilot, iteration, metric with its baseline and target, and the value."),
        queryset=selectors.measurements,
        columns=(
            ("pilot_id", attr("iteration.pilot_id")),
            ("iteration", attr("iteration.number")),
            ("period_start", attr("iteration.period_start")),
            ("period_end", attr("iteration.period_end")),
            ("metric_id", attr("metric_id")),
            ("metric", attr("metric.name")),
            ("unit", attr("metric.unit")),
            ("baseline", attr("metric.baseline")),
            ("target", attr("metric.target")),
            ("direction", attr("metric.direction")),
            ("value", attr("value")),
            ("target_reached", lambda m: m.metric.reached(m.value)),
        ),
    )
)

register(
    Dataset(
        name="organisations",
        title=pgettext_lazy("open data file", "Organisations"),
        description=_("Every organisation taking part: central agencies, local governments, institutions, partners."),
        queryset=selectors.organisations,
        serializer=serializers.OrganisationSerializer,
        columns=(
            ("id", attr("pk")),
            ("slug", attr("slug")),
            ("name", attr("name")),
            ("kind", attr("kind")),
            ("region", attr("region.slug")),
            ("website", attr("website")),
        ),
    )
)

register(
    Dataset(
        name="challenges",
        title=_("Challenges"),
        description=_("Every call for ideas, with its owner, deadline and number of public proposals."),
        queryset=selectors.challenges,
        serializer=serializers.ChallengeSerializer,
        columns=(
            ("id", attr("pk")),
            ("url", web_url),
            ("title", attr("title")),
            ("owner", attr("owner.slug")),
            ("deadline", attr("deadline")),
            ("is_open", attr("is_open")),
            ("proposal_count", attr("proposal_count")),
            ("created_at", attr("created_at")),
            ("updated_at", attr("updated_at")),
            ("description", attr("description")),
        ),
    )
)

register(
    Dataset(
        name="standard-models",
        title=_("Standard models"),
        description=_(
            "Every published standard model with its pilot, current version and adoption counts; the JSON file also "
            "has its procedure, requirements, limitations and version history."
        ),
        queryset=selectors.standard_models,
        serializer=serializers.StandardModelSerializer,
        columns=(
            ("id", attr("pk")),
            ("url", page_url),
            ("title", attr("title")),
            ("slug", attr("slug")),
            ("pilot_id", attr("pilot_id")),
            ("current_version", lambda m: next((v.number for v in m.versions.all()), None)),
            ("first_published_at", attr("first_published_at")),
            ("last_published_at", attr("last_published_at")),
            ("adoption_count", attr("adoption_count")),
            ("active_adoption_count", attr("active_adoption_count")),
            ("summary", attr("summary")),
            ("when_to_use", attr("when_to_use")),
        ),
    )
)

register(
    Dataset(
        name="adoptions",
        title=_("Adoptions"),
        description=_(
            "Every adoption of a published standard model: organisation, status, local adaptations and feedback."
        ),
        queryset=selectors.adoptions,
        serializer=serializers.AdoptionSerializer,
        columns=(
            ("id", attr("pk")),
            ("standard_model_id", attr("page_id")),
            ("organisation_id", attr("organisation_id")),
            ("organisation", attr("organisation.name")),
            ("status", attr("status")),
            ("started_on", attr("started_on")),
            ("version", attr("version.number")),
            ("feedback_addressed_in", attr("feedback_addressed_in.number")),
            ("created_at", attr("created_at")),
            ("updated_at", attr("updated_at")),
            ("local_adaptations", attr("local_adaptations")),
            ("feedback", attr("feedback")),
        ),
    )
)
