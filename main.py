"""Loyalty counter: start the counter GUI on a data folder (creating a demo store if asked)."""

import argparse
import logging
import sys

from services.bootstrap import open_counter, resolve_data_dir
from services.clock import SystemClock
from services.demo import seed_demo
from services.errors import LoyaltyError
from services.setup import load_identity

ROLE_NAMES = {
    "manager": "manager / 经理",
    "cashier": "cashier / 收银",
    "event_staff": "event staff / 活动",
}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="loyalty-counter", description=__doc__)
    parser.add_argument(
        "--data-dir", help="data folder (default: per-user folder; env LOYALTY_DATA_DIR)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="in an empty folder, create a demo store"
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language for this run")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from ui.app import create_app, run_gui, show_fatal  # Qt loads only when the GUI starts

    app = create_app()
    data_dir = resolve_data_dir(args.data_dir)
    try:
        runtime = open_counter(data_dir, SystemClock())
        if args.demo:
            prepare_demo(runtime)
    except LoyaltyError as error:
        logging.error("cannot open the counter in %s: %s", data_dir, error)
        show_fatal(app, error, args.lang)
        return 1
    print(f"Data folder: {data_dir}")
    try:
        return run_gui(app, runtime, args.lang)
    finally:
        runtime.close()


def prepare_demo(runtime) -> None:
    if load_identity(runtime.reader()) is not None:
        print("This data folder already has a counter; opening it as it is.")
        return
    result = seed_demo(runtime.writer, runtime.now())
    print(f"Demo store created with {result.members} members. Staff and their PINs:")
    for staff in result.staff:
        print(f"  {staff.name:<6} {ROLE_NAMES[staff.role]:<22} PIN {staff.pin}")


if __name__ == "__main__":
    sys.exit(main())
