"""Read one spreadsheet cell back into the value a service takes (the inverse of columns.py).

openpyxl gives numbers as float: money goes through ``Decimal(str(value))`` and must be a
whole number of 分; numbers and text alike are read by the one money rule, a bare number in
the unit of the column header (万元), text such as ``12.6万`` or ``800元`` as staff type it. References are matched by name: regions by name (or code), pairings
as "帮扶方→受援方", agreements by title within the row's pairing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pairtrack.db.models import Agreement, Pairing, Region
from pairtrack.tracker.errors import ValidationError
from pairtrack.tracker.exchange.columns import Column, unneutralise
from pairtrack.tracker.exchange.ledger_words import COUNT_SUFFIX
from pairtrack.tracker.indicators import BY_KEY
from pairtrack.tracker.ledger_dates import loose_date
from pairtrack.tracker.money import cell_money, unit_in_header


def money(value: Any, column: Column) -> int:
    """A money cell in fen, by the one money rule (``tracker.money.parse_money``): a bare
    number is in the unit of the column's header (万元 in the template and exports), or the
    unit the sheet gives its money columns (a 单位：元 line: ``Column.unit``)."""
    return cell_money(value, column.name, column.unit or unit_in_header(column.header))


def whole(value: Any, column: Column) -> Any:
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(column.name, f"应为整数，而不是 {value}")
        return int(value)
    if isinstance(value, str):
        return COUNT_SUFFIX.sub("", value.strip())  # 186人, 3期: the service checks the digits
    return value


def text(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a 文号 typed as a number
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, int | float | date):
        return str(value)
    return value


def a_date(value: Any, column: Column, month_only: list[str]) -> date:
    """A date cell as offices write them (``tracker.ledger_dates``); a date written only to
    the month is its first day, and its header is added to ``month_only`` for the report."""
    found = loose_date(value, column.name)
    if found.month_only:
        month_only.append(column.header)
    return found.day


def cell_to_value(column: Column, value: Any, month_only: list[str] | None = None) -> Any:
    """The value for the service, before references are resolved. Text of any column loses
    the quote the program's own files put before a formula character (``neutralise``)."""
    if isinstance(value, str):
        value = unneutralise(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = column.kind
    if kind in ("text", "choice", "region", "pairing", "agreement", "id"):
        return text(value)
    if kind in ("int", "year"):
        return whole(value, column)
    if kind == "money":
        return money(value, column)
    if kind == "date":
        return a_date(value, column, [] if month_only is None else month_only)
    return value  # target_value: read once the indicator is known


def is_money_indicator(indicator: Any) -> bool:
    """Whether a target's indicator (its key, or its label as a sheet shows it) is money."""
    key = indicator
    if key not in BY_KEY:
        key = next((k for k, i in BY_KEY.items() if i.label == indicator), None)
    return key is not None and BY_KEY[key].is_money


def target_value(value: Any, indicator: Any, column: Column) -> Any:
    if is_money_indicator(indicator):
        return money(value, column)
    return whole(value, column)


class Resolver:
    """Names → ids inside the import's transaction (rows created earlier in it count).

    What a name resolved to (or why it could not be) is kept for the rest of the transaction
    (``of``): a workbook names the same few pairings in 100k rows. The importer calls
    ``forget`` after each write that could change an answer (a region, pairing or agreement
    written since), so a row still sees what the rows before it created.
    """

    _INFO = "ledger_resolver"

    def __init__(self, session: Session) -> None:
        self.session = session
        self._known: dict[tuple[Any, ...], str | ValidationError] = {}

    @classmethod
    def of(cls, session: Session) -> Resolver:
        """The transaction's resolver, with what it already knows."""
        found = session.info.get(cls._INFO)
        if not isinstance(found, cls):
            found = session.info[cls._INFO] = cls(session)
        return found

    @classmethod
    def forget(cls, session: Session) -> None:
        session.info.pop(cls._INFO, None)

    def _once(self, key: tuple[Any, ...], find: Callable[[], str]) -> str:
        if key not in self._known:
            try:
                self._known[key] = find()
            except ValidationError as exc:
                self._known[key] = exc
        known = self._known[key]
        if isinstance(known, ValidationError):
            raise ValidationError(known.field, known.message)
        return known

    def region(self, name: str, column: Column) -> str:
        return self._once(("region", name, column.name), lambda: self._region(name, column))

    def pairing(self, label: str, column: Column) -> str:
        return self._once(("pairing", label, column.name), lambda: self._pairing(label, column))

    def agreement(self, title: str, pairing_id: str | None, column: Column) -> str:
        return self._once(
            ("agreement", title, pairing_id, column.name),
            lambda: self._agreement(title, pairing_id, column),
        )

    def _region(self, name: str, column: Column) -> str:
        live = Region.deleted_at.is_(None)
        found = self.session.scalars(select(Region.id).where(live, Region.code == name)).all()
        found = (
            found or self.session.scalars(select(Region.id).where(live, Region.name == name)).all()
        )
        if len(found) != 1:
            problem = "找不到" if not found else "有多个同名的"
            raise ValidationError(column.name, f"{problem}地区「{name}」")
        return found[0]

    def _pairing(self, label: str, column: Column) -> str:
        if self.session.get(Pairing, label) is not None:
            return label  # an id typed in place of the name
        helper, sep, assisted = label.replace("->", "→").partition("→")
        if not sep:
            raise ValidationError(
                column.name, f"结对关系应写作「帮扶方→受援方」，而不是「{label}」"
            )
        h = self._region(helper.strip(), column)
        a = self._region(assisted.strip(), column)
        found = self.session.scalars(
            select(Pairing.id).where(
                Pairing.helper_id == h, Pairing.assisted_id == a, Pairing.deleted_at.is_(None)
            )
        ).all()
        if len(found) != 1:
            problem = "找不到" if not found else "有多个（不同协作类型的）"
            raise ValidationError(column.name, f"{problem}结对关系「{label}」")
        return found[0]

    def _agreement(self, title: str, pairing_id: str | None, column: Column) -> str:
        if self.session.get(Agreement, title) is not None:
            return title
        query = select(Agreement.id).where(Agreement.title == title, Agreement.deleted_at.is_(None))
        if pairing_id:
            query = query.where(Agreement.pairing_id == pairing_id)
        found = self.session.scalars(query).all()
        if len(found) != 1:
            problem = "找不到" if not found else "有多个同名的"
            raise ValidationError(column.name, f"该结对关系下{problem}协议「{title}」")
        return found[0]
