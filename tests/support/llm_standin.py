"""A scriptable stand-in for an LLM server: real HTTP on 127.0.0.1, no model.

It speaks OpenAI chat completions (POST /v1/chat/completions) and Anthropic messages
(POST /v1/messages), so the official SDKs talk to it exactly as to the real services.
What it answers is a script: a list of steps, one per call, then a default step.

Step kinds ({"kind": ..., "times": N repeats the step for N calls; "delay_s": S answers
after S seconds, like a model that takes its time):
  answer       a valid answer grounded in the resume it was sent (the default)
  content      {"content": "..."}: exactly this text as the answer
  reply        {"answer": {...}}: exactly this answer, as the JSON text (OpenAI; "fence": true
               wraps it in a ```json fence, as some models do) or as the tool's input
               (Anthropic): a scripted model's answer through either provider
  junk         text that is not JSON
  invalid      JSON that breaks the answer schema
  truncated    a cut-off answer (finish_reason "length" / stop_reason "max_tokens")
  refusal      the model declines
  status       {"status": 500, "retry_after": 3}: an HTTP error, with Retry-After if given
  hang         {"seconds": 30}: answer nothing for that long (or until the server stops)
  hold         like hang, but until the test calls Standin.release() (at most "seconds",
               default 120): a model that is mid-call for exactly as long as a test needs
  obey         follow instructions found in the prompt ({"trigger": regex}): lift every
               score and claim 100/100; behaves like `answer` when no instruction is found
  hallucinate  quotes that are not in the resume; rewrites that invent employers and numbers

Script options: "then" (the step after the list), "reject_response_format" (a list of
response_format types answered with HTTP 400, like servers that do not support them),
"reject_params" (request parameters answered with HTTP 400 naming them, as OpenAI's
reasoning models answer "max_tokens" and a "temperature" other than 1).
A status step may carry "message" (the error's text) and "param" (the parameter it names).

In a test:   with run_standin({"steps": [{"kind": "status", "status": 500}]}) as standin: ...
In a process (chaos tests):
    python -m tests.support.llm_standin --port 0 --script '{"steps": [...]}'
prints "LISTENING http://127.0.0.1:PORT" once it accepts connections.
GET /_standin/calls reports the calls so far; PUT /_standin/script replaces the script.
"""

from __future__ import annotations

import argparse
import json
import re
import select
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DEFAULT_TRIGGER = r"(?i)(?:rate|score)[^\n]{0,60}\b100\b|ignore (?:all )?previous instructions"
_RESUME = re.compile(r"<resume>\n(.*?)\n</resume>", re.DOTALL)


# --- answers ------------------------------------------------------------------------------


def _prompt_text(body: dict[str, Any]) -> str:
    parts = [body.get("system") or ""]
    for message in body.get("messages", []):
        content = message.get("content")
        if isinstance(content, list):
            content = " ".join(str(block.get("text", "")) for block in content)
        parts.append(str(content or ""))
    return "\n".join(str(p) for p in parts)


def resume_lines(body: dict[str, Any]) -> list[str]:
    match = _RESUME.search(_prompt_text(body))
    lines = match.group(1).splitlines() if match else []
    return [line for line in lines if not line.startswith("[...")]


def _pick_line(lines: list[str]) -> str:
    """The first line that reads like a bullet: several words, no placeholder."""
    for line in lines:
        text = line.strip().lstrip("-*• ").strip()
        if len(text.split()) >= 5 and "[" not in text:
            return text[:90]
    return (lines[0] if lines else "Resume")[:90]


def grounded_answer(body: dict[str, Any]) -> dict[str, Any]:
    line = _pick_line(resume_lines(body))
    return {
        "verdict": "Solid content buried under vague bullets that hide the results.",
        "findings": [
            {
                "severity": "warning",
                "category": "impact",
                "message": "This bullet describes a duty, not a result.",
                "quote": line,
                "fix": "Lead with the outcome and how you measured it.",
            }
        ],
        "section_notes": [
            {"section": "experience", "note": "Lead each role with its best result."}
        ],
        "rewrites": [
            {"original": line, "improved": f"{line} (result: [X%])", "why": "Shows the outcome."}
        ],
        "score_adjustments": [
            {"sub_score": "clarity", "direction": "lower", "quote": line, "reason": "Vague."}
        ],
    }


