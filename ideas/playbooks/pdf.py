"""The PDF of a standard model's current version, rendered from the print template."""

import logging

from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs (Pango) are missing."""


def render_model_pdf(request, page, context) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:  # the Python package is there, the Pango library is not
        logger.error("PDF rendering unavailable: %s", exc)
        raise PdfUnavailable from exc
    html = render_to_string("playbooks/standard_model_print.html", context, request=request)
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
