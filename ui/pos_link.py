"""The counter's side of the local POS interface: the pending sales (services.pos.PosDesk)
told to the window as a Qt signal (those kept from before a restart at the first
sign-in), and the server started, moved or stopped as the `pos_endpoint` setting says,
off the GUI thread."""

import logging

from PySide6.QtCore import QObject, Signal

from services.pos import PendingSale, PosDesk
from services.pos.server import EndpointConfig, PosServer, endpoint_config, read_pos_token
from ui.workers import run_in_background

log = logging.getLogger(__name__)


class PosLink(QObject):
    # A sale posted, confirmed or cancelled: emitted from the endpoint's thread, received
    # on the GUI thread (a queued connection, as the link lives there).
    sale_changed = Signal(object)  # PendingSale
    serving = Signal(object)  # the port listened on, or None when off
    # The sales still waiting from before a restart, read at the first sign-in.
    restored = Signal(object)  # list[PendingSale]

    def __init__(self, ctx, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        rt = ctx.runtime
        self.desk = PosDesk(rt.reader, rt.writer, rt.now, lambda: ctx.actor, lambda: ctx.online)
        self.desk.listeners.append(self.sale_changed.emit)
        self._server: PosServer | None = None
        self._config = EndpointConfig()
        self._restored = False
        ctx.actor_changed.connect(self._restore)
        ctx.settings_changed.connect(lambda settings: self.apply(settings.pos_endpoint))
        self.apply(ctx.settings.pos_endpoint)

    def apply(self, value) -> None:
        config = endpoint_config(value)
        if config == self._config and (self._server is not None) == config.enabled:
            return
        old, self._server, self._config = self._server, None, config
        runtime, desk = self.ctx.runtime, self.desk

        def restart() -> PosServer | None:
            if old is not None:
                old.stop()
            if not config.enabled:
                return None
            from services.pos.endpoint import build_app  # FastAPI loads only when serving

            app = build_app(desk, lambda: read_pos_token(runtime.reader), config.loopback_only)
            server = PosServer(app, config.host, config.port)
            server.start()
            return server

        run_in_background(restart, self._started, self._failed, owner=self, upkeep=True)

    def _restore(self, actor) -> None:
        """The sales kept from before a restart wait on Points again (the store is known
        once someone signs in)."""
        if actor is None or self._restored:
            return
        self._restored = True
        run_in_background(self.desk.restore, self.restored.emit, self._not_restored, owner=self)

    def _not_restored(self, error: BaseException) -> None:
        log.warning("the POS sales kept could not be read: %s", type(error).__name__)

    def _started(self, server: PosServer | None) -> None:
        self._server = server
        self.serving.emit(server.port if server else None)

    def _failed(self, error: BaseException) -> None:
        log.warning("the POS interface could not start: %s", type(error).__name__)
        self.serving.emit(None)

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def waiting(self) -> list[PendingSale]:
        return self.desk.waiting()
