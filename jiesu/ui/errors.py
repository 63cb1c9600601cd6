"""The one place where a DomainError becomes form errors (style.md rule 6).

Services name fields as the API body does ("complainant.phone"); a form names its inputs flat
("complainant_phone"). A message lands under the input it is about, so the operator sees it where
they type; what no input matches becomes a non-field error, so nothing the service said is lost.
"""

from django import forms

from jiesu.core.errors import DomainError


def form_field_for(form: forms.BaseForm, name: str) -> str | None:
    """The form field a service field name refers to: the form's own alias first (a form may call
    "product.purchased_at" `purchased_on`), then the dotted name flattened with underscores, then
    its last part ("respondent.name" → `name` on a small action form)."""
    aliases = getattr(form, "domain_field_names", {})
    for candidate in (aliases.get(name), name.replace(".", "_"), name.rsplit(".", 1)[-1]):
        if candidate and candidate in form.fields:
            return candidate
    return None


def form_add_domain_error(form: forms.BaseForm, exc: DomainError) -> None:
    """Put the service's messages on the form. The detail becomes the non-field error only when the
    service named no field: otherwise it merely repeats a field's message ("complainant.phone: …"),
    and messages without an input of their own are shown as non-field errors instead."""
    unplaced = []
    for name, messages in exc.fields.items():
        field = form_field_for(form, name)
        for message in messages:
            if field is None:
                unplaced.append(message)
            elif message not in form.errors.get(field, []):
                form.add_error(field, message)
    if not exc.fields:
        form.add_error(None, exc.detail)
    elif unplaced:
        form.add_error(None, "；".join(unplaced))
