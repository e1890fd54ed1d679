"""One counter window per data folder: a lock file in the folder, and a local socket named
from it, through which a second start asks the running window to come forward."""

import contextlib
import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_FILE = "counter.lock"
WAIT_MS = 1000


def server_name(data_dir: Path) -> str:
    """Local socket names are global to the user: the folder's path, hashed, tells them apart."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"loyalty-counter-{digest}"


class SingleInstance(QObject):
    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(data_dir)
        with contextlib.suppress(OSError):
            data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._lock = QLockFile(str(data_dir / LOCK_FILE))
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """False only when another start holds the folder. A lock left by a crashed start is
        taken over (QLockFile checks whether its process still runs); a folder where no lock
        can be made is left to open_counter, which says what is wrong with it."""
        if self._lock.tryLock(0):
            return True
        return self._lock.error() != QLockFile.LockError.LockFailedError

    def ask_running_to_show(self) -> bool:
        """Tells the window that holds the folder to come forward; False if none answered."""
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(WAIT_MS):
            return False
        socket.write(b"show\n")
        socket.waitForBytesWritten(WAIT_MS)
        socket.disconnectFromServer()
        return True

    def listen(self, show: Callable[[], None]) -> None:
        """Calls `show` whenever another start of the same folder asks for the window."""
        QLocalServer.removeServer(self._name)  # a crashed start's socket file
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.listen(self._name)
        server.newConnection.connect(lambda: self._answer(server, show))
        self._server = server

    def _answer(self, server: QLocalServer, show: Callable[[], None]) -> None:
        while (socket := server.nextPendingConnection()) is not None:
            socket.disconnected.connect(socket.deleteLater)
            socket.close()
            show()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
        self._lock.unlock()
