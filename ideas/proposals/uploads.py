"""Checks on uploaded attachments, by content: the file name is never trusted."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .models import Attachment

MAX_IMAGE_PIXELS = 40_000_000


def inspect_upload(upload):
    """Return (content_type, width, height) of an acceptable upload or raise ValidationError."""
    limit = settings.FIELDWORK["MAX_ATTACHMENT_BYTES"]
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; attachments can be at most %(limit)s.")
            % {"name": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    content_type = kind.mime if kind else None
    if content_type not in Attachment.CONTENT_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a JPEG image, a PNG image or a PDF document.") % {"name": upload.name}
        )
    width = height = None
    if content_type.startswith("image/"):
        try:
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(_("“%(name)s” has too many pixels.") % {"name": upload.name})
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
            raise ValidationError(_("“%(name)s” is a damaged image.") % {"name": upload.name}) from exc
        finally:
            upload.seek(0)
    elif b"%%EOF" not in _tail(upload):
        raise ValidationError(_("“%(name)s” is a damaged PDF document.") % {"name": upload.name})
    return content_type, width, height


def _tail(upload, size=2048):
    upload.seek(max(upload.size - size, 0))
    tail = upload.read()
    upload.seek(0)
    return tail
