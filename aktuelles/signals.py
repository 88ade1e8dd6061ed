"""Receivers for the images of news and success reports: renditions are made once the
transaction commits (medien.images), files go once no row refers to them."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from aktuelles.models import NewsItem, SuccessReport
from medien.file_cleanup import track_image_files
from medien.images import refresh_renditions_after_commit

NEWS_WIDTHS = (480, 960, 1440)
SUCCESS_REPORT_WIDTHS = (320, 640)

track_image_files(NewsItem, "image", "image_renditions")
track_image_files(SuccessReport, "image", "image_renditions")


@receiver(post_save, sender=NewsItem)
def render_news_image(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_renditions_after_commit(instance, "image", "image_renditions", NEWS_WIDTHS)


@receiver(post_save, sender=SuccessReport)
def render_success_report_image(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_renditions_after_commit(
            instance, "image", "image_renditions", SUCCESS_REPORT_WIDTHS
        )
