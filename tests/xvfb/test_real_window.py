"""The real program in a real X window (Xvfb, not offscreen), with keys from the X server:
xdotool types a member code at 5 ms a key, as a scanner does, from each page in turn. Each
code must check the member in once and show their card.

Needs Xvfb and xdotool (CI installs them: .ci/run); skipped, saying so, where they are not.
"""

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from models.journal import OutboxOperation
from models.visits import Visit
from services.core.bootstrap import open_counter
from services.core.clock import SystemClock
from services.core.demo import seed_demo
from services.members import accounts as members
from services.members import check_in
from services.staff import accounts as staff_service

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# (page, F-key, Enter after the code): scanners with and without Enter both occur.
STEPS = (
    ("checkin", "F1", True),
    ("points", "F2", True),
    ("gifts", "F3", False),
    ("events", "F4", True),
    ("coupons", "F5", True),
    ("members", "F6", False),
)


def missing_tools() -> list[str]:
    return [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]


@pytest.fixture
def display():
    """A private X server at 1366x768; its display number as Xvfb chose it."""
    if missing := missing_tools():
        pytest.skip(
            f"{' and '.join(missing)} not installed (apt-get install xvfb xdotool): the "
            "real-window test runs in CI"
        )
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb started but gave no display number")
    yield f":{number}"
    server.terminate()
    server.wait(10)


@pytest.fixture
def demo(tmp_path):
    """A demo store (200 members, gifts, coupons, events), and a code per page's member."""
    data_dir = tmp_path / "data"
    runtime = open_counter(data_dir, SystemClock())
    try:
        result = seed_demo(runtime.writer, runtime.now())
        pins = {s.role: (s.name, s.pin) for s in result.staff}
        manager_id = next(
            s.id for s in staff_service.list_staff(runtime.reader()) if s.role == "manager"
        )
        manager = staff_service.sign_in(
            runtime.writer(), manager_id, pins["manager"][1], runtime.now()
        )
        rows = check_in.list_members(runtime.reader(), "", None, 50)
        chosen = rows[-len(STEPS) :]
        steps = [
            {
                "page": page,
                "key": key,
                "enter": enter,
                "name": row.name,
                "member_id": row.id,
                "code": members.member_code(runtime.writer(), manager, runtime.now(), row.id),
            }
            for (page, key, enter), row in zip(STEPS, chosen, strict=True)
        ]
    finally:
        runtime.close()
    name, pin = pins["cashier"]
    return data_dir, {"staff": name, "pin": pin, "steps": steps}


def visits_and_operations(data_dir: Path, member_ids: list[str]) -> tuple[Counter, int]:
    runtime = open_counter(data_dir, SystemClock())
    try:
        with runtime.reader() as uow:
            visits = Counter(
                uow.session.scalars(select(Visit.member_id).where(Visit.member_id.in_(member_ids)))
            )
            ops = uow.session.scalars(
                select(OutboxOperation.op_type).where(OutboxOperation.op_type == "member.visit")
            ).all()
        return visits, len(ops)
    finally:
        runtime.close()


def test_a_member_code_typed_at_scanner_speed_checks_in_from_every_page(display, demo, tmp_path):
    data_dir, plan = demo
    member_ids = [step["member_id"] for step in plan["steps"]]
    visits_before, ops_before = visits_and_operations(data_dir, member_ids)
    plan_path, report_path = tmp_path / "plan.json", tmp_path / "report.json"
    plan_path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    shots = os.environ.get("LOYALTY_XVFB_SHOTS")  # a folder: screenshots of each step
    env = os.environ | {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    args = [sys.executable, "-m", "tests.xvfb.real_counter", str(data_dir), str(plan_path)]
    child = subprocess.run(
        [*args, str(report_path), *([shots] if shots else [])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert child.returncode == 0, child.stderr[-3000:]
    reports = json.loads(report_path.read_text(encoding="utf-8"))
    assert [r["page"] for r in reports] == [page for page, _k, _e in STEPS]
    for step, report in zip(plan["steps"], reports, strict=True):
        assert report["card_shown"], report
        assert report["page_after"] == "checkin" and report["card_name"] == step["name"]
        assert report["message"] == ""
        # the field that had the focus kept what it held: the scan never landed there
        assert report["focus_text_after"] == report["focus_text_before"], report
    visits, ops = visits_and_operations(data_dir, member_ids)
    assert {m: visits[m] - visits_before[m] for m in member_ids} == dict.fromkeys(member_ids, 1)
    assert ops == ops_before + len(STEPS)  # one visit operation each, none twice
