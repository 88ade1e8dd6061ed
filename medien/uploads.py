"""Safe image uploads: check by content, refuse what we cannot vouch for, re-encode the rest.

An upload is never stored as sent. `sanitize_image` checks, in this order and before any
pixel is decoded:

1. the byte size (`uploaded_file.size`, so a 50 MB file is refused without reading it);
2. the content, opened by Pillow with only the JPEG, PNG and WebP decoders: GIF, BMP, TIFF,
   SVG, HTML, PHP, PDF and everything else is refused whatever the file is called;
3. the pixel count the header declares (`image.size`), so a decompression bomb is refused
   before it is decompressed. MAX_PIXELS (25 megapixels: a 24-megapixel camera's 6000 x
   4000 passes) is also Pillow's own limit in this process (medien.apps), so its
   DecompressionBombWarning/Error agrees with it and is turned into the same form error.

Only then are the pixels decoded (a truncated or damaged file fails here), the EXIF
orientation applied, colours converted to sRGB, and the pixels written into a fresh WebP
file under a random name. The new file carries no metadata at all: no EXIF (so no GPS
position, camera serial number or thumbnail), no XMP, no ICC profile, no comments, and
nothing an upload appended after the image data.

Stored images are at most MAX_STORED_SIDE (2880) pixels on their longer side: twice the
widest rendition pages show (1440, medien.images), which is all any page can use. The work
is sized to that, not to the upload: a JPEG is decoded at a reduced scale straight away
(`draft`), and the image is scaled down before the colour conversions and the encoding, so
a 24-megapixel photo costs about as much as a 6-megapixel one.

The file name and the browser's content type are ignored: content decides. A valid PNG
called `logo.gif` or a JPEG called `foto.png` is accepted and re-encoded; an HTML page
called `foto.jpg` is refused because no allowed decoder reads it.

HEIC photos are not accepted: that would need pillow-heif, which the project does not use.
"""

import io
import struct
import uuid
import warnings

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from medien.images import GALLERY_WIDTHS, PORTRAIT_WIDTHS

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 25_000_000
ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
# Phones write several pictures into one JPEG (MPO); the JPEG decoder reads the first one.
_ALLOWED_RESULTS = ALLOWED_FORMATS | {"MPO"}
ACCEPT = "image/jpeg,image/png,image/webp"

# Twice the widest rendition: all a page can use, with room for a sharper rendition later.
MAX_STORED_SIDE = 2 * max(GALLERY_WIDTHS + PORTRAIT_WIDTHS)
WEBP_QUALITY = 90
# The stored image is only the source of the renditions (pages never link it): a faster
# encoder setting costs a few per cent of file size and saves two thirds of the time.
WEBP_METHOD = 2

# Signatures of the allowed formats: a file that starts like one of them but cannot be read
# is reported as damaged rather than as the wrong kind of file.
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")

# What Pillow raises on hostile or broken data while reading headers and pixels.
_DECODING_ERRORS = (
    OSError,  # includes UnidentifiedImageError and "image file is truncated"
    SyntaxError,  # "broken PNG file", "not a JPEG file"
    ValueError,  # e.g. PNG text chunks that decompress too far
    EOFError,
    IndexError,
    TypeError,
    KeyError,
    struct.error,
    Image.DecompressionBombError,
)

MESSAGES = {
    "empty_file": _("The file is empty. Please choose an image file."),
    "file_too_large": _(
        "The file is too large: at most %(max)s MB are allowed, this file has %(size)s MB."
    ),
    "unsupported_format": _(
        "This file is not an image we can accept. Please upload a JPEG, PNG or WebP image."
    ),
    "damaged_image": _(
        "The image is damaged or incomplete. Please save it again and upload it once more."
    ),
    "too_many_pixels": _(
        "The image has too many pixels: at most %(max)s megapixels are allowed. "
        "Please reduce its size and upload it again."
    ),
}


def _error(code, **params):
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def _megabytes(size):
    return number_format(size / (1024 * 1024), decimal_pos=1)


def _file_size(uploaded_file):
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, io.SEEK_END)
        size = uploaded_file.tell()
    return size


