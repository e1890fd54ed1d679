"""The POS interface's settings, its token and its server: uvicorn in a background thread,
so the counter's window never waits on a till."""

import ipaddress
import secrets as random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.core.actor import Actor
from services.core.errors import ValidationError
from services.core.journal import append_audit
from services.core.secrets import secret_store
from services.core.uow import UnitOfWork
from services.protocol import codes
from services.rules.permissions import Permission
from services.staff.authz import authorize, require_permission

TOKEN_NAME = "pos-endpoint-token"
DEFAULT_PORT = 8765
START_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class EndpointConfig:
    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT

    @property
    def loopback_only(self) -> bool:
        return ipaddress.ip_address(self.host).is_loopback


def endpoint_config(value: Any) -> EndpointConfig:
    """The `pos_endpoint` setting read strictly: a loopback or private LAN address of this
    computer and a port above the privileged ones; None is off."""
    if value is None:
        return EndpointConfig()
    if not isinstance(value, dict) or set(value) - {"enabled", "host", "port"}:
        raise ValidationError(codes.SETTING_BAD_VALUE, key="pos_endpoint")
    config = EndpointConfig(**value)
    try:
        address = ipaddress.ip_address(config.host)
    except (ValueError, TypeError):
        raise ValidationError(codes.SETTING_BAD_VALUE, key="pos_endpoint") from None
    if not (address.is_loopback or address.is_private) or address.is_unspecified:
        raise ValidationError(codes.SETTING_BAD_VALUE, key="pos_endpoint")
    if type(config.port) is not int or not 1024 <= config.port <= 65535:
        raise ValidationError(codes.SETTING_BAD_VALUE, key="pos_endpoint")
    if type(config.enabled) is not bool:
        raise ValidationError(codes.SETTING_BAD_VALUE, key="pos_endpoint")
    return config


def pos_token(uow: UnitOfWork) -> str | None:
    """The token a till sends, kept in the counter's secret store (never the database)."""
    return secret_store(uow).get(TOKEN_NAME)


def read_pos_token(reader: Callable[[], UnitOfWork]) -> str | None:
    with reader() as uow:
        return pos_token(uow)


def renew_pos_token(uow: UnitOfWork, actor: Actor, now: datetime) -> str:
    """A fresh token for the till (a manager's act, audited without the token itself); the
    old one stops working at once."""
    require_permission(actor, Permission.SETTINGS_MANAGE)
    with uow:
        authorize(uow, actor, now, Permission.SETTINGS_MANAGE, None)
        token = random.token_urlsafe(32)
        secret_store(uow).put(TOKEN_NAME, token)
        append_audit(uow, actor, now, "pos.token_renewed", "setting:pos_endpoint", {})
        uow.commit()
    return token


class PosServer:
    """uvicorn serving the POS app in a daemon thread; start() returns once it listens."""

    def __init__(self, app, host: str, port: int) -> None:
        import uvicorn  # only a counter that serves a till pays for the import

        config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
        self._server = uvicorn.Server(config)
        self.port: int | None = None
        self._thread = threading.Thread(target=self._server.run, name="pos-endpoint", daemon=True)

    def start(self) -> int:
        """Starts serving; returns the port it listens on (the OS picks one for port 0)."""
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise OSError("the POS interface could not listen")
            time.sleep(0.01)
        self.port = self._server.servers[0].sockets[0].getsockname()[1]
        return self.port

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=START_TIMEOUT_S)
