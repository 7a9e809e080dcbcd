"""Nothing touches the network: building the rails and serving turns, with sockets blocked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pii_rails

SUPPORT = Path(__file__).parent / "support" / "no_network.py"
PACKAGE_PARENT = str(Path(pii_rails.__file__).resolve().parent.parent)


def _run_blocked(tmp_path: Path, body: str) -> tuple[subprocess.CompletedProcess, list]:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(body))
    report = tmp_path / "attempts.json"
    env = dict(os.environ)
    env["NEMO_GUARDRAILS_NO_USAGE_STATS"] = "1"
    env["COLANGPATH"] = PACKAGE_PARENT
    # An empty tldextract cache: a library that wants the suffix list must download it.
    env["TLDEXTRACT_CACHE"] = str(tmp_path / "tld-cache")
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg-cache")
    proc = subprocess.run(
        [sys.executable, str(SUPPORT), str(report), str(script)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    return proc, json.loads(report.read_text())


RAILS_SCRIPT = """
import os
from nemoguardrails import LLMRails, RailsConfig
from nemoguardrails.testing import FakeLLMModel

config = RailsConfig.from_content(yaml_content='''
models: []
import_paths: [pii_rails/flows/v1]
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER, URL, CREDIT_CARD, IP_ADDRESS]
      output:
        entities: [EMAIL_ADDRESS, URL]
  input:
    flows: [mask sensitive data on input]
  output:
    flows: [mask sensitive data on output]
''')
llm = FakeLLMModel(responses=["Write to ops@example.org", "See https://example.com/a", "Done."])
rails = LLMRails(config, llm=llm)
messages = []
for text in ["I am Ada Lovelace, ada@example.com", "My site is https://ada.example.net", "Call 212-555-0199"]:
    messages.append({"role": "user", "content": text})
    reply = rails.generate(messages=messages)
    messages.append(reply)
    print("REPLY", reply["content"])
"""


def test_rails_build_and_turns_make_no_network_access(tmp_path):
    proc, attempts = _run_blocked(tmp_path, RAILS_SCRIPT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert attempts == []
    replies = [line for line in proc.stdout.splitlines() if line.startswith("REPLY")]
    assert replies == ["REPLY Write to <EMAIL_ADDRESS>", "REPLY See <URL>", "REPLY Done."]


def test_the_blocker_catches_presidios_stock_email_validation(tmp_path):
    """Control: Presidio's own e-mail recognizer does reach out, so the test above can fail."""
    proc, attempts = _run_blocked(
        tmp_path,
        """
        from presidio_analyzer.predefined_recognizers import EmailRecognizer
        try:
            EmailRecognizer().validate_result("someone@example.com")
        except Exception as exc:
            print("raised", type(exc).__name__)
        """,
    )
    assert attempts, proc.stdout + proc.stderr
