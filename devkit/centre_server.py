"""The centre as a real server for load tests and benchmarks: uvicorn with several workers
over one database, on a free loopback port."""

import os
import socket
import subprocess
import sys
import time

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Centre:
    """`uvicorn --workers N` over the database, stopped at close. Connections are kept 75 s,
    as behind a balancer: with uvicorn's default 5 s, a connection the server closed just
    as the client reused it failed a request now and then."""

    def __init__(self, db_url: str, workers: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "CENTRAL_DB_URL": db_url}
        command = [
            sys.executable, "-m", "uvicorn", "--factory", "central.app:app_from_env",
            "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(workers),
            "--log-level", "warning", "--no-access-log", "--timeout-keep-alive", "75",
        ]  # fmt: skip
        self.proc = subprocess.Popen(command, env=env, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.close()
        raise RuntimeError("centre did not start")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
