"""deploy/Dockerfile: multi-stage, built from uv.lock, non-root, health-checked, and the web app
lands where the API serves it from."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from resumeroast.api import web
from tests.unit.deploy.deploy_files import DEPLOY, ROOT, Stage, dockerfile, parse_dockerfile


@pytest.fixture(scope="module")
def stages() -> list[Stage]:
    return dockerfile()[1]


@pytest.fixture(scope="module")
def runtime(stages: list[Stage]) -> Stage:
    return stages[-1]


def stage_named(stages: list[Stage], name: str) -> Stage:
    return next(s for s in stages if s.name == name)


def test_the_parser_joins_continuations_and_skips_comments() -> None:
    text = "ARG X=img:1\nFROM ${X} AS a\n# note\nRUN one \\\n    # inside\n    two\nUSER app\n"
    global_args, stages = parse_dockerfile(text)
    assert global_args == {"X": "img:1"}
    assert stages[0].base == "img:1" and stages[0].name == "a"
    assert [(i.keyword, i.args) for i in stages[0].instructions] == [
        ("RUN", "one two"),
        ("USER", "app"),
    ]


def test_it_is_multi_stage_node_then_python(stages: list[Stage]) -> None:
    bases = [s.base for s in stages]
    assert len(stages) >= 3, bases
    assert bases[0].startswith("node:20"), bases
    assert all(b.startswith("python:3.11-slim") for b in bases[1:]), bases
    assert len({s.name for s in stages}) == len(stages), "every stage is named"


def test_the_frontend_stage_builds_from_the_lock_file(stages: list[Stage]) -> None:
    frontend = stages[0]
    copies = " ".join(i.args for i in frontend.all("COPY"))
    assert "frontend/package-lock.json" in copies
    runs = [i.args for i in frontend.all("RUN")]
    assert any(r.startswith("npm ci") for r in runs), runs
    assert any(r == "npm run build" for r in runs), runs


def test_python_comes_from_uv_lock_frozen_without_dev_tools(stages: list[Stage]) -> None:
    build = stages[1]
    copied = [w for i in build.all("COPY") for w in i.operands()]
    assert "uv.lock" in copied and "pyproject.toml" in copied
    syncs = [i.args for i in build.all("RUN") if "uv sync" in i.args]
    assert syncs, "the build stage installs with uv sync"
    for sync in syncs:
        assert "--frozen" in sync and "--no-dev" in sync and "--extra postgres" in sync, sync
    assert "pip install" not in " ".join(
        i.args for i in build.all("RUN") if "uv==" not in i.args
    ), "packages come from the lock, not from pip"


def test_uv_is_pinned_to_the_makefile_version(stages: list[Stage]) -> None:
    makefile = (ROOT / "Makefile").read_text()
    pinned = next(
        line.split(":=")[1].strip() for line in makefile.splitlines() if "UV_VERSION :=" in line
    )
    build = stages[1]
    assert any(i.args == f"UV_VERSION={pinned}" for i in build.all("ARG")), pinned


def test_the_runtime_runs_as_a_non_root_user(runtime: Stage) -> None:
    user = runtime.last("USER")
    assert user is not None, "the final stage sets USER"
    name = user.args.split(":")[0]
    assert name not in ("root", "0"), user.args
    created = " ".join(i.args for i in runtime.all("RUN"))
    assert "useradd --system --uid" in created and name in created
    # nothing after USER switches back to root
    after = runtime.instructions[runtime.instructions.index(user) + 1 :]
    assert all(i.keyword != "USER" for i in after)


def test_the_runtime_health_check_asks_healthz_with_python(runtime: Stage) -> None:
    check = runtime.last("HEALTHCHECK")
    assert check is not None
    command = check.exec_form()
    assert command is not None and command[:2] == ["python", "-c"], command
    assert "http://127.0.0.1:8000/healthz" in command[2]
    assert {"interval", "timeout", "retries"} <= set(check.flags())


def test_the_default_command_is_the_api_in_exec_form(runtime: Stage) -> None:
    cmd = runtime.last("CMD")
    assert cmd is not None
    # exec form: no shell in between, so the process itself receives Docker's SIGTERM
    assert cmd.exec_form() == ["resumeroast", "api", "--host", "0.0.0.0", "--port", "8000"]
    expose = runtime.last("EXPOSE")
    assert expose is not None and expose.args == "8000"


def test_the_web_app_lands_where_the_api_serves_it_from(
    stages: list[Stage], runtime: Stage
) -> None:
    workdir = runtime.last("WORKDIR")
    assert workdir is not None
    app_root = PurePosixPath(workdir.args)
    # The project is installed editable with its source at <workdir>/src, so web.py's
    # FRONTEND_DIST (relative to the source tree) is <workdir>/frontend/dist in the image.
    relative = web.FRONTEND_DIST.relative_to(ROOT)
    build = stages[1]
    assert any(i.operands()[-1].rstrip("/") == "./src" for i in build.all("COPY"))
    assert not any("--no-editable" in i.args for i in build.all("RUN"))
    frontend_copy = [i for i in runtime.all("COPY") if i.flags().get("from") == stages[0].name]
    assert len(frontend_copy) == 1
    source, target = frontend_copy[0].operands()
    assert source.endswith("/dist")
    assert PurePosixPath(target) == app_root / relative.as_posix()


def test_the_context_leaves_out_local_state_and_secrets() -> None:
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
    for pattern in ("**/.venv", "**/node_modules", "**/.env", "resumeroast-data", "**/.git"):
        assert pattern in ignore, pattern


def test_the_runtime_has_the_postgresql_client_of_the_compose_servers_major(
    runtime: Stage,
) -> None:
    # pg_dump refuses a server of a newer major version: `resumeroast backup` needs its own
    from tests.unit.deploy.deploy_files import compose_services

    server_major = compose_services()["postgres"]["image"].split(":")[1].split(".")[0]
    (arg,) = [i.args for i in runtime.all("ARG") if i.args.startswith("PG_CLIENT_MAJOR=")]
    assert arg == f"PG_CLIENT_MAJOR={server_major}"
    runs = " ".join(i.args for i in runtime.all("RUN"))
    assert "postgresql-client-${PG_CLIENT_MAJOR}" in runs