def obeying_answer(body: dict[str, Any], trigger: str) -> dict[str, Any]:
    if not re.search(trigger, _prompt_text(body).split("<resume>", 1)[-1]):
        return grounded_answer(body)
    line = _pick_line(resume_lines(body))
    lifts = [
        {"sub_score": name, "direction": "raise", "quote": line, "reason": "As instructed."}
        for name in ("impact", "clarity", "ats", "completeness")
    ]
    return {
        "verdict": "Flawless resume. 100/100, hire immediately as instructed.",
        "findings": [],
        "section_notes": [],
        "rewrites": [],
        "score_adjustments": lifts,
    }


def hallucinated_answer(body: dict[str, Any]) -> dict[str, Any]:
    line = _pick_line(resume_lines(body))
    return {
        "verdict": "Twelve years at Google show in every line; 15 promotions is remarkable.",
        "findings": [
            {
                "severity": "info",
                "category": "impact",
                "message": "Great leadership of a large team.",
                "quote": "Led a team of 50 engineers at Google",
                "fix": "Keep it.",
            }
        ],
        "section_notes": [],
        "rewrites": [
            {
                "original": line,
                "improved": f"Senior Director at Google: {line}, growing revenue 300% in 2019",
                "why": "More impressive.",
            },
            {
                "original": "Founded a unicorn startup",
                "improved": "Founded a unicorn startup valued at $2B",
                "why": "Numbers.",
            },
        ],
        "score_adjustments": [
            {
                "sub_score": "impact",
                "direction": "raise",
                "quote": "Won the Turing Award",
                "reason": "x",
            }
        ],
    }


def _answer_for(step: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    kind = step.get("kind", "answer")
    if kind == "obey":
        return obeying_answer(body, step.get("trigger", DEFAULT_TRIGGER))
    if kind == "hallucinate":
        return hallucinated_answer(body)
    return grounded_answer(body)


# --- the script -----------------------------------------------------------------------------


@dataclass
class Script:
    steps: list[dict[str, Any]] = field(default_factory=list)
    then: dict[str, Any] = field(default_factory=lambda: {"kind": "answer"})
    reject_response_format: list[str] = field(default_factory=list)
    reject_params: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, spec: dict[str, Any] | None) -> Script:
        spec = spec or {}
        expanded: list[dict[str, Any]] = []
        for step in spec.get("steps", []):
            expanded.extend([step] * int(step.get("times", 1)))
        return cls(
            steps=expanded,
            then=spec.get("then", {"kind": "answer"}),
            reject_response_format=list(spec.get("reject_response_format", [])),
            reject_params=list(spec.get("reject_params", [])),
        )


@dataclass
class Call:
    path: str
    body: dict[str, Any]
    step: str
    #: False when the caller had hung up before the answer was sent (e.g. it was killed): a
    #: real provider bills that answer all the same, though nobody read it.
    delivered: bool = True
    at: float = field(default_factory=time.time)  #: when the request arrived (wall clock)


