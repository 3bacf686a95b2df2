"""Uploaded photos keep no location or camera metadata: not the stored original, not a rendition
in any format. Orientation and the colour profile stay, so the picture still shows upright and in
its colours. A decompression bomb is a form error, and originals stored before the cleaning
existed are cleaned by `manage.py strip_image_metadata`."""

import io
import json
import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import ExifTags, ImageCms
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import UploadedFile

from tests import test_upload_limits
from tests.test_upload_limits import form_errors, upload_image

# What a phone writes, each as a string that must not survive anywhere.
MAKE, MODEL, SOFTWARE = "GeoCam", "Tracker 3000", "GeoCam Firmware 7"
XMP_POSITION = "47,55.1234N"
XMP = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""'
    f' xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="{XMP_POSITION}"'
    ' exif:GPSLongitude="106,55.5678E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
IPTC_CITY = "Sukhbaatar Square"
COMMENT = "Taken at the district office"
TRACES = [MAKE, MODEL, SOFTWARE, XMP_POSITION, IPTC_CITY, COMMENT, "ns.adobe.com/xap"]
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
RED, BLUE = (220, 20, 30), (20, 40, 220)
# A landscape picture, red above blue, stored sideways: orientation 6 turns it upright (portrait,
# red on the right once turned a quarter clockwise).
STORED_SIZE, ROTATED = (60, 40), 6
SERVED_RENDITIONS = ["format-jpeg", "fill-1200x630|format-jpeg", "fill-200x200", "format-webp", "width-800"]


editor_client = test_upload_limits.editor_client  # the signed-in editor of the upload tests


def phone_exif(orientation=ROTATED):
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model], exif[ExifTags.Base.Software] = MAKE, MODEL, SOFTWARE
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.DateTime] = "2024:05:01 10:00:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", (47.0, 55.0, 7.0)
    gps[ExifTags.GPS.GPSLongitudeRef], gps[ExifTags.GPS.GPSLongitude] = "E", (106.0, 55.0, 34.0)
    return exif


