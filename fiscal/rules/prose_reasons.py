"""A comparison the prose calls 持平 while the reason it gives explains a change (“与2023年度相比，财政拨款收入支出
总计持平。主要原因：…等原因减少支付。”): the template says 持平 only when nothing changed, and a reason that names one
direction only says the figure moved. A reason naming both directions (增加…，减少…相抵) or none, or saying 不变 /
一致, is no contradiction. Read by comparison_wording_wrong (fiscal/rules/prose.py)."""

from __future__ import annotations

import re
from typing import Any

_UP = re.compile(r"增加|增长|上升|提高|调增|新增|增多|提升|扩大")
_DOWN = re.compile(r"减少|下降|降低|调减|压减|缩减|下调|核减|减支")
_SAME = re.compile(r"不变|持平|一致|相当|相抵|抵消|无变化")
# the verdict ends its clause; its subject names no change of its own (…增加，…持平 compares two things)
_LEVEL = re.compile(r"(?:与|比|较)(?:上年|去年|上一年|(?:19|20)\d{2}年度?)(?:同期)?(?:相比|比较)?,?"
                    r"(?P<what>[^。;,\d%]{0,30}?)持平(?=[。;,]|$)")
_REASON = re.compile(r"^[。;,]?(?:其)?(?:主要)?原因(?:主要)?(?:是|为)?[::]?(?P<reason>[^。]{2,150})")


def level_reason_check(text: str, previous: str | None) -> dict[str, Any] | None:
    """The check of a 持平 (in `text`, or ending `previous` when `text` gives its reason) whose reason names a
    change in one direction only; None when there is none."""
    for verdict, tail in ((text, None), (previous, text)):
        if not verdict:
            continue
        for m in _LEVEL.finditer(verdict):
            rest = verdict[m.end():] if tail is None else (tail if m.end() >= len(verdict) - 1 else "")
            reason = _REASON.match(rest)
            if not reason or _UP.search(m["what"]) or _DOWN.search(m["what"]):
                continue
            said = reason["reason"]
            up, down = _UP.search(said), _DOWN.search(said)
            if bool(up) != bool(down) and not _SAME.search(said):
                return {"word": "持平", "reason": said, "actual": "增加" if up else "减少", "first": None,
                        "second": None, "labels": ["比较用语", "原因"], "clause": m[0], "in_previous": tail is not None}
    return None
