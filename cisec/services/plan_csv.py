"""Provides `cisec plan import`: the gap CSV, edited in a spreadsheet, read back into the plan.

Only the owner, due-date and status columns are read; a blank cell leaves that part of the
item as it is (an export without plan columns filled must not wipe a plan). Spreadsheets bend
CSV: a byte-order mark, `;` as the delimiter where the decimal mark is a comma, dates typed
DD/MM/YYYY, CRLF line ends. A date that could be read two ways (03/04/2027) is refused with a
sentence rather than guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from cisec.errors import CisecError
from cisec.model.plan import PLAN_STATUSES, PlanStatus
from cisec.model.text import LANGUAGES
from cisec.services.plan import change_plan_item, parse_due_date, parse_status
from cisec.services.session import AssessmentSession, MergeReport, now_utc
from cisec.wording import say

# A gap list is a few hundred rows; anything far larger is not the export.
MAX_BYTES = 10 * 1024 * 1024
_COLUMN_KEYS = {
    "question_id": "csv.question_id",
    "owner": "report.col_owner",
    "due": "report.col_due",
    "status": "report.calendar_status",
}
# The machine names a hand-made sheet may use as headers, beside the export's own words.
_COLUMN_ALIASES = {
    "question_id": ("question_id", "question", "id"),
    "owner": ("owner",),
    "due": ("due", "due_date"),
    "status": ("status",),
}
_SLASHED_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


@dataclass
class PlanImport:
    """What an import did: rows applied, rows that changed nothing, and a sentence per refusal."""

    applied: int = 0
    unchanged: int = 0
    refused: list[str] = field(default_factory=list)
    merged: MergeReport = field(default_factory=MergeReport)

    def summary(self) -> str:
        """One line: how many rows were applied, unchanged and refused."""
        rows = self.applied + self.unchanged + len(self.refused)
        return (
            f"{self.applied} of {rows} row{'' if rows == 1 else 's'} applied, "
            f"{self.unchanged} unchanged, {len(self.refused)} refused."
        )


def import_plan_csv(
    session: AssessmentSession, path: Path, *, now: dt.datetime | None = None
) -> PlanImport:
    """Apply the owner, due and status columns of the CSV at `path` to the plan, in ONE save.

    A row that cannot be used (unknown question id, impossible or ambiguous date, unknown
    status) is left out with one sentence; the others are applied. CisecError when the file
    itself cannot be used (not text, not CSV, no question id column).
    """
    moment = now or now_utc()
    rows = _rows(path)
    header, records = rows[0], rows[1:]
    columns = _columns(header, path)
    outcome = PlanImport()
    seen: dict[str, int] = {}
    for number, record in enumerate(records, start=2):  # the spreadsheet's row numbers
        if not any(cell.strip() for cell in record):
            continue  # spreadsheets leave empty rows at the end
        try:
            changed = _apply(session, record, columns, number, seen, moment)
        except CisecError as problem:
            outcome.refused.append(f"row {number}: {problem.message} {problem.next_step}".strip())
            continue
        if changed:
            outcome.applied += 1
        else:
            outcome.unchanged += 1
    if outcome.applied:
        outcome.merged = session.save(now=moment)
    return outcome


def _apply(
    session: AssessmentSession,
    record: list[str],
    columns: dict[str, int],
    number: int,
    seen: dict[str, int],
    moment: dt.datetime,
) -> bool:
    def cell(name: str) -> str:
        index = columns.get(name)
        return record[index].strip() if index is not None and index < len(record) else ""

    question_id = cell("question_id")
    if not question_id:
        raise CisecError(
            "no question id.",
            "Keep the question id column filled in.",
            message_zh="沒有問題編號。",
            next_step_zh="請保留問題編號一欄的內容。",
        )
    if question_id in seen:
        raise CisecError(
            f"{question_id} is also in row {seen[question_id]}, which was used.",
            "Keep one row per question.",
            message_zh=f"{question_id} 亦在第 {seen[question_id]} 行出現，已採用該行。",
            next_step_zh="每條問題請只保留一行。",
        )
    seen[question_id] = number
    if question_id not in session.questionnaire.questions:
        close = difflib.get_close_matches(question_id, session.questionnaire.questions, n=1)
        raise CisecError(
            f"no question '{question_id}' in {session.questionnaire.id}.",
            f"Did you mean {close[0]}?" if close else "Keep the question ids as exported.",
            message_zh=f"{session.questionnaire.id} 沒有問題「{question_id}」。",
            next_step_zh=f"是否指 {close[0]}？" if close else "請保留匯出時的問題編號。",
        )
    owner, due_text, status_text = cell("owner"), cell("due"), cell("status")
    if not (owner or due_text or status_text):
        return False  # nothing planned in this row: no item is made for it
    # Every cell is read before anything changes, so a refused row changes nothing.
    due = spreadsheet_date(due_text) if due_text else None
    status = spreadsheet_status(status_text) if status_text else None
    return change_plan_item(
        session,
        question_id,
        owner=owner or None,
        due=due,
        status=status,
        now=moment,
    )


def spreadsheet_date(text: str) -> dt.date:
    """A date as spreadsheets write it: 2027-03-31, 31/03/2027 or 03/31/2027; CisecError for
    an impossible date and for one that reads two ways (03/04/2027)."""
    found = _SLASHED_DATE.match(text)
    if found is None:
        # "2027-03-31 00:00:00": a spreadsheet that took the cell for a moment.
        day_part = text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}[ T]00:00(:00)?$", text) else text
        return parse_due_date(day_part.replace("/", "-"))
    first, second, year = (int(part) for part in found.groups())
    if first <= 12 and second <= 12 and first != second:
        raise CisecError(
            f"'{text}' could be {_named(year, second, first)} or {_named(year, first, second)}.",
            f"Write it as YYYY-MM-DD, e.g. {year:04d}-{second:02d}-{first:02d}.",
            message_zh=f"「{text}」可解作 {year}-{second:02d}-{first:02d} 或 "
            f"{year}-{first:02d}-{second:02d}。",
            next_step_zh=f"請寫成 YYYY-MM-DD，例如 {year:04d}-{second:02d}-{first:02d}。",
        )
    day, month = (first, second) if second <= 12 else (second, first)
    try:
        return dt.date(year, month, day)
    except ValueError:
        # 31/02/2027 is no ISO date either, so this refuses it in the words a typed date gets.
        return parse_due_date(text)


def _named(year: int, month: int, day: int) -> str:
    try:
        named = dt.date(year, month, day)
        return f"{named.day} {named:%B %Y}"
    except ValueError:
        return f"{year:04d}-{month:02d}-{day:02d}"


def spreadsheet_status(text: str) -> PlanStatus:
    """A status by its name or as the export words it in either language ("in progress")."""
    wanted = text.strip().lower()
    for status in PLAN_STATUSES:
        words = {say(f"plan.status.{status}", language).lower() for language in LANGUAGES}
        if wanted in words:
            return status
    return parse_status(text)


def _rows(path: Path) -> list[list[str]]:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _unusable(
                path,
                reason="it is larger than 10 MB, so not a gap list",
                message_zh="大於 10 MB，不是差距清單",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise CisecError(
            f"{path}: no such file.",
            "Check the path.",
            message_zh=f"{path}：沒有這個檔案。",
            next_step_zh="請檢查路徑。",
        ) from None
    except OSError as problem:
        raise _unusable(
            path,
            reason=f"cannot read it ({problem.strerror})",
            message_zh=f"無法讀取（{problem.strerror}）",
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CisecError(
            f"{path} is not UTF-8 text.",
            'Save it from the spreadsheet as "CSV UTF-8".',
            message_zh=f"{path} 不是 UTF-8 文字檔。",
            next_step_zh="請在試算表中以「CSV UTF-8」格式儲存。",
        ) from None
    if "\x00" in text:
        raise _unusable(path, reason="it is not text", message_zh="不是文字檔")
    first_line = text.split("\n", 1)[0]
    # The delimiter the header uses most: spreadsheets in comma-decimal locales write ';'.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as problem:
        raise _unusable(
            path, reason=f"it is not CSV ({problem})", message_zh=f"不是 CSV（{problem}）"
        ) from None
    if not rows:
        raise _unusable(path, reason="it is empty", message_zh="檔案是空的")
    return rows


def _columns(header: list[str], path: Path) -> dict[str, int]:
    """Which column holds what, by the export's headers in either language (or plain names)."""
    known: dict[str, str] = {}
    for name, key in _COLUMN_KEYS.items():
        for language in LANGUAGES:
            known[_normal(say(key, language))] = name
        for alias in _COLUMN_ALIASES[name]:
            known[alias] = name
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        # A bilingual export names per-language columns "Owner (en)"; plan columns are single.
        column = known.get(_normal(re.sub(r"\s*\((en|zh-Hant)\)$", "", title.strip())))
        if column is not None and column not in columns:
            columns[column] = index
    if "question_id" not in columns:
        raise _unusable(path, reason="it has no question id column", message_zh="沒有問題編號一欄")
    if len(columns) == 1:
        raise _unusable(
            path,
            reason="it has no owner, due date or status column",
            message_zh="沒有負責人、目標日期或狀況一欄",
        )
    return columns


def _normal(title: str) -> str:
    return title.strip().lstrip("\ufeff").lower().replace(" ", "_")


def _unusable(path: Path, *, reason: str, message_zh: str) -> CisecError:
    # `message_zh` is the reason in Chinese; the sentence around it is made here.
    return CisecError(
        f"{path} cannot be imported: {reason}.",
        "Give the gap CSV written by `cisec report FILE -o gaps.csv`, edited and saved as CSV.",
        message_zh=f"無法匯入 {path}：{message_zh}。",
        next_step_zh="請提供由 `cisec report FILE -o gaps.csv` 產生、編輯後以 CSV 儲存的差距清單。",
    )
