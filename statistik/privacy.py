"""The one rule that protects individuals in every published figure: a count below five is
never shown as a number, in a chart, a table or a CSV file, but as "< 5"."""

from django.utils.formats import number_format

MIN_COUNT = 5
SUPPRESSED = "< 5"


def is_suppressed(count: int) -> bool:
    return count < MIN_COUNT


def shown(count: int) -> str:
    """A count as published: "< 5" below five, else the number in the page's language."""
    if is_suppressed(count):
        return SUPPRESSED
    return number_format(count, force_grouping=True)


def csv_value(count: int):
    """A count as a CSV cell: "< 5" below five, else the plain number (no grouping)."""
    return SUPPRESSED if is_suppressed(count) else count


def share(count: int, total: int) -> str:
    """A percentage, shown only when the count itself may be shown."""
    if is_suppressed(count) or not total:
        return SUPPRESSED
    return f"{number_format(round(100 * count / total), force_grouping=True)} %"
