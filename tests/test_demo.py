"""The demo: real LLMRails from the bundled config, embedded model or an OpenAI-compatible endpoint."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
from contextlib import redirect_stdout
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, List

import pytest

from pii_rails import PiiEngine
from pii_rails.nemo.actions import PiiActions
import pii_rails.demo
from pii_rails.demo import main
from pii_rails.demo.model import ESCALATION_CONTACT
from pii_rails.demo import on_iorails
from pii_rails.demo.run import KB_PII, SCRIPT, build_rails, load_config, play

NO_NETWORK = Path(__file__).parent / "support" / "no_network.py"
DEMO_MAIN = Path(pii_rails.demo.__file__).parent / "__main__.py"
TYPED_PII = [value for turn in SCRIPT for value in turn.pii]
ALL_PII = list(dict.fromkeys([*TYPED_PII, *KB_PII]))
CONTACT_PII = ["Daniel Kim", "daniel.kim@support.example.net", "(646) 555-0123"]
BLOCK_MESSAGE = "I can't process that: it contains a US_SSN."
IORAILS_TITLE = "The same chat on NeMo's IORails engine"


def turn_sections(report: str) -> List[Dict[str, str]]:
    """Split the printed report into turns: the text under each label of a turn."""
    turns = []
    for chunk in report.split("\n--- Turn ")[1:]:
        chunk = chunk.split("\n" + "=" * 20)[0]
        sections: Dict[str, str] = {}
        label = "title"
        for line in chunk.splitlines():
            match = re.match(r"^(User typed|Note|pii-rails|LLM received|LLM answered|User got)\b.*:$", line)
            if match:
                label = match.group(1)
                sections.setdefault(label, "")
                continue
            # Wrapped lines are re-joined with spaces, so a value split across lines still matches.
            sections[label] = (sections.get(label, "") + " " + line.strip().removeprefix("| ")).strip()
        turns.append(sections)
    return turns


@pytest.fixture(scope="module")
def embedded_report():
    out = io.StringIO()
    with redirect_stdout(out):
        code = main([])
    return code, out.getvalue()


def test_embedded_demo_exits_0_and_reports_every_turn(embedded_report):
    code, report = embedded_report
    assert code == 0
    turns = turn_sections(report)
    assert len(turns) == len(SCRIPT)
    for turn, script in zip(turns, SCRIPT):
        assert turn["User typed"] == script.text
        assert turn["User got"]
    assert re.search(r"^spaCy model +\S+", report, re.M)
    assert "Raw personal data in what the LLM received: none" in report


def test_the_llm_receives_tags_never_raw_values(embedded_report):
    turns = turn_sections(embedded_report[1])
    received = " ".join(t.get("LLM received", "") for t in turns)
    for value in ALL_PII:
        assert value not in received, value
    first = turns[0]["LLM received"]
    for tag in ("<PERSON_1>", "<EMAIL_ADDRESS_1>", "<PHONE_NUMBER_1>"):
        assert tag in first
    assert "masked PERSON, EMAIL_ADDRESS, PHONE_NUMBER" in turns[0]["pii-rails"]


def test_retrieved_record_reaches_the_llm_masked(embedded_report):
    retrieval = turn_sections(embedded_report[1])[1]
    context = retrieval["LLM received"].split("# This is the current conversation")[0]
    assert "# This is some additional context:" in context
    assert "Customer: <PERSON_1>, <EMAIL_ADDRESS_1>, phone <PHONE_NUMBER_1>." in context
    assert "tracking number PF-88231" in context  # the rest of the record is intact
    assert "mask sensitive data on retrieval: masked PERSON, EMAIL_ADDRESS, PHONE_NUMBER" in retrieval["pii-rails"]


def test_ssn_turn_is_blocked_before_the_llm(embedded_report):
    blocked = turn_sections(embedded_report[1])[2]
    assert blocked["User got"] == BLOCK_MESSAGE
    assert "BLOCKED (US_SSN)" in blocked["pii-rails"]
    assert blocked["LLM received"] == "nothing: no call was made this turn"
    assert "LLM answered" not in blocked


def test_model_answer_with_pii_is_masked_on_output(embedded_report):
    output = turn_sections(embedded_report[1])[3]
    assert output["LLM answered"] == ESCALATION_CONTACT
    for value in CONTACT_PII:
        assert value not in output["User got"]
    # Made up by the model: masked, with placeholders of their own that are never restored.
    assert "<PERSON_2>, at <EMAIL_ADDRESS_2> or <PHONE_NUMBER_2>" in output["User got"]


def test_raw_history_on_a_new_worker_reaches_the_llm_masked(embedded_report):
    last = turn_sections(embedded_report[1])[4]
    assert "freshly built rails" in last["Note"]
    received = last["LLM received"]
    # The blocked message comes back in the app's history; the boundary masks it.
    assert "My SSN is <US_SSN_1>, please add it to my account." in received
    assert "<EMAIL_ADDRESS_1>" in last["LLM answered"]
    # Rebuilt from raw messages by another worker, the same values get the same placeholders.
    assert last["User got"].startswith("Done: I will use maria.gonzalez@example.com")


def test_recorded_prompts_hold_no_raw_values():
    """The same check on the recorder itself, not on the printed report."""
    def build():
        return build_rails(load_config(None, None))

    results = list(play(*build(), SCRIPT, build))
    assert [len(r.calls) for r in results] == [1, 1, 0, 1, 1]
    calls = [call for r in results for call in r.calls]
    sent = "\n".join(call.prompt for call in calls)
    for value in ALL_PII:
        assert value not in sent, value
    assert all("<PERSON_1>" in call.prompt for call in calls)
    assert "I'm <PERSON_1>. My e-mail is <EMAIL_ADDRESS_1> and my phone is <PHONE_NUMBER_1>." in calls[-1].prompt


def test_entry_point_runs_offline_without_colangpath(tmp_path):
    """`python -m pii_rails.demo` finds its flows itself (editable install too) and never touches the network."""
    attempts = tmp_path / "attempts.json"
    env = {k: v for k, v in os.environ.items() if k != "COLANGPATH"}
    env.update(
        NEMO_GUARDRAILS_NO_USAGE_STATS="1",
        TLDEXTRACT_CACHE=str(tmp_path / "tld-cache"),
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
    )
    proc = subprocess.run(
        # Loopback only: the IORails part serves the embedded model on 127.0.0.1.
        [sys.executable, str(NO_NETWORK), str(attempts), "--allow-loopback", str(DEMO_MAIN)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(attempts.read_text()) == []
    assert BLOCK_MESSAGE in proc.stdout
    assert "5 turns, 4 LLM calls." in proc.stdout
    assert "4 turns, 3 LLM calls on IORails." in proc.stdout
    assert not (tmp_path / ".cache").exists()  # NeMo caches default-provider KB embeddings there


def test_base_url_without_model_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--base-url", "http://127.0.0.1:9/v1"])
    assert exc.value.code == 2
    assert "needs a model name" in capsys.readouterr().err


# --- a real OpenAI-compatible endpoint, served locally --------------------------------

CANNED_ANSWER = "Sure. If anything goes wrong, call Daniel Kim on (646) 555-0123."


class _ChatCompletions(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
        payload = json.dumps(
            {
                "id": f"chatcmpl-{len(self.server.requests)}",
                "object": "chat.completion",
                "created": 0,
                "model": json.loads(body)["model"],
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": CANNED_ANSWER}, "finish_reason": "stop"}
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ChatCompletions)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-demo-test")
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def _check_requests(requests: list, model: str) -> bytes:
    assert [r["path"] for r in requests] == ["/v1/chat/completions"] * 4  # the SSN turn sends nothing
    for r in requests:
        assert r["headers"]["Authorization"] == "Bearer sk-demo-test"
        assert json.loads(r["body"])["model"] == model
    wire = b"\n".join(r["body"] for r in requests)
    for value in [*ALL_PII, "219-09-9999"]:
        assert value.encode() not in wire, value
    for tag in (b"<PERSON_1>", b"<EMAIL_ADDRESS_1>", b"<PHONE_NUMBER_1>"):
        assert tag in wire
    return wire


def test_openai_compatible_endpoint_by_flags(endpoint, capsys):
    server, url = endpoint
    assert main(["--base-url", url, "--model", "local-test"]) == 0
    report = capsys.readouterr().out
    wire = _check_requests(server.requests, "local-test")
    assert b"Customer: <PERSON_1>, <EMAIL_ADDRESS_1>" in wire  # the retrieved record, masked
    assert f"openai/local-test at {url}" in report
    turns = turn_sections(report)
    assert turns[2]["User got"] == BLOCK_MESSAGE
    for turn in (turns[0], turns[1], turns[3], turns[4]):
        assert turn["LLM answered"] == CANNED_ANSWER
        assert re.fullmatch(r"Sure\. If anything goes wrong, call <PERSON_\d+> on <PHONE_NUMBER_\d+>\.", turn["User got"])


def test_unreachable_endpoint_fails_with_a_clear_error(capsys):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    assert main(["--base-url", url, "--model", "local-test"]) == 1
    assert f"error: the model at {url} failed" in capsys.readouterr().err


def test_openai_compatible_endpoint_by_environment(endpoint, monkeypatch, capsys):
    server, url = endpoint
    monkeypatch.setenv("PII_RAILS_DEMO_BASE_URL", url)
    monkeypatch.setenv("PII_RAILS_DEMO_MODEL", "env-model")
    assert main([]) == 0
    _check_requests(server.requests, "env-model")
    assert "openai/env-model" in capsys.readouterr().out


# --- what the demo's `block secrets on input` flow relies on -------------------------


async def test_detect_can_ask_about_a_subset_of_the_rails_entities():
    engine = PiiEngine.from_dict({"input": {"entities": ["PERSON", "US_SSN"]}})
    text = "I'm Maria Gonzalez, my SSN is 219-09-9999."
    assert {s.entity_type for s in engine.detect(text, "input")} == {"PERSON", "US_SSN"}
    # Asked after the full search, so a cached result of that search must not be reused.
    assert [s.entity_type for s in engine.detect(text, "input", entities=["US_SSN"])] == ["US_SSN"]
    assert engine.detect("I'm Maria Gonzalez.", "input", entities=["US_SSN"]) == []
    with pytest.raises(ValueError, match=r"CREDIT_CARD not configured for the input rail.*pii_rails\.input\.entities"):
        engine.detect(text, "input", entities=["CREDIT_CARD"])

    outcome = await PiiActions(engine).detect("input", text, entities=["US_SSN"])
    assert outcome.is_blocked
    assert outcome.metadata["block_message"] == BLOCK_MESSAGE
    masked = await PiiActions(engine).mask("input", text, entities=["PERSON"])
    assert masked.metadata["masked_text"] == "I'm <PERSON>, my SSN is 219-09-9999."


# --- the headline: the user gets their own values back ---------------------------------


def test_the_user_gets_their_own_values_back_while_the_llm_sees_placeholders(embedded_report):
    code, report = embedded_report
    first, retrieval = turn_sections(report)[:2]
    assert "<PERSON_1>" in first["LLM answered"] and "Maria Gonzalez" not in first["LLM answered"]
    assert first["User got"] == (
        "Thanks, Maria Gonzalez! I have noted maria.gonzalez@example.com and (212) 555-0147. How can I help you today?"
    )
    assert "restored 3 of the user's values" in first["pii-rails"]
    assert "Customer: Maria Gonzalez, maria.gonzalez@example.com, phone (212) 555-0147." in retrieval["User got"]
    assert "The user got their own values back in 3 answers; the LLM saw only placeholders." in report


def test_the_report_is_short_and_hides_nemos_intent_lines(embedded_report):
    report = embedded_report[1]
    received = [t.get("LLM received", "") for t in turn_sections(report)]
    assert "User intent:" not in " ".join(received) and "Bot intent:" not in " ".join(received)
    assert "`User intent:`" in report  # said once, in the header
    # Each earlier message is printed once, not again with every later turn.
    assert sum(r.count('User message: "Can you check the status of my order 10482?"') for r in received) == 1
    assert "shown in earlier turns" in received[3]
    # Each pii-rails decision is listed once, though the flows pass it on through a second action.
    decisions = turn_sections(report)[0]["pii-rails"]
    assert decisions.count("mask sensitive data on input:") == 1, decisions
    llmrails_part, iorails_part = report.split(IORAILS_TITLE)
    assert len(llmrails_part.splitlines()) <= 136  # 130, the engine line and the next part's rule
    assert len(iorails_part.splitlines()) <= 45


def test_full_prompts_still_show_everything(capsys):
    assert main(["--full-prompts"]) == 0
    report = capsys.readouterr().out
    assert "User intent:" in report
    assert report.count('User message: "Can you check the status of my order 10482?"') >= 3


# --- which engine ran each part ---------------------------------------------------------


def test_the_report_names_the_engine_of_each_part_and_why_not_iorails(embedded_report):
    code, report = embedded_report
    llmrails_part, iorails_part = report.split(IORAILS_TITLE)
    engine = re.search(r"^NeMo engine +(.*(?:\n {16}.*)*)", llmrails_part, re.M)
    assert engine is not None, llmrails_part[:2000]
    said = " ".join(engine.group(1).split())
    # The main configuration has retrieval and dialog rails, which IORails does not serve.
    assert said.startswith("LLMRails (IORails cannot serve this configuration:") and "retrieval" in said
    replayed = [turn for turn in SCRIPT if turn.iorails]
    titles = re.findall(r"^Turn (\d)/(\d) on (\w+): (.*)$", iorails_part, re.M)
    assert [(t[2], t[3]) for t in titles] == [("IORails", turn.shows) for turn in replayed]
    assert "retrieval masking: IORails serves no retrieval rails" in " ".join(iorails_part.split())
    assert "Raw personal data in what the LLM received on IORails: none." in iorails_part


def test_the_iorails_part_really_runs_on_iorails_and_masks_what_the_upstream_receives():
    """The recording upstream's bytes, not the report: placeholders only, values back to the user."""
    turns = list(on_iorails.play([turn for turn in SCRIPT if turn.iorails]))
    assert {turn.engine for turn in turns} == {"IORails"}
    assert [len(turn.calls) for turn in turns] == [1, 0, 1, 1]  # the SSN turn is blocked before the model
    sent = "\n".join(call.prompt for turn in turns for call in turn.calls)
    for value in [*TYPED_PII, *CONTACT_PII]:
        assert value not in sent, value
    assert "<PERSON_1>" in turns[0].calls[0].prompt
    # The user's own values come back; the contact the model made up stays masked.
    assert "Maria Gonzalez" in turns[0].reply and "maria.gonzalez@example.com" in turns[3].reply
    assert turns[1].reply == BLOCK_MESSAGE
    assert "Daniel Kim" not in turns[2].reply and "<PERSON_2>" in turns[2].reply
    # The multi-turn request carries the whole history, masked; the blocked message included.
    assert "<US_SSN_1>" in turns[3].calls[0].prompt and "219-09-9999" not in turns[3].calls[0].prompt
    assert on_iorails.ENV_UPSTREAM not in os.environ  # the demo leaves the environment as it found it
