"""schemathesis against the open-data API's OpenAPI schema (/api/schema/), in this process.

Every operation of the schema, with generated valid and invalid parameters: no server error,
every answer's status code documented, its content type and body as the schema says. The
example budget is the hypothesis profile's (HYPOTHESIS_PROFILE, tests/conftest.py).
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from .test_api import build_open_data_world

schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())


@pytest.fixture
def open_data(db, make_proposal, organisation, other_organisation, staff, official):
    build_open_data_world(make_proposal, organisation, other_organisation, staff, official)
    # As Django's test client does: a request must not close the connection that holds the
    # test's transaction (the data above).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Not checked: that every invalid request is refused and every valid one answered 2xx. Like
# Django's filters, the API reads an empty or unusable optional parameter (`?page_size=x`,
# `?updated_since=`) as absent, and a page beyond the last answers 404 (documented).
LENIENT = [negative_data_rejection, positive_data_acceptance]


@schema.parametrize()
def test_the_api_answers_every_request_as_its_schema_says(case, open_data):
    case.call_and_validate(excluded_checks=LENIENT)
