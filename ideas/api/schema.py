"""The OpenAPI schema (drf-spectacular) and the documentation page drawn from it.

The documentation is rendered on the server from the same schema that /api/schema/
serves, so it needs no JavaScript and nothing from a CDN, reads like the rest of the site
and cannot drift from the API.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.generators import SchemaGenerator

from .fields import absolute_url

API_PREFIX = "/api/v1/"
METHODS = ("get", "head", "post", "put", "patch", "delete")
ENUM_LINE = re.compile(r"^\* `(?P<value>[^`]*)` - (?P<label>.*)$")


def only_open_data_endpoints(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: document this API only (not other DRF views,
    such as the Wagtail admin's)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: the error answers, documented like the others.

    An invalid parameter answers 400 with the messages per parameter; an unknown id or a page
    beyond the last answers 404 with a ``detail``.
    """
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "description": _("Why the request was not answered."),
        "properties": {"detail": {"type": "string", "description": _("What went wrong, in words.")}},
        "required": ["detail"],
    }
    schemas["InvalidParameters"] = {
        "type": "object",
        "description": _("The parameters that were refused, each with its messages."),
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    }
    errors = {
        "400": (_("A parameter is invalid."), "InvalidParameters"),
        "404": (_("No such object, or no such page."), "Error"),
    }
    for item in result.get("paths", {}).values():
        for operation in item.values():
            names = {(parameter["in"], parameter["name"]) for parameter in operation.get("parameters", [])}
            codes = (["400"] if any(where == "query" for where, _name in names) else []) + (
                ["404"] if any(where == "path" or name == "page" for where, name in names) else []
            )
            for code in codes:
                description, component = errors[code]
                operation["responses"][code] = {
                    "description": description,
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
                }
    return result


def _resolved(value):
    """The schema with every lazy translation turned into text of the active language."""
    if isinstance(value, dict):
        return {str(key): _resolved(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_resolved(item) for item in value]
    if isinstance(value, Promise):
        return str(value)
    return value


@lru_cache(maxsize=8)
def _schema(language):
    with translation.override(language):
        return _resolved(SchemaGenerator().get_schema(request=None, public=True))


def openapi_schema(language=None):
    """The schema in ``language`` (or the active one). It depends only on the code, so it is
    generated once per language and process."""
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    return _schema(language)


# --- The documentation page ------------------------------------------------------------------


def _component_name(ref):
    return ref.rsplit("/", 1)[-1]


NULL_COMPONENTS = ("NullEnum", "BlankEnum")


def _is_null(schema):
    return schema.get("type") == "null" or _component_name(schema.get("$ref", "")) in NULL_COMPONENTS


def _part(text, anchor=None, code=True):
    return {"text": text, "anchor": anchor, "code": code}


def _type_parts(schema):
    """A schema's type as parts of text: code, prose, or the name of an object with its anchor.
    ``null`` is left out: ``_nullable`` says whether a value may be null."""
    if "$ref" in schema:
        name = _component_name(schema["$ref"])
        return [_part(name, name)]
    for combiner in ("allOf", "oneOf", "anyOf"):
        if combiner in schema:
            parts = []
            for option in (s for s in schema[combiner] if not _is_null(s)):
                if parts:
                    parts.append(_part(" | ", code=False))
                parts.extend(_type_parts(option))
            return parts
    kinds = schema.get("type", "object")
    kind = next((k for k in kinds if k != "null"), "null") if isinstance(kinds, list) else kinds
    if kind == "array":
        return [_part(gettext("array of") + " ", code=False), *_type_parts(schema.get("items", {}))]
    if schema.get("format"):
        return [_part(f"{kind} ({schema['format']})")]
    return [_part(kind)]


def _nullable(schema):
    kinds = schema.get("type")
    if schema.get("nullable") or (isinstance(kinds, list) and "null" in kinds):
        return True
    return any(_is_null(option) for option in schema.get("oneOf", []) + schema.get("anyOf", []))


def _description(text):
    """The prose of a description, without the list of enum values drf-spectacular appends
    (those are listed with the enum)."""
    text = text or ""
    if text.startswith("* `"):
        return ""
    return text.split("\n\n* `", 1)[0].strip()


def _enum_values(schema):
    labels = {}
    for line in (schema.get("description") or "").splitlines():
        match = ENUM_LINE.match(line.strip())
        if match:
            labels[match["value"]] = match["label"]
    return [(value, labels.get(value, "")) for value in schema["enum"]]


def _parameter(parameter):
    schema = parameter.get("schema", {})
    enum = schema.get("enum") or schema.get("items", {}).get("enum")
    return {
        "name": parameter["name"],
        "location": parameter["in"],
        "required": parameter.get("required", False),
        "type": _type_parts(schema),
        "description": _description(parameter.get("description")),
        "enum": enum or [],
    }


def _response(operation):
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    return _type_parts(schema) if schema else []


def _operations(schema):
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            yield {
                "method": method.upper(),
                "path": path,
                "anchor": operation["operationId"],
                "tag": (operation.get("tags") or [""])[0],
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": [_parameter(p) for p in operation.get("parameters", [])],
                "response": _response(operation),
                "example": None if "{" in path else path,
            }


def _objects(schema):
    for name, component in schema.get("components", {}).get("schemas", {}).items():
        if name in NULL_COMPONENTS:
            continue
        if "enum" in component:
            yield {"name": name, "enum": _enum_values(component), "description": ""}
            continue
        required = set(component.get("required", []))
        yield {
            "name": name,
            "description": _description(component.get("description")),
            "fields": [
                {
                    "name": field,
                    "type": _type_parts(field_schema),
                    "nullable": _nullable(field_schema),
                    "required": field in required,
                    "description": _description(field_schema.get("description")),
                }
                for field, field_schema in component.get("properties", {}).items()
            ],
        }


def documentation(request):
    """Context of the /api/docs/ page, in the request's language."""
    schema = openapi_schema()
    return {
        "info": schema["info"],
        "operations": list(_operations(schema)),
        "objects": list(_objects(schema)),
        "api_root": absolute_url(reverse("api:root"), request),
        "schema_url": reverse("api:schema"),
    }
