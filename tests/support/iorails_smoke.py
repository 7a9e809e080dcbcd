"""Run from outside the repo against the installed wheel, in a fresh interpreter:
NeMo's ``Guardrails`` picks IORails and IORails runs pii-rails, while the script
imports only NeMo (the wheel's ``pii_rails_autoload.pth`` does the rest).

Prints a summary line that CI reads; exits non-zero on any failure.
"""

import sys

BEFORE = sorted(m for m in sys.modules if m.startswith(("pii_rails", "presidio", "spacy")))
HOOKED = "_pii_rails_autoload" in sys.modules

import json  # noqa: E402
import socket  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from nemoguardrails import Guardrails, RailsConfig  # noqa: E402

EMAIL = "priya.raman@contoso.example"

with socket.socket() as probe:  # a free port for the recording upstream, started below
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]

CONFIG = f"""
models:
  - type: main
    engine: openai
    model: recorded
    parameters: {{base_url: "http://127.0.0.1:{port}/v1", api_key: unused}}
import_paths: [pii_rails/flows/v1]
custom_data:
  pii_rails:
    reversible: true
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, EMAIL_ADDRESS]
      output:
        entities: [PERSON, EMAIL_ADDRESS]
  input:
    flows: [mask sensitive data on input]
  output:
    flows: [mask sensitive data on output]
"""

results = [("nothing of pii-rails imported at start, the hook active", BEFORE == [] and HOOKED)]
with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "config.yml").write_text(CONFIG)
    rails = Guardrails(RailsConfig.from_path(tmp))
    results.append(("Guardrails chose IORails", rails.use_iorails_engine))

    from pii_rails.testing.upstream import RecordingUpstream  # only now: the model stand-in

    with RecordingUpstream(port=port) as upstream:
        answer = rails.generate(messages=[{"role": "user", "content": f"I'm Ada Lovelace, mail {EMAIL}."}])
        sent = json.dumps([json.loads(body) for body in upstream.bodies])
    results.append(("the model got pii-rails' placeholders", "<EMAIL_ADDRESS_1>" in sent and EMAIL not in sent))
    results.append(("the user got the values back", EMAIL in answer["content"]))

for name, ok in results:
    print(f"wheel iorails, {name}: {'ok' if ok else 'FAILED'}")
passed = sum(ok for _, ok in results)
print(f"wheel iorails: {passed} passed, {len(results) - passed} failed")
sys.exit(0 if passed == len(results) else 1)
