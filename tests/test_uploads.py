"""Uploaded attachments (docs/security.md, "Safe content"): checked by content, images drawn
again without their metadata (a phone photo's GPS position above all), PDFs served as
downloads, every file served with nosniff and a policy that lets nothing run, size and pixel
limits with a clear message."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, ImageChops, ImageStat, PngImagePlugin

from ideas.proposals.models import Attachment, Proposal

from .test_proposal_journey import form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer <<>>\n%%EOF\n"
LATITUDE, LONGITUDE = (35.0, 52.0, 16.0), (128.0, 36.0, 6.0)  # Daegu


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def gradient(width=40, height=20):
    """An image whose every pixel differs, so a rotation or a shift would show."""
    image = Image.new("RGB", (width, height))
    image.putdata([(x * 6, y * 12, 128) for y in range(height) for x in range(width)])
    return image


def phone_photo(orientation=6):
    """A JPEG as a phone writes it: sideways pixels, an orientation tag, GPS, camera, comment."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: LATITUDE,
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: LONGITUDE,
        }
    )
    buffer = io.BytesIO()
    gradient().save(buffer, "JPEG", exif=exif, quality=95, comment=b"taken at home, 12 Dongseong-ro")
    return buffer.getvalue()


def submit(client, citizen, category, region, *files):
    client.force_login(citizen)
    return client.post(
        reverse("proposals:create"), {**form_data(category, region), "save": "1", "attachments": list(files)}
    )


def stored(attachment):
    with attachment.file.open("rb") as handle:
        return handle.read()


def test_a_phone_photo_loses_its_location_and_metadata_but_keeps_its_pixels(client, citizen, category, region):
    original = phone_photo()
    with Image.open(io.BytesIO(original)) as before:  # the fixture really carries a position
        assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] == LATITUDE
    response = submit(client, citizen, category, region, SimpleUploadedFile("IMG_0001.jpg", original, "image/jpeg"))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    data = stored(attachment)
    assert b"PhoneCo" not in data and b"Dongseong" not in data and b"Exif" not in data
    with Image.open(io.BytesIO(data)) as after:
        assert after.format == "JPEG"
        assert not after.getexif()  # no orientation, no camera, no GPS
        assert not after.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "exif" not in after.info and "comment" not in after.info and "xmp" not in after.info
        # Turned upright by its orientation (6: the camera was rotated 90° clockwise) ...
        assert after.size == (20, 40) and (attachment.width, attachment.height) == (20, 40)
        # ... and the same picture: JPEG re-encoding moves each channel by a few levels at most.
        expected = gradient().transpose(Image.Transpose.ROTATE_270)
        difference = ImageChops.difference(after.convert("RGB"), expected)
        assert max(high for _low, high in difference.getextrema()) <= 24
        assert ImageStat.Stat(difference.convert("L")).mean[0] < 3
    assert attachment.size == len(data) and attachment.original_name == "IMG_0001.jpg"


def test_a_png_keeps_every_pixel_and_loses_its_text_and_exif(client, citizen, category, region):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Kim Minji, 010-1234-5678")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>GPS 35.87</x:xmpmeta>")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "ScannerCo"
    buffer = io.BytesIO()
    gradient().save(buffer, "PNG", pnginfo=info, exif=exif)
    # A polyglot: an HTML page after the image's end is dropped with the rest.
    upload = SimpleUploadedFile("chart.png", buffer.getvalue() + b"<script>alert(1)</script>", "image/png")
    assert submit(client, citizen, category, region, upload).status_code == 302
    data = stored(Attachment.objects.get())
    for secret in (b"Kim Minji", b"xmpmeta", b"ScannerCo", b"<script"):
        assert secret not in data
    with Image.open(io.BytesIO(data)) as after:
        assert not after.getexif() and not after.text
        assert ImageChops.difference(after.convert("RGB"), gradient()).getbbox() is None  # identical


