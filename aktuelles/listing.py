"""/aktuelles/: the news stream as a list, filtered by association and Teilmarkt."""

from aktuelles.filters import StreamFilterForm
from aktuelles.stream import Stream, load_entries
from kern.listing import Listing


class NewsList(Listing):
    form_class = StreamFilterForm
    per_page = 12

    def __init__(self, params):
        super().__init__(params)
        self.association = self.values.get("verband")
        self.submarket = self.values.get("teilmarkt")

    def object_list(self):
        return Stream(self.association, self.submarket).rows()

    def rows(self, page_items):
        return load_entries(page_items)

    def context(self):
        return {**super().context(), "association": self.association, "submarket": self.submarket}
