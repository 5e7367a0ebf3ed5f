"""The open-data API against its OpenAPI schema: the schema is valid, complete and
described, and every endpoint, with every documented parameter, answers as it says
(validated with openapi-core)."""

import json
import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.validation.response.exceptions import InvalidData

from ideas.api.schema import openapi_schema

from .test_api import build_open_data_world


@pytest.fixture
def world(db, make_proposal, organisation, other_organisation, staff, official):
    return build_open_data_world(make_proposal, organisation, other_organisation, staff, official)


pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return openapi_schema("en")


@pytest.fixture(scope="module")
def openapi(schema):
    return OpenAPI.from_dict(schema)


def api_routes():
    """OpenAPI paths of the URL patterns under /api/v1/ in the ``api`` namespace."""
    routes = set()

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "api":
                route = prefix + str(pattern.pattern)
                if route.startswith("api/v1/"):
                    routes.add("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))

    walk(get_resolver().url_patterns, "", None)
    return routes


def test_the_schema_is_valid_openapi_and_generates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_the_schema_is_served_as_json_and_yaml(client):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    served = json.loads(response.content)
    assert served["openapi"].startswith("3.1")
    assert served["paths"].keys() == openapi_schema("en")["paths"].keys()
    assert served["info"]["license"] == django_settings.OPEN_DATA_LICENCE
    yaml = client.get(reverse("api:schema"), {"format": "yaml"})
    assert yaml.status_code == 200 and yaml.content.startswith(b"openapi: 3.1")


def test_the_schema_follows_the_requested_language(client):
    english = client.get(reverse("api:schema"), {"lang": "en"}).json()
    korean = client.get(reverse("api:schema"), {"lang": "ko"}).json()
    assert english["paths"].keys() == korean["paths"].keys()


def test_every_api_address_is_in_the_schema_and_nothing_else(schema):
    assert set(schema["paths"]) == api_routes()


def test_every_field_and_parameter_is_described(schema):
    undescribed = []
    for name, component in schema["components"]["schemas"].items():
        for field, field_schema in component.get("properties", {}).items():
            if not field_schema.get("description", "").strip():
                undescribed.append(f"{name}.{field}")
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if not operation.get("summary"):
                undescribed.append(f"{method} {path}")
            for parameter in operation.get("parameters", []):
                if not parameter.get("description", "").strip():
                    undescribed.append(f"{method} {path} ?{parameter['name']}")
    assert not undescribed


def sample_value(parameter, world):
    """A valid value for a documented query parameter."""
    name, schema = parameter["name"], parameter["schema"]
    objects = {
        "challenge": world["challenge"],
        "proposal": world["accepted"],
        "pilot": world["concluded"],
        "standard_model": world["model"],
    }
    if name in objects:
        return objects[name].pk
    if name in ("page", "page_size"):
        return 1
    if schema.get("format") == "date-time":
        return (timezone.now() - timedelta(days=1)).isoformat()
    enum = schema.get("enum") or schema.get("items", {}).get("enum")
    if enum:
        return enum[-1]
    if schema.get("type") == "boolean":
        return "true"
    return {"category": "testing", "region": "daegu", "kind": "local_government"}.get(name, "daegu")


def listed_ids(client, path):
    """Ids of the objects the collection of a detail path lists."""
    return [item["id"] for item in client.get(path.split("{id}")[0], {"page_size": 200}).json()["results"]]


def validated(client, openapi, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, params, response.content[:300])
    request = DjangoOpenAPIRequest(response.wsgi_request)
    openapi.validate_request(request)
    openapi.validate_response(request, DjangoOpenAPIResponse(response))
    return response


def test_every_endpoint_with_every_parameter_answers_as_the_schema_says(client, openapi, schema, world):
    walked = set()
    for path, item in schema["paths"].items():
        operation = item["get"]
        if "{id}" in path:
            pks = listed_ids(client, path)
            assert pks, path
            for pk in pks:
                validated(client, openapi, path.replace("{id}", str(pk)))
        else:
            response = validated(client, openapi, path)
            if "results" in response.json():
                assert response.json()["count"] > 0, path
            for parameter in operation.get("parameters", []):
                validated(client, openapi, path, {parameter["name"]: sample_value(parameter, world)})
        walked.add(path)
    assert walked == api_routes()


def test_the_validation_catches_an_answer_that_breaks_the_schema(client, openapi, world):
    response = client.get(reverse("api:proposal_detail", args=[world["accepted"].pk]))
    broken = response.json()
    broken["support_count"] = "many"
    broken["author"]["email"] = None
    response.content = json.dumps(broken).encode()
    request = DjangoOpenAPIRequest(response.wsgi_request)
    with pytest.raises(InvalidData):
        openapi.validate_response(request, DjangoOpenAPIResponse(response))


def test_the_documentation_page_shows_every_endpoint_and_object_without_a_cdn(client, schema):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    for path in schema["paths"]:
        assert f"GET {path}" in html
    for name in schema["components"]["schemas"]:
        if name != "NullEnum":
            assert f'id="schema-{name}"' in html
    assert "Whether staff verified them as a field expert." in html
    # Resources (scripts, styles, images) come from the site itself; links may go anywhere.
    loaded = re.findall(r'(?:src="|<link [^>]*href=")(https?://[^"]+)"', html)
    assert not [url for url in loaded if not url.startswith("http://testserver/")]


def test_the_documentation_page_follows_the_language(client):
    response = client.get(reverse("api:docs"), headers={"Accept-Language": "ko"})
    assert response.status_code == 200
    assert '<html lang="ko">' in response.content.decode()
