"""Random and hostile input for the fuzz tests (tests/test_fuzz_forms.py), as hypothesis strategies.

Text from all of Unicode (NUL, lone surrogates, right-to-left marks, digits that ``int()`` and
``str.isdigit()`` disagree on), strings far beyond ``maxlength``, text where numbers, dates or
choices belong, ids of nothing and of other people's objects, damaged and disguised uploads; and
the forms they go to, read from the page a person would fill in (``page_form``).
"""

import io
import struct
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st
from PIL import Image

# --- Text, numbers, dates, ids ------------------------------------------------------

TRICKY_TEXT = [
    "\x00",
    "before\x00after",
    "\u202eevil\u202c",  # right-to-left override
    "\u200f\u200e\u200b\u2060\ufeff",  # direction marks, zero-width characters, BOM
    "\ufffd",
    "e" + "\u0301" * 200,  # a tower of combining accents
    "²",  # isdigit() but not int()
    "١٢٣",  # Arabic-Indic digits: int() takes them
    "１２３",  # full-width digits
    "𝟙𝟚",
    "½",
    "한국어 제안",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ request }}{% debug %}",
    "%(title)s %s %n",
    "'; DROP TABLE proposals_proposal; --",
    "\\",
    "../../../../etc/passwd",
    "line\r\nSet-Cookie: injected=1",
    "javascript:alert(1)",
    "//evil.example/",
    "https://evil.example/",
    " ",
    "\t\r\n",
]
NUMBER_TEXT = [
    "0",
    "-1",
    "-0",
    "1.5",
    "1,5",
    "1e400",
    "NaN",
    "sNaN",
    "inf",
    "-Infinity",
    "1_000",
    "0x10",
    "+1",
    " 7 ",
    "9" * 40,
    str(2**31),
    str(2**63 - 1),
    str(2**63),
    str(2**64),
    str(-(2**63) - 1),
]
DATE_TEXT = [
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-2020-01-01",
    "2020-02-30",
    "2020-13-01",
    "2020-1-1",
    "01/02/2020",
    "2020-02-29T25:61",
    "today",
]

# Lone surrogates cannot be written as UTF-8; they are sent percent-encoded ("surrogatepass"),
# which is what a broken client sends, and arrive as invalid UTF-8.
any_character = st.one_of(st.characters(), st.characters(categories=["Cs"]))


def hostile_text(max_length=None):
    options = [
        st.sampled_from(TRICKY_TEXT + NUMBER_TEXT + DATE_TEXT),
        st.text(any_character, max_size=60),
        st.just("x" * 100_000),
    ]
    if max_length:
        # Just over the limit and far over it, in characters of one, two and three UTF-8 bytes.
        options.append(st.sampled_from(["a", "é", "한"]).map(lambda char: char * (max_length + 1)))
        options.append(st.sampled_from(["a", "한"]).map(lambda char: char * (max_length * 10)))
    return st.one_of(options)


def plain_text(max_length=None):
    return st.text(
        st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1, max_size=max_length or 300
    )


EDGE_IDS = ["0", "-1", "999999", str(2**31), str(2**63 - 1), str(2**63), "1" + "0" * 30]


def ids(existing):
    """Ids of real objects (including other people's) and of nothing."""
    return st.sampled_from(sorted({str(pk) for pk in existing}) + EDGE_IDS)


# --- Uploads --------------------------------------------------------------------------


def _image(fmt, size=(2, 2)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, fmt)
    return buffer.getvalue()


