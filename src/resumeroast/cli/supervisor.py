"""`resumeroast up`: start Redis (embedded unless REDIS_URL), migrate, run API and worker.

Children run in their own session so Ctrl-C reaches only us; we stop them in order
(API and worker first, Redis last) and they die with us if we are killed.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from types import FrameType

from rich.console import Console

from resumeroast.adapters.embedded_redis import EmbeddedRedis, free_port
from resumeroast.adapters.processes import die_with_parent
from resumeroast.adapters.secrets import embedded_redis_password
from resumeroast.bootstrap import migrate_schema
from resumeroast.settings import Settings, get_settings

console = Console(stderr=True)
STOP_TIMEOUT_S = 40.0


def migrate_database() -> None:
    from resumeroast.logs import configure_logging

    settings = get_settings()
    configure_logging(settings)  # alembic's lines as JSON, like every other logger's
    migrate_schema(settings)


def child_env(settings: Settings) -> dict[str, str]:
    """The environment of a process we start: ours, with the data folder we run with."""
    return dict(os.environ, DATA_DIR=str(settings.data_dir.resolve()))


def spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "resumeroast", *args],
        env=env,
        start_new_session=True,
        preexec_fn=die_with_parent,
    )


def run_stack(*, host: str, port: int, concurrency: int, api_workers: int) -> int:
    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    redis_server: EmbeddedRedis | None = None
    env = child_env(settings)
    if settings.redis_url is None and settings.broker_url is None:
        redis_server = EmbeddedRedis(
            settings.data_dir / "redis", password=embedded_redis_password(settings)
        ).start()
        env["REDIS_URL"] = redis_server.url
        console.print(
            f"[dim]embedded redis-server on {redis_server.display_url} "
            f"(AOF in {redis_server.directory})[/]"
        )
    migrate_database()
    relays = []
    if settings.uses_hosted_llm and settings.llm_relay_url is None:
        relay_url, relay = start_relay(env)
        relays.append(relay)
        env["LLM_RELAY_URL"] = relay_url
        console.print(f"[dim]LLM relay on {relay_url} (a killed worker's call is paid once)[/]")
    children = [
        *spawn_api_processes(host, port, api_workers, env),
        spawn(["worker", "--concurrency", str(concurrency)], env),
    ]
    console.print(
        f"[bold green]ResumeRoast is up[/] at http://{host}:{port}  (Ctrl-C stops everything)"
    )
    try:
        # The relay stops after the worker: its in-flight tasks may still be calling.
        return supervise(children, then=relays)
    finally:
        if redis_server is not None:
            redis_server.stop()


def spawn_api_processes(
    host: str, port: int, count: int, env: dict[str, str]
) -> list[subprocess.Popen[bytes]]:
    """count single-process APIs on one port: each binds with SO_REUSEPORT, so the kernel
    spreads connections evenly (one shared socket lets the first process to wake accept them
    all; measured: one of two processes served all 32 connections of bench/upload.py)."""
    check_port_free(host, port)
    args = ["api", "--host", host, "--port", str(port), "--workers", "1", "--in-group"]
    return [spawn(args, env) for _ in range(count)]


def check_port_free(host: str, port: int) -> None:
    """SO_REUSEPORT would let us join another server's group on the port (one started
    earlier and still running) and share its traffic: refuse a port in use instead."""
    _bind(host, port, reuse_port=False).close()


def start_relay(env: dict[str, str]) -> tuple[str, subprocess.Popen[bytes]]:
    """`resumeroast llm-relay` on a free local port, once it answers."""
    port = free_port()
    relay = spawn(["llm-relay", "--port", str(port)], env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while relay.poll() is None and time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return url, relay
        except OSError:
            time.sleep(0.1)
    stop_children([relay])
    console.print("[red]the LLM relay did not start[/]")
    raise SystemExit(1)


def serve_relay(host: str, port: int) -> None:
    import uvicorn

    from resumeroast.adapters.llm.factory import relay_upstream
    from resumeroast.adapters.llm.relay import create_relay_app
    from resumeroast.logs import configure_logging

    settings = get_settings()
    if not settings.uses_hosted_llm:
        # Kept running (a compose service must stay healthy), but it says why it is idle.
        console.print(
            f"[yellow]LLM_PROVIDER is {settings.effective_provider}: nothing to relay[/] "
            "(the relay serves the openai and anthropic providers; workers call others directly)"
        )
    configure_logging(settings)
    app = create_relay_app(
        relay_upstream(settings) if settings.uses_hosted_llm else None,
        # Its own deadline a little past the worker's, so a caller that gives up first still
        # leaves the call to finish for its retry.
        timeout_s=settings.llm_timeout_s + 5,
        ttl_s=settings.llm_relay_ttl_s,
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_config=None,  # its warnings go through the root logger's JSON handler (logs.py)
        log_level="warning",
        access_log=False,
        # Stopped after the workers: what is still in flight was asked for by a worker that is
        # gone, and its answer would die with this process anyway. Do not wait a model out.
        timeout_graceful_shutdown=5,
    )


def supervise(
    children: list[subprocess.Popen[bytes]], *, then: list[subprocess.Popen[bytes]] | None = None
) -> int:
    """Until Ctrl-C, SIGTERM or the end of a child; then stop them all, and after them the
    processes in `then`. The exit status: 0 when asked to stop, 1 when a child ended on its own
    with an error."""
    children_last = then or []
    stopping = False

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        while not stopping and all(c.poll() is None for c in [*children, *children_last]):
            time.sleep(0.2)
    finally:
        console.print("[dim]stopping…[/]")
        stop_children(children)
        stop_children(children_last)
    everyone = [*children, *children_last]
    failed = [child for child in everyone if child.returncode not in (0, -signal.SIGTERM)]
    return 0 if stopping or not failed else 1


def serve_api(host: str, port: int) -> None:
    """One API process on its own SO_REUSEPORT socket (see spawn_api_processes)."""
    import uvicorn

    from resumeroast.api.connection_guard import guarded_protocol

    settings = get_settings()

    config = uvicorn.Config(
        "resumeroast.api.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        # One JSON line per request through the root logger (resumeroast/logs.py, which also
        # cuts query strings, where job tokens travel, out of the line); uvicorn installs no
        # handler and sets no level of its own.
        log_config=None,
        log_level=None,
        access_log=True,
        # The app resolves forwarded addresses itself, from TRUSTED_PROXIES only (uvicorn's
        # default believes any X-Forwarded-For from loopback): see api/client_address.py.
        proxy_headers=False,
        # Slow or idle clients cannot hold connections (api/connection_guard.py); past
        # max_connections a request answers 503 instead of queueing without end.
        http=guarded_protocol(
            header_timeout_s=settings.header_timeout_s, body_timeout_s=settings.body_timeout_s
        ),
        timeout_keep_alive=max(1, round(settings.keep_alive_s)),
        limit_concurrency=settings.max_connections,
    )
    uvicorn.Server(config).run(sockets=[reuse_port_socket(host, port)])


def reuse_port_socket(host: str, port: int) -> socket.socket:
    return _bind(host, port, reuse_port=True)


def _bind(host: str, port: int, *, reuse_port: bool) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        console.print(f"[red]cannot listen on {host}:{port}: {exc.strerror}[/]")
        raise SystemExit(1) from exc
    return sock


def stop_children(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)  # Celery: warm shutdown, in-flight tasks finish
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
