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

# Why a headless cycle failed, after its code (the GUI tells these in the user's language).
SYNC_FAILURES = {
    "sync.stalled": " (sending made no progress; the central system keeps refusing to move on)",
    "sync.protocol": " (the central system's answer was not understood)",
    "sync.offline": " (the central system cannot be reached)",
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


def parse_sync_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="loyalty-counter", description=__doc__)
    parser.add_argument("--data-dir", help="data folder (default: per-user folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    enroll = sub.add_parser("enroll", help="enroll this counter with the central system")
    enroll.add_argument("--central", required=True, help="the centre's URL")
    enroll.add_argument("--code", required=True, help="the one-time enrollment code")
    enroll.add_argument(
        "--insecure",
        action="store_true",
        help="allow plain HTTP to a centre that is not on this machine: tests and labs only;"
        " the device token and everything pulled travel unprotected",
    )
    enroll.add_argument("--ca-file", help="trust this CA (PEM) for the centre's certificate")
    enroll.add_argument(
        "--system-proxy", action="store_true", help="reach the centre through HTTPS_PROXY etc."
    )
    once = sub.add_parser("sync", help="sync with the central system (headless)")
    once.add_argument("--once", action="store_true", required=True, help="run one cycle")
    return parser.parse_args(argv)


def run_sync_command(argv: list[str]) -> int:
    """`enroll` and `sync --once`: no GUI, for scripts; exit code 0 only on success."""
    from services import sync

    args = parse_sync_args(argv)
    data_dir = resolve_data_dir(args.data_dir)
    try:
        runtime = open_counter(data_dir, SystemClock())
    except LoyaltyError as error:
        print(f"cannot open the counter in {data_dir}: {error.code}", file=sys.stderr)
        return 1
    try:
        if load_identity(runtime.reader()) is None:
            print("this data folder has no counter yet; start the app once", file=sys.stderr)
            return 1
        if args.command == "enroll":
            result = _enroll(sync, runtime, args)
            print(f"enrolled: device {result.device_id}, store {result.store_name}")
            return 0
        report = sync.run_cycle(runtime.writer, runtime.reader, runtime.now)
        print(
            f"pushed {report.pushed.sent} (applied {report.pushed.applied}, duplicate "
            f"{report.pushed.duplicate}, rejected {report.pushed.rejected}, conflict "
            f"{report.pushed.conflict}); pulled {report.pulled}; waiting {report.pending}"
        )
        if not report.ok:
            why = SYNC_FAILURES.get(report.error_code, "")
            print(f"sync failed: {report.error_code}{why}", file=sys.stderr)
            return 2
        if report.quarantined:
            print(
                f"sync.quarantined: {report.quarantined} changes from the central system could"
                " not be applied here; they are listed on the Sync page (F7)",
                file=sys.stderr,
            )
            return 3
        return 0
    except LoyaltyError as error:
        print(f"error: {error.code}", file=sys.stderr)
        return 2
    finally:
        runtime.close()


def _enroll(sync, runtime, args):
    from services.sync_client import LinkSecurity

    link = LinkSecurity(args.insecure, args.system_proxy, args.ca_file)
    if args.insecure:
        print(
            "WARNING: INSECURE link to the centre (--insecure): plain HTTP, no identity check;"
            " for tests and labs only",
            file=sys.stderr,
        )
    return sync.enroll(runtime.writer, None, runtime.now(), args.central, args.code, None, link)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    argv = sys.argv[1:] if argv is None else argv
    if any(word in ("enroll", "sync") for word in argv):
        return run_sync_command(argv)
    args = parse_args(argv)
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
