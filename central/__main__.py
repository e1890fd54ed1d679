"""`python -m central`: serve the API, or administer stores, devices and reference data.

The database is `--db URL` (or the environment variable CENTRAL_DB_URL); the default is a
SQLite file `central.sqlite3` in the current folder. PostgreSQL: `postgresql+psycopg://...`.
"""

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from central import admin, admin_devices, admin_events
from central.db import DEFAULT_URL, create_central_engine, migrate, sessions
from central.errors import CentralError
from central.lease import set_store_lease
from central.signing import KEY_FILE_ENV, ensure_centre_key
from services.protocol import codes

DB_ENV = "CENTRAL_DB_URL"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m central", description=__doc__)
    parser.add_argument("--db", default=os.environ.get(DB_ENV, DEFAULT_URL), help="database URL")
    parser.add_argument("--chain", default="default", help="the chain (default: default)")
    parser.add_argument(
        "--signing-key-file",
        type=Path,
        default=None,
        help="the centre's Ed25519 signing key (64 hex digits or PEM PKCS#8) instead of the"
        f" one kept in the database (or the environment variable {KEY_FILE_ENV})",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP API (docs at /docs)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8470)
    serve.add_argument("--ssl-certfile", type=Path, help="TLS: the certificate chain (PEM)")
    serve.add_argument("--ssl-keyfile", type=Path, help="TLS: the certificate's private key")
    sub.add_parser("signing-key", help="show the centre's signing key and its fingerprint")
    sub.add_parser("migrate", help="create or upgrade the database schema")
    store = sub.add_parser("create-store", help="add a store to the chain")
    store.add_argument("code")
    store.add_argument("name")
    store.add_argument("--timezone", default="Asia/Shanghai")
    code = sub.add_parser("enrollment-code", help="print a one-time code for a new counter")
    code.add_argument("store_code")
    revoke = sub.add_parser("revoke-device", help="refuse a device from now on")
    revoke.add_argument("device_id")
    lease = sub.add_parser(
        "store-lease", help="a store's own offline lease in days (default: CENTRAL_LEASE_DAYS)"
    )
    lease.add_argument("store_code")
    lease.add_argument("days", help="1-365, or 'default'")
    members = sub.add_parser("import-members", help="members from a CSV file")
    members.add_argument("csv", type=Path)
    registrations = sub.add_parser(
        "import-registrations",
        help="registrations for an event from a CSV file (member_no, or guest_name[,guest_mobile])",
    )
    registrations.add_argument("event_code")
    registrations.add_argument("csv", type=Path)
    for kind, what in (
        ("rules", "a rule set (JSON object with version) or a list of them"),
        ("gifts", "the gift catalog (JSON list, key sku)"),
        ("coupon-templates", "coupon templates (JSON list, key code)"),
        ("events", "events (JSON list, key code)"),
    ):
        loader = sub.add_parser(f"load-{kind}", help=what)
        loader.add_argument("json", type=Path)
    sub.add_parser("devices", help="list devices: last contact, clock skew, flagged operations")
    sub.add_parser("flagged", help="operations sent while a counter's clock was off")
    sub.add_parser("audit-breaks", help="counters whose audit log did not extend its anchor")
    user = sub.add_parser(
        "create-admin",
        help="a web console user (default role admin); the password is asked for, or read"
        " from standard input when it is not a terminal",
    )
    user.add_argument("name")
    user.add_argument("--role", default="admin", choices=("admin", "marketing", "store_manager"))
    user.add_argument("--store", help="a store manager's store code")
    return parser


