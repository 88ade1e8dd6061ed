"""A corpus of hostile uploads, built in memory so that nothing large or dangerous is committed.

Each entry of HOSTILE_UPLOADS builds a fresh upload object (as Django's upload handlers
would hand it to a form) and names the ValidationError code `sanitize_image` must refuse
it with. ACCEPTED_ODDITIES are uploads that look suspicious by name or tail but contain a
valid image: content decides, so they are accepted, and the re-encoding keeps nothing but
the pixels (see test_uploads.py).

Large files are never allocated: the decompression bombs are small compressed streams or
forged headers, and the 50 MB file is a sparse temporary file that takes no disk space.
"""

import functools
import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import ExifTags, Image, ImageCms

# --- Valid images --------------------------------------------------------------------------


def image_bytes(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def jpeg_bytes(width=64, height=48, color=(200, 80, 40), **options) -> bytes:
    return image_bytes(Image.new("RGB", (width, height), color), "JPEG", **options)


def png_bytes(width=64, height=48, color=(40, 120, 200), mode="RGB") -> bytes:
    return image_bytes(Image.new(mode, (width, height), color), "PNG")


def webp_bytes(width=64, height=48, color=(40, 200, 120)) -> bytes:
    return image_bytes(Image.new("RGB", (width, height), color), "WEBP")


def noisy_jpeg_bytes(width=320, height=240) -> bytes:
    """A JPEG with real entropy, so that cutting it in half cuts into the pixel data."""
    return image_bytes(Image.effect_noise((width, height), 60).convert("RGB"), "JPEG")


def upload(name: str, content: bytes, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


# The camera's secrets, which must not survive sanitizing.
CAMERA_MAKE = "Spionkamera GmbH"
CAMERA_SERIAL = "SN-0815-4711"
XMP_SECRET = "Geheimer Gartenweg 7"
COMMENT_SECRET = b"Kommentar mit Geheimnis"


def photo_with_gps_and_orientation() -> SimpleUploadedFile:
    """A 64 x 48 JPEG, stored sideways with EXIF orientation 6 (turn 90 degrees clockwise to
    view), carrying a GPS position, camera details, XMP, an ICC profile and a comment.

    Its top-left 16 x 12 pixels are red: once the orientation is applied they are at the
    top right of a 48 x 64 picture.
    """
    image = Image.new("RGB", (64, 48), (255, 255, 255))
    image.paste((255, 0, 0), (0, 0, 16, 12))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = CAMERA_MAKE
    exif[ExifTags.Base.BodySerialNumber] = CAMERA_SERIAL
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (50.0, 50.0, 2.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (12.0, 55.0, 1.5)
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/" '
        f'Iptc4xmpCore:Location="{XMP_SECRET}"/></rdf:RDF></x:xmpmeta>'
    ).encode()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    content = image_bytes(
        image, "JPEG", quality=95, exif=exif, xmp=xmp, icc_profile=icc, comment=COMMENT_SECRET
    )
    return upload("IMG_2024.jpg", content)


# --- PNG and JPEG surgery ------------------------------------------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with_header(width, height, *, bit_depth=8, color_type=2, idat=b"", extra=b"") -> bytes:
    """A PNG whose IHDR declares `width` x `height`, followed by the given chunks."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + extra
        + png_chunk(b"IDAT", idat or zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


@functools.cache
def png_bomb_bytes(side=30_000) -> bytes:
    """A complete, valid black-and-white PNG of side x side pixels (900 MP for 30 000).

    The 112 MB of pixel rows compress to about 110 kB; decoded in RGB they would need
    about 2.7 GB of memory.
    """
    row = b"\x00" + bytes((side + 7) // 8)  # filter byte + one bit per pixel
    compressor = zlib.compressobj(9)
    block = row * 1000
    parts = [compressor.compress(block) for _ in range(side // 1000)]
    parts.append(compressor.compress(row * (side % 1000)))
    parts.append(compressor.flush())
    return png_with_header(side, side, bit_depth=1, color_type=0, idat=b"".join(parts))


def jpeg_with_declared_size(width, height) -> bytes:
    """A small real JPEG whose frame header (SOF0) claims `width` x `height` pixels."""
    data = bytearray(jpeg_bytes(16, 16))
    sof = data.index(b"\xff\xc0")
    # marker (2), length (2), precision (1), then height and width, big-endian.
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


def webp_with_declared_size(width, height) -> bytes:
    """A 1 x 1 lossless WebP whose VP8L header claims `width` x `height` pixels.

    libwebp decodes it happily to a single colour: 38 bytes that grow to width x height.
    """
    data = bytearray(image_bytes(Image.new("RGB", (1, 1), (10, 20, 30)), "WEBP", lossless=True))
    header = data.index(b"VP8L") + 8
    assert data[header] == 0x2F  # the VP8L signature byte
    (bits,) = struct.unpack_from("<I", data, header + 1)
    bits = (bits & ~((1 << 28) - 1)) | (width - 1) | ((height - 1) << 14)
    struct.pack_into("<I", data, header + 1, bits)
    return bytes(data)


def gif_bytes() -> bytes:
    return image_bytes(Image.new("P", (8, 8), 1), "GIF")


PHP_PAYLOAD = b"<?php system($_GET['c']); ?>"
HTML_PAYLOAD = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_PAYLOAD = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.domain)</script><rect width='10' height='10'/></svg>"
)

# --- Files too large to allocate -----------------------------------------------------------


def fifty_megabyte_file() -> TemporaryUploadedFile:
    """A real 50 MB upload: a JPEG start, then a hole. The file is sparse, so it takes
    (almost) no disk space. Close it after use; that deletes it."""
    size = 50 * 1024 * 1024
    uploaded = TemporaryUploadedFile("riesig.jpg", "image/jpeg", size, None)
    uploaded.write(jpeg_bytes())
    uploaded.truncate(size)
    uploaded.seek(0)
    return uploaded


# --- The corpus ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    id: str
    build: Callable[[], object]
    code: str


def _png_with_text_bomb() -> bytes:
    # A zTXt chunk before the pixels that inflates from ~2 kB to 2 MB of text.
    bomb = png_chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"A" * 2_000_000, 9))
    return png_with_header(4, 4, extra=bomb)


HOSTILE_UPLOADS = [
    # Decompression bombs: refused by the header, before the pixels are decompressed.
    Hostile(
        "png-bomb-30000x30000", lambda: upload("bombe.png", png_bomb_bytes()), "too_many_pixels"
    ),
    Hostile(
        "png-20000x20000",
        lambda: upload("riesenbild.png", png_with_header(20_000, 20_000)),
        "too_many_pixels",
    ),
    Hostile(
        # Above twice our limit: Pillow's own DecompressionBombError.
        "png-10000x10000",
        lambda: upload("gross.png", png_with_header(10_000, 10_000)),
        "too_many_pixels",
    ),
    Hostile(
        # Above our 25 MP limit, below twice that: Pillow's warning, turned into our error.
        "png-8000x6000",
        lambda: upload("breit.png", png_with_header(8_000, 6_000)),
        "too_many_pixels",
    ),
    Hostile(
        "jpeg-declaring-30000x30000",
        lambda: upload("bombe.jpg", jpeg_with_declared_size(30_000, 30_000)),
        "too_many_pixels",
    ),
    Hostile(
        "jpeg-declaring-8000x6000",
        lambda: upload("bombe2.jpg", jpeg_with_declared_size(8_000, 6_000)),
        "too_many_pixels",
    ),
    Hostile(
        "webp-bomb-8000x6000",
        lambda: upload("bombe.webp", webp_with_declared_size(8_000, 6_000), "image/webp"),
        "too_many_pixels",
    ),
    Hostile(
        "png-text-chunk-bomb", lambda: upload("text.png", _png_with_text_bomb()), "damaged_image"
    ),
    # Damaged files.
    Hostile(
        "truncated-jpeg",
        lambda: upload("halb.jpg", (data := noisy_jpeg_bytes())[: len(data) // 2]),
        "damaged_image",
    ),
    Hostile(
        "truncated-png",
        lambda: upload("halb.png", (data := png_bytes(200, 200))[: len(data) // 2]),
        "damaged_image",
    ),
    Hostile(
        "jpeg-start-then-garbage",
        lambda: upload("kaputt.jpg", b"\xff\xd8\xff\xe0" + b"\x13\x37" * 200),
        "damaged_image",
    ),
    # Not an image we accept, whatever the name says.
    Hostile("html-named-jpg", lambda: upload("bild.jpg", HTML_PAYLOAD), "unsupported_format"),
    Hostile("php-named-jpg", lambda: upload("bild.jpg", PHP_PAYLOAD), "unsupported_format"),
    Hostile(
        "gif-header-with-php-named-jpg",
        lambda: upload("bild.jpg", b"GIF89a" + PHP_PAYLOAD),
        "unsupported_format",
    ),
    Hostile(
        # Starts as a GIF (so Pillow would read it as one), carries a complete JPEG after.
        "gif-jpeg-polyglot",
        lambda: upload("polyglott.jpg", gif_bytes() + jpeg_bytes()),
        "unsupported_format",
    ),
    Hostile(
        "gif-header-then-jpeg",
        lambda: upload("polyglott2.jpg", b"GIF89a" + jpeg_bytes()),
        "unsupported_format",
    ),
    Hostile(
        "svg-with-script",
        lambda: upload("logo.svg", SVG_PAYLOAD, "image/svg+xml"),
        "unsupported_format",
    ),
    Hostile(
        "svg-with-script-named-png", lambda: upload("logo.png", SVG_PAYLOAD), "unsupported_format"
    ),
    # Wrong extension and wrong content: formats Pillow could read, but we do not allow.
    Hostile("gif-named-png", lambda: upload("bild.png", gif_bytes()), "unsupported_format"),
    Hostile(
        "bmp-named-jpg",
        lambda: upload("bild.jpg", image_bytes(Image.new("RGB", (8, 8)), "BMP")),
        "unsupported_format",
    ),
    Hostile(
        "tiff-named-jpg",
        lambda: upload("bild.jpg", image_bytes(Image.new("RGB", (8, 8)), "TIFF")),
        "unsupported_format",
    ),
    Hostile(
        "pdf-named-png",
        lambda: upload("bild.png", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        "unsupported_format",
    ),
    Hostile(
        "windows-program-named-jpg",
        lambda: upload("bild.jpg", b"MZ\x90\x00" + bytes(200)),
        "unsupported_format",
    ),
    # Size.
    Hostile("empty-file", lambda: upload("leer.jpg", b""), "empty_file"),
    Hostile("fifty-megabytes", fifty_megabyte_file, "file_too_large"),
]

# Valid images with a misleading name or appended data: accepted and re-encoded.
ACCEPTED_ODDITIES = {
    "png-named-txt": lambda: upload("notizen.txt", png_bytes(), "text/plain"),
    "png-named-gif": lambda: upload("animation.gif", png_bytes(), "image/gif"),
    "jpeg-named-png": lambda: upload("bild.png", jpeg_bytes(), "image/png"),
    "webp-without-extension": lambda: upload("bild", webp_bytes(), "application/octet-stream"),
    # A JPEG/GIF polyglot the other way round: a valid JPEG with a GIF and PHP appended.
    "jpeg-then-gif-and-php": lambda: upload(
        "polyglott.jpg", jpeg_bytes() + gif_bytes() + PHP_PAYLOAD
    ),
    # A JPEG whose comment segment carries HTML.
    "jpeg-with-html-comment": lambda: upload("kommentar.jpg", jpeg_bytes(comment=HTML_PAYLOAD)),
}
