"""The crash-safety run at length: many SIGKILLs of a counter at work, each followed by the
full set of checks (see tests/reliability/harness.py). CI runs 150; this records more.
Run: python -m bench.bench_crash [--kills 2000]
"""

import argparse
import tempfile
import time
from pathlib import Path

from bench.scratch import private_secrets
from devkit.crash_harness import open_shop, run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        shop = open_shop(Path(tmp) / "data")
        start = time.perf_counter()
        tally = run(shop, args.kills)
        took = time.perf_counter() - start
    print(
        f"{tally.kills} kills, {tally.committed} operations reported committed, "
        f"{len(tally.problems)} problems, {took:.0f} s"
    )
    for problem in tally.problems[:20]:
        print("  ", problem)


if __name__ == "__main__":
    with private_secrets():
        main()
