"""Checks on uploaded attachments, by content: the file name is never trusted.

Images are then drawn again by Pillow (docs/security.md, "Safe content"): turned upright by
their EXIF orientation, then saved without EXIF (a phone photo's GPS position, camera and
time), XMP, comments or anything after the image data, so what is stored is pixels and
nothing else. Only the colour profile stays, so colours look the same.
"""

from io import BytesIO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import Attachment

MAX_IMAGE_PIXELS = 40_000_000
PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}


def _too_many_pixels(upload, width=None, height=None):
    limit = {"limit": MAX_IMAGE_PIXELS // 1_000_000, "name": upload.name}
    if width is None:
        return ValidationError(_("“%(name)s” has too many pixels: at most %(limit)d megapixels.") % limit)
    return ValidationError(
        _("“%(name)s” is %(width)d × %(height)d pixels: images can have at most %(limit)d megapixels.")
        % {**limit, "width": width, "height": height}
    )


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
                    raise _too_many_pixels(upload, width, height)
                image.verify()
        except Image.DecompressionBombError as exc:  # beyond Pillow's own limit: not even opened
            raise _too_many_pixels(upload) from exc
        except (UnidentifiedImageError, OSError, SyntaxError) as exc:
            raise ValidationError(_("“%(name)s” is a damaged image.") % {"name": upload.name}) from exc
        finally:
            upload.seek(0)
    elif b"%%EOF" not in _tail(upload):
        raise ValidationError(_("“%(name)s” is a damaged PDF document.") % {"name": upload.name})
    return content_type, width, height


def prepare_upload(upload):
    """Check an upload and make what will be stored: (file, (content_type, width, height)).

    A PDF is stored as it came (it is only ever served as a download); an image is re-encoded
    without its metadata."""
    content_type, width, height = inspect_upload(upload)
    if content_type in PILLOW_FORMATS:
        upload, width, height = reencode_image(upload, content_type)
    return upload, (content_type, width, height)


def reencode_image(upload, content_type):
    """The image drawn again, upright and without metadata: (file, width, height)."""
    try:
        with Image.open(upload) as original:
            original.load()
            icc_profile = original.info.get("icc_profile")
            transparency = original.info.get("transparency")
            image = ImageOps.exif_transpose(original)  # a copy, even when already upright
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(_("“%(name)s” is a damaged image.") % {"name": upload.name}) from exc
    finally:
        upload.seek(0)
    # Nothing of the original's metadata goes along but what the pixels need.
    image.info = {} if transparency is None else {"transparency": transparency}
    options = {"icc_profile": icc_profile} if icc_profile else {}
    pillow_format = PILLOW_FORMATS[content_type]
    if pillow_format == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        options.update(quality=90, optimize=True)
    else:
        options.update(optimize=True)
    out = BytesIO()
    image.save(out, pillow_format, **options)
    return ContentFile(out.getvalue(), name=upload.name), image.width, image.height


def _tail(upload, size=2048):
    upload.seek(max(upload.size - size, 0))
    tail = upload.read()
    upload.seek(0)
    return tail
