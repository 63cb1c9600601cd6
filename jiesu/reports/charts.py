"""The report's charts as PNG images (section 四、图表), drawn with matplotlib in a CJK font.

Chinese labels need a font that has the glyphs; without one matplotlib draws empty boxes (豆腐块)
and a report full of them is worse than none, so a missing font is an error naming the Debian
package that provides one (`fonts-noto-cjk`, installed by .ci/run and the README's set-up). Figures
are built with the object API (`Figure`, never pyplot), which keeps no global state between the
threads of a web worker, and every text is given the font explicitly for the same reason.
"""

from __future__ import annotations

import io
from functools import cache

from django.utils.translation import gettext as _

from jiesu.core.errors import DomainError

#: Families tried in order: Debian's fonts-noto-cjk, then fonts-wqy-zenhei / -microhei, then
#: the usual names on machines set up otherwise.
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans CJK", "Source Han Sans SC", "Source Han Sans CN", "Noto Serif CJK SC",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droplet Sans Fallback", "SimHei", "Microsoft YaHei",
)  # fmt: skip
#: Font files recognised when matplotlib's font cache predates the font's installation.
CJK_FILES = ("notosanscjk", "notoserifcjk", "sourcehansans", "wqy-zenhei", "wqy-microhei", "simhei", "msyh")
DPI = 150
BLUE, GREY = "#2f6fbd", "#b8c2cc"


class ChartFontMissing(DomainError):
    """The server cannot draw Chinese: an installation problem, not the user's input."""

    code = "font_missing"
    status = 503


@cache
def cjk_font():
    """The FontProperties of the first CJK family matplotlib knows, looking in the system's font
    folders as well when its cache was built before the font was installed."""
    from matplotlib import font_manager

    known = {font.name for font in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in known:
            return font_manager.FontProperties(family=family)
    for path in font_manager.findSystemFonts():
        if any(part in path.lower().replace("_", "") for part in CJK_FILES):
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path)
    raise ChartFontMissing(_("服务器未安装中文字体，无法绘制报告图表：请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk）"
                             "或其他 Noto CJK、文泉驿字体后重试"))  # fmt: skip


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    return figure, figure.add_subplot()


def _png(figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def _fonts(axes, font) -> None:
    for label in (*axes.get_xticklabels(), *axes.get_yticklabels()):
        label.set_fontproperties(font)


def trend_chart(*, title: str, labels: list[str], counts: list[int], step: str) -> bytes:
    """Orders received per day, week or month: a bar per step, dates shortened to what changes."""
    font = cjk_font()
    figure, axes = _figure(7.5, 3.2)
    short = [label[5:] if step != "month" else label[:7] for label in labels]
    axes.bar(range(len(counts)), counts, color=BLUE)
    every = max(1, len(short) // 12)
    axes.set_xticks(range(0, len(short), every), short[::every], rotation=45 if len(short) > 12 else 0)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_ylabel(_("工单量（件）"), fontproperties=font)
    axes.set_title(title, fontproperties=font)
    axes.spines[["top", "right"]].set_visible(False)
    _fonts(axes, font)
    return _png(figure)


def rates_chart(*, title: str, labels: list[str], current: list[float | None], previous: list[float | None],
                current_label: str, previous_label: str) -> bytes:  # fmt: skip
    """The rates of this period beside the previous one's, in per cent; a rate with no
    denominator is left at zero and marked 无数据."""
    font = cjk_font()
    figure, axes = _figure(7.5, 0.45 * len(labels) + 1.2)
    rows = list(range(len(labels)))[::-1]
    height = 0.38
    now = [100 * v if v is not None else 0 for v in current]
    before = [100 * v if v is not None else 0 for v in previous]
    bars = axes.barh([r + height / 2 for r in rows], now, height, color=BLUE, label=current_label)
    axes.barh([r - height / 2 for r in rows], before, height, color=GREY, label=previous_label)
    axes.bar_label(bars, [f"{v * 100:.1f}%" if v is not None else _("无数据") for v in current], padding=3,
                   fontproperties=font, fontsize=8)  # fmt: skip
    axes.set_yticks(rows, labels)
    axes.set_xlim(0, 115)
    axes.set_title(title, fontproperties=font)
    axes.legend(prop=font, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncols=2, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    _fonts(axes, font)
    return _png(figure)


def top_chart(*, title: str, labels: list[str], counts: list[int]) -> bytes:
    """The leading categories (or any ranking), largest at the top."""
    font = cjk_font()
    figure, axes = _figure(7.5, 0.4 * max(len(labels), 1) + 1.2)
    rows = list(range(len(labels)))[::-1]
    bars = axes.barh(rows, counts, color=BLUE)
    axes.bar_label(bars, [str(n) for n in counts], padding=3, fontsize=8)
    axes.set_yticks(rows, labels)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_xlabel(_("工单量（件）"), fontproperties=font)
    axes.set_title(title, fontproperties=font)
    axes.spines[["top", "right"]].set_visible(False)
    _fonts(axes, font)
    return _png(figure)
