"""How attachments are served (docs/security.md, "Safe content").

Every attachment goes through ``proposals:attachment``, which checks that the reader may read
its proposal (drafts, held and hidden proposals keep their files private), then answers:

* images (JPEG, PNG: re-encoded on upload, ``uploads.reencode_image``) inline, with their
  checked content type;
* anything else (PDFs) as a download (``Content-Disposition: attachment``), so a PDF never
  opens inside the site's origin;
* always ``X-Content-Type-Options: nosniff`` and a policy of its own that lets nothing run
  (``sandbox``) even if a browser were to render the file as a page.

On disk the file is streamed by Django. With object storage the answer is a redirect to a
short-lived signed URL whose response headers S3 sets from the signature (content type and
disposition); the objects carry the same headers from their upload (``ideas.core.storage``).
"""

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

FILE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def attachment_response(attachment, *, public):
    storage = attachment.file.storage
    inline = attachment.is_image
    if _is_object_storage(storage):
        response = HttpResponseRedirect(storage.url(attachment.file.name, parameters=_s3_parameters(attachment)))
    else:
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(
            handle,
            as_attachment=not inline,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_POLICY
    if public:
        patch_cache_control(response, public=True, max_age=300)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _is_object_storage(storage):
    return storage.__class__.__module__.startswith("storages.") or hasattr(storage, "bucket_name")


def _s3_parameters(attachment):
    return {
        "ResponseContentType": attachment.content_type,
        "ResponseContentDisposition": content_disposition_header(not attachment.is_image, attachment.original_name),
    }
