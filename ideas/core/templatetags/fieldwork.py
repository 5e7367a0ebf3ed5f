from django import forms, template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()

WIDGET_CLASSES = {
    forms.Textarea: "usa-textarea",
    forms.Select: "usa-select",
    forms.FileInput: "usa-file-input",
}


@register.inclusion_tag("core/_field.html")
def field(bound_field, wide=False, mark_optional=True):
    """Render one form field the USWDS way: label, hint, error, widget, all linked for screen readers."""
    widget = bound_field.field.widget
    kind = "input"
    if isinstance(widget, forms.CheckboxInput):
        kind = "checkbox"
    elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        kind = "choices"
    css = "usa-input"
    for widget_class, widget_css in WIDGET_CLASSES.items():
        if isinstance(widget, widget_class):
            css = widget_css
    attrs = {}
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}-error")
        css += " usa-input--error"
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if kind == "input":
        attrs["class"] = css
    elif kind == "checkbox":
        attrs["class"] = "usa-checkbox__input"
    return {
        "field": bound_field,
        "kind": kind,
        "widget": bound_field.as_widget(attrs=attrs) if kind != "choices" else None,
        "wide": wide,
        # Search and filter forms have no required fields: saying "optional" there is noise.
        "mark_optional": mark_optional and not bound_field.field.required,
    }


@register.filter
def public_name(user):
    """The author's name as the public may see it."""
    if user is None:
        return _("deleted account")
    return user.public_name


@register.filter
def expert_profession(user):
    """The verified profession of the author, or '' (the relation is joined by the selectors)."""
    if user is None:
        return ""
    profile = getattr(user, "expert_profile", None)
    return profile.profession if profile else ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (for sort links and pagination)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def page_query(context, number, param=""):
    """The current query string pointing at page ``number`` (of the ``param`` pagination,
    ``page`` by default: a page can paginate two lists, such as a proposal's discussion)."""
    return query_with(context, **{param or "page": number})


@register.filter
def duration(value):
    """A time span for speed figures: hours under a day, else days (one decimal under ten)."""
    if value is None:
        return "–"
    seconds = value.total_seconds() if hasattr(value, "total_seconds") else float(value) * 86400
    if seconds < 86400:
        hours = max(round(seconds / 3600), 1)
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    days = seconds / 86400
    shown = f"{days:.1f}" if days < 10 else f"{round(days)}"
    return ngettext("%(n)s day", "%(n)s days", round(days)) % {"n": shown}
