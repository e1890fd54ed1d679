"""Sign-in, sessions, lockout, CSRF, roles, and the wall between the console and the
counters' API (a device token never reaches the console; a console session never pushes)."""

import hashlib
import re

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from central.console import messages
from central.console.auth import LOCK_NAME_FAILURES, SESSION_IDLE
from central.console.mount import ROUTERS
from central.console.web import NAV
from services.core.secrets import read_device_token
from tests.central.console.helpers import LOGIN_TOKEN, PASSWORD

PAGES = [path for path, _key, _roles in NAV]  # every page the navigation offers


def test_every_page_needs_a_session(console_sqlite):
    client = console_sqlite.client()
    for path in PAGES:
        answer = client.get(path)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/console/login?next=")
    assert client.post("/console/logout", data={"csrf": "x"}).status_code == 401


def test_sign_in_and_out(console_sqlite):
    client = console_sqlite.signed_in("boss")
    home = client.page("/console/")
    assert home.status_code == 200 and "欢迎，boss" in home.text
    cookie = client.cookies.get("console_session")
    stored = console_sqlite.central.scalar("SELECT id_hash FROM console_session")
    assert stored == hashlib.sha256(cookie.encode()).hexdigest()  # only its hash is kept
    assert client.submit("/console/logout").status_code == 303
    assert client.get("/console/").status_code == 303  # the session ended at the centre
    client.cookies.set("console_session", cookie, path="/console")
    assert client.get("/console/").status_code == 303  # and the old cookie is dead


def test_session_cookie_flags(console_sqlite):
    console_sqlite.user("boss")
    client = console_sqlite.client()
    answer = client.sign_in("boss")
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/console" in cookie


def test_wrong_password_says_so_in_the_users_language(console_sqlite):
    console_sqlite.user("boss")
    client = console_sqlite.client()
    answer = client.sign_in("boss", "wrong-password-1")
    assert answer.status_code == 401 and "用户名或密码不正确" in answer.text
    client.cookies.set("console_lang", "en", path="/console")
    answer = client.sign_in("boss", "wrong-password-1")
    assert "The user name or password is wrong." in answer.text


def test_idle_session_ends(console_sqlite):
    client = console_sqlite.signed_in("boss")
    console_sqlite.clock.advance(seconds=SESSION_IDLE.total_seconds() - 60)
    assert client.get("/console/").status_code == 200  # activity keeps it alive
    console_sqlite.clock.advance(seconds=SESSION_IDLE.total_seconds() + 1)
    assert client.get("/console/").status_code == 303


def test_old_sessions_and_attempts_are_forgotten_at_the_next_sign_in(console):
    console.user("boss")
    console.client().sign_in("boss")  # ends by idling
    signed_out = console.client()
    signed_out.sign_in("boss")
    signed_out.submit("/console/logout")
    console.client().sign_in("boss", "wrong-password-1")
    live = console.client()
    live.sign_in("boss")
    count = "SELECT count(*) FROM console_session"
    assert console.central.scalar(count) == 3
    for _ in range(4):  # a long-lived session stays while it is used
        console.clock.advance(minutes=20)
        assert live.get("/console/").status_code == 200
    console.client().sign_in("boss")
    assert console.central.scalar(count) == 4  # a day has not passed yet
    console.clock.advance(days=1, minutes=1)
    console.client().sign_in("boss")
    # Gone: the one left idle and the one signed out over a day ago; kept: the two last used
    # less than a day ago, and the new one.
    assert console.central.scalar(count) == 3
    attempts = "SELECT count(*) FROM console_login_attempt WHERE ok = :ok"
    assert console.central.scalar(attempts, ok=False) == 1
    console.clock.advance(days=30)
    console.client().sign_in("boss")
    assert console.central.scalar(attempts, ok=False) == 0
    assert console.central.scalar(count) == 1  # only the newest sign-in is left


def test_lockout_after_repeated_failures(console):
    console.user("boss")
    client = console.client()
    for _ in range(LOCK_NAME_FAILURES):
        assert client.sign_in("boss", "wrong-password-1").status_code == 401
    answer = client.sign_in("boss")  # the right password, while locked
    assert answer.status_code == 429 and "登录失败次数过多" in answer.text
    assert console.central.scalar("SELECT count(*) FROM console_session") == 0
    console.clock.advance(minutes=16)
    assert client.sign_in("boss").status_code == 303


def test_a_state_change_without_the_csrf_token_is_refused(console_sqlite):
    client = console_sqlite.signed_in("boss")
    assert client.post("/console/logout").status_code == 403
    assert client.post("/console/logout", data={"csrf": "forged"}).status_code == 403
    answer = client.post("/console/logout", headers={"X-CSRF-Token": "forged"})
    assert answer.status_code == 403
    assert client.get("/console/").status_code == 200  # still signed in: nothing happened
    assert client.post("/console/logout", headers={"X-CSRF-Token": client.csrf}).status_code == 303


def test_sign_in_form_needs_its_own_token(console_sqlite):
    console_sqlite.user("boss")
    client = console_sqlite.client()
    answer = client.post(
        "/console/login", data={"name": "boss", "password": PASSWORD, "login_token": "x"}
    )
    assert answer.status_code == 403
    assert console_sqlite.central.scalar("SELECT count(*) FROM console_session") == 0


