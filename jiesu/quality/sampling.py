"""The draw itself, pure so it is tested and audited without a database.

Fair: every candidate of a department has the same chance, because its rank is a hash of the
batch's random seed and its order number, uniform and unknown before the seed is drawn. Auditable:
the seed is stored with the batch and the rank with each inspection, so anyone can recompute the
ranks and check that each department's sample is exactly its lowest-ranked candidates; the order
the database returned them in plays no part.
"""

import hashlib
import secrets
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal


def new_seed() -> str:
    return secrets.token_hex(16)


def rank(seed: str, number: str) -> str:
    return hashlib.sha256(f"{seed}:{number}".encode()).hexdigest()


def sample_size(rate: Decimal, population: int) -> int:
    """round(rate × population), halves up: a department with five concluded orders at 10 % still
    has one inspected, where Python's round() would give it none."""
    return int((Decimal(population) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def pick(seed: str, numbers: Iterable[str], k: int) -> list[tuple[str, str]]:
    """The `k` numbers with the lowest ranks, as (number, rank) pairs, lowest first."""
    if k <= 0:
        return []
    ranked = sorted((rank(seed, number), number) for number in numbers)
    return [(number, value) for value, number in ranked[:k]]
