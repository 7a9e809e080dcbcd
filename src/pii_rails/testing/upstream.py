"""A recording OpenAI-compatible upstream, for tests and for trying the server setup.

It answers ``POST /v1/chat/completions`` like an OpenAI-compatible server,
streaming (server-sent events, in chunks of a few characters so placeholders
arrive split) and not, and keeps every request body byte for byte. ``GET
/v1/models`` lists one model; ``GET /recorded`` returns the bodies received so
far, so anyone can check what a model provider behind pii-rails would see.

The answer echoes the placeholders of the last user message, the way models
do, and can add text of its own (``--extra``), e.g. PII the model made up::

    python -m pii_rails.upstream --port 8001 --extra "Write to help@desk-example.com."

With ``--tokens-per-second`` it streams like a model: one token (a word with
its leading space, long words in pieces of four characters) at that rate, for
measuring what a guard adds to the time to first and last token.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, List, Optional, Tuple, Union, cast

import regex


# What a numbered or keyed placeholder looks like to the upstream (it knows nothing else).
from pii_rails.masking.placeholders import ISSUED_TAG as _PLACEHOLDER  # noqa: E402

# Model-like tokens: a word with the whitespace before it, at most four more characters.
_TOKEN = regex.compile(r"\s*[^\s]{1,4}|\s+")
# Whole words with the whitespace before them, as an upstream that streams word by word sends them.
_WORD = regex.compile(r"\s*[^\s]+|\s+")


def tokens(text: str, whole_words: bool = False) -> List[str]:
    """``text`` cut roughly as a model's tokenizer would (about 1.3 tokens per English word),
    or word by word with ``whole_words``."""
    return (_WORD if whole_words else _TOKEN).findall(text)

# The answer text, or an assistant message (``{"content": ..., "tool_calls": [...]}``).
Reply = Callable[[dict], Union[str, dict]]


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 drops connections when many clients call at once.
    request_queue_size = 256


def echo_reply(extra: str = "") -> Reply:
    """Answer with the placeholders of the last user message, or else of the
    whole conversation (``Noted: <PERSON_1>, <EMAIL_ADDRESS_1>.``), and ``extra``."""

    def reply(request: dict) -> str:
        texts = [m.get("content") for m in request.get("messages", []) if isinstance(m.get("content"), str)]
        users = [
            m["content"]
            for m in request.get("messages", [])
            if m.get("role") == "user" and isinstance(m.get("content"), str)
        ]
        tokens = _PLACEHOLDER.findall(users[-1] if users else "") or _PLACEHOLDER.findall("\n".join(texts))
        tokens = list(dict.fromkeys(tokens))
        said = f"Noted: {', '.join(tokens)}." if tokens else "Noted."
        return f"{said} {extra}".strip()

    return reply


class RecordingUpstream:
    """The server; ``with RecordingUpstream() as up: ... up.url ... up.bodies``.

    Args:
        reply: turns a request (parsed JSON) into the answer text.
        chunk_chars: characters per streamed chunk.
        host, port: where to listen (port 0 picks a free one).
        tokens_per_second: stream :func:`tokens` at this rate instead of
            ``chunk_chars`` chunks at once (settable between requests).
        whole_words: with a rate, stream whole words instead of model-like pieces.
    """

    def __init__(
        self,
        reply: Optional[Reply] = None,
        chunk_chars: int = 3,
        host: str = "127.0.0.1",
        port: int = 0,
        tokens_per_second: Optional[float] = None,
        whole_words: bool = False,
    ):
        self.reply = reply or echo_reply()
        self.chunk_chars = max(1, chunk_chars)
        self.tokens_per_second = tokens_per_second
        self.whole_words = whole_words
        self.bodies: List[bytes] = []
        self._lock = threading.Lock()
        self._server = _Server((host, port), self._handler())
        self._server.daemon_threads = True
        self._thread: Optional[threading.Thread] = None

    @property
    def url(self) -> str:
        """The base URL to configure (``.../v1``)."""
        host, port = cast(Tuple[str, int], self._server.server_address[:2])  # an AF_INET server
        return f"http://{host}:{port}/v1"

    @property
    def everything_received(self) -> str:
        with self._lock:
            return b"\n".join(self.bodies).decode("utf-8", "replace")

    def start(self) -> "RecordingUpstream":
        self._thread = threading.Thread(target=self._server.serve_forever, name="recording-upstream", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "RecordingUpstream":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _handler(self):
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                if self.path.rstrip("/") == "/v1/models":
                    model = {"id": "recorder", "object": "model", "owned_by": "pii-rails"}
                    self._json({"object": "list", "data": [model]})
                elif self.path.rstrip("/") == "/recorded":
                    with upstream._lock:
                        bodies = [b.decode("utf-8", "replace") for b in upstream.bodies]
                    self._json({"requests": bodies})
                else:
                    self._json({"error": {"message": "not found"}}, 404)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with upstream._lock:
                    upstream.bodies.append(body)
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._json({"error": {"message": "not found"}}, 404)
                    return
                try:
                    request = json.loads(body)
                except ValueError:
                    self._json({"error": {"message": "invalid JSON"}}, 400)
                    return
                answer = upstream.reply(request)
                message: dict = answer if isinstance(answer, dict) else {"content": answer}
                if request.get("stream"):
                    self._stream(request, message.get("content") or "", message.get("tool_calls"))
                else:
                    self._json(_completion(request, message))

            def _json(self, payload: dict, status: int = 200) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, request: dict, text: str, tool_calls: Optional[list] = None) -> None:
                # HTTP/1.0 semantics: the body ends when the connection closes.
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                rate = upstream.tokens_per_second
                if rate:
                    pieces = tokens(text, upstream.whole_words)
                else:
                    step = upstream.chunk_chars
                    pieces = [text[i : i + step] for i in range(0, len(text), step)]
                started = time.perf_counter()
                for i, piece in enumerate(pieces):
                    if rate:
                        # Paced from the start, so time spent writing does not add up.
                        delay = started + i / rate - time.perf_counter()
                        if delay > 0:
                            time.sleep(delay)
                    self._event(_chunk(request, {"content": piece}, None))
                for index, call in enumerate(tool_calls or []):
                    self._event(_chunk(request, {"tool_calls": [{"index": index, **call}]}, None))
                self._event(_chunk(request, {}, "tool_calls" if tool_calls else "stop"))
                if (request.get("stream_options") or {}).get("include_usage"):
                    usage = _chunk(request, None, None)
                    usage["choices"] = []
                    usage["usage"] = _usage(request, text)
                    self._event(usage)
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

            def _event(self, payload: dict) -> None:
                self.wfile.write(b"data: " + json.dumps(payload).encode() + b"\n\n")
                self.wfile.flush()

        return Handler


def _usage(request: dict, text: str) -> dict:
    prompt = sum(len(str(m.get("content", "")).split()) for m in request.get("messages", []))
    return {"prompt_tokens": prompt, "completion_tokens": len(text.split()), "total_tokens": prompt + len(text.split())}


def _completion(request: dict, message: dict) -> dict:
    text = message.get("content") or ""
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "recorder"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", **message},
                "finish_reason": "tool_calls" if message.get("tool_calls") else "stop",
            }
        ],
        "usage": _usage(request, text),
    }


def _chunk(request: dict, delta: Optional[dict], finish: Optional[str]) -> dict:
    return {
        "id": "chatcmpl-stream",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": request.get("model", "recorder"),
        "choices": [{"index": 0, "delta": delta or {}, "finish_reason": finish}],
    }


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pii_rails.upstream", description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--chunk-chars", type=int, default=3, help="characters per streamed chunk")
    parser.add_argument("--extra", default="", help="text the model adds to every answer")
    parser.add_argument("--tokens-per-second", type=float, default=None, help="stream model-like tokens at this rate")
    parser.add_argument("--whole-words", action="store_true", help="with a rate: stream word by word")
    args = parser.parse_args(argv)
    upstream = RecordingUpstream(
        echo_reply(args.extra), args.chunk_chars, args.host, args.port, args.tokens_per_second, args.whole_words
    )
    print(f"recording upstream on {upstream.url} (GET /recorded shows what it received)", flush=True)
    try:
        upstream._server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