def _png_claiming(width, height):
    """A PNG whose header claims ``width`` x ``height`` pixels (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    header = struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    rest = _image("PNG")[33:]  # the tiny image's data and end chunks
    return b"\x89PNG\r\n\x1a\n" + header + rest


PNG = _image("PNG")
JPEG = _image("JPEG")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
VALID_UPLOADS = [("photo.png", PNG), ("photo.jpg", JPEG), ("evidence.pdf", PDF)]
HOSTILE_UPLOADS = [
    b"",
    PNG[:40],  # truncated
    PNG[:16] + b"\x00" * 64,  # a PNG header on nothing
    JPEG[:20],
    b"%PDF-1.4\nno end of file marker",
    _png_claiming(30_000, 30_000),  # Pillow's own bomb limit
    _png_claiming(7_000, 7_000),  # over the platform's pixel limit, under Pillow's
    PNG + b"<script>alert(1)</script>",
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b"<!DOCTYPE html><script>alert(1)</script>",
    b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    b"PK\x03\x04" + b"\x00" * 26,
    b"\x00" * 512,
]
UPLOAD_NAMES = [
    "photo.png",
    "evidence.pdf",
    "../../../../etc/passwd",
    "..\\..\\boot.ini",
    "x" * 300 + ".png",
    "évidence 한글.pdf",
    ".htaccess",
    "shell.php.png",
    "CON",
    "\u202egnp.exe",
    "a;b=c.png",
]
CONTENT_TYPES = ["image/png", "image/jpeg", "application/pdf", "text/html", "image/svg+xml", "application/octet-stream"]


def _upload(name, content, content_type):
    return SimpleUploadedFile(name, content, content_type=content_type)


def valid_upload():
    return st.sampled_from(VALID_UPLOADS).map(
        lambda item: _upload(item[0], item[1], "image/png" if item[0].endswith("png") else "application/octet-stream")
    )


def hostile_upload():
    limit = settings.FIELDWORK["MAX_ATTACHMENT_BYTES"]
    contents = st.one_of(
        st.sampled_from(HOSTILE_UPLOADS + [content for _name, content in VALID_UPLOADS]),
        st.binary(max_size=2048),
        st.just(PNG + b"\x00" * limit),  # one byte too many, with a valid image in front
    )
    return st.builds(_upload, st.sampled_from(UPLOAD_NAMES), contents, st.sampled_from(CONTENT_TYPES))


# --- Forms as a person sees them ------------------------------------------------------

TEXT_KINDS = {"text", "search", "textarea", "url", "tel"}
CHOICE_KINDS = {"select", "radio", "checkbox", "submit"}


@dataclass
class Control:
    """One named field of an HTML form, with what a browser would send for it untouched."""

    name: str
    kind: str  # the input type, "textarea" or "select"
    defaults: list = field(default_factory=list)
    options: list = field(default_factory=list)
    maxlength: int | None = None
    multiple: bool = False


def page_form(html, page_url, target_path):
    """The controls of the POST form on the page whose action is ``target_path``, and its action URL."""
    soup = BeautifulSoup(html, "html.parser")
    for form in soup.find_all("form"):
        if form.get("method", "get").lower() != "post":
            continue
        action = form.get("action") or page_url
        if urlsplit(action).path == target_path:
            return action, _controls(form)
    return None, []


def _controls(form):
    controls = {}
    for element in form.find_all(["input", "select", "textarea", "button"]):
        name = element.get("name")
        if not name or name == "csrfmiddlewaretoken" or element.has_attr("disabled"):
            continue
        if element.name == "input":
            kind = element.get("type", "text").lower()
        elif element.name == "button":
            if element.get("type", "submit").lower() != "submit":
                continue
            kind = "submit"
        else:
            kind = element.name
        control = controls.setdefault(name, Control(name=name, kind=kind))
        if element.has_attr("maxlength") and element["maxlength"].isdigit():
            control.maxlength = int(element["maxlength"])
        if kind in ("radio", "checkbox", "submit"):
            value = element.get("value", "on")
            control.options.append(value)
            if element.has_attr("checked"):
                control.defaults.append(value)
            control.multiple = control.multiple or kind == "checkbox"
        elif kind == "select":
            options = element.find_all("option")
            control.options = [option.get("value", option.text) for option in options]
            control.multiple = element.has_attr("multiple")
            selected = [option.get("value", option.text) for option in options if option.has_attr("selected")]
            control.defaults = selected or (control.options[:1] if not control.multiple else [])
        elif kind == "textarea":
            text = element.text
            control.defaults = [text[1:] if text.startswith("\n") else text]
        elif kind == "file":
            control.multiple = element.has_attr("multiple")
        else:
            control.defaults.append(element.get("value", ""))
    return list(controls.values())


def filled(control):
    """What a person fills in where the page leaves a field empty (the baseline submission)."""
    if any(control.defaults) or control.kind in ("hidden", "checkbox", "submit", "file", "password", "email"):
        return control.defaults
    if control.kind in CHOICE_KINDS:
        return [option for option in control.options if option][:1]
    return {"number": ["3"], "date": ["2030-01-02"]}.get(control.kind, ["A plain answer."])


def valid_value(control, known):
    """A value of the right kind: one of the offered options, a number, a date, plain text."""
    if control.kind in CHOICE_KINDS and control.options:
        return st.sampled_from(control.options)
    if control.kind == "number":
        return st.one_of(st.integers(-5, 5000).map(str), st.decimals(0, 10_000, places=2).map(str))
    if control.kind == "date":
        return st.dates().map(lambda day: day.isoformat())
    if control.kind in ("email", "password") or control.name in known:
        return st.sampled_from(known.get(control.name) or known[control.kind])
    return plain_text(control.maxlength)


def hostile_value(control, existing_ids):
    return st.one_of(hostile_text(control.maxlength), ids(existing_ids))


# Names of model fields no form offers: a form that trusted them would let anyone set them.
MASS_ASSIGNMENT = [
    "id",
    "pk",
    "status",
    "author",
    "user",
    "reviewer",
    "owner",
    "is_staff",
    "is_superuser",
    "support_count",
    "comment_count",
    "hidden_at",
    "verified_at",
    "organisation",
    "created_by",
]
# Query parameters some views read even on POST (the return address, ids to preselect).
QUERY_NAMES = ["next", "exclude", "challenge", "proposal", "page", "q", "lang"]


@dataclass
class Submission:
    pairs: list
    files: list = field(default_factory=list)
    query: dict = field(default_factory=dict)
    htmx: bool = False
    multipart: bool = False
    headers: dict = field(default_factory=dict)

    def post(self, client, url):
        if self.query:
            url += ("&" if "?" in url else "?") + urlencode(self.query, errors="surrogatepass")
        headers = dict(self.headers)
        if self.htmx:
            headers.update({"HX-Request": "true", "HX-Current-URL": "http://testserver/"})
        if self.multipart or self.files:
            data = {}
            for name, value in self.pairs:
                data.setdefault(name, []).append(value.encode("utf-8", "replace").decode("utf-8"))
            for name, upload in self.files:
                upload.seek(0)
                data.setdefault(name, []).append(upload)
            return client.post(url, data, headers=headers)
        body = urlencode(self.pairs, encoding="utf-8", errors="surrogatepass")
        return client.post(url, body, content_type="application/x-www-form-urlencoded", headers=headers)


HOW = ("baseline", "valid", "hostile", "id", "missing", "duplicate")
# How hostile a submission is overall: mostly right with a few bad fields, or bad throughout.
TEMPERS = {"valid": HOW[:2], "mixed": HOW, "hostile": HOW[2:]}


@st.composite
def submissions(draw, controls, baseline, existing_ids, known):
    """A submission of the form: each field as the page has it, valid, hostile, missing or repeated."""
    allowed = TEMPERS[draw(st.sampled_from(list(TEMPERS)))]
    pairs, files = [], []
    for control in controls:
        how = draw(st.sampled_from(allowed))
        if control.kind == "file":
            uploads = {
                "baseline": st.just([]),
                "valid": st.lists(valid_upload(), min_size=1, max_size=2),
                "missing": st.just([]),
            }.get(how, st.lists(hostile_upload(), min_size=1, max_size=3))
            files.extend((control.name, upload) for upload in draw(uploads))
            continue
        values = {
            "baseline": st.just(baseline.get(control.name, [])),
            "valid": st.lists(valid_value(control, known), min_size=1, max_size=2 if control.multiple else 1),
            "hostile": hostile_value(control, existing_ids).map(lambda value: [value]),
            "id": ids(existing_ids).map(lambda value: [value]),
            "missing": st.just([]),
            "duplicate": st.lists(
                st.one_of(valid_value(control, known), hostile_value(control, existing_ids)), min_size=2, max_size=3
            ),
        }[how]
        pairs.extend((control.name, value) for value in draw(values))
    extra = st.tuples(st.sampled_from(MASS_ASSIGNMENT), st.one_of(ids(existing_ids), hostile_text()))
    pairs.extend(draw(st.lists(extra, max_size=2)))
    query = draw(st.dictionaries(st.sampled_from(QUERY_NAMES), hostile_text(), max_size=2))
    headers = draw(
        st.fixed_dictionaries(
            {},
            optional={
                # As a WSGI server passes header bytes on: each byte one character (PEP 3333).
                "Referer": hostile_text().map(lambda text: text.encode("utf-8", "surrogatepass").decode("latin-1")),
                "Accept-Language": st.sampled_from(["ko", "*", "xx-invalid;q=2", "en;q=0.5," * 200, "\u00e9"]),
            },
        )
    )
    return Submission(
        pairs=pairs, files=files, query=query, htmx=draw(st.booleans()), multipart=draw(st.booleans()), headers=headers
    )
