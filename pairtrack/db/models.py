"""The PairTrack tables (DESIGN §2). Money columns hold integer fen."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pairtrack.db.base import Base, BigInt, SyncedMixin, UTCDateTime, utc_now, widened
from pairtrack.db.choices import (
    AGREEMENT_CATEGORY,
    AGREEMENT_STATUS,
    CADRE_CATEGORY,
    DIRECTION,
    FUND_KIND,
    GENDER,
    PROGRAMME,
    REGION_LEVEL,
    TRAINING_CATEGORY,
    in_list,
)


class Region(SyncedMixin, Base):
    __tablename__ = "region"
    __table_args__ = (
        CheckConstraint(in_list("level", REGION_LEVEL), name="level"),
        CheckConstraint("code IS NULL OR length(code) = 6", name="code_length"),
    )

    name: Mapped[str] = mapped_column(String(100), index=True)
    province: Mapped[str] = mapped_column(String(50), default="")
    city: Mapped[str] = mapped_column(String(50), default="")
    level: Mapped[str] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(6), unique=True, default=None)


class Pairing(SyncedMixin, Base):
    __tablename__ = "pairing"
    __table_args__ = (
        UniqueConstraint("helper_id", "assisted_id", "programme"),
        CheckConstraint("helper_id <> assisted_id", name="helper_not_assisted"),
        CheckConstraint(in_list("programme", PROGRAMME), name="programme"),
        CheckConstraint("end_year IS NULL OR end_year >= start_year", name="years"),
    )

    helper_id: Mapped[str] = mapped_column(ForeignKey("region.id"), index=True)
    assisted_id: Mapped[str] = mapped_column(ForeignKey("region.id"), index=True)
    programme: Mapped[str] = mapped_column(String(16))
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int | None] = mapped_column(Integer, default=None)
    lead_unit: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")


class Agreement(SyncedMixin, Base):
    __tablename__ = "agreement"
    __table_args__ = (
        CheckConstraint(in_list("category", AGREEMENT_CATEGORY), name="category"),
        CheckConstraint(in_list("status", AGREEMENT_STATUS), name="status"),
        CheckConstraint("end_on IS NULL OR start_on IS NULL OR end_on >= start_on", name="dates"),
        CheckConstraint(
            "committed_fen IS NULL OR committed_fen >= 0", name="committed_not_negative"
        ),
        Index("ix_agreement_signed_on", "signed_on"),
    )

    pairing_id: Mapped[str] = mapped_column(ForeignKey("pairing.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    doc_number: Mapped[str] = mapped_column(String(100), default="")
    category: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(16))
    counterparty: Mapped[str] = mapped_column(String(200), default="")
    signed_on: Mapped[date | None] = mapped_column(Date, default=None)
    start_on: Mapped[date | None] = mapped_column(Date, default=None)
    end_on: Mapped[date | None] = mapped_column(Date, default=None)
    committed_fen: Mapped[int | None] = mapped_column(BigInt, default=None)
    summary: Mapped[str] = mapped_column(Text, default="")


class Target(SyncedMixin, Base):
    __tablename__ = "target"
    __table_args__ = (
        UniqueConstraint("pairing_id", "year", "indicator"),
        CheckConstraint("value >= 0", name="value_not_negative"),
    )

    pairing_id: Mapped[str] = mapped_column(ForeignKey("pairing.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    indicator: Mapped[str] = mapped_column(String(40))
    value: Mapped[int] = mapped_column(BigInt)
    agreement_id: Mapped[str | None] = mapped_column(ForeignKey("agreement.id"), default=None)


class FundTransfer(SyncedMixin, Base):
    __tablename__ = "fund_transfer"
    __table_args__ = (
        CheckConstraint(in_list("kind", FUND_KIND), name="kind"),
        CheckConstraint("amount_fen > 0", name="amount_positive"),
        CheckConstraint("arrived_on IS NULL OR arrived_on >= allocated_on", name="dates"),
        Index("ix_fund_transfer_kind_arrived_on", "kind", "arrived_on"),
        # "allocated but not arrived" (arrived_on IS NULL, allocated_on < cutoff)
        Index("ix_fund_transfer_arrived_on_allocated_on", "arrived_on", "allocated_on"),
        # covering: fund sums by kind and arrival date are read from the index alone
        Index(
            "ix_fund_transfer_kind_arrived_covering",
            "kind",
            "arrived_on",
            "amount_fen",
            "pairing_id",
            "deleted_at",
        ),
        # covering, for sums by pairing and kind; pairing first so that the funds page's
        # "ORDER BY allocated_on" keeps its plain scan and sort (an index led by the date
        # made each filtered keystroke fetch every row in date order: 15 → 55 ms)
        Index(
            "ix_fund_transfer_pairing_covering",
            "pairing_id",
            "kind",
            "allocated_on",
            "arrived_on",
            "amount_fen",
            "deleted_at",
        ),
        # covering, led by a date, for the brief (0006): what was allocated in a period and
        # what was outstanding on a day; what arrived in a period, by pairing and kind
        Index(
            "ix_fund_transfer_allocated_covering",
            "allocated_on",
            "arrived_on",
            "kind",
            "pairing_id",
            "amount_fen",
            "deleted_at",
        ),
        Index(
            "ix_fund_transfer_arrived_covering",
            "arrived_on",
            "kind",
            "pairing_id",
            "amount_fen",
            "deleted_at",
        ),
        # covering, for what arrived in a period by pairing and kind (0008): one range per
        # group, read in order, no sort (``tracker.seek``)
        Index(
            "ix_fund_transfer_pairing_arrived_covering",
            "pairing_id",
            "kind",
            "arrived_on",
            "amount_fen",
            "deleted_at",
        ),
    )

    pairing_id: Mapped[str] = mapped_column(ForeignKey("pairing.id"), index=True)
    agreement_id: Mapped[str | None] = mapped_column(
        ForeignKey("agreement.id"), default=None, index=True
    )
    budget_year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(BigInt)
    purpose: Mapped[str] = mapped_column(String(300))
    donor: Mapped[str] = mapped_column(String(200), default="")
    allocated_on: Mapped[date] = mapped_column(Date)
    arrived_on: Mapped[date | None] = mapped_column(Date, default=None)
    voucher: Mapped[str] = mapped_column(String(100), default="")


class CadreExchange(SyncedMixin, Base):
    __tablename__ = "cadre_exchange"
    __table_args__ = (
        CheckConstraint(in_list("direction", DIRECTION), name="direction"),
        CheckConstraint(in_list("category", CADRE_CATEGORY), name="category"),
        CheckConstraint("gender IS NULL OR " + in_list("gender", GENDER), name="gender"),
        CheckConstraint("end_on IS NULL OR end_on >= start_on", name="dates"),
        CheckConstraint("returned_on IS NULL OR returned_on >= start_on", name="returned"),
        Index("ix_cadre_exchange_direction_start_on", "direction", "start_on"),
        # "past the planned end and not returned" (returned_on IS NULL, end_on < as_of)
        Index("ix_cadre_exchange_returned_on_end_on", "returned_on", "end_on"),
        # covering: counts of people active in a period are read from the index alone
        Index(
            "ix_cadre_exchange_active_covering",
            "direction",
            "category",
            "start_on",
            "returned_on",
            "end_on",
            "pairing_id",
            "deleted_at",
        ),
        # covering, for 未登记返回 on a day (0006): planned end before it, return after it
        Index(
            "ix_cadre_exchange_overdue_covering",
            "end_on",
            "returned_on",
            "direction",
            "pairing_id",
            "deleted_at",
        ),
    )

    pairing_id: Mapped[str] = mapped_column(ForeignKey("pairing.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(50))
    gender: Mapped[str | None] = mapped_column(String(8), default=None)
    direction: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(16))
    home_unit: Mapped[str] = mapped_column(String(200), default="")
    host_unit: Mapped[str] = mapped_column(String(200), default="")
    post: Mapped[str] = mapped_column(String(200), default="")
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date, default=None)
    returned_on: Mapped[date | None] = mapped_column(Date, default=None)


class Training(SyncedMixin, Base):
    __tablename__ = "training"
    __table_args__ = (
        CheckConstraint(in_list("category", TRAINING_CATEGORY), name="category"),
        CheckConstraint("quota >= 0 AND enrolled >= 0 AND completed >= 0", name="not_negative"),
        CheckConstraint("completed <= enrolled", name="completed_le_enrolled"),
        CheckConstraint("end_on IS NULL OR end_on >= start_on", name="dates"),
        Index("ix_training_start_on", "start_on"),
        # covering, for the brief (0006): programmes started in a period, ended in a period
        Index(
            "ix_training_started_covering",
            "start_on",
            "category",
            "quota",
            "enrolled",
            "pairing_id",
            "deleted_at",
        ),
        Index(
            "ix_training_ended_covering",
            "end_on",
            "category",
            "completed",
            "pairing_id",
            "deleted_at",
        ),
    )

    pairing_id: Mapped[str] = mapped_column(ForeignKey("pairing.id"), index=True)
    agreement_id: Mapped[str | None] = mapped_column(
        ForeignKey("agreement.id"), default=None, index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(32))
    quota: Mapped[int] = mapped_column(Integer, default=0)
    enrolled: Mapped[int] = mapped_column(Integer, default=0)
    completed: Mapped[int] = mapped_column(Integer, default=0)
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date, default=None)
    organizer: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(200), default="")


class AuditEvent(Base):
    """Append-only log; ``hash`` chains each event to the one before it."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_table_row", "table_name", "row_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(27))
    operator: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(16))
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str | None] = mapped_column(widened(36), default=None)
    before: Mapped[str | None] = mapped_column(Text, default=None)
    after: Mapped[str | None] = mapped_column(Text, default=None)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class RowHistory(Base):
    """Every revision of a synced row this database knows besides the row's current one:
    the ones it replaced, and incoming ones kept for an open conflict. ``data`` is the row's
    canonical JSON (stored forms, without ``rev``/``parents``)."""

    __tablename__ = "row_history"
    __table_args__ = (Index("ix_row_history_table_row", "table_name", "row_id"),)

    rev: Mapped[str] = mapped_column(String(32), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(36))
    parents: Mapped[str] = mapped_column(String(65), default="")
    data: Mapped[str] = mapped_column(Text)
    office: Mapped[str] = mapped_column(String(32), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    import_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)


