"""Three-way merge of one row: ancestry of revisions, and field-by-field merging (DESIGN §7).

Pure functions over plain dicts of stored values, so that the rules can be read and tested
apart from the database. A revision graph is given as ``parents_of(rev) -> list[rev]`` (an
unknown revision has none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

ParentsOf = Callable[[str], list[str]]
# Who a row is and when it was written: never merged (the local row keeps its own identity,
# and the clock decides nothing).
IDENTITY = ("id", "origin", "created_at", "updated_at")
DELETED = "deleted_at"


def ancestors(rev: str, parents_of: ParentsOf) -> set[str]:
    """``rev`` and every revision it was made from."""
    seen: set[str] = set()
    stack = [rev]
    while stack:
        current = stack.pop()
        if current and current not in seen:
            seen.add(current)
            stack.extend(parents_of(current))
    return seen


def common_ancestors(mine: str, theirs: str, parents_of: ParentsOf) -> list[str]:
    """The nearest revisions both were made from (common ancestors none of whose descendants
    is also common). Usually one; two when both sides resolved the same conflict each in
    their own way (a criss-cross), and then neither may serve alone as the base."""
    common = ancestors(mine, parents_of) & ancestors(theirs, parents_of)
    # A common ancestor that is an ancestor of another common one is not the nearest.
    below: set[str] = set()
    for rev in common:
        below |= ancestors(rev, parents_of) - {rev}
    return sorted(common - below)


UNKNOWN = object()


def joint_base(bases: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """One base from several nearest ancestors: a field they agree on has that value; a field
    they disagree on is ``UNKNOWN``, so that two different values there are a conflict (never
    one side's resolution silently taking the other's place)."""
    if not bases:
        return None
    joint = dict(bases[0])
    for other in bases[1:]:
        for name, value in other.items():
            if joint.get(name, UNKNOWN) != value:
                joint[name] = UNKNOWN
    return joint


@dataclass
class Merged:
    """The merged row, the fields taken from the incoming side, and the fields in conflict."""

    row: dict[str, Any]
    taken: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def _empty(value: Any) -> bool:
    return value is None or value == ""


def merge_fields(
    base: Mapping[str, Any] | None,
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    fields: Iterable[str],
) -> Merged:
    """Merge ``theirs`` into ``mine`` against their common ancestor ``base``.

    A field changed on one side only takes that change; changed on both sides to different
    values it is a conflict and keeps the local value. Deletion is one more field, compared as
    deleted-or-not: deleting a row that the other side edited is a conflict. Without a common
    ancestor (two offices' records found to be the same region, pairing or target), a field
    empty on one side takes the other's value and any other difference is a conflict.
    """
    merged = Merged(dict(mine))
    data = [f for f in fields if f not in IDENTITY and f != DELETED]
    edited_mine = edited_theirs = False
    for name in data:
        m, t = mine.get(name), theirs.get(name)
        if base is not None:
            b = base.get(name)
            edited_mine |= m != b
            edited_theirs |= t != b
        if m == t:
            continue
        if base is not None and m == base.get(name):
            merged.row[name] = t
            merged.taken.append(name)
        elif base is not None and t == base.get(name):
            pass
        elif base is None and _empty(m):
            merged.row[name] = t
            merged.taken.append(name)
        elif base is None and _empty(t):
            pass
        else:
            merged.conflicts.append(name)
    gone_m, gone_t = mine.get(DELETED) is not None, theirs.get(DELETED) is not None
    if gone_m and gone_t:
        merged.row[DELETED] = max(mine[DELETED], theirs[DELETED])
    elif gone_m != gone_t:
        base_gone = UNKNOWN if base is None else base.get(DELETED, UNKNOWN)
        gone_b = None if base_gone is UNKNOWN else base_gone is not None
        if gone_b == gone_m and not edited_mine:  # only theirs (un)deleted it
            merged.row[DELETED] = theirs.get(DELETED)
            merged.taken.append(DELETED)
        elif gone_b == gone_t and not edited_theirs:  # only mine did
            pass
        else:
            merged.conflicts.append(DELETED)
    updated = [v for v in (mine.get("updated_at"), theirs.get("updated_at")) if v is not None]
    if updated:
        # Every choice above is symmetric, and so is this one: both offices of an exchange
        # compute the same merged row, hence the same merge revision, and stop there.
        merged.row["updated_at"] = max(updated)
    return merged
