from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "jiesu.organisations"
    label = "organisations"
    verbose_name = _("组织机构")

    def ready(self):
        from jiesu.organisations import signals  # noqa: F401
