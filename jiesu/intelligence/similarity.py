"""Text similarity for Chinese complaint descriptions, pure functions (no ORM).

Two notions, because group complaints arrive both ways (seed 004): copied texts, caught by MinHash
over character shingles (Chinese has no spaces, so characters, not words, are the unit); and each
consumer's own words about the same problem, caught by TF-IDF cosine over character n-grams, which
rewards shared content words (健身, 退费, 停业) over shared function words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from datasketch import MinHash
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

SHINGLE = 3
PERMUTATIONS = 128
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Letters, digits and CJK characters only, lower-cased: punctuation and spacing differ
    between copies of one text."""
    return _NOISE.sub("", (text or "").lower())


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    text = normalise(text)
    if len(text) <= size:
        return {text} if text else set()
    return {text[i : i + size] for i in range(len(text) - size + 1)}


@cache
def _permutations():
    """The hash permutations of seed 1, drawn once per process: drawing them is most of the cost
    of a MinHash, and comparing a new order with hundreds of candidates needs hundreds."""
    template = MinHash(num_perm=PERMUTATIONS, seed=1)
    return template.permutations, template.scheme


def minhash(text: str) -> MinHash:
    permutations, scheme = _permutations()
    signature = MinHash(num_perm=PERMUTATIONS, seed=1, permutations=permutations, scheme=scheme)
    signature.update_batch([s.encode("utf-8") for s in shingles(text)])
    return signature


def near_duplicate_score(a: str, b: str) -> float:
    """Estimated Jaccard similarity of the two texts' character shingles (0..1)."""
    return near_duplicate_scores(a, [b])[0]


def near_duplicate_scores(text: str, others: Sequence[str]) -> list[float]:
    """`near_duplicate_score` of `text` against each of `others`, hashing `text` once."""
    if not normalise(text):
        return [0.0] * len(others)
    signature = minhash(text)
    return [float(signature.jaccard(minhash(other))) if normalise(other) else 0.0 for other in others]


#: Concepts complainants name in many words (seed 004's "five members of one closed gym"): two
#: texts naming the same concepts describe the same problem even when they share no phrase.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "停业": (
        "关门",
        "停业",
        "倒闭",
        "闭店",
        "跑路",
        "卷款",
        "人去楼空",
        "不营业",
        "歇业",
        "搬走",
        "找不到人",
        "联系不上",
    ),
    "退费": ("退款", "退费", "退钱", "退还", "返还", "不退", "退卡", "余额", "剩余"),
    "预付卡": ("会员卡", "储值", "充值", "年卡", "次卡", "月卡", "课时", "会员费", "办卡", "预付", "私教课"),
    "变质": ("过期", "变质", "发霉", "霉变", "异味", "馊", "腐烂", "长虫"),
    "异物": ("异物", "头发", "虫子", "苍蝇", "玻璃", "金属", "塑料片"),
    "中毒": ("中毒", "呕吐", "腹泻", "拉肚子", "送医", "住院", "食物中毒"),
    "虚假宣传": ("虚假宣传", "夸大", "承诺", "宣传", "广告", "欺骗", "误导"),
    "价格": ("多收", "加价", "原价", "标价", "价格", "乱收费", "收费"),
    "质量": ("质量", "坏了", "故障", "损坏", "开胶", "开线", "破损", "漏水", "不能用"),
    "维修": ("维修", "修理", "保修", "三包", "返修"),
    "电梯": ("电梯", "扶梯", "困人", "被困", "停运"),
    "交付": ("不发货", "未发货", "延期交付", "逾期", "迟迟", "拖延"),
    "服务态度": ("态度", "辱骂", "推诿", "踢皮球", "不理"),
    "合同": ("合同", "协议", "条款", "违约", "定金", "押金"),
}


def concepts(text: str) -> set[str]:
    text = normalise(text)
    return {name for name, words in CONCEPTS.items() if any(word in text for word in words)}


def concept_score(a: str, b: str) -> float:
    """Jaccard overlap of the concepts two texts name (0 when either names none)."""
    ca, cb = concepts(a), concepts(b)
    if not ca or not cb:
        return 0.0
    return len(ca & cb) / len(ca | cb)


def meaning_scores(text: str, others: Sequence[str]) -> list[float]:
    """TF-IDF cosine of `text` against each of `others`, over character 1-2-grams fitted on this
    small set itself (the words that matter are the ones these texts do not all share)."""
    if not others:
        return []
    documents = [normalise(text), *(normalise(o) for o in others)]
    if not any(documents):
        return [0.0] * len(others)
    matrix = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True).fit_transform(documents)
    return [float(x) for x in cosine_similarity(matrix[0], matrix[1:])[0]]
