"""Uploaded images keep no location or camera metadata.

Every original is cleaned before it is stored: EXIF (GPS position, camera make and model, dates,
thumbnails), XMP, IPTC/Photoshop blocks, comments and PNG text chunks are removed; the colour
profile (ICC) is kept, and so is the orientation, as the only EXIF tag left (the pixels are not
rotated, so nothing is re-encoded). Renditions are made from the clean original, so none of them
can carry what it no longer has: Willow copies the source's EXIF into JPEG and PNG renditions (how
the position used to reach format-jpeg and the share image), and of a clean source that is at most
the orientation, which Wagtail's auto-orient drops once it has turned the pixels.

- JPEG, PNG and WebP are cleaned losslessly, segment by segment or chunk by chunk: the picture
  data is copied as it is, and anything after the end of the picture (e.g. the extra images of a
  multi-picture JPEG, each with its own EXIF) is dropped.
- AVIF keeps its metadata in items that cannot be cut out safely: an AVIF file that carries EXIF
  (beyond its orientation) or XMP is re-encoded with Pillow at quality 90.
- A file that is not one of these formats, whose picture does not decode, or whose segments
  cannot be told apart for sure (where metadata could hide) is refused with a form error.

Two places make sure of it: `ImageForm` (WAGTAILIMAGES_IMAGE_FORM_BASE), which every admin upload
goes through (adding one or many images, the chooser's upload, replacing a file) and which turns
a refused file, or a decompression bomb, into a form error; and a pre_save signal on the image
model for a file stored any other way (the multiple uploader's second step, code, the shell).
`manage.py strip_image_metadata` cleans the originals stored before this existed.
"""

import io
import os
import struct
import zlib

import willow
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import get_image_dimensions
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.utils.file import hash_filelike

from compat.files import is_stored

ORIENTATION = ExifTags.Base.Orientation
AVIF_QUALITY = 90


class ImageMetadataError(ValueError):
    """The file is not an image this module can clean."""


def orientation_of(data):
    """The EXIF orientation (1 to 8; also read from XMP by Pillow), 1 when there is none."""
    try:
        with PILImage.open(io.BytesIO(data)) as image:
            orientation = image.getexif().get(ORIENTATION, 1)
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageMetadataError("not a readable image") from exc
    return orientation if orientation in range(2, 9) else 1


def orientation_exif(orientation):
    """A TIFF block whose only tag is the orientation; empty when there is nothing to say."""
    if orientation == 1:
        return b""
    exif = PILImage.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes().removeprefix(b"Exif\x00\x00")


# JPEG: the segments the picture needs. APP1 (EXIF, XMP), APP13 (IPTC), COM and the other
# application segments go; so does a JFXX APP0 (a thumbnail) and an APP2 that is not a profile.
JPEG_KEPT_APPLICATION_SEGMENTS = {0xE0: b"JFIF\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}
JPEG_STANDALONE_MARKERS = {0x01, *range(0xD0, 0xD8)}


def _jpeg_segments(data):
    """Yield (marker, bytes) for each segment up to the end of the picture; the bytes of a scan
    include its entropy-coded data."""
    if data[:2] != b"\xff\xd8":
        raise ImageMetadataError("not a JPEG file")
    pos = 2
    try:
        while True:
            if data[pos] != 0xFF:
                raise ImageMetadataError("JPEG marker expected")
            while data[pos] == 0xFF:  # fill bytes
                pos += 1
            marker, start = data[pos], pos - 1
            pos += 1
            if marker == 0xD9:
                return
            if marker in JPEG_STANDALONE_MARKERS:
                yield marker, data[start:pos]
                continue
            if marker == 0x00:  # decoders skip such bytes; where the next segment starts is a guess
                raise ImageMetadataError("stray bytes between JPEG segments")
            (length,) = struct.unpack(">H", data[pos : pos + 2])
            pos += length
            if length < 2 or pos > len(data):
                raise ImageMetadataError("truncated JPEG segment")
            if marker == 0xDA:  # start of scan: the coded data runs to the next real marker
                while True:
                    pos = data.index(b"\xff", pos)
                    if data[pos + 1] == 0 or data[pos + 1] in JPEG_STANDALONE_MARKERS:
                        pos += 2
                    else:
                        break
            yield marker, data[start:pos]
    except (IndexError, ValueError, struct.error) as exc:
        if isinstance(exc, ImageMetadataError):
            raise
        raise ImageMetadataError("truncated JPEG file") from exc


def _jpeg_segment_is_kept(marker, segment):
    if marker == 0xFE or 0xE0 <= marker <= 0xEF:
        prefix = JPEG_KEPT_APPLICATION_SEGMENTS.get(marker)
        return prefix is not None and segment[4:].startswith(prefix)
    return True


def strip_jpeg(data, orientation):
    kept = [segment for marker, segment in _jpeg_segments(data) if _jpeg_segment_is_kept(marker, segment)]
    # The orientation goes right after the JFIF header, or first when there is none.
    at = 1 if kept and kept[0].startswith(b"\xff\xe0") else 0
    if exif := orientation_exif(orientation):
        payload = b"Exif\x00\x00" + exif
        kept.insert(at, b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload)
    return b"\xff\xd8" + b"".join(kept) + b"\xff\xd9"


# PNG: the chunks that make the picture (critical, colour, transparency, pixel size, animation).
# Text (tEXt, zTXt, iTXt, including XMP), eXIf, tIME and unknown chunks go.
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEPT_CHUNKS = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB",
    b"cICP", b"mDCV", b"cLLI", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip


def _png_chunk(kind, payload):
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def strip_png(data, orientation):
    if not data.startswith(PNG_SIGNATURE):
        raise ImageMetadataError("not a PNG file")
    kept, pos = [], len(PNG_SIGNATURE)
    while True:
        if pos + 12 > len(data):
            raise ImageMetadataError("truncated PNG file")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk, pos = data[pos : pos + 12 + length], pos + 12 + length
        if kind in PNG_KEPT_CHUNKS:
            kept.append(chunk)
        if kind == b"IHDR" and (exif := orientation_exif(orientation)):
            kept.append(_png_chunk(b"eXIf", exif))
        if kind == b"IEND":
            return PNG_SIGNATURE + b"".join(kept)


# WebP: a RIFF file; EXIF and XMP chunks (and unknown ones) go, and the VP8X header's flags
# say what is left.
WEBP_KEPT_CHUNKS = {b"VP8X", b"ICCP", b"ANIM", b"ANMF", b"ALPH", b"VP8 ", b"VP8L"}
VP8X_EXIF, VP8X_XMP = 0x08, 0x04


def _riff_chunk(kind, payload):
    return kind + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) % 2 else b"")