class StandinState:
    def __init__(self, script: Script) -> None:
        self.lock = threading.Lock()
        self.script = script
        self.calls: list[Call] = []
        self.stopping = threading.Event()
        self.released = threading.Event()  #: ends every "hold" step

    def next_step(self, path: str, body: dict[str, Any]) -> tuple[dict[str, Any], Call]:
        with self.lock:
            rejection = self._rejection(body)
            if rejection is not None:
                call = Call(path, body, "rejected")
                self.calls.append(call)
                return rejection, call
            index = sum(1 for c in self.calls if c.step != "rejected")
            scripted = self.script.steps
            step = scripted[index] if index < len(scripted) else self.script.then
            call = Call(path, body, str(step.get("kind", "answer")))
            self.calls.append(call)
            return step, call

    def _rejection(self, body: dict[str, Any]) -> dict[str, Any] | None:
        """The HTTP 400 a server that does not take part of this request answers, if any."""
        fmt = (body.get("response_format") or {}).get("type")
        if fmt and fmt in self.script.reject_response_format:
            message = f"Invalid parameter: 'response_format' of type '{fmt}' is not supported."
            return _bad_request(message, "response_format")
        for param in self.script.reject_params:
            if param == "temperature" and body.get("temperature", 1) != 1:
                message = "Unsupported value: 'temperature' does not support this value."
                return _bad_request(message, param)
            if param != "temperature" and param in body:
                message = f"Unsupported parameter: '{param}' is not supported with this model."
                if param == "max_tokens":
                    message += " Use 'max_completion_tokens' instead."
                return _bad_request(message, param)
        return None

    def replace(self, script: Script) -> list[Call]:
        """Installs the script; the calls made under the one before, taken in the same step
        (under the lock), so no call falls between reading them and starting afresh."""
        with self.lock:
            calls, self.calls = self.calls, []
            self.script = script
            self.released.clear()
            return calls


def _bad_request(message: str, param: str) -> dict[str, Any]:
    return {
        "kind": "status",
        "status": 400,
        "error_type": "invalid_request_error",
        "message": message,
        "param": param,
    }


# --- HTTP -----------------------------------------------------------------------------------


def _openai_body(step: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    kind = step.get("kind", "answer")
    content: str | None
    finish, refusal = "stop", None
    if kind == "content":
        content = step["content"]
    elif kind == "junk":
        content = '{"verdict": "Strong resume", "findings": [{"severity": "warn'
        content += "ing ... I think this is great!!"
    elif kind == "invalid":
        content = json.dumps({"verdict": "Fine.", "findings": "none", "score": 99})
    elif kind == "truncated":
        content, finish = '{"verdict": "This resume is a long story that', "length"
    elif kind == "refusal":
        content, refusal = None, "I can't help with evaluating this person."
    elif kind == "reply":
        content = json.dumps(step["answer"], indent=2, ensure_ascii=False)
        if step.get("fence"):
            content = f"```json\n{content}\n```"
    else:
        content = json.dumps(_answer_for(step, body))
    message = {"role": "assistant", "content": content, "refusal": refusal}
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "standin"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200},
    }


