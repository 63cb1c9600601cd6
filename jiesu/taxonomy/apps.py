from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "jiesu.taxonomy"
    label = "taxonomy"
    verbose_name = _("分类体系")

    def ready(self) -> None:
        from jiesu.taxonomy import signals  # noqa: F401  (connects the cache invalidation)