class ImportBatch(Base):
    """One import of a file (package or ledger workbook): who, when, which file, what it did,
    and what undoing it needs."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    operator: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(16))  # package | ledger
    file_name: Mapped[str] = mapped_column(String(260), default="")
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    origin_code: Mapped[str] = mapped_column(String(32), default="")
    origin_name: Mapped[str] = mapped_column(String(200), default="")
    exported_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON: table -> counts
    undo: Mapped[str] = mapped_column(Text, default="{}")  # JSON, see tracker.imports
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class ReceivedHead(Base):
    """The sender's audit head carried by a package this office imported (DESIGN §7): so
    that a later package from the same office whose history does not extend it — history
    rewritten over there — is noticed here, and ``check`` can list what was received."""

    __tablename__ = "received_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    origin_code: Mapped[str] = mapped_column(String(32), index=True)
    origin_name: Mapped[str] = mapped_column(String(200), default="")
    exported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    import_id: Mapped[int | None] = mapped_column(Integer, default=None)
    file_name: Mapped[str] = mapped_column(String(260), default="")
    audit_count: Mapped[int] = mapped_column(Integer)
    audit_head: Mapped[str] = mapped_column(String(64))
    rewritten: Mapped[int] = mapped_column(Integer, default=0)  # 1: did not extend an earlier head


class Conflict(Base):
    """A field two offices changed to different values: the local value stays until a person
    chooses. Values are JSON of the stored form."""

    __tablename__ = "conflict"
    __table_args__ = (Index("ix_conflict_table_row", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(40))
    base_value: Mapped[str | None] = mapped_column(Text, default=None)
    local_value: Mapped[str | None] = mapped_column(Text, default=None)
    incoming_value: Mapped[str | None] = mapped_column(Text, default=None)
    local_rev: Mapped[str] = mapped_column(String(32))
    incoming_rev: Mapped[str] = mapped_column(String(32), index=True)
    office_code: Mapped[str] = mapped_column(String(32), default="")
    office_name: Mapped[str] = mapped_column(String(200), default="")
    import_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    found_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    resolution: Mapped[str | None] = mapped_column(String(16), default=None)
    resolved_by: Mapped[str] = mapped_column(String(100), default="")
    # why an incoming record could not be written here at all (a rule it breaks against local
    # data, such as a pairing deleted here); "" for a plain field conflict
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")


class RowAlias(Base):
    """Another office's id for a region, pairing or target this database already holds under
    its own id (matched by GB/T 2260 code or natural key): its later revisions land here."""

    __tablename__ = "row_alias"

    table_name: Mapped[str] = mapped_column(String(32), primary_key=True)
    foreign_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(36), index=True)
    import_id: Mapped[int | None] = mapped_column(Integer, default=None)


class Meta(Base):
    """Key/value facts about this database: app marker, office, operator."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(widened(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


@cache  # rules look a model up for every reference of every imported row
def model_of(table: str) -> type[SyncedMixin]:
    """The synced model stored in ``table``; the record kinds themselves are listed once, in
    ``tracker.kinds``."""
    for mapper in Base.registry.mappers:
        model = mapper.class_
        if issubclass(model, SyncedMixin) and model.__tablename__ == table:  # type: ignore[attr-defined]
            return model
    raise KeyError(table)
