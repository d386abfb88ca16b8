"""The store's tables as a typed SQLAlchemy 2 ORM: documents, their tables and cells in long
form, their findings, and the reviewers' decisions.

The schema's history is Alembic's (`migrations/versions/`): a change here needs a migration
there, and the store upgrades itself to the newest when it is opened.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, Numeric, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator, TypeEngine


class Money(TypeDecorator[Decimal]):
    """A figure as exact decimal: NUMERIC on PostgreSQL (arbitrary precision, Decimal in and
    out). SQLite has no decimal type (a NUMERIC column there turns 480544221.62 into a binary
    float), so there it is kept as its decimal text and read back as Decimal."""

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(64))
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        if not isinstance(value, Decimal):  # a float would already have lost the figure
            raise TypeError(f"money must be Decimal, not {type(value).__name__}")
        return format(value, "f") if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return value if isinstance(value, Decimal) else Decimal(str(value))


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    """One disclosure: the file(s) it was read from, who published it, for which year."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # sha256 of the file's bytes (of the files' hashes, in order, for one read from several)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    paths: Mapped[str] = mapped_column(Text)  # the file(s) as given, one a line
    # who and what: department + year + kind, else the file's name (review.fingerprint)
    identity: Mapped[str] = mapped_column(String(400), index=True)
    department: Mapped[str | None] = mapped_column(String(200))
    department_code: Mapped[str | None] = mapped_column(String(40))
    # 地区: `yusuan import --region`, else the place its department's name begins with
    # (store.region); None when neither says
    region: Mapped[str | None] = mapped_column(String(80))
    year: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(8))  # 预算 / 决算
    template: Mapped[str | None] = mapped_column(String(80))
    unit: Mapped[str | None] = mapped_column(String(8))  # 万元 / 元: the document's own
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))  # 有错误 / 有警告 / 无问题
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    # The whole model read (store.serial), zlib-compressed: what last year's document is
    # checked against later, without its file; its format, to know one of an older yusuan.
    model: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)  # loaded when used
    model_format: Mapped[str | None] = mapped_column(String(40))
    # What departments are matched by (audit.across.Identity as JSON): a store of a region
    # matches each document with last year's without loading every model.
    department_facts: Mapped[str | None] = mapped_column(Text)

    tables: Mapped[list[TableRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    findings: Mapped[list[FindingRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )


class TableRow(Base):
    """One table of a document as read: which standard table, its printed id and title."""

    __tablename__ = "tables"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)  # order in the document
    key: Mapped[str] = mapped_column(String(80))  # the template's standard table
    printed_id: Mapped[str | None] = mapped_column(String(80))  # 预算03表
    title: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(8))  # 万元 / 元

    document: Mapped[DocumentRow] = relationship(back_populates="tables")
    cells: Mapped[list[CellRow]] = relationship(
        back_populates="table", cascade="all, delete-orphan", passive_deletes=True
    )


class CellRow(Base):
    """One non-empty cell, in the long form of `yusuan parse --format csv`."""

    __tablename__ = "cells"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("tables.id", ondelete="CASCADE"), index=True)
    side: Mapped[str] = mapped_column(String(8))  # 收入 / 支出 / "" for one-panel tables
    row_code: Mapped[str | None] = mapped_column(String(40))
    row_name: Mapped[str] = mapped_column(Text)
    column: Mapped[str] = mapped_column(String(200))
    value: Mapped[Decimal] = mapped_column(Money())

    table: Mapped[TableRow] = relationship(back_populates="cells")


class FindingRow(Base):
    """One finding of a document's audit, with the fingerprint decisions are keyed by."""

    __tablename__ = "findings"
    __table_args__ = (Index("ix_findings_rule", "rule"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(80))
    severity: Mapped[str] = mapped_column(String(8))
    confidence: Mapped[str] = mapped_column(String(8))
    message: Mapped[str] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)  # the file it is in (several: --as-one)
    page: Mapped[int | None] = mapped_column(Integer)
    line: Mapped[int | None] = mapped_column(Integer)
    section: Mapped[str | None] = mapped_column(Text)
    table_name: Mapped[str | None] = mapped_column(Text)
    row_name: Mapped[str | None] = mapped_column(Text)
    column_name: Mapped[str | None] = mapped_column(Text)
    stated: Mapped[Decimal | None] = mapped_column(Money())
    expected: Mapped[Decimal | None] = mapped_column(Money())
    suggestion: Mapped[str | None] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)

    document: Mapped[DocumentRow] = relationship(back_populates="findings")


class DecisionRow(Base):
    """A reviewer's verdict on a finding, by its fingerprint: it outlives the finding's rows
    (a re-import replaces those) and the document's file name."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    verdict: Mapped[str] = mapped_column(String(8))  # 确认 / 忽略
    reason: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # what it was about, for a reader of an exported baseline; not used to match
    rule: Mapped[str | None] = mapped_column(String(80))
    document: Mapped[str | None] = mapped_column(String(400))
