"""Door lanes for bench_events: several scanners signing in at once on one counter, each
scan's service time from the call to its answer, with a commit per scan (signin.sign_in)
or with the door's group commit (door_commit.sign_in_grouped), on fresh files each."""

import tempfile
import threading
import time
import uuid
from pathlib import Path

from services.events import signin as event_signin
from services.events.door_commit import committer_for, sign_in_grouped


def lanes_run(setup, attendees: int, points: int, lanes: int, grouped: bool):
    """(per-scan service times in ms, scans per second, the largest group)."""
    with tempfile.TemporaryDirectory() as tmp:
        runtime, _i, actor, event_id, codes = setup(Path(tmp), attendees, points, "L1")
        writer = runtime.writer
        times: list[float] = []
        lock = threading.Lock()

        def lane(mine: list[str]) -> None:
            for code in mine:
                t0 = time.perf_counter()
                if grouped:
                    r = sign_in_grouped(writer, actor, runtime.now(), event_id, code, _nonce())
                else:
                    r = event_signin.sign_in(
                        writer(), actor, runtime.now(), event_id, code, _nonce()
                    )
                took = (time.perf_counter() - t0) * 1000
                assert r.outcome == "admitted", r.outcome
                with lock:
                    times.append(took)

        threads = [threading.Thread(target=lane, args=(codes[n::lanes],)) for n in range(lanes)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rate = len(times) / (time.perf_counter() - start)
        largest = committer_for(writer).largest if grouped else 1
        runtime.close()
    return times, rate, largest


def _nonce() -> str:
    return uuid.uuid4().hex
