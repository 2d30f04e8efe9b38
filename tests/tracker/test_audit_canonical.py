"""The canonical row text the audit trail hashes must never change: databases in the field
hold hashes made with it (it is compact JSON with sorted keys, whatever order columns come in)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from pairtrack.tracker.audit import canonical

values = st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1), st.text(max_size=20))


@given(st.dictionaries(st.text(min_size=1, max_size=8), values, max_size=12))
def test_canonical_is_compact_json_with_sorted_keys(row: dict[str, object]) -> None:
    expected = json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert canonical(list(reversed(list(row))), row) == expected
    assert canonical(tuple(row), row) == expected
