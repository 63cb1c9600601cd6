"""Forms of zero missed calls (来电零遗漏, seed 004): upload the call log, say which column is which,
record how a call-back went.

Shape only: what makes a row good or bad, and who may import or call back, is calls.importing and
calls.services; their refusals come back through ui/errors.py.
"""

import base64
import binascii
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jiesu.calls.importing import FIELDS, REQUIRED, mapping_guess
from jiesu.calls.models import CallbackStatus
from jiesu.calls.services import MAX_NOTE

CALL_LOG_TYPES = (".csv", ".txt", ".xlsx")
#: The mapping step carries the file back in a hidden field (base64, a third larger), so the file
#: must leave room for it under Django's limit on a form's size.
CALL_LOG_MAX_BYTES = settings.DATA_UPLOAD_MAX_MEMORY_SIZE * 2 // 3
FIELD_LABELS = {
    "caller": _("主叫号码"),
    "time": _("来电时间"),
    "answered": _("是否接通"),
    "wait": _("等待秒数"),
}


class CallLogUploadForm(forms.Form):
    file = forms.FileField(
        label=_("话单文件"),
        help_text=_("电话系统导出的 CSV（UTF-8 或 GBK）或 Excel（.xlsx）文件，第一行为表头"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(CALL_LOG_TYPES)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in CALL_LOG_TYPES:
            raise forms.ValidationError(_("只能导入 CSV 或 .xlsx 文件"))
        if upload.size > CALL_LOG_MAX_BYTES:
            raise forms.ValidationError(
                _("文件不能超过 %(n)d MB，请按日期分批导出") % {"n": CALL_LOG_MAX_BYTES // (1024 * 1024)}
            )
        return upload


class CallLogMappingForm(forms.Form):
    """One select per field, listing the file's headers; prefilled where the header is known."""

    content = forms.CharField(widget=forms.HiddenInput)
    file_name = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        guessed = mapping_guess(headers)
        columns = [(h, h) for h in headers if h]
        for field in FIELDS:
            required = field in REQUIRED
            empty = _("—请选择—") if required else _("（没有这一列：按 0 秒）")
            self.fields[field] = forms.ChoiceField(
                label=FIELD_LABELS[field], required=required, choices=[("", empty), *columns],
                initial=guessed.get(field, ""),
            )

    def clean_content(self) -> bytes:
        try:
            return base64.b64decode(self.cleaned_data["content"].encode(), validate=True)
        except (binascii.Error, ValueError):
            raise forms.ValidationError(_("文件内容已损坏，请重新上传")) from None

    def mapping(self) -> dict[str, str]:
        return {field: self.cleaned_data[field] for field in FIELDS if self.cleaned_data.get(field)}

    @staticmethod
    def encode(content: bytes) -> str:
        return base64.b64encode(content).decode()


class CallbackOutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("回拨结果"),
        choices=[(CallbackStatus.REACHED, CallbackStatus.REACHED.label),
                 (CallbackStatus.UNREACHABLE, CallbackStatus.UNREACHABLE.label)],
    )
    note = forms.CharField(label=_("情况说明"), required=False, max_length=MAX_NOTE)

    def __init__(self, *args, **kwargs):
        """The row shows no labels (one form per table row): each input names itself for screen readers."""
        super().__init__(*args, **kwargs)
        self.fields["status"].widget.attrs["aria-label"] = self.fields["status"].label
        self.fields["note"].widget.attrs.update({"aria-label": self.fields["note"].label,
                                                 "placeholder": _("情况说明（可不填）")})
