"""Form fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing ids too large for the database as invalid instead of failing.

    Django ignores an out-of-range id in a single lookup, not in the ``__in`` query that checks
    several: SQLite raises OverflowError on an id beyond 64 bits before running it.
    """

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError as exc:
            raise ValidationError(
                self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": "…"}
            ) from exc
