"""The floors bench_chain prints beside its figures, measured in the same run:

- an empty authenticated request: a push of no operations (the token checked, the device
  row locked and its lease renewed, the answer written), one at a time, before the load;
- the same operation rows, as the centre stored them during the load, COPYed into a table
  shaped like `operation` (its keys and indexes) with one command and a commit: what the
  database alone needs to take them in.
"""

import time

import httpx
from sqlalchemy import Engine

from devkit.chain_setup import SimCounter

_OPERATION_COLUMNS = (
    "id, device_id, seq, op_type, op_version, payload, payload_hash, store_id, staff_id,"
    " device_time, received_at, result, code, conflict_id, clock_flag"
)


async def empty_request_floor(url: str, counters: list[SimCounter], rounds: int = 10) -> dict:
    """p50 and p99 of an empty push's round trip (ms), one request at a time."""
    took = []
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        for _ in range(rounds):
            for counter in counters:
                start = time.perf_counter()
                answer = await client.post(
                    "/v1/push", json={"operations": []}, headers=counter.headers
                )
                took.append((time.perf_counter() - start) * 1000)
                answer.raise_for_status()
    took.sort()
    return {"empty_p50": took[len(took) // 2], "empty_p99": took[int(len(took) * 0.99)]}


def copy_floor(engine: Engine) -> float:
    """Rows per second to COPY the stored operations into a copy of the table."""
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        rows = conn.execute(f"SELECT {_OPERATION_COLUMNS} FROM operation").fetchall()
        conn.execute("CREATE TABLE floor_operation (LIKE operation INCLUDING ALL)")
        conn.commit()
        try:
            start = time.perf_counter()
            sql = f"COPY floor_operation ({_OPERATION_COLUMNS}) FROM STDIN"
            with conn.cursor() as cur, cur.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
            conn.commit()
            took = time.perf_counter() - start
        finally:
            conn.execute("DROP TABLE IF EXISTS floor_operation")
            conn.commit()
    finally:
        raw.close()
    return len(rows) / took
