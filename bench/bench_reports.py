"""How long each report takes on the benchmark database (1,000,000 members, 10,000,000
ledger entries, 3,000,000 purchases with a visit each), each in its own read transaction
as the Reports page runs it (in a worker).
Run: python -m bench.bench_reports [--members 1000000] [--per-member 10] [--purchases 3000000]
"""

import argparse
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from bench.scratch import private_secrets
from devkit.populate import add_ledger, add_members, add_purchases
from models.db import database_path
from services.core.actor import Actor
from services.core.bootstrap import open_counter
from services.core.clock import SystemClock
from services.core.setup import NewCounter, set_up_counter
from services.members import segments
from services.reports import summary as reports

AS_OF = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)


def timed(label: str, fn) -> None:
    start = time.perf_counter()
    fn()
    print(f"{label}: {time.perf_counter() - start:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--per-member", type=int, default=10)
    parser.add_argument("--purchases", type=int, default=3_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rt = open_counter(Path(tmp), SystemClock())
        ident, manager = set_up_counter(
            rt.writer(), NewCounter("基准店", "BENCH", "1", "经理", "2580"), rt.now()
        )
        actor = Actor(manager.id, manager.name, manager.role, ident.store_id, ident.device_id)
        db = database_path(rt.data_dir)
        start = time.perf_counter()
        add_members(db, args.members, ident.store_id, "BENCH", "1")
        add_ledger(db, args.members, args.per_member, ident.store_id, ident.device_id)
        add_purchases(db, args.purchases, args.members, ident.store_id, ident.device_id)
        print(f"populated in {time.perf_counter() - start:.0f} s")
        reader = rt.reader
        timed(
            "day's close (one day)",
            lambda: reports.day_close(reader(), actor, date(2026, 10, 31), AS_OF),
        )
        timed(
            "KPIs, 30 days",
            lambda: reports.period_kpis(reader(), actor, date(2026, 10, 2), date(2026, 10, 31)),
        )
        timed(
            "KPIs, a year",
            lambda: reports.period_kpis(reader(), actor, date(2025, 11, 1), date(2026, 10, 31)),
        )
        timed("RFM segments", lambda: segments.rfm_counts(reader(), actor, AS_OF))
        timed("members at risk (top 500)", lambda: segments.at_risk_members(reader(), actor, AS_OF))
        rt.close()


if __name__ == "__main__":
    with private_secrets():
        main()
