"""Counter settings: a few typed keys with defaults, each change audited."""

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from models.counter import Setting
from services.core.actor import Actor, Approval
from services.core.errors import ValidationError
from services.core.journal import append_audit
from services.core.uow import UnitOfWork
from services.pos.patterns import DEFAULT_PATTERNS, check_patterns
from services.pos.reconcile import DEFAULT_MAPPING, check_mapping
from services.pos.server import endpoint_config
from services.printing.printer_config import PrinterConfig, printer_config
from services.protocol import codes
from services.rules.lockout import LockoutPolicy
from services.rules.permissions import Permission
from services.staff.authz import authorize, require_permission

LANGUAGES = ("system", "zh_CN", "en")


@dataclass(frozen=True)
class SettingSpec:
    default: Any
    permission: Permission | None  # None: anyone signed in may change it
    low: int | None = None
    high: int | None = None


SPECS: dict[str, SettingSpec] = {
    "language": SettingSpec("system", None),
    "lock_after_minutes": SettingSpec(5, Permission.SETTINGS_MANAGE, low=1, high=240),
    "pin_max_failures": SettingSpec(5, Permission.SETTINGS_MANAGE, low=3, high=10),
    "pin_lock_minutes": SettingSpec(5, Permission.SETTINGS_MANAGE, low=1, high=120),
    "backup_keep_days": SettingSpec(14, Permission.SETTINGS_MANAGE, low=1, high=365),
    # None: slips go to a PDF and the print dialog; else services.printing.escpos_printer's
    # PrinterConfig as a dict.
    "receipt_printer": SettingSpec(None, Permission.SETTINGS_MANAGE),
    # How the till's receipt codes read (services.pos.patterns); the centre may set them.
    "receipt_patterns": SettingSpec(DEFAULT_PATTERNS, Permission.SETTINGS_MANAGE),
    # The local POS interface (services.pos.server.EndpointConfig as a dict); None: off.
    "pos_endpoint": SettingSpec(None, Permission.SETTINGS_MANAGE),
    # Which of the till's export columns hold the receipt, amount, kind and member
    # (services.pos.reconcile), kept for the next day's import.
    "pos_export_columns": SettingSpec(DEFAULT_MAPPING, Permission.SETTINGS_MANAGE),
}


@dataclass(frozen=True)
class CounterSettings:
    language: str
    lock_after_minutes: int
    pin_max_failures: int
    pin_lock_minutes: int
    backup_keep_days: int
    receipt_printer: dict | None = None
    receipt_patterns: list = field(default_factory=lambda: list(DEFAULT_PATTERNS))
    pos_endpoint: dict | None = None
    pos_export_columns: dict = field(default_factory=lambda: dict(DEFAULT_MAPPING))

    @property
    def printer(self) -> PrinterConfig | None:
        return printer_config(self.receipt_printer)

    @property
    def lockout(self) -> LockoutPolicy:
        return LockoutPolicy(self.pin_max_failures, self.pin_lock_minutes)


def load_settings(uow: UnitOfWork) -> CounterSettings:
    with uow:
        return settings_in(uow)


def settings_in(uow: UnitOfWork) -> CounterSettings:
    """The settings as seen inside a unit of work that is already open."""
    stored = {row.key: json.loads(row.value) for row in uow.session.scalars(select(Setting))}
    values = {key: stored.get(key, spec.default) for key, spec in SPECS.items()}
    return CounterSettings(**values)


def change_setting(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    key: str,
    value: Any,
    approval: Approval | None = None,
) -> CounterSettings:
    spec = SPECS.get(key)
    if spec is None:
        raise ValidationError(codes.SETTING_UNKNOWN, key=key)
    _validate(key, spec, value)
    if spec.permission is not None:
        require_permission(actor, spec.permission, approval)
    with uow:
        if spec.permission is not None:
            authorize(uow, actor, now, spec.permission, approval)
        row = uow.session.get(Setting, key)
        old = json.loads(row.value) if row else spec.default
        if row is None:
            row = Setting(key=key)
            uow.session.add(row)
        row.value = json.dumps(value)
        row.updated_at = now
        row.updated_by = actor.staff_id
        append_audit(
            uow,
            actor,
            now,
            "setting.changed",
            f"setting:{key}",
            {"old": old, "new": value},
            reason=approval.reason if approval else None,
            approved_by=approval.manager_id if approval else None,
        )
        settings = settings_in(uow)
        uow.commit()
    return settings


def _validate(key: str, spec: SettingSpec, value: Any) -> None:
    if key == "receipt_printer":
        printer_config(value)  # raises printer.bad_setting
        return
    if key == "pos_export_columns":
        check_mapping(value)  # raises reconcile.bad_mapping
        return
    if key == "pos_endpoint":
        endpoint_config(value)  # raises setting.bad_value
        return
    if key == "receipt_patterns":
        check_patterns(value)  # raises receipt.bad_pattern
        return
    if key == "language":
        if value not in LANGUAGES:
            raise ValidationError(codes.SETTING_BAD_VALUE, key=key)
        return
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(codes.SETTING_BAD_VALUE, key=key)
    if not spec.low <= value <= spec.high:
        raise ValidationError(codes.SETTING_OUT_OF_RANGE, key=key, low=spec.low, high=spec.high)