def two_colour_picture():
    picture = PILImage.new("RGB", STORED_SIZE, RED)
    picture.paste(BLUE, (0, STORED_SIZE[1] // 2, STORED_SIZE[0], STORED_SIZE[1]))
    return picture


def jpeg_segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def phone_jpeg():
    """A JPEG as a phone writes it: EXIF with GPS and camera, XMP, IPTC, a comment, an ICC
    profile, and a second picture after the first (multi-picture JPEG) with EXIF of its own."""
    buffer = io.BytesIO()
    two_colour_picture().save(buffer, "JPEG", quality=95, exif=phone_exif(), xmp=XMP.encode(), icc_profile=ICC)
    buffer.seek(0)
    PILImage.open(buffer).verify()
    data = buffer.getvalue()
    iptc = jpeg_segment(0xED, b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + IPTC_CITY.encode())
    comment = jpeg_segment(0xFE, COMMENT.encode())
    preview = io.BytesIO()
    PILImage.new("RGB", (8, 8), RED).save(preview, "JPEG", exif=phone_exif())
    return data[:2] + iptc + comment + data[2:] + preview.getvalue()


def phone_png():
    """A PNG with tEXt, zTXt and iTXt chunks (one of them an XMP packet with a position), an eXIf
    chunk with GPS and camera, and an ICC profile."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Software", SOFTWARE)
    info.add_text("Comment", COMMENT, zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP)
    info.add_itxt("Location", IPTC_CITY, lang="en")
    buffer = io.BytesIO()
    two_colour_picture().save(buffer, "PNG", pnginfo=info, exif=phone_exif(), icc_profile=ICC)
    return buffer.getvalue()


def phone_image(fmt):
    """A WebP or AVIF file with EXIF (GPS, camera), XMP and an ICC profile."""
    buffer = io.BytesIO()
    two_colour_picture().save(buffer, fmt, exif=phone_exif(), xmp=XMP.encode(), icc_profile=ICC, quality=90)
    return buffer.getvalue()


def assert_no_metadata(data, what):
    for trace in TRACES:
        assert trace.encode() not in data, f"{what} still carries {trace!r}"
    with PILImage.open(io.BytesIO(data)) as picture:
        exif = picture.getexif()
        assert set(exif) <= {ExifTags.Base.Orientation}, f"{what} keeps EXIF tags {sorted(exif)}"
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo), f"{what} keeps a GPS position"
        assert not picture.info.get("xmp"), f"{what} keeps XMP"
        assert not getattr(picture, "text", None), f"{what} keeps text chunks {picture.text}"
        assert not [
            name for name, _ in getattr(picture, "applist", []) if name not in ("APP0", "APP1", "APP2", "APP14")
        ]
        assert "comment" not in picture.info, f"{what} keeps a comment"
    if data.startswith(b"\x89PNG"):
        for chunk in (b"tEXt", b"zTXt", b"iTXt"):
            assert chunk not in data, f"{what} keeps a {chunk.decode()} chunk"


def displayed(data):
    """The picture as a browser shows it: turned by its orientation, in RGB."""
    from PIL import ImageOps

    with PILImage.open(io.BytesIO(data)) as picture:
        return ImageOps.exif_transpose(picture).convert("RGB")


def assert_upright(data, what, size=(40, 60)):
    """Portrait once turned, with the red half on the right and the blue half on the left."""
    picture = displayed(data)
    assert picture.size == size, f"{what} is {picture.size}, not upright"
    width, height = size
    right, left = picture.getpixel((width * 7 // 8, height // 2)), picture.getpixel((width // 8, height // 2))
    assert right[0] > 150 > right[2] and left[2] > 150 > left[0], f"{what} is turned the wrong way"


def stored(field_file):
    field_file.open("rb")
    try:
        return field_file.read()
    finally:
        field_file.close()


def assert_clean_everywhere(image, icc=True):
    original = stored(image.file)
    assert_no_metadata(original, "the original")
    with PILImage.open(io.BytesIO(original)) as picture:
        if icc:
            assert picture.info.get("icc_profile") == ICC, "the original lost its colour profile"
    image.refresh_from_db()
    assert image.file_size == len(original)
    for spec in SERVED_RENDITIONS:
        rendition = image.get_rendition(spec)
        data = stored(rendition.file)
        assert_no_metadata(data, f"the {spec} rendition")
        assert displayed(data).size[0] < displayed(data).size[1] or "fill" in spec, f"{spec} is not upright"
    assert_upright(stored(image.get_rendition("format-jpeg").file), "the format-jpeg rendition")
    return original


def upload_multiple(client, name, content, **fields):
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content), "collection": 1, **fields},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.mark.django_db
def test_a_phone_jpeg_uploaded_with_the_multiple_uploader_keeps_no_metadata(editor_client):
    content = phone_jpeg()
    assert MAKE.encode() in content and XMP_POSITION.encode() in content
    result = upload_multiple(editor_client, "phone.jpg", content)
    assert result["success"], result
    image = Image.objects.get(pk=result["image_id"])
    original = assert_clean_everywhere(image)
    assert_upright(original, "the original")
    with PILImage.open(io.BytesIO(original)) as picture:
        assert picture.getexif()[ExifTags.Base.Orientation] == ROTATED
    # Lossless: the picture itself is exactly what was uploaded.
    assert displayed(original).tobytes() == displayed(content).tobytes()
    assert (image.width, image.height) == STORED_SIZE


@pytest.mark.django_db
def test_a_png_with_text_chunks_uploaded_on_the_add_form_keeps_no_metadata(editor_client):
    content = phone_png()
    assert b"iTXt" in content and b"tEXt" in content and b"eXIf" in content
    response = upload_image(editor_client, "scan.png", content)
    assert response.status_code == 302, form_errors(response)
    original = assert_clean_everywhere(Image.objects.get())
    assert_upright(original, "the original")
    assert displayed(original).tobytes() == displayed(content).tobytes()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt,name", [("WEBP", "photo.webp"), ("AVIF", "photo.avif")])
def test_webp_and_avif_uploaded_from_the_chooser_keep_no_metadata(editor_client, fmt, name):
    content = phone_image(fmt)
    assert MAKE.encode() in content and XMP_POSITION.encode() in content
    response = editor_client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "A photo",
            "image-chooser-upload-file": SimpleUploadedFile(name, content),
            "image-chooser-upload-collection": 1,
        },
    )
    assert response.status_code == 200
    assert json.loads(response.content)["step"] == "chosen", response.content[:500]
    original = assert_clean_everywhere(Image.objects.get())
    assert_upright(original, "the original")


@pytest.mark.django_db
def test_a_replacement_file_on_the_edit_form_keeps_no_metadata(editor_client):
    assert upload_image(editor_client, "plain.png", phone_png()).status_code == 302
    image = Image.objects.get()
    response = editor_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "A photo", "file": SimpleUploadedFile("phone.jpg", phone_jpeg()), "collection": 1},
    )
    assert response.status_code == 302, form_errors(response)
    image.refresh_from_db()
    assert image.file.name.endswith(".jpg")
    assert_clean_everywhere(image)


@pytest.mark.django_db
def test_an_upload_finished_in_the_multiple_uploaders_second_step_keeps_no_metadata(editor_client):
    # A field other than the file is refused (here a title that is too long), so the uploader
    # keeps the file as it came and asks for the rest: the file reaches storage past the form.
    result = upload_multiple(editor_client, "phone.jpg", phone_jpeg(), title="A" * 300)
    assert result["success"] and "uploaded_file_id" in result, result
    upload = UploadedFile.objects.get(pk=result["uploaded_file_id"])
    response = editor_client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk]),
        {f"uploaded-image-{upload.pk}-title": "A photo", f"uploaded-image-{upload.pk}-collection": 1},
    )
    assert json.loads(response.content)["success"], response.content[:500]
    image = Image.objects.get()
    assert_clean_everywhere(image)
    assert image.file_hash and image.file_size == image.file.size


def cut_jpeg():
    """A JPEG cut off in its picture data: its header reads, the picture does not."""
    content = phone_jpeg()
    cut = content[: content.index(b"\xff\xd9") - 50]
    with PILImage.open(io.BytesIO(cut)) as picture:
        assert picture.size == STORED_SIZE, "the test needs a header that reads"
    return cut


def padded_jpeg():
    """A JPEG with stray bytes between two segments: decoders skip them, but where the segments
    after them start (and whether one of them is metadata) is a guess."""
    content = phone_jpeg()
    after_first_segment = 4 + struct.unpack(">H", content[4:6])[0]
    padded = content[:after_first_segment] + b"\xff\x00" + content[after_first_segment:]
    with PILImage.open(io.BytesIO(padded)) as picture:
        picture.load()  # the test needs a picture that decodes
    return padded


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,make,error",
    [
        ("cut.jpg", cut_jpeg, "Upload a valid image"),
        ("padded.jpg", padded_jpeg, "could not be read to remove its location and camera data"),
    ],
)
def test_an_image_that_cannot_be_read_or_cleaned_is_a_form_error(editor_client, name, make, error):
    errors = form_errors(upload_image(editor_client, name, make()))
    assert error in errors
    assert not Image.objects.exists()


def metadata_in_storage(image):
    """Put the phone's JPEG in place of an image's original, as an upload stored before the
    cleaning existed: straight into storage and the database, past every save signal."""
    name = image.file.storage.save("original_images/old-phone.jpg", ContentFile(phone_jpeg()))
    Image.objects.filter(pk=image.pk).update(file=name, file_size=None, file_hash="")
    image.refresh_from_db()
    return name


@pytest.mark.django_db
def test_the_command_cleans_originals_stored_with_metadata_and_their_renditions(
    editor_client, django_capture_on_commit_callbacks
):
    assert upload_image(editor_client, "old.png", phone_png()).status_code == 302
    clean_image = Image.objects.get()
    clean_name = clean_image.file.name
    image = Image.objects.create(title="Old", file=ContentFile(phone_png(), name="old-phone.png"))
    dirty_name = metadata_in_storage(image)
    assert MAKE.encode() in stored(image.file)
    dirty_rendition = image.get_rendition("format-jpeg")
    dirty_rendition_name = dirty_rendition.file.name
    assert MAKE.encode() in stored(dirty_rendition.file), "the test needs a rendition made from metadata"

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("strip_image_metadata", stdout=out)
    assert "1 image cleaned" in out.getvalue(), out.getvalue()
    image.refresh_from_db()
    assert image.file.name != dirty_name
    assert not image.file.storage.exists(dirty_name)
    assert not image.file.storage.exists(dirty_rendition_name)
    assert not image.renditions.filter(pk=dirty_rendition.pk).exists()
    assert_clean_everywhere(image)
    assert image.file_size == image.file.size and image.file_hash
    assert Image.objects.get(pk=clean_image.pk).file.name == clean_name, "a clean image is left alone"

    again = io.StringIO()
    call_command("strip_image_metadata", stdout=again)
    assert "0 images cleaned" in again.getvalue(), again.getvalue()
    image.refresh_from_db()
    assert image.file.name != dirty_name and image.renditions.exists()


def png_bomb(side=20000):
    """A 20000 x 20000 black-and-white PNG: 400 megapixels in a few hundred kilobytes."""

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    compressor, row = zlib.compressobj(9), b"\x00" * (1 + side // 8)
    pixels = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def bomb():
    content = png_bomb()
    assert len(content) < 1024 * 1024
    return content


@pytest.mark.django_db
def test_a_decompression_bomb_is_a_form_error_on_the_add_form(editor_client, bomb):
    errors = form_errors(upload_image(editor_client, "bomb.png", bomb))
    assert "too many pixels" in errors and "40000000" in errors
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused_by_the_multiple_uploader(editor_client, bomb):
    result = upload_multiple(editor_client, "bomb.png", bomb)
    assert result["success"] is False
    assert "too many pixels" in result["error_message"] and "40000000" in result["error_message"]
    assert not Image.objects.exists() and not UploadedFile.objects.exists()
