from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalsConfig(AppConfig):
    """Public pages, no login (installed so that its templates are found)."""

    name = "jiesu.portals"
    label = "portals"
    verbose_name = _("公众页面")