def test_a_device_token_cannot_reach_the_console(console, make_counter):
    console.central.create_store()
    counter = make_counter()
    device_token = read_device_token(counter.runtime.reader)
    client = console.signed_in("boss")
    identity = client.get("/v1/identity", headers={"Authorization": f"Bearer {device_token}"})
    assert identity.status_code == 200  # a live token of this centre
    for path in PAGES:
        answer = client.get(path, headers={"Authorization": f"Bearer {device_token}"})
        assert answer.status_code == 401, path
        assert "控制台不接受收银台令牌" in answer.text
    bare = console.client()
    answer = bare.get("/console/", headers={"Authorization": f"Bearer {device_token}"})
    assert answer.status_code == 401


def test_a_console_session_cannot_push_or_pull(console_sqlite):
    client = console_sqlite.signed_in("boss")
    cookie = client.cookies.get("console_session")
    for method, path in (("POST", "/v1/push"), ("GET", "/v1/pull"), ("GET", "/v1/identity")):
        answer = client.request(
            method,
            path,
            json={"operations": []} if method == "POST" else None,
            headers={"Cookie": f"console_session={cookie}"},
        )
        assert answer.status_code == 401, path


def test_roles_guard_their_pages(console_sqlite):
    console_sqlite.central.create_store("S1", "一号店")
    manager = console_sqlite.signed_in("m1", "store_manager", "S1")
    assert manager.get("/console/audit").status_code == 403
    marketing = console_sqlite.signed_in("mk", "marketing")
    assert marketing.get("/console/audit").status_code == 403
    assert console_sqlite.signed_in("boss").get("/console/audit").status_code == 200


@pytest.mark.parametrize(
    "name",
    ["x" * 100_000, "boss\x00", "boss'; DROP TABLE console_user; --", "\u202eboss"],
)
def test_hostile_sign_in_input_changes_nothing(console_sqlite, name):
    console_sqlite.user("boss")
    client = console_sqlite.client()
    answer = client.sign_in(name, "' OR 1=1 --")
    assert answer.status_code == 401 and "用户名或密码不正确" in answer.text
    assert "boss" in [r[0] for r in console_sqlite.central.rows("SELECT name FROM console_user")]
    assert console_sqlite.central.scalar("SELECT count(*) FROM console_session") == 0
    assert client.sign_in("boss").status_code == 303


def test_a_sign_in_that_is_not_utf8_is_refused(console_sqlite):
    console_sqlite.user("boss")
    client = console_sqlite.client()
    page = client.get("/console/login")
    token = LOGIN_TOKEN.search(page.text).group(1)
    body = f"name=%ED%A0%80%FF&password=%00%FE&login_token={token}".encode()
    answer = client.post(
        "/console/login",
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 401
    assert console_sqlite.central.scalar("SELECT count(*) FROM console_session") == 0


def test_the_audit_trail_is_append_only(console):
    from central.console.audit import Who, record

    with console.central.session() as s, s.begin():
        record(s, Who("u", "boss", "admin", None, "127.0.0.1"), console.clock(), "test", "x")
    for sql in ("UPDATE console_audit SET reason = 'x'", "DELETE FROM console_audit"):
        with pytest.raises(sa_exc.DatabaseError), console.central.engine.begin() as conn:
            conn.execute(text(sql))
    assert console.central.scalar("SELECT count(*) FROM console_audit") == 1


def test_both_languages_have_every_message():
    assert messages.ZH_CN.keys() == messages.EN.keys()
    assert all(messages.ZH_CN.values()) and all(messages.EN.values())


def console_routes(_app, methods: set[str]) -> list[str]:
    """Every console page's route answering one of `methods`, its path parameters filled."""
    paths = []
    for route in (route for router in ROUTERS for route in router.routes):
        path = "/console" + route.path
        if not methods & set(getattr(route, "methods", ()) or ()):
            continue
        paths.append(re.sub(r"\{[^}]+\}", "00000000-0000-0000-0000-000000000000", path))
    return paths


PUBLIC = {"/console/login", "/console/lang"}


def test_no_console_route_answers_without_a_session(console_sqlite):
    client = console_sqlite.client()
    gets = [p for p in console_routes(console_sqlite.app, {"GET"}) if p not in PUBLIC]
    posts = [p for p in console_routes(console_sqlite.app, {"POST"}) if p not in PUBLIC]
    assert len(gets) >= 5 and len(posts) >= 5
    for path in gets:
        assert client.get(path).status_code == 303, path
    for path in posts:
        assert client.post(path, data={"csrf": "x"}).status_code == 401, path


def test_every_console_change_needs_the_csrf_token(console_sqlite):
    client = console_sqlite.signed_in("boss")
    for path in console_routes(console_sqlite.app, {"POST", "PUT", "PATCH", "DELETE"}):
        if path in PUBLIC:
            continue
        assert client.post(path, data={"reason": "x"}).status_code == 403, path
        forged = client.post(path, data={"csrf": "forged"}, headers={"X-CSRF-Token": "bad"})
        assert forged.status_code == 403, path
    assert console_sqlite.central.scalar("SELECT count(*) FROM console_audit") == 0


def test_a_skew_reads_in_its_largest_unit():
    from central.console.web import signed_span

    assert signed_span("zh_CN", -23_975_234) == "-277天"
    assert signed_span("en", 7300) == "+2 h"
    assert signed_span("en", 59) == "+59 s"
    assert signed_span("zh_CN", -61) == "-1分"
