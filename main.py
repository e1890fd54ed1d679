"""Loyalty counter: start the counter GUI on a data folder (creating a demo store if asked)."""

import argparse
import logging
import sys

from services.core import resolve_data_dir

# The database, the services and the pages load after the window's first paint (main),
# or when a command needs them: SQLAlchemy and the pages take most of a second.

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
    """One parser for the GUI and its commands, so --help lists them all; --data-dir goes
    before or after the command."""
    folder = argparse.ArgumentParser(add_help=False)
    folder.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,  # given after the command, it must not erase one before
        help="data folder (default: per-user folder; env LOYALTY_DATA_DIR)",
    )
    parser = argparse.ArgumentParser(
        prog="loyalty-counter",
        description=__doc__,
        parents=[folder],
        epilog="Without a command the counter's window opens.",
    )
    parser.add_argument(
        "--demo", action="store_true", help="in an empty folder, create a demo store"
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language for this run")
    sub = parser.add_subparsers(dest="command", title="commands (no window, for scripts)")
    enroll = sub.add_parser(
        "enroll", parents=[folder], help="enroll this counter with the central system"
    )
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
    once = sub.add_parser(
        "sync", parents=[folder], help="sync with the central system once (headless)"
    )
    once.add_argument("--once", action="store_true", required=True, help="run one cycle")
    args = parser.parse_args(argv)
    args.data_dir = getattr(args, "data_dir", None)
    return args


def run_sync_command(argv: list[str]) -> int:
    """`enroll` and `sync --once`: no GUI, for scripts; exit code 0 only on success."""
    from models.db import database_path
    from services.core import LoyaltyError, SystemClock, open_counter

    args = parse_args(argv)
    if args.command is None:
        print("say which command: enroll or sync --once", file=sys.stderr)
        return 1
    data_dir = resolve_data_dir(args.data_dir)
    if not database_path(data_dir).is_file():
        # A mistyped folder must not become a new, empty counter that then "syncs" nothing.
        print(
            f"no counter in {data_dir}: check --data-dir (or start the app once to set one up)",
            file=sys.stderr,
        )
        return 1
    try:
        runtime = open_counter(data_dir, SystemClock())
    except LoyaltyError as error:
        print(f"cannot open the counter in {data_dir}: {error.code}", file=sys.stderr)
        return 1
    try:
        return _run_command(args, runtime)
    finally:
        runtime.close()


def _run_command(args: argparse.Namespace, runtime) -> int:
    from services import sync
    from services.core import LoyaltyError, load_identity
    from services.reports import read_sync_status

    identity = load_identity(runtime.reader())
    if identity is None:
        print("this data folder has no counter yet; start the app once", file=sys.stderr)
        return 1
    try:
        if args.command == "enroll":
            result = _enroll(sync, runtime, args)
            print(f"enrolled: device {result.device_id}, store {result.store_name}")
            return 0
        status = read_sync_status(runtime.reader())
        if not status.enrolled:
            print(
                "sync.not_enrolled: this counter is not connected to a central system, so"
                f" nothing was sent ({status.pending_operations} operations kept here)."
                " Enroll it first: loyalty-counter enroll --central URL --code CODE",
                file=sys.stderr,
            )
            return 4
        return _sync_once(sync, runtime)
    except LoyaltyError as error:
        if error.code == "enroll.store_mismatch":
            print(_store_mismatch(identity.store_code, error.params.get("store")), file=sys.stderr)
            return 2
        print(f"error: {error.code}", file=sys.stderr)
        return 2


def _sync_once(sync, runtime) -> int:
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


def _store_mismatch(ours: str, theirs: str | None) -> str:
    theirs = theirs or "?"
    return (
        f"enroll.store_mismatch: this enrollment code is for the central system's store"
        f" {theirs}, but this counter's store code is {ours}. Member numbers are made from the"
        f" store code, so they must agree: ask head office for an enrollment code for store"
        f" {ours}, or set this counter up again in a new data folder with store code {theirs}."
    )


def _enroll(sync, runtime, args):
    from services.sync import LinkSecurity

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
    # Each start migrates (usually nothing): Alembic's progress lines are noise to a cashier.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.command is not None:
        return run_sync_command(argv)
    # Qt loads only when the GUI starts; a window is painted before anything else loads.
    from ui.first_paint import claim_folder, create_app, show_starting_window

    app = create_app()
    data_dir = resolve_data_dir(args.data_dir)
    instance = claim_folder(data_dir)
    if instance is None:
        print(f"The counter of {data_dir} is already open; its window was brought forward.")
        return 0
    starting = show_starting_window(app)
    from services.core import LoyaltyError, SystemClock, open_counter
    from ui.app import run_gui, show_fatal

    try:
        runtime = open_counter(data_dir, SystemClock())
        if args.demo:
            prepare_demo(runtime)
    except LoyaltyError as error:
        instance.release()
        starting.close()
        logging.error("cannot open the counter in %s: %s", data_dir, error)
        show_fatal(app, error, args.lang)
        return 1
    print(f"Data folder: {data_dir}")
    try:
        return run_gui(app, runtime, args.lang, instance, starting)
    finally:
        runtime.close()
        instance.release()


def prepare_demo(runtime) -> None:
    from services.core import load_identity, seed_demo

    if load_identity(runtime.reader()) is not None:
        print("This data folder already has a counter; opening it as it is.")
        return
    result = seed_demo(runtime.writer, runtime.now())
    print(f"Demo store created with {result.members} members. Staff and their PINs:")
    for staff in result.staff:
        print(f"  {staff.name:<6} {ROLE_NAMES[staff.role]:<22} PIN {staff.pin}")


if __name__ == "__main__":
    sys.exit(main())
