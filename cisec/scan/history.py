"""Provides the scan history: every site scan kept in one SQLite file, and how a site changed.

One row per site scan holds its JSON. The file is opened in WAL mode and every scan is recorded
in one immediate transaction (read the previous scan, insert this one), so two batches writing
the same history at once wait for each other instead of tearing it. A file that is not a cisec
history (another database, any other file) is refused, never changed.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import NoReturn

from cisec.errors import CisecError
from cisec.scan.result import Change, Previous, SiteResult, Trend

SCHEMA_VERSION = 1
APPLICATION = "cisec-scan-history"
# SQLite's application_id marks the file as ours (the bytes of "cisH").
APPLICATION_ID = 0x63697348
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE scans (
    id INTEGER PRIMARY KEY,
    target_key TEXT NOT NULL,
    target TEXT NOT NULL,
    scanned_at TEXT NOT NULL,
    grade TEXT,
    score INTEGER,
    result TEXT NOT NULL
);
CREATE INDEX scans_by_target ON scans (target_key, id);
"""


def target_key(target: str) -> str:
    """The target as compared across scans: trimmed, lowercased, without a final slash."""
    return target.strip().lower().rstrip("/")


def change_of(previous: Previous | None, score: int | None) -> Change:
    """new (never scanned), improved, regressed or unchanged, by score.

    A site graded before that cannot be graded now has regressed; the reverse improved.
    """
    if previous is None:
        return "new"
    if previous.score == score:
        return "unchanged"
    if score is None:
        return "regressed"
    if previous.score is None or score > previous.score:
        return "improved"
    return "regressed"


def _refuse(path: Path) -> NoReturn:
    """Refuse `path`: it is not a cisec scan history (the file is not changed)."""
    raise CisecError(
        f"{path} is not a cisec scan history, so it was left untouched.",
        "Give --history a new file name, or a file an earlier `cisec scan --history` made.",
        message_zh=f"{path} 不是 cisec 掃描紀錄檔，因此未有改動。",
        next_step_zh="請為 --history 指定新的檔案名稱，或之前由 `cisec scan --history` 建立的檔案。",
    ) from None


class History:
    """An open scan history; use it as a context manager, or call `close`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        existed = path.exists() and path.stat().st_size > 0
        if path.is_dir():
            _refuse(path)
        try:
            self._db = sqlite3.connect(path, timeout=60, isolation_level=None)
        except sqlite3.Error as error:
            raise CisecError(
                f"Cannot open the scan history {path} ({error}).",
                message_zh=f"無法開啟掃描紀錄檔 {path}（{error}）。",
            ) from None
        try:
            if existed and self._has_tables():
                self._check()
            else:
                # New, or made a moment ago by another batch that has not committed yet.
                self._create()
        except sqlite3.DatabaseError:
            self._db.close()
            _refuse(path)
        except CisecError:
            self._db.close()
            raise

    def _has_tables(self) -> bool:
        (count,) = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return bool(count)

    def _check(self) -> None:
        (application_id,) = self._db.execute("PRAGMA application_id").fetchone()
        if application_id != APPLICATION_ID:
            _refuse(self.path)
        rows = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        if rows.get("application") != APPLICATION:
            _refuse(self.path)
        if rows.get("schema_version") != str(SCHEMA_VERSION):
            raise CisecError(
                f"{self.path} is a scan history of schema {rows.get('schema_version')}; this "
                f"cisec reads schema {SCHEMA_VERSION}.",
                "Use the cisec version that wrote it, or start a new history file.",
                message_zh=f"{self.path} 是第 {rows.get('schema_version')} 版結構的掃描紀錄檔；"
                f"此 cisec 只能讀取第 {SCHEMA_VERSION} 版。",
                next_step_zh="請使用建立該檔案的 cisec 版本，或另建新的紀錄檔。",
            )
        self._db.execute("PRAGMA journal_mode=WAL")

    def _create(self) -> None:
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            # Another batch may have created it between our look and our lock.
            (tables,) = self._db.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'meta'"
            ).fetchone()
            if not tables:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self._db.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [("application", APPLICATION), ("schema_version", str(SCHEMA_VERSION))],
                )
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._check()

    def record(self, result: SiteResult, now: datetime | None = None) -> SiteResult:
        """Keep `result` and return it with its trend against the target's previous scan."""
        scanned_at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
        key = target_key(result.target)
        self._db.execute("BEGIN IMMEDIATE")
        try:
            row = self._db.execute(
                "SELECT grade, score, scanned_at FROM scans WHERE target_key = ? "
                "ORDER BY id DESC LIMIT 1",
                (key,),
            ).fetchone()
            previous = Previous(grade=row[0], score=row[1], scanned_at=row[2]) if row else None
            self._db.execute(
                "INSERT INTO scans (target_key, target, scanned_at, grade, score, result) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    key,
                    result.target,
                    scanned_at,
                    result.grade,
                    result.score,
                    json.dumps(result.to_json("en"), ensure_ascii=False),
                ),
            )
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return replace(result, trend=Trend(previous, change_of(previous, result.score)))

    def scans(self) -> int:
        """How many site scans the history holds."""
        (count,) = self._db.execute("SELECT count(*) FROM scans").fetchone()
        return int(count)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
