"""Language detection: Indonesian, English or other, from function-word counts.

Cheap and deterministic (no model): the share of very frequent Indonesian and
English function words among the first tokens decides. Other languages are
reported as "und" and pass through extraction with both vocabularies.
"""

from __future__ import annotations

import re

_ID = frozenset(
    """yang dan di ke dari ini itu dengan untuk tidak pada adalah dalam akan juga atau karena oleh
bahwa telah sudah kami kita mereka ia dia tersebut sebagai para lebih belum secara menurut
namun saat""".split()
)
_EN = frozenset(
    """the and of to in is that for on with as was were by at from it this be are have has had not
but which said would will their they he she his her an or been who also after about""".split()
)
_WORD = re.compile(r"[a-zA-Z]+")


def detect_language(text: str, sample: int = 400) -> str:
    """'id', 'en' or 'und' (undetermined) for `text`."""
    ids = ens = total = 0
    for m in _WORD.finditer(text):
        w = m.group().lower()
        total += 1
        if w in _ID:
            ids += 1
        if w in _EN:
            ens += 1
        if total >= sample:
            break
    if total == 0 or max(ids, ens) < max(2, total * 0.05):
        return "und"
    return "id" if ids >= ens else "en"
