"""The Content Security Policy, with the one relaxation Wagtail's admin needs
(docs/security.md, "Safe content").

Every page gets ``settings.CONTENT_SECURITY_POLICY``: scripts and styles from this site's
static files only. Wagtail's page editor builds its widgets with inline scripts and styles
(its bundled vendor.js inserts them), so the paths in ``settings.CSP_ADMIN_PREFIXES`` get the
same policy with ``'unsafe-inline'`` for scripts and styles and ``frame-ancestors 'self'``
(the editor's live preview is an iframe of the admin). Only staff and publishers reach those
paths, and what they show of citizens' text is escaped by Wagtail's templates.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class FieldworkCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(tuple(settings.CSP_ADMIN_PREFIXES)):
            parts.replace = {**settings.CSP_ADMIN_DIRECTIVES, **(parts.replace or {})}
        return parts
