"""Join codes: random, unguessable, easy to read aloud and type on a classroom laptop.

A code is 16 symbols from Crockford's base-32 alphabet (80 bits from ``secrets``), shown in groups of four:
``K7QP-3MZD-R8WX-T2HN``. Reading forgives case, spaces, dashes and the look-alikes O/0, I/L/1.

>>> normalise("k7qp 3mzd-r8wx-t2hn")
'K7QP-3MZD-R8WX-T2HN'
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
LENGTH = 16  # 16 x 5 bits = 80 bits
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(symbols[i : i + 4] for i in range(0, LENGTH, 4))


def normalise(text: str) -> str | None:
    """The canonical form of a typed code, or None if it cannot be one."""
    symbols = "".join(text.split()).replace("-", "").upper().translate(_LOOKALIKES)
    if len(symbols) != LENGTH or any(c not in ALPHABET for c in symbols):
        return None
    return "-".join(symbols[i : i + 4] for i in range(0, LENGTH, 4))
