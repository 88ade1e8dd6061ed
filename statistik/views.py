"""The statistics page, its CSV files and the printable Lagebild per association and
district. Public: every figure is an aggregate, and counts below five are never shown."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from kern.listing import ignored_notice
from kern.page_cache import cache_public_page
from kern.spreadsheet import csv_response
from statistik.figures import Scope
from statistik.report import Report
from verbaende.models import District
from verzeichnis.vocabulary import load_vocabulary

FILTER_PARAMETERS = ("verband",)


class ScopeForm(forms.Form):
    verband = forms.ChoiceField(label=_("Association"), required=False)

    def __init__(self, data, *, associations):
        super().__init__(data)
        self.fields["verband"].choices = [("", _("All of Saxony"))] + [
            (a.slug, a.short_name) for a in associations if not a.is_state_association
        ]


def _scope_from(request):
    """The scope the query string asks for, and a notice if it asked for nothing known."""
    associations = load_vocabulary().associations
    state = next(a for a in associations if a.is_state_association)
    form = ScopeForm(request.GET, associations=associations)
    notices = []
    chosen = ""
    if form.is_valid():
        chosen = form.cleaned_data["verband"]
    else:
        notices.append(ignored_notice(form.fields["verband"], request.GET.get("verband")))
        form = ScopeForm({}, associations=associations)
        form.is_valid()
    association = next((a for a in associations if a.slug == chosen), state)
    return Scope(association=association), form, notices


@require_safe
@cache_public_page(parameters=FILTER_PARAMETERS)
def statistics(request):
    scope, form, notices = _scope_from(request)
    report = Report(scope)
    vocabulary = load_vocabulary()
    return render(
        request,
        "statistik/index.html",
        {
            "scope": scope,
            "form": form,
            "notices": notices,
            "key_figures": report.key_figures(),
            "charts": report.charts(),
            "query": f"?verband={scope.association.slug}" if scope.regional else "",
            "regional_associations": [
                a for a in vocabulary.associations if not a.is_state_association
            ],
            "districts": vocabulary.districts,
        },
    )


@require_safe
def chart_csv(request, key):
    # Not from the page cache: it keeps no Content-Disposition. The figures are cached.
    scope, _form, _notices = _scope_from(request)
    chart = Report(scope).chart(key)
    if chart is None:
        raise Http404
    today = timezone.localdate().isoformat()
    return csv_response(
        f"kreativ-sachsen-{key}-{scope.slug}-{today}.csv", chart.header, chart.csv_rows
    )


def _lagebild(request, scope):
    report = Report(scope)
    charts = [report.teilmaerkte(), report.yearly_growth()]
    if not scope.district:
        charts.append(report.kreise())
    return render(
        request,
        "statistik/lagebild.html",
        {
            "scope": scope,
            "key_figures": report.key_figures(),
            "charts": charts,
            "today": timezone.localdate(),
        },
    )


@require_safe
@cache_public_page(parameters=())
def lagebild_association(request, slug):
    association = next((a for a in load_vocabulary().associations if a.slug == slug), None)
    if association is None:
        raise Http404
    return _lagebild(request, Scope(association=association))


@require_safe
@cache_public_page(parameters=())
def lagebild_district(request, slug):
    # From the vocabulary (no query); a district without places is not in it.
    district = load_vocabulary().by_slug("districts").get(slug)
    if district is None:
        district = get_object_or_404(District.objects.select_related("association"), slug=slug)
    return _lagebild(request, Scope.of_district(district))
