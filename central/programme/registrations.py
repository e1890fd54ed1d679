"""Event registrations uploaded in the console: the file's bytes decoded (UTF-8 with or
without a BOM, else GB18030, what a Chinese spreadsheet saves), every bad row listed with
its reason, and the rows imported all together or not at all (central.admin_events)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from central.admin_events import (
    ImportReport,
    LineProblem,
    import_registrations,
    line_problems,
    registration_lines,
)
from central.errors import CentralError
from services.protocol import codes

MAX_BYTES = 2 * 1024 * 1024  # some 50,000 rows: an event's list, not a member file


def decode(data: bytes) -> str:
    """UTF-8 (a BOM dropped) when the bytes are UTF-8, else GB18030; refused when neither
    reads them or the file is too big. GB18030 decodes almost any bytes, so UTF-8 is
    tried first: a UTF-8 file is never read as GB18030."""
    if len(data) > MAX_BYTES:
        raise CentralError(codes.REGISTRATION_TOO_BIG, 400, max_kb=MAX_BYTES // 1024)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise CentralError(codes.REGISTRATION_BAD_ENCODING, 400) from None


@dataclass(frozen=True)
class Upload:
    report: ImportReport | None  # None: nothing imported
    problems: list[LineProblem]


def upload(
    session: Session, chain_name: str, event_code: str, data: bytes, now: datetime
) -> Upload:
    """Checks every row; imports them all when none is bad (the caller commits)."""
    lines = registration_lines(decode(data))
    if not lines:
        raise CentralError(codes.REGISTRATION_EMPTY, 400)
    problems = line_problems(session, chain_name, event_code, lines, now)
    if problems:
        return Upload(None, problems)
    return Upload(import_registrations(session, chain_name, event_code, lines, now), [])
