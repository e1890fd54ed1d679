"""The README's curl lines for the POS interface run against a live endpoint."""

import os
import re
import subprocess
from pathlib import Path

from services.members.accounts import NewMember, register_member
from services.pos import PosDesk
from services.pos.endpoint import build_app
from services.pos.server import PosServer, read_pos_token, renew_pos_token
from tests.factories import pos_sale_states

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_lines() -> str:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- pos-curl -->\n```sh\n(.*?)```\n<!-- /pos-curl -->", text, re.S)
    assert block, "the README lost its POS curl example"
    return block.group(1)


def test_the_readmes_curl_lines_post_and_confirm_a_sale(counter):
    rt = counter.runtime
    cashier = counter.make_cashier()
    register_member(rt.writer(), counter.manager, rt.now(), NewMember("钱进", "13800138000", 1, 1))
    token = renew_pos_token(rt.writer(), counter.manager, rt.now())
    desk = PosDesk(rt.reader, rt.writer, rt.now, lambda: cashier)
    server = PosServer(build_app(desk, lambda: read_pos_token(rt.reader)), "127.0.0.1", 0)
    port = server.start()
    try:
        env = {**os.environ, "POS_URL": f"http://127.0.0.1:{port}", "POS_TOKEN": token}
        done = subprocess.run(
            ["bash", "-e", "-c", readme_lines()],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    finally:
        server.stop()
    assert done.returncode == 0, done.stderr
    assert '"status":"pending"' in done.stdout
    assert '"status":"confirmed"' in done.stdout
    assert '"code":"pos.token_wrong"' in done.stdout
    assert [status for status, _by in pos_sale_states(rt)] == ["confirmed"]
