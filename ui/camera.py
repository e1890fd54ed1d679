"""Camera scanning: frames from QtMultimedia are decoded off the GUI thread, one at a time.

QtMultimedia is optional at run time (it needs the system's audio and video libraries);
without it the camera button simply does not appear.
"""

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from services.core import decode_qr_codes
from ui.workers import run_in_background


class FrameDecoder(QObject):
    """Takes frames as they come, decodes the newest while the last decode runs, drops the rest."""

    decoded = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        self._last = ""

    def feed(self, image: QImage) -> bool:
        """Starts decoding `image` unless a decode is running; True when it was taken."""
        if self._busy or image.isNull():
            return False
        gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
        data = bytes(gray.constBits())
        width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
        self._busy = True
        run_in_background(
            lambda: decode_qr_codes(data, width, height, stride), self._on_done, self._on_failed
        )
        return True

    def _on_done(self, texts: list[str]) -> None:
        self._busy = False
        for text in texts:
            if text != self._last:  # a code held in front of the camera counts once
                self._last = text
                self.decoded.emit(text)

    def _on_failed(self, _error: BaseException) -> None:
        self._busy = False

    def forget_last(self) -> None:
        self._last = ""


def camera_available() -> bool:
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False
    return bool(QMediaDevices.videoInputs())


class CameraScanner(QObject):
    """Opens the default camera and feeds its frames to a FrameDecoder."""

    decoded = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoSink

        self.decoder = FrameDecoder(self)
        self.decoder.decoded.connect(self.decoded)
        self._camera = QCamera(self)
        self._sink = QVideoSink(self)
        self._session = QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(lambda frame: self.decoder.feed(frame.toImage()))

    def start(self) -> None:
        self.decoder.forget_last()
        self._camera.start()

    def stop(self) -> None:
        self._camera.stop()
