"""The link to the centre is authenticated: a real TLS centre on loopback (a CA made here)
that a counter enrolls with and syncs over, its certificate key and signing key pinned; a
centre with another certificate key, a certificate no trusted CA signed, plain HTTP to a
network address, and the environment's proxy and CA settings are all refused or ignored."""

import socket
import ssl
import threading

import pytest
from sqlalchemy import text

import main
from devkit.certificates import make_ca, make_certificates
from services import sync
from services.sync.client import LinkSecurity, SyncError, spki_sha256
from tests.central.harness import (  # noqa: F401  (fixtures)
    central_sqlite,
    make_counter,
)
from tests.factories import register
from tests.integration.sync_helpers import raw
from tests.integration.tls_centre import TlsServer


@pytest.fixture
def central_fixture_for_counters(central_sqlite):
    central_sqlite.create_store()
    return central_sqlite


class Recording:
    """An ASGI wrapper that counts the requests that reached the centre's app."""

    def __init__(self, app) -> None:
        self.app = app
        self.paths: list[str] = []

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            self.paths.append(scope["path"])
        await self.app(scope, receive, send)


class ListeningProxy:
    """A loopback socket that counts the connections made to it (a proxy that answers no one)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.accepted = 0
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _run(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join(2)
        self.sock.close()


def enroll(counter, central, url: str, link: LinkSecurity, http=None) -> sync.Enrollment:
    return sync.enroll(
        counter.runtime.writer,
        counter.manager,
        counter.runtime.now(),
        url,
        central.enrollment_code(),
        http,
        link,
    )


def centre_public_key(central) -> str:
    return central.app.state.centre_key.public_hex


def server_spki(certificates) -> str:
    pem = certificates.cert_file.read_bytes().split(b"-----END CERTIFICATE-----")[0]
    der = ssl.PEM_cert_to_DER_cert(pem.decode() + "-----END CERTIFICATE-----\n")
    return spki_sha256(der)


def sync_state(counter) -> dict:
    conn = raw(counter)
    try:
        conn.row_factory = lambda cursor, row: {
            c[0]: v for c, v in zip(cursor.description, row, strict=True)
        }
        return conn.execute("SELECT * FROM sync_state").fetchone()
    finally:
        conn.close()


@pytest.fixture
def tls_centre(central_sqlite, tmp_path):
    certificates = make_certificates(tmp_path / "tls")
    app = Recording(central_sqlite.app)
    with TlsServer(app, certificates) as server:
        yield server, certificates, app


def test_a_counter_enrolls_over_tls_pins_the_centre_and_syncs(
    make_counter, central_sqlite, tls_centre
):
    server, certificates, app = tls_centre
    counter = make_counter(enroll=False)
    counter.http = None  # the counter's own client: real sockets, real TLS
    enroll(counter, central_sqlite, server.url, LinkSecurity(ca_file=str(certificates.ca_file)))

    state = sync_state(counter)
    assert state["central_url"] == server.url
    assert state["tls_pin"] == server_spki(certificates)
    assert state["centre_key"] == centre_public_key(central_sqlite)
    assert not state["insecure"]

    member = register(counter)
    report = counter.cycle()
    assert report.ok and report.pushed.applied == 1 and report.quarantined == 0
    assert central_sqlite.scalar("SELECT count(*) FROM member WHERE id = :i", i=member.id) == 1
    assert "/v1/push" in app.paths and "/v1/pull" in app.paths


def test_a_renewed_certificate_on_the_same_key_is_accepted_and_another_key_refused(
    make_counter, central_sqlite, tmp_path
):
    ca = make_ca(tmp_path / "ca")
    first = make_certificates(tmp_path / "first", ca)
    app = Recording(central_sqlite.app)
    counter = make_counter(enroll=False)
    counter.http = None
    with TlsServer(app, first) as server:
        port, url = server.port, server.url
        enroll(counter, central_sqlite, url, LinkSecurity(ca_file=str(first.ca_file)))
    assert sync_state(counter)["tls_pin"] == server_spki(first)

    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    same_key = load_pem_private_key(first.key_file.read_bytes(), None)
    renewed = make_certificates(tmp_path / "renewed", ca, server_key=same_key)
    with TlsServer(app, renewed, port):
        assert counter.cycle().ok

    # Same CA, same name, valid: only the key differs. Cut before a request is written, so
    # the device token never reaches it.
    impostor = make_certificates(tmp_path / "impostor", ca)
    app.paths.clear()
    with TlsServer(app, impostor, port):
        report = counter.cycle()
    assert report.error_code == "sync.pin_mismatch"
    assert app.paths == []
    assert not sync.load_state(counter.runtime.reader).online  # not our centre answering
    assert sync_state(counter)["tls_pin"] == server_spki(first)  # the pin stays


def test_a_certificate_no_trusted_ca_signed_is_refused_and_ssl_cert_file_ignored(
    make_counter, central_sqlite, tls_centre, monkeypatch
):
    server, certificates, app = tls_centre
    counter = make_counter(enroll=False)
    # The environment names the test CA: a counter must not take its roots from there.
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates.ca_file))
    monkeypatch.setenv("SSL_CERT_DIR", str(certificates.ca_file.parent))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificates.ca_file))
    with pytest.raises(SyncError) as refused:
        enroll(counter, central_sqlite, server.url, LinkSecurity())
    assert refused.value.code == "sync.tls_untrusted"
    assert app.paths == []
    assert sync.load_state(counter.runtime.reader) is None


def test_the_environments_proxy_is_ignored_unless_the_counter_is_set_to_use_it(
    make_counter, central_sqlite, tls_centre, monkeypatch
):
    server, certificates, _app = tls_centre
    proxy = ListeningProxy()
    try:
        for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.setenv(name, proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        counter = make_counter(enroll=False)
        counter.http = None
        ca = str(certificates.ca_file)
        with pytest.raises(SyncError) as through_proxy:
            enroll(counter, central_sqlite, server.url, LinkSecurity(ca_file=ca, system_proxy=True))
        assert through_proxy.value.code == "sync.offline" and proxy.accepted >= 1

        seen = proxy.accepted
        enroll(counter, central_sqlite, server.url, LinkSecurity(ca_file=ca))
        assert proxy.accepted == seen  # straight to the centre
        assert counter.cycle().ok and proxy.accepted == seen
    finally:
        proxy.close()


def test_plain_http_to_a_network_address_is_refused_unless_insecure(make_counter, central_sqlite):
    counter = make_counter(enroll=False)
    asked: list[str] = []

    def http(url):
        asked.append(url)
        return central_sqlite.http(url)

    for url in ("http://10.1.2.3:8470", "http://centre.example.com", "http://[2001:db8::1]"):
        with pytest.raises(SyncError) as refused:
            enroll(counter, central_sqlite, url, LinkSecurity(), http)
        assert refused.value.code == "sync.insecure_url"
    assert asked == [] and sync.load_state(counter.runtime.reader) is None

    enroll(counter, central_sqlite, "http://10.1.2.3:8470", LinkSecurity(insecure=True), http)
    state = sync_state(counter)
    assert state["insecure"] and state["tls_pin"] is None
    assert counter.cycle().ok  # the flag is kept: later cycles use the same link


def test_loopback_needs_no_flag(make_counter, central_sqlite):
    for index, url in enumerate(("http://127.0.0.1:8470", "http://localhost:8470", "http://[::1]")):
        counter = make_counter(str(index + 2), enroll=False)
        enroll(counter, central_sqlite, url, LinkSecurity(), central_sqlite.http)
        assert not sync_state(counter)["insecure"]


def test_the_command_line_refuses_plain_http_without_insecure(
    make_counter, central_sqlite, monkeypatch, capsys
):
    counter = make_counter(enroll=False)
    monkeypatch.setattr(
        "services.sync.client.default_http", lambda url, _link=None: central_sqlite.http(url)
    )
    folder = str(counter.runtime.data_dir)
    code = central_sqlite.enrollment_code()
    args = ["--data-dir", folder, "enroll", "--central", "http://10.9.8.7:8470", "--code", code]
    assert main.run_sync_command(args) != 0
    assert "sync.insecure_url" in capsys.readouterr().err
    assert main.run_sync_command([*args, "--insecure"]) == 0
    out = capsys.readouterr()
    assert "INSECURE" in out.err
    with counter.runtime.reader() as uow:
        assert uow.session.execute(text("SELECT insecure FROM sync_state")).scalar() == 1
