"""Any write to the taxonomy forgets the cached snapshot, so the next intake, form or suggestion
reads the admin's change (selectors.py). Admin saves, inline edits, bulk deletes and many-to-many
changes of a danger rule's reasons all arrive here.

Forgotten twice: at once, for the writer's own transaction, and again on commit, because another
process may have read and cached the old rows between the write and its commit."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from jiesu.taxonomy.models import (
    Category,
    DangerRule,
    FastResponseReason,
    IssueNature,
    Line,
    LineRule,
    Request,
)
from jiesu.taxonomy.selectors import taxonomy_cache_clear

MODELS = (Line, LineRule, Category, Request, IssueNature, FastResponseReason, DangerRule)


def _forget(sender, **kwargs) -> None:
    taxonomy_cache_clear()
    transaction.on_commit(taxonomy_cache_clear)


for _model in MODELS:
    post_save.connect(_forget, sender=_model, dispatch_uid=f"taxonomy_save_{_model.__name__}")
    post_delete.connect(_forget, sender=_model, dispatch_uid=f"taxonomy_delete_{_model.__name__}")


@receiver(m2m_changed, sender=DangerRule.reasons.through, dispatch_uid="taxonomy_danger_reasons")
def _forget_reasons(sender, **kwargs) -> None:
    _forget(sender)
