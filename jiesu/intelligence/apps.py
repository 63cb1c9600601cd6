from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntelligenceConfig(AppConfig):
    name = "jiesu.intelligence"
    label = "intelligence"
    verbose_name = _("智能分析")

    def ready(self):
        from jiesu.intelligence import signals  # noqa: F401
