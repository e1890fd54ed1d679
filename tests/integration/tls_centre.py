"""A centre over real TLS on loopback for tests: uvicorn serving the app in a thread with
the certificates of devkit.certificates."""

from devkit.certificates import Certificates
from tests.central.harness import LiveServer


class TlsServer(LiveServer):
    """uvicorn over TLS on a loopback port in a thread."""

    scheme = "https"

    def __init__(self, app, certificates: Certificates, port: int | None = None) -> None:
        super().__init__(
            app,
            port,
            ssl_certfile=str(certificates.cert_file),
            ssl_keyfile=str(certificates.key_file),
        )
