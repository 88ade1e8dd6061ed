from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MedienConfig(AppConfig):
    """Images, safe uploads, renditions and file cleanup shared by every app with pictures."""

    name = "medien"
    verbose_name = _("Media")

    def ready(self):
        from PIL import Image

        from medien.uploads import MAX_PIXELS

        # One pixel budget for every image this process opens: Pillow warns above it and
        # refuses twice as many, instead of its default of about 89 and 179 megapixels.
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