def strip_webp(data, orientation):
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ImageMetadataError("not a WebP file")
    chunks, pos, end = [], 12, min(len(data), 8 + struct.unpack("<I", data[4:8])[0])
    while pos + 8 <= end:
        kind, (length,) = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])
        payload = data[pos + 8 : pos + 8 + length]
        if len(payload) != length:
            raise ImageMetadataError("truncated WebP file")
        pos += 8 + length + length % 2
        if kind in WEBP_KEPT_CHUNKS:
            chunks.append([kind, payload])
    if not chunks:
        raise ImageMetadataError("a WebP file without a picture")
    exif = orientation_exif(orientation)
    if chunks[0][0] == b"VP8X":
        flags = chunks[0][1][0] & ~(VP8X_EXIF | VP8X_XMP) | (VP8X_EXIF if exif else 0)
        chunks[0][1] = bytes([flags]) + chunks[0][1][1:]
        if exif:
            chunks.append([b"EXIF", exif])
    body = b"WEBP" + b"".join(_riff_chunk(kind, payload) for kind, payload in chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def strip_avif(data, orientation):
    """Re-encoded only when Pillow finds EXIF beyond the orientation, or XMP; an AVIF file's
    orientation lives in its own boxes, which Pillow reads and writes back."""
    with PILImage.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        exif.pop(ORIENTATION, None)
        if not exif and not image.info.get("xmp"):
            return data
        if getattr(image, "n_frames", 1) > 1:
            raise ImageMetadataError("an animated AVIF file with metadata")
        image.load()
        output = io.BytesIO()
        options = {"quality": AVIF_QUALITY, "icc_profile": image.info.get("icc_profile")}
        if exif := orientation_exif(orientation):
            options["exif"] = b"Exif\x00\x00" + exif
        image.save(output, "AVIF", **{key: value for key, value in options.items() if value})
    return output.getvalue()


def _is_avif(data):
    """An ISO media file whose type box names AVIF as its major or a compatible brand."""
    if data[4:8] != b"ftyp":
        return False
    size = struct.unpack(">I", data[:4])[0]
    brands = [data[8:12]] + [data[at : at + 4] for at in range(16, min(size, len(data)), 4)]
    return bool({b"avif", b"avis"} & set(brands))


def strip_image_metadata(data):
    """The file without its metadata (the same bytes when there was none to remove).
    Raises ImageMetadataError for a file it cannot clean."""
    if data.startswith(b"\xff\xd8"):
        strip = strip_jpeg
    elif data.startswith(PNG_SIGNATURE):
        strip = strip_png
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        strip = strip_webp
    elif _is_avif(data):
        strip = strip_avif
    else:
        raise ImageMetadataError("not a JPEG, PNG, WebP or AVIF file")
    try:
        cleaned = strip(data, orientation_of(data))
    except (OSError, SyntaxError) as exc:  # Pillow could not read what the container holds
        raise ImageMetadataError(str(exc)) from exc
    return data if cleaned == data else cleaned


class UploadedImageField(WagtailImageField):
    """Wagtail's image field, whose file comes out without metadata. A decompression bomb (a
    picture of hundreds of megapixels in a small file, which Pillow refuses to open) is a form
    error like any picture of more than WAGTAILIMAGES_MAX_IMAGE_PIXELS."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["file_too_many_pixels_unknown"] = _(
            "This file has far too many pixels. Maximum pixels %(max_pixels_count)s."
        ) % {"max_pixels_count": self.max_image_pixels}
        self.error_messages["uncleanable_image"] = _(
            "This image could not be read to remove its location and camera data. "
            "Export it again as JPEG or PNG and upload that file."
        )

    def to_python(self, data):
        try:
            self.check_header_pixel_size(data)
            uploaded = super().to_python(data)
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
            raise ValidationError(
                self.error_messages["file_too_many_pixels_unknown"], code="file_too_many_pixels"
            ) from exc
        except (OSError, SyntaxError) as exc:  # Pillow could not decode the picture (e.g. cut short)
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc
        return None if uploaded is None else self.without_metadata(uploaded)

    def check_header_pixel_size(self, data):
        """Wagtail's own pixel check decodes the whole picture first; this one reads the size
        from the file's header, so an oversized picture is refused before it takes any memory."""
        if self.max_image_pixels is None or not hasattr(data, "seek"):
            return
        data.seek(0)
        try:
            with PILImage.open(data) as image:
                num_pixels = image.width * image.height * getattr(image, "n_frames", 1)
        except (OSError, SyntaxError, ValueError):
            return  # not an image Pillow reads: Wagtail's checks say which error it is
        finally:
            data.seek(0)
        if num_pixels > self.max_image_pixels:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": num_pixels, "max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            )

    def without_metadata(self, uploaded):
        uploaded.seek(0)
        data = uploaded.read()
        uploaded.seek(0)
        try:
            cleaned = strip_image_metadata(data)
        except ImageMetadataError as exc:
            raise ValidationError(self.error_messages["uncleanable_image"], code="uncleanable_image") from exc
        if cleaned is data:
            return uploaded
        clean_file = SimpleUploadedFile(uploaded.name, cleaned, content_type=uploaded.content_type)
        clean_file.image = willow.Image.open(io.BytesIO(cleaned))
        return clean_file


