"""Object storage for uploads (settings.STORAGES["default"] when AWS_STORAGE_BUCKET_NAME is set).

Each object is written with the headers S3 will answer with (docs/security.md, "Safe
content"): its content type, ``X-Content-Type-Options``-proof by being exact, and
``Content-Disposition: attachment`` for anything that is not an image, so a PDF or a document
opened from the bucket downloads instead of rendering. The app links to signed URLs that set
the same headers again (``ideas.proposals.files``).
"""

import mimetypes

from storages.backends.s3 import S3Storage

INLINE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/avif")


class MediaStorage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        parameters.setdefault("ContentType", content_type)
        if parameters["ContentType"] not in INLINE_TYPES:
            parameters.setdefault("ContentDisposition", "attachment")
        return parameters
