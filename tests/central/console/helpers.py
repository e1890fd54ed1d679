"""The console in-process for tests: its own app over the test's centre with a clock the test
moves, users of each role, and a browser-like client that signs in and sends CSRF tokens."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from central.app import create_app
from central.console.auth import create_user
from tests.central.harness import Central

PASSWORD = "correct-horse-battery"
CSRF = re.compile(r'data-csrf="([^"]*)"')
LOGIN_TOKEN = re.compile(r'name="login_token" value="([^"]+)"')


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


@dataclass
class Console:
    central: Central
    app: object
    clock: Clock

    def user(self, name: str, role: str = "admin", store: str | None = None) -> None:
        with self.central.session() as s, s.begin():
            create_user(s, "default", name, role, PASSWORD, self.clock(), store)

    def client(self) -> "ConsoleClient":
        return ConsoleClient(self.app)

    def signed_in(self, name: str, role: str = "admin", store: str | None = None):
        self.user(name, role, store)
        client = self.client()
        answer = client.sign_in(name)
        assert answer.status_code == 303, answer.text
        return client


class ConsoleClient(TestClient):
    def __init__(self, app) -> None:
        super().__init__(app, follow_redirects=False)
        self.csrf = ""

    def sign_in(self, name: str, password: str = PASSWORD, next: str = "/console/"):
        page = self.get("/console/login")
        token = LOGIN_TOKEN.search(page.text).group(1)
        answer = self.post(
            "/console/login",
            data={"name": name, "password": password, "login_token": token, "next": next},
        )
        if answer.status_code == 303:
            self.page("/console/")
        return answer

    def page(self, path: str, **kwargs):
        """A GET that keeps the page's CSRF token for the next form."""
        answer = self.get(path, **kwargs)
        found = CSRF.search(answer.text)
        if found and found.group(1):
            self.csrf = found.group(1)
        return answer

    def submit(self, path: str, data: dict | None = None, **kwargs):
        """A form post with the session's CSRF token."""
        return self.post(path, data={"csrf": self.csrf, **(data or {})}, **kwargs)


@pytest.fixture
def console(central) -> Console:
    clock = Clock()
    return Console(central, create_app(central.engine, clock=clock), clock)


@pytest.fixture
def console_sqlite(central_sqlite) -> Console:
    clock = Clock()
    return Console(central_sqlite, create_app(central_sqlite.engine, clock=clock), clock)
