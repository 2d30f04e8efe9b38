"""The audit heads of the packages this office received (DESIGN §2, §7; issue 13).

Every imported package (format version 3 on) leaves its sender's head — the number of events
and the last hash, i.e. its 数据校验码 — in ``received_head``. A later package from the same
office must carry a history that extends every head recorded from an earlier export of it:
its chain (``audit_chain.jsonl``) must have, at each recorded event number, the recorded
hash. If not, someone there deleted, edited and re-hashed, or replaced their history, and
the import report says so (「对方的历史记录被改写过」). ``pairtrack check`` lists what was
received.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from pairtrack.db.models import ReceivedHead
from pairtrack.tracker.audit import check_code
from pairtrack.tracker.dates import local_time
from pairtrack.tracker.exchange.package import CHAIN_DIGITS, Package

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pairtrack.tracker.ledger import Ledger

REWRITTEN = "对方的历史记录被改写过"


@dataclass(frozen=True)
class Received:
    origin: str  # 名称（代码）
    exported_at: datetime
    received_at: datetime
    file_name: str
    code: str
    rewritten: bool

    def __str__(self) -> str:
        mark = f"（{REWRITTEN}）" if self.rewritten else ""
        return (
            f"{self.origin} {local_time(self.exported_at)} 导出的「{self.file_name}」："
            f"数据校验码 {self.code}，{local_time(self.received_at)} 导入{mark}"
        )


def history_problem(session: Session, package: Package) -> str:
    """Why ``package`` does not extend a head recorded from an earlier export of the same
    office ("" when it does, or when it carries no chain: versions 1 and 2)."""
    count, head = package.audit_count, package.audit_head
    if count is None or head is None:
        return ""
    earlier = session.scalars(
        select(ReceivedHead)
        .where(ReceivedHead.origin_code == package.origin_code)
        .where(ReceivedHead.exported_at <= package.exported_at)
        .order_by(ReceivedHead.audit_count.desc())
    ).all()
    if not earlier:
        return ""
    wanted = {r.audit_count for r in earlier if 0 < r.audit_count <= count}
    hashes = package.chain_hashes(wanted) if wanted else {}
    for recorded in earlier:
        n = recorded.audit_count
        extends = n == 0 or (n <= count and hashes.get(n) == recorded.audit_head[:CHAIN_DIGITS])
        if not extends:
            was = check_code(n, recorded.audit_head)
            return (
                f"{REWRITTEN}：{package.origin}于 {local_time(recorded.exported_at)} 导出的汇总包"
                f"数据校验码为 {was}（{n} 条审计事件），本包的历史记录（{package.check_code}）"
                "不是它的延续：对方删除、改动后重算或整体替换了历史记录，请与对方核实"
            )
    return ""


def record_head(session: Session, package: Package, import_id: int | None, rewritten: bool) -> None:
    """Remember the package's head, in the import's transaction."""
    if package.audit_count is None or package.audit_head is None:
        return
    session.add(
        ReceivedHead(
            origin_code=package.origin_code,
            origin_name=package.origin_name,
            exported_at=package.exported_at,
            import_id=import_id,
            file_name=package.path.name,
            audit_count=package.audit_count,
            audit_head=package.audit_head,
            rewritten=int(rewritten),
        )
    )
    session.flush()


def received(ledger: Ledger) -> list[Received]:
    """Every recorded head, oldest import first."""
    with ledger.read() as session:
        rows = session.scalars(select(ReceivedHead).order_by(ReceivedHead.id)).all()
        return [
            Received(
                origin=f"{r.origin_name}（{r.origin_code}）",
                exported_at=r.exported_at,
                received_at=r.received_at,
                file_name=r.file_name,
                code=check_code(r.audit_count, r.audit_head),
                rewritten=bool(r.rewritten),
            )
            for r in rows
        ]