KINDS = {
    "load-rules": "rules",
    "load-gifts": "gift",
    "load-coupon-templates": "coupon_template",
    "load-events": "event",
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.signing_key_file is not None:
        os.environ[KEY_FILE_ENV] = str(args.signing_key_file.resolve())
    engine = create_central_engine(args.db)
    migrate(engine)
    now = datetime.now(UTC)
    if args.command == "serve":
        return _serve(engine, args)
    if args.command == "signing-key":
        return _show_signing_key(engine)
    if args.command == "migrate":
        print("database is at the newest schema")
        return 0
    if args.command == "create-admin":
        return _create_console_user(engine, args, now)
    session = sessions(engine)()
    try:
        with session.begin():
            return _admin(session, args, now)
    except CentralError as error:
        print(f"error: {error.code} {error.params or ''}", file=sys.stderr)
        print(error.words(), file=sys.stderr)
        return 2
    finally:
        session.close()
        engine.dispose()


def _serve(engine, args) -> int:
    import uvicorn

    from central.app import create_app, tune_collector

    if (args.ssl_certfile is None) != (args.ssl_keyfile is None):
        print("error: --ssl-certfile and --ssl-keyfile go together", file=sys.stderr)
        return 2
    app = create_app(engine)
    tune_collector()
    tls = {}
    if args.ssl_certfile is not None:
        tls = {"ssl_certfile": str(args.ssl_certfile), "ssl_keyfile": str(args.ssl_keyfile)}
    elif not _loopback(args.host):
        # Counters refuse plain HTTP to anything but loopback (or with --insecure).
        print("warning: serving plain HTTP on a network address", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, **tls)
    return 0


def _create_console_user(engine, args, now: datetime) -> int:
    from central.console.auth import create_user
    from central.console.errors import ConsoleError
    from central.console.messages import translate

    password = _read_password()
    session = sessions(engine)()
    try:
        with session.begin():
            user = create_user(session, args.chain, args.name, args.role, password, now, args.store)
    except ConsoleError as error:
        print(f"error: {translate('en', error.code, **error.params)}", file=sys.stderr)
        return 2
    finally:
        session.close()
        engine.dispose()
    print(f"console user {user.name} ({user.role}) created: sign in at /console/")
    return 0


def _read_password() -> str:
    """Asked twice at a terminal; otherwise the first line of standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        print("error: the passwords differ", file=sys.stderr)
        raise SystemExit(2)
    return first


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError as exc:
        raise CentralError(codes.LEASE_BAD_DAYS, 400, days=text) from exc


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _show_signing_key(engine) -> int:
    session = sessions(engine)()
    try:
        with session.begin():
            key = ensure_centre_key(session)
    finally:
        session.close()
        engine.dispose()
    print(f"centre signing key (Ed25519): {key.public_hex}")
    print(f"fingerprint: {key.fingerprint}")
    return 0


def _admin(session, args, now: datetime) -> int:
    if args.command == "create-store":
        store = admin.create_store(session, args.chain, args.code, args.name, now, args.timezone)
        print(f"store {store.code} {store.name}: {store.id}")
    elif args.command == "enrollment-code":
        store = admin.find_store(session, args.chain, args.store_code)
        code = admin.new_enrollment_code(session, store.id, now)
        print(f"enrollment code for {store.code} (valid 7 days, once): {code}")
    elif args.command == "revoke-device":
        admin.revoke_device(session, args.device_id, now)
        print(f"device {args.device_id} revoked")
    elif args.command == "store-lease":
        days = None if args.days == "default" else _whole(args.days)
        set_store_lease(session, args.chain, args.store_code, days)
        print(f"store {args.store_code}: lease {days or 'default'} days, from each next sync")
    elif args.command == "import-members":
        count = admin.import_members(session, args.chain, admin.read_members_csv(args.csv), now)
        print(f"{count} members imported")
    elif args.command == "import-registrations":
        lines = admin_events.read_registrations_csv(args.csv)
        report = admin_events.import_registrations(session, args.chain, args.event_code, lines, now)
        print(f"{report.imported} registrations imported, {report.skipped} already registered")
    elif args.command in KINDS:
        data = json.loads(args.json.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
        count = admin.load_reference(session, args.chain, KINDS[args.command], items, now)
        print(f"{count} loaded")
    elif args.command == "devices":
        for line in admin_devices.device_lines(session):
            print(line)
    elif args.command == "flagged":
        for line in admin_devices.flagged_lines(session):
            print(line)
    elif args.command == "audit-breaks":
        for line in admin_devices.audit_break_lines(session):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
