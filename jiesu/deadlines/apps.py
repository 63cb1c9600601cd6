from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "jiesu.deadlines"
    label = "deadlines"
    verbose_name = _("时限管理")

    def ready(self):
        from jiesu.deadlines import signals  # noqa: F401
