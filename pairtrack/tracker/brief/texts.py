"""The two sections users write (存在问题, 下一步工作), kept per scope and period in ``meta``.

The next brief of the same scope and period starts from what was typed last time.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from pairtrack.tracker.periods import Period, Scope

if TYPE_CHECKING:
    from pairtrack.tracker.ledger import Ledger

KEY_LIMIT = 64  # meta.key is VARCHAR(64)
PARTS = ("problems", "next_steps")


def text_key(period: Period, scope: Scope, part: str) -> str:
    """``brief_text:helper:<region id>:2017-01-01:2017-11-30:problems``, hashed if too long.

    Region and pairing ids are 36-character UUIDs, so a scoped key is always too long for the
    column; a short digest of the scope and period keeps the key unique and stable.
    """
    ref = scope.pairing_id or scope.region_id or "all"
    key = f"brief_text:{scope.kind}:{ref}:{period.start}:{period.end}:{part}"
    if len(key) <= KEY_LIMIT:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"brief_text:{digest}:{part}"


def load_texts(ledger: Ledger, period: Period, scope: Scope) -> tuple[str, str]:
    """(存在问题, 下一步工作) as last saved for this scope and period; empty if never."""
    problems, next_steps = (ledger.setting(text_key(period, scope, p)) for p in PARTS)
    return problems, next_steps


def save_texts(
    ledger: Ledger, period: Period, scope: Scope, problems: str, next_steps: str
) -> None:
    """Store both texts in one audited transaction; unchanged texts are not rewritten.

    A ledger opened read-only keeps nothing: the texts are printed in the brief being made,
    and that is all (a read-only window still prints briefs)."""
    if ledger.read_only is not None:
        return
    old = load_texts(ledger, period, scope)
    new = (problems, next_steps)
    changed = {
        text_key(period, scope, part): text
        for part, text, before in zip(PARTS, new, old, strict=True)
        if text != before
    }
    if changed:
        ledger.set_settings(**changed)
