"""What changed between two published versions of a standard model, section by section."""

import difflib

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

SECTIONS = [
    ("summary", _("Summary")),
    ("when_to_use", _("When to use it")),
    ("procedure", _("Procedure")),
    ("requirements", _("Requirements")),
    ("limitations", _("Limitations and who may be left out")),
]


def _lines(page, field):
    value = getattr(page, field)
    if field == "procedure":
        return [
            f"{n}. {b.value['who']}: {strip_tags(str(b.value['what']))} ({b.value['duration'] or '-'})"
            for n, b in enumerate(value, 1)
        ]
    if field == "requirements":
        return [f"{b.value['kind']}: {b.value['description']}" for b in value]
    if field == "limitations":
        return [
            " / ".join(filter(None, (b.value["limitation"], b.value["left_out"], b.value["alternative"])))
            for b in value
        ]
    text = strip_tags(str(value or "")).replace("\xa0", " ")
    return [line.strip() for line in text.splitlines() if line.strip()]


def changes_between(older, newer):
    """Sections that differ between two page objects, with the removed and added lines."""
    changes = []
    for field, label in SECTIONS:
        before, after = _lines(older, field), _lines(newer, field)
        if before == after:
            continue
        diff = list(difflib.ndiff(before, after))
        changes.append(
            {
                "section": label,
                "removed": [line[2:] for line in diff if line.startswith("- ")],
                "added": [line[2:] for line in diff if line.startswith("+ ")],
            }
        )
    return changes