class ImageForm(BaseImageForm):
    """The base of every Wagtail image form here (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if field := self.fields.get("file"):
            self.fields["file"] = UploadedImageField(label=field.label, required=field.required, widget=field.widget)


def clean_stored_original(image):
    """Clean an original that is already in storage: the clean file is stored beside it (under a
    new name, so no cache keeps serving the old one), and the old file and its renditions are
    deleted once the image is saved. Returns whether anything was removed. Does not save."""
    with image.open_file() as stored:
        data = stored.read()
    cleaned = strip_image_metadata(data)
    if cleaned is data:
        return False
    old_name = image.file.name
    image.file.save(os.path.basename(old_name), ContentFile(cleaned), save=False)
    _describe_clean_file(image, cleaned)
    image.replaced_original_name = old_name
    return True


def _describe_clean_file(image, cleaned):
    # Width, height, size and hash of the clean bytes, as Wagtail records them for a new file (its
    # own update reads the content it was given, which storage has already consumed).
    image.width, image.height = get_image_dimensions(ContentFile(cleaned))
    image.file_size = len(cleaned)
    image.file_hash = hash_filelike(io.BytesIO(cleaned))


def clean_image_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: a new file is cleaned before it reaches storage; a file that was stored before the
    image was saved (the multiple uploader's second step) is cleaned in storage."""
    if raw or not instance.file or (update_fields is not None and "file" not in update_fields):
        return
    if not is_stored(instance.file):
        uploaded = instance.file.file
        uploaded.seek(0)
        data = uploaded.read()
        uploaded.seek(0)
        cleaned = strip_image_metadata(data)
        if cleaned is not data:
            instance.file = ContentFile(cleaned, name=os.path.basename(instance.file.name))
            _describe_clean_file(instance, cleaned)
        return
    if instance.pk and sender.objects.filter(pk=instance.pk, file=instance.file.name).exists():
        return  # the file it already had
    clean_stored_original(instance)


def delete_replaced_original(sender, instance, **kwargs):
    """post_save: once the clean original is saved, its renditions go, and so does the old file
    when the change is committed (as Wagtail deletes the files of deleted renditions)."""
    old_name = instance.__dict__.pop("replaced_original_name", None)
    if old_name:
        storage = instance.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
        instance.renditions.all().delete()


def connect():
    """Called from editorial's AppConfig.ready()."""
    model = get_image_model()
    pre_save.connect(clean_image_before_save, sender=model, dispatch_uid="editorial_clean_image")
    post_save.connect(delete_replaced_original, sender=model, dispatch_uid="editorial_delete_replaced_original")
