"""Single-process classification throughput: the held-out texts repeated to about 20,000, classified
in batches through `Classifier.classify_many` (the path `jiesu classify` takes), after training on
the shipped corpus. Target: at least 2,000 orders/s. No database is used.

    python benchmarks/classify_rate.py [--total 20000] [--batch 1000]
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiesu.settings")
os.environ.setdefault("JIESU_TESTING", "1")

import django  # noqa: E402

django.setup()

from jiesu.intelligence.classifier import Classifier, heldout_rows, training_rows  # noqa: E402
from jiesu.intelligence.rules import rules_current  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()

    started = time.perf_counter()
    classifier = Classifier(rules_current()).fit(training_rows())
    trained_s = time.perf_counter() - started

    heldout = [text for text, _labels in heldout_rows()]
    texts = (heldout * (args.total // len(heldout) + 1))[: args.total]
    classifier.classify_many(texts[: args.batch])  # warm-up: jieba's dictionary, numpy's first calls
    started = time.perf_counter()
    for start in range(0, len(texts), args.batch):
        classifier.classify_many(texts[start : start + args.batch])
    elapsed = time.perf_counter() - started
    print(json.dumps({
        "training_rows": classifier.summary.rows, "training_s": round(trained_s, 2),
        "texts": len(texts), "batch": args.batch, "seconds": round(elapsed, 2),
        "orders_per_s": round(len(texts) / elapsed),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