def test_a_transparent_png_stays_transparent(client, citizen, category, region):
    image = Image.new("RGBA", (8, 8), (255, 0, 0, 0))
    image.putpixel((1, 1), (0, 0, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    assert submit(client, citizen, category, region, SimpleUploadedFile("logo.png", buffer.getvalue())).status_code
    with Image.open(io.BytesIO(stored(Attachment.objects.get()))) as after:
        assert after.convert("RGBA").getpixel((0, 0))[3] == 0
        assert after.convert("RGBA").getpixel((1, 1)) == (0, 0, 255, 255)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.png", b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"),
        ("photo.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'),
        ("photo.jpg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        ("plan.pdf", b"<html><body>not a PDF</body></html>"),
        ("photo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ],
)
def test_a_disguised_file_is_refused_with_a_clear_message(client, citizen, category, region, name, content):
    response = submit(client, citizen, category, region, SimpleUploadedFile(name, content, "image/png"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"“{name}” is not a JPEG image, a PNG image or a PDF document." in body
    assert "Walk-through testing booths" in body  # what was typed is kept
    assert not Proposal.objects.exists() and not Attachment.objects.exists()


def png_claiming(width, height):
    """A valid tiny PNG whose header claims ``width`` x ``height`` pixels."""
    import struct
    import zlib

    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, "PNG")
    body = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    header = struct.pack(">I", 13) + body + struct.pack(">I", zlib.crc32(body))
    return b"\x89PNG\r\n\x1a\n" + header + buffer.getvalue()[33:]


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        # Over the platform's limit, under Pillow's: the size is named.
        (7000, 7000, "“bomb.png” is 7000 × 7000 pixels: images can have at most 40 megapixels."),
        # Pillow's own decompression-bomb limit: it refuses to open it at all.
        (30000, 30000, "“bomb.png” has too many pixels: at most 40 megapixels."),
    ],
)
def test_a_decompression_bomb_gets_a_form_error_not_a_server_error(
    client, citizen, category, region, width, height, message
):
    response = submit(client, citizen, category, region, SimpleUploadedFile("bomb.png", png_claiming(width, height)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_too_big_an_upload_is_refused_with_the_limit(client, citizen, category, region, settings):
    settings.FIELDWORK = {**settings.FIELDWORK, "MAX_ATTACHMENT_BYTES": 2048}
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * 4000 + b"\n%%EOF\n")
    body = submit(client, citizen, category, region, big).content.decode()
    assert "“scan.pdf” is 3.9\xa0KB; attachments can be at most 2.0\xa0KB." in body
    settings.FIELDWORK = {**settings.FIELDWORK, "MAX_ATTACHMENT_BYTES": 5 * 1024 * 1024, "MAX_ATTACHMENTS": 2}
    files = [SimpleUploadedFile(f"plan{n}.pdf", PDF) for n in range(3)]
    assert (
        "A proposal can have at most 2 attachments."
        in submit(client, citizen, category, region, *files).content.decode()
    )
    assert not Attachment.objects.exists()


def test_the_upload_limits_of_django_and_nginx_fit_the_attachment_limits(settings):
    from pathlib import Path

    limits = settings.FIELDWORK
    # Files above this size go to a temporary file instead of memory; the form's fields are small.
    assert limits["MAX_ATTACHMENT_BYTES"] >= settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE >= 10 * 10_000  # the longest text fields, with room
    nginx = (Path(settings.BASE_DIR) / "deploy" / "nginx.conf").read_text()
    body_limit_mb = int(nginx.split("client_max_body_size ")[1].split("m;")[0])
    assert body_limit_mb * 1024 * 1024 >= limits["MAX_ATTACHMENTS"] * limits["MAX_ATTACHMENT_BYTES"]


@pytest.fixture
def with_files(client, citizen, category, region):
    photo = SimpleUploadedFile("queue photo.jpg", phone_photo(), "image/jpeg")
    pdf = SimpleUploadedFile("floor plan 평면도.pdf", PDF, "application/pdf")
    submit(client, citizen, category, region, photo, pdf)
    proposal = Proposal.objects.get()
    client.post(reverse("proposals:preview", args=[proposal.pk]))  # submitted: public
    client.logout()
    return proposal


def test_a_pdf_is_served_as_a_download_never_sniffed_never_run(client, with_files):
    pdf = with_files.attachments.get(content_type="application/pdf")
    response = client.get(reverse("proposals:attachment", args=[pdf.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''floor%20plan%20%ED%8F%89%EB%A9%B4%EB%8F%84.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF


def test_an_image_is_served_inline_with_its_checked_type(client, with_files):
    image = with_files.attachments.get(content_type="image/jpeg")
    response = client.get(reverse("proposals:attachment", args=[image.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"]
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as served:
        assert not served.getexif()
    page = client.get(with_files.get_absolute_url()).content.decode()
    assert f'src="/attachments/{image.token}/"' in page


def test_a_drafts_files_are_private_to_its_author(client, citizen, other_citizen, category, region):
    submit(client, citizen, category, region, SimpleUploadedFile("plan.pdf", PDF))
    attachment = Attachment.objects.get()
    url = reverse("proposals:attachment", args=[attachment.token])
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    client.force_login(other_citizen)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(reverse("proposals:attachment", args=["0" * 32])).status_code == 404


def test_with_object_storage_the_link_is_signed_with_the_download_headers(client, with_files, settings):
    import boto3  # noqa: F401 - django-storages' S3 backend needs it

    from ideas.core.storage import MediaStorage

    storage = MediaStorage(
        bucket_name="fieldwork-media",
        endpoint_url="http://127.0.0.1:9000",
        access_key="test-key",
        secret_key="test-secret",
        querystring_auth=True,
        addressing_style="path",
        signature_version="s3v4",
    )
    pdf = with_files.attachments.get(content_type="application/pdf")
    field = Attachment._meta.get_field("file")
    original = field.storage
    field.storage = storage
    try:
        pdf = Attachment.objects.get(pk=pdf.pk)
        response = client.get(reverse("proposals:attachment", args=[pdf.token]))
    finally:
        field.storage = original
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"http://127.0.0.1:9000/fieldwork-media/{pdf.file.name}?")
    assert "response-content-disposition=attachment" in location and "X-Amz-Signature=" in location
    assert "response-content-type=application%2Fpdf" in location
    assert response["X-Content-Type-Options"] == "nosniff"


def test_wagtail_documents_download_too(client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.create(title="Checklist", file=ContentFile(PDF, name="checklist.pdf"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
