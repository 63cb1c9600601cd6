from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MerchantsConfig(AppConfig):
    name = "jiesu.merchants"
    label = "merchants"
    verbose_name = _("经营者名录")
