from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    """Every form and field renders through the site's own partials (templates/includes/),
    so labels, hints and errors look and read the same everywhere."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/form_field.html"