def _looks_like_allowed_format(head: bytes) -> bool:
    return head.startswith(_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _open(uploaded_file):
    """Open the header with the allowed decoders only; refuse too many pixels."""
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    uploaded_file.seek(0)
    try:
        # Pillow warns above MAX_IMAGE_PIXELS and raises above twice that. The warning must
        # not slip through (tests turn RuntimeWarnings into errors; production would only
        # log it).
        with warnings.catch_warnings(action="error", category=Image.DecompressionBombWarning):
            image = Image.open(uploaded_file, formats=sorted(ALLOWED_FORMATS))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _error("too_many_pixels", max=MAX_PIXELS // 1_000_000) from None
    except UnidentifiedImageError:
        code = "damaged_image" if _looks_like_allowed_format(head) else "unsupported_format"
        raise _error(code) from None
    except _DECODING_ERRORS:
        raise _error("damaged_image") from None
    if image.format not in _ALLOWED_RESULTS:
        image.close()
        raise _error("unsupported_format")
    width, height = image.size
    if width * height > MAX_PIXELS:
        image.close()
        raise _error("too_many_pixels", max=MAX_PIXELS // 1_000_000)
    return image


def _stored_size(size):
    """`size` scaled down to fit MAX_STORED_SIDE on its longer side (never up)."""
    width, height = size
    scale = min(1, MAX_STORED_SIDE / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _decode_for_storage(original):
    """The pixels of the first frame, upright, at most MAX_STORED_SIDE on the longer side.

    Only decoding (plus one copy for palette images and turned photos) works at the
    upload's full size, and for a JPEG not even that: `draft` lets the decoder scale by
    1/2, 1/4 or 1/8 while decoding (never below the stored size). The colour conversions
    and the encoding that follow work on the smaller image.
    """
    original.draft(None, _stored_size(original.size))
    original.load()
    image = original
    if image.mode in {"1", "P"}:
        # Pillow resizes these with nearest neighbour only; the colours first.
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    # Only the first frame of an animated PNG or WebP is kept.
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_STORED_SIDE, MAX_STORED_SIDE), Image.Resampling.LANCZOS)
    return image


def _with_alpha_if_needed(image):
    """(image, mode): RGBA if any pixel is see-through, else RGB (alpha dropped later)."""
    if image.mode in {"RGBA", "LA", "PA", "La", "RGBa"} or "transparency" in image.info:
        rgba = image.convert("RGBA")
        return rgba, "RGBA" if rgba.getchannel("A").getextrema()[0] < 255 else "RGB"
    return image, "RGB"


def _to_srgb(image, mode):
    """Pixels in sRGB and `mode`; an embedded ICC profile is applied, then dropped."""
    icc = image.info.get("icc_profile")
    if icc and image.mode in {"RGB", "RGBA", "CMYK", "L"}:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(
                image if image.mode != "RGBA" else image.convert("RGB"),
                source,
                ImageCms.createProfile("sRGB"),
                outputMode="RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or unusual profile: keep the pixel values as they are
        else:
            if mode == "RGBA":
                converted.putalpha(image.getchannel("A"))
            return converted
    return image.convert(mode)


def sanitize_image(uploaded_file) -> ContentFile:
    """Check an uploaded image by its content and return a clean WebP copy to store.

    Raises ValidationError (codes: empty_file, file_too_large, unsupported_format,
    damaged_image, too_many_pixels) with a message fit for a form. The file's name and
    extension play no part: a valid PNG named `.txt` is accepted and re-encoded, an HTML
    file named `.jpg` is refused. The returned file has a random name ending in `.webp`
    and contains nothing but the pixels: no metadata and no data the upload appended.
    """
    size = _file_size(uploaded_file)
    if not size:
        raise _error("empty_file")
    if size > MAX_UPLOAD_BYTES:
        raise _error("file_too_large", max=MAX_UPLOAD_BYTES // (1024 * 1024), size=_megabytes(size))

    original = _open(uploaded_file)
    try:
        image = _decode_for_storage(original)
        image, mode = _with_alpha_if_needed(image)
        image = _to_srgb(image, mode)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _error("too_many_pixels", max=MAX_PIXELS // 1_000_000) from None
    except _DECODING_ERRORS:
        raise _error("damaged_image") from None
    finally:
        original.close()

    buffer = io.BytesIO()
    # Nothing but pixels: Pillow's WebP encoder writes EXIF, XMP and ICC only when asked.
    image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.webp")


class SafeImageField(forms.FileField):
    """A form field for images that returns the sanitized copy, never the upload itself.

    Use it for model ImageFields (for example through `field_classes` in a ModelForm's
    Meta): the cleaned value is a ContentFile with a random `.webp` name that the model
    field stores under its `upload_to`. Errors come from `sanitize_image`.
    """

    widget = forms.ClearableFileInput(attrs={"accept": ACCEPT})

    def __init__(self, **kwargs):
        # Empty files reach sanitize_image, which explains the problem in its own words.
        kwargs.setdefault("allow_empty_file", True)
        # The model field's max_length applies to the stored name, which we choose.
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def to_python(self, data):
        uploaded_file = super().to_python(data)
        if uploaded_file is None:
            return None
        return sanitize_image(uploaded_file)