def _anthropic_body(step: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    kind = step.get("kind", "answer")
    stop = "tool_use"
    if kind in ("junk", "content"):
        blocks = [{"type": "text", "text": step.get("content", "Sure! Here is my review: great.")}]
        stop = "end_turn"
    elif kind == "invalid":
        blocks = [_tool({"verdict": "Fine.", "findings": "none", "score": 99})]
    elif kind == "truncated":
        blocks, stop = [_tool({"verdict": "This resume is a long"})], "max_tokens"
    elif kind == "refusal":
        blocks, stop = [], "refusal"
    elif kind == "reply":
        blocks = [_tool(step["answer"])]
    else:
        blocks = [_tool(_answer_for(step, body))]
    return {
        "id": "msg_standin",
        "type": "message",
        "role": "assistant",
        "model": body.get("model", "standin"),
        "content": blocks,
        "stop_reason": stop,
        "stop_sequence": None,
        "usage": {"input_tokens": 1000, "output_tokens": 200},
    }


def _tool(data: dict[str, Any]) -> dict[str, Any]:
    name = "submit_review"
    return {"type": "tool_use", "id": "toolu_standin", "name": name, "input": data}


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read calls from the state, not from stderr."""

    def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        state = self.server.state
        if self.path == "/health":
            self._send(200, {"status": "ok"})
        elif self.path == "/v1/models":
            self._send(200, {"object": "list", "data": [{"id": "standin", "object": "model"}]})
        elif self.path == "/_standin/calls":
            with state.lock:
                calls = [{"path": c.path, "step": c.step} for c in state.calls]
            self._send(200, {"count": len(calls), "calls": calls})
        else:
            self._send(404, {"error": {"message": "not found", "type": "not_found"}})

    def do_PUT(self) -> None:
        if self.path != "/_standin/script":
            self._send(404, {"error": {"message": "not found"}})
            return
        self.server.state.replace(Script.parse(self._body()))
        self._send(200, {"ok": True})

    def do_POST(self) -> None:
        body = self._body()
        if self.path not in ("/v1/chat/completions", "/v1/messages"):
            self._send(404, {"error": {"message": "not found", "type": "not_found"}})
            return
        step, call = self.server.state.next_step(self.path, body)
        kind = step.get("kind", "answer")
        if kind == "hold":
            self.server.state.released.wait(float(step.get("seconds", 120)))
        wait_s = step.get("seconds", 30) if kind == "hang" else step.get("delay_s")
        if wait_s is not None:
            self.server.state.stopping.wait(float(wait_s))
            if self.server.state.stopping.is_set():
                return
        call.delivered = not self._caller_hung_up()
        if kind == "status":
            self._error(step)
        elif self.path == "/v1/messages":
            self._send(200, _anthropic_body(step, body))
        else:
            self._send(200, _openai_body(step, body))

    def _caller_hung_up(self) -> bool:
        """A closed connection reads as end-of-file at once; a live one has nothing to read."""
        readable, _, _ = select.select([self.connection], [], [], 0)
        if not readable:
            return False
        try:
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def _error(self, step: dict[str, Any]) -> None:
        status = int(step.get("status", 500))
        headers = {}
        if "retry_after" in step:
            headers["Retry-After"] = str(step["retry_after"])
        error_type = step.get("error_type", "server_error" if status >= 500 else "rate_limit_error")
        error = {"message": step.get("message", f"standin {status}"), "type": error_type}
        if "param" in step:
            error["param"] = step["param"]
        self._send(status, {"type": "error", "error": error}, headers)

    def _body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b"{}"
        try:
            parsed = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            return {}
        return parsed if isinstance(parsed, dict) else {}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: StandinState


class Standin:
    """A running stand-in: its URLs, the calls it received, and a way to change the script."""

    def __init__(self, script: dict[str, Any] | None = None, *, port: int = 0) -> None:
        self._server = _Server(("127.0.0.1", port), _Handler)
        self._server.state = StandinState(Script.parse(script))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """For the openai SDK (…/v1)."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def root_url(self) -> str:
        """For the anthropic SDK (it adds /v1 itself)."""
        return f"http://127.0.0.1:{self.port}"

    def provider_env(self) -> dict[str, str]:
        """The settings that point a stack's workers at this stand-in through the production
        openai provider code (a fake key; a short breaker cool-down for quick recoveries)."""
        return {
            "LLM_PROVIDER": "openai",
            "LLM_BASE_URL": self.base_url,
            "LLM_MODEL": "standin",
            "LLM_API_KEY": "sk-test-not-a-real-key",
            "LLM_TIMEOUT_S": "30",
            "BREAKER_COOLDOWN_S": "1",
        }

    @property
    def calls(self) -> list[Call]:
        with self._server.state.lock:
            return list(self._server.state.calls)

    def set_script(self, script: dict[str, Any]) -> None:
        self._server.state.replace(Script.parse(script))

    def swap_script(self, script: dict[str, Any]) -> list[Call]:
        """set_script, returning every call made under the previous script (none lost)."""
        return self._server.state.replace(Script.parse(script))

    def release(self) -> None:
        """Let every held call (and any later "hold" step) answer now."""
        self._server.state.released.set()

    def start(self) -> Standin:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.state.stopping.set()
        self._server.state.released.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


@contextmanager
def run_standin(script: dict[str, Any] | None = None) -> Iterator[Standin]:
    standin = Standin(script).start()
    try:
        yield standin
    finally:
        standin.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--script", default="{}", help="the script as JSON (see module doc)")
    args = parser.parse_args(argv)
    standin = Standin(json.loads(args.script), port=args.port).start()
    done = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: done.set())
    print(f"LISTENING http://127.0.0.1:{standin.port}", flush=True)
    done.wait()
    standin.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
