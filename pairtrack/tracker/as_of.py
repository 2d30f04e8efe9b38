"""What the records said on a given day (DESIGN §6 "Point in time"): the one home of every
date rule a brief, the indicators and the findings evaluate "as of" a day.

A brief of a period is evaluated at the period's last day (``Period.as_of``), so records dated
after it never change it. Each rule here is a SQL condition or expression on one table:

- **Funds.** A transfer has arrived by a day when ``arrived_on`` ≤ that day; it is
  *outstanding* (拨付未到位) on a day when it was allocated by then and had not arrived by then
  (a later arrival still counts as "not yet" for that day).
- **Cadres: 在岗.** An exchange is in post (在岗) over ``start``–``end`` when it began by
  ``end`` and no return was recorded before ``start``: ``start_on ≤ end`` and (``returned_on``
  is null or ``returned_on ≥ start``). The planned end does *not* end it: a person whose
  planned end passed and whose return is not recorded is still counted, and also listed once
  as 未登记返回 (``cadre_overdue``). The cadre indicators and table 3 use the period;
  期末仍在岗 uses the period's last day (``in_post(day)``), so everyone the problems section
  counts as overdue on that day is in post on it.
- **Agreements.** The data model holds the dates of signing (``signed_on``), of the start
  (``start_on``) and of the end (``end_on``), and today's status; a status change carries no
  date of its own. A status only moves forward (意向 → 已签约 → 执行中 → 已完成, or 终止), so the
  status on a day is read from the dates, never later than today's status:
  not signed by the day → 意向; signed by it → 已签约; today 执行中 (or later) and started by
  it → 执行中; today 已完成 / 终止 and ended (``end_on``) by it → 已完成 / 终止. When the date
  that marks a status is missing, the status counts from when it was first *recorded*: the
  row's revision history (``row_history``, and the row itself) says when a revision with that
  status was written (UTC date of its ``updated_at``), so a status set later never reaches
  back. An agreement exists on a day when it was signed by then, or (an intention) started by
  then, or, with neither date, was recorded by then (``created_at``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, cast, exists, func, literal, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.visitors import InternalTraversal

from pairtrack.db.models import Agreement, CadreExchange, FundTransfer, RowHistory

NEVER = date(9999, 12, 31)  # "not arrived": later than any day a brief is evaluated at


def _day_of(timestamp: Any) -> Any:
    """The UTC date (ISO text) of a stored timestamp (fixed-width ISO text)."""
    return func.substr(timestamp, 1, 10)


class json_text(FunctionElement[str]):
    """The text under ``key`` of a JSON object stored as text (``RowHistory.data``), in the
    SQL of the database at hand: ``json_extract`` on SQLite, ``->>`` on PostgreSQL (its text
    column cast to json). ``key`` is a name from this code, never user input."""

    type = String()
    inherit_cache = True
    _traverse_internals = [  # noqa: RUF012 (SQLAlchemy's own declaration, as its subclasses write it)
        *FunctionElement._traverse_internals,
        ("key", InternalTraversal.dp_string),  # part of the statement cache's key
    ]

    def __init__(self, document: Any, key: str) -> None:
        if not re.fullmatch(r"[a-z_]+", key):
            raise ValueError(f"not a JSON key of a stored row: {key!r}")
        self.key = key
        super().__init__(document)


@compiles(json_text)
def _json_text_sqlite(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_extract({compiler.process(element.clauses, **kw)}, '$.{element.key}')"


@compiles(json_text, "postgresql")
def _json_text_postgresql(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"(CAST({compiler.process(element.clauses, **kw)} AS JSON) ->> '{element.key}')"


# --- funds ---------------------------------------------------------------------------------


def arrived_between(start: date, end: date) -> ColumnElement[bool]:
    return FundTransfer.arrived_on.between(start, end)


def outstanding(day: date) -> ColumnElement[bool]:
    """Allocated by ``day`` and not arrived by it (拨付未到位 on that day)."""
    # one comparison, not an OR: the planner then reads the allocation-date index as a range
    not_yet = func.coalesce(FundTransfer.arrived_on, NEVER) > day
    return and_(FundTransfer.allocated_on <= day, not_yet)


# --- cadres --------------------------------------------------------------------------------


def cadre_active(start: date, end: date) -> ColumnElement[bool]:
    """在岗 at some time from ``start`` to ``end``: began by ``end``, not returned before
    ``start``. The one definition of 在岗 (see the module's text)."""
    return and_(
        CadreExchange.start_on <= end,
        or_(CadreExchange.returned_on.is_(None), CadreExchange.returned_on >= start),
    )


def in_post(day: date) -> ColumnElement[bool]:
    """在岗 on ``day`` (期末仍在岗 when ``day`` is the period's last day)."""
    return cadre_active(day, day)


def cadre_overdue(day: date) -> ColumnElement[bool]:
    """未登记返回 on ``day``: the planned end passed before it and no return was recorded by it.
    Always a subset of ``in_post(day)``. No planned end, never overdue."""
    return and_(
        CadreExchange.end_on < day,
        or_(CadreExchange.returned_on.is_(None), CadreExchange.returned_on > day),
    )


# --- agreements ----------------------------------------------------------------------------


def _recorded_by(day: date, statuses: tuple[str, ...]) -> ColumnElement[bool]:
    """A revision of the agreement with one of ``statuses`` was written on or before ``day``."""
    text = day.isoformat()
    current = and_(Agreement.status.in_(statuses), _day_of(Agreement.updated_at) <= text)
    earlier = exists().where(
        RowHistory.table_name == Agreement.__tablename__,
        RowHistory.row_id == Agreement.id,
        json_text(RowHistory.data, "status").in_(statuses),
        _day_of(json_text(RowHistory.data, "updated_at")) <= text,
    )
    return or_(current, earlier)


def _reached(day: date, now: tuple[str, ...], marked_by: Any, recorded: tuple[str, ...]) -> Any:
    """Today's status is in ``now`` and the date marking the status is by ``day`` — or, with no
    such date, a revision with a status in ``recorded`` was written by ``day``."""
    return and_(
        Agreement.status.in_(now),
        or_(
            # both sides definite (never NULL), so that ``~terminated_by`` keeps its rows
            and_(marked_by.is_not(None), marked_by <= day),
            and_(marked_by.is_(None), Agreement.status.in_(recorded), _recorded_by(day, recorded)),
        ),
    )


def signed_by(day: date) -> ColumnElement[bool]:
    return and_(Agreement.signed_on.is_not(None), Agreement.signed_on <= day)


def terminated_by(day: date) -> ColumnElement[bool]:
    return _reached(day, ("terminated",), Agreement.end_on, ("terminated",))


def agreement_status_at(day: date) -> ColumnElement[str]:
    """The status code the agreement had on ``day`` (see the module's text)."""
    return case(
        (terminated_by(day), literal("terminated", String)),
        (~signed_by(day), literal("intent", String)),
        (
            _reached(day, ("completed",), Agreement.end_on, ("completed",)),
            literal("completed", String),
        ),
        (
            _reached(
                day,
                ("in_progress", "completed", "terminated"),
                Agreement.start_on,
                ("in_progress", "completed"),
            ),
            literal("in_progress", String),
        ),
        else_=literal("signed", String),
    )


def intent_since() -> ColumnElement[str]:
    """Since when an intention is known: its start date, else the day it was recorded (ISO
    text, so that it compares with the dates stored as ISO text)."""
    # ISO text on every database: SQLite stores dates so, PostgreSQL casts a date so
    start = cast(Agreement.start_on, String)
    return func.coalesce(start, _day_of(Agreement.created_at), type_=String)


def agreement_known_by(day: date) -> ColumnElement[bool]:
    """The agreement existed on ``day``: signed by then, or known as an intention by then."""
    return or_(signed_by(day), intent_since() <= day.isoformat())


def newly_signed(start: date, end: date) -> ColumnElement[bool]:
    """Signed in ``start``–``end`` and not terminated by ``end`` (签订合作协议)."""
    return and_(Agreement.signed_on.is_not(None), Agreement.signed_on.between(start, end),
                ~terminated_by(end))  # fmt: skip
