"""Placeholder images for demo profiles and articles: initials and abstract shapes in calm
colours of the submarket, deterministic for the same name and salt."""

import colorsys
import io
import random
import unicodedata
import zlib
from functools import cache

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

IMAGE_SIZE = 480
IMAGE_DIRECTORY = "profile-images/"
GALLERY_SIZE = (1200, 800)
LEGAL_WORDS = {"GmbH", "UG", "GbR", "e.V.", "&", "+"}
# Calm, darkish colours per submarket, so white initials stay readable.
SUBMARKET_COLOURS = {
    "musikwirtschaft": (91, 108, 143),
    "buchmarkt": (140, 109, 79),
    "kunstmarkt": (160, 90, 90),
    "filmwirtschaft": (79, 93, 102),
    "rundfunkwirtschaft": (106, 127, 90),
    "darstellende-kuenste": (125, 90, 122),
    "designwirtschaft": (63, 127, 122),
    "architekturmarkt": (122, 116, 104),
    "pressemarkt": (77, 106, 135),
    "werbemarkt": (176, 112, 74),
    "software-games": (74, 122, 92),
    "sonstige": (138, 122, 74),
}


def save_placeholder_image(draft):
    """Render the initials on a calm colour of the profile's submarket and store it as WebP."""
    content = ContentFile(render_placeholder(draft.name, draft.submarket.slug, draft.slug))
    return default_storage.save(f"{IMAGE_DIRECTORY}{draft.slug}.webp", content)


def render_placeholder(name, submarket_slug, salt=""):
    background = placeholder_colour(submarket_slug, salt)
    image = Image.new("RGB", (IMAGE_SIZE, IMAGE_SIZE), background)
    draw = ImageDraw.Draw(image)
    text_colour = (255, 255, 255) if luminance(background) < 0.6 else (34, 34, 34)
    text, font = initials(name), placeholder_font()
    # Centre on the drawn glyphs' box, which works for both the scalable and the bitmap font.
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    origin = ((IMAGE_SIZE - right - left) / 2, (IMAGE_SIZE - bottom - top) / 2)
    draw.text(origin, text, font=font, fill=text_colour)
    buffer = io.BytesIO()
    # Lossless at the lowest effort: flat colour and crisp letters compress to ~2 KB this way,
    # several times faster than lossy encoding, and the renditions re-encode it anyway.
    image.save(buffer, format="WEBP", lossless=True, quality=0)
    return buffer.getvalue()


def placeholder_colour(submarket_slug, salt=""):
    """The submarket's muted colour, a little lighter or darker per profile."""
    base = SUBMARKET_COLOURS.get(submarket_slug)
    if base is None:
        # crc32 rather than hash(): Python salts str hashes per process.
        base = colorsys.hls_to_rgb(zlib.crc32(submarket_slug.encode()) % 360 / 360, 0.4, 0.3)
        base = tuple(round(channel * 255) for channel in base)
    hue, lightness, saturation = colorsys.rgb_to_hls(*(channel / 255 for channel in base))
    shift = (zlib.crc32(salt.encode()) % 1000 / 1000 - 0.5) * 0.12
    red, green, blue = colorsys.hls_to_rgb(hue, min(max(lightness + shift, 0), 1), saturation)
    return round(red * 255), round(green * 255), round(blue * 255)


def luminance(rgb):
    red, green, blue = (channel / 255 for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def initials(name):
    """Two capital letters, folded to ASCII: Pillow's built-in font has no glyph for "Ä"."""
    words = [word for word in name.split() if word not in LEGAL_WORDS and word[:1].isalpha()]
    letters = "".join(word[0] for word in words[:2]).upper()
    ascii_letters = unicodedata.normalize("NFKD", letters).encode("ascii", "ignore").decode()
    return ascii_letters or "?"


@cache
def placeholder_font():
    # Pillow >= 10.1 ships a scalable default font (needs FreeType); older builds or builds
    # without FreeType fall back to the small bitmap font, which still gives a valid image.
    try:
        return ImageFont.load_default(size=IMAGE_SIZE * 2 // 5)
    except (TypeError, ImportError, OSError):
        return ImageFont.load_default()


def render_artwork(submarket_slug, salt):
    """Overlapping circles and bars in the submarket's colours: clearly a placeholder."""
    rng = random.Random(zlib.crc32(salt.encode()))  # noqa: S311 - decoration only
    width, height = GALLERY_SIZE
    image = Image.new("RGB", GALLERY_SIZE, placeholder_colour(submarket_slug, salt + "bg"))
    draw = ImageDraw.Draw(image)
    for shape in range(7):
        colour = placeholder_colour(submarket_slug, f"{salt}{shape}")
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.randrange(80, 320)
        if shape % 2:
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
        else:
            draw.rectangle((x - radius, y - 40, x + radius, y + 40), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=80)
    return buffer.getvalue()
