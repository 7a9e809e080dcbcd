"""Run from outside the repo against an installed (non-editable) wheel.

Configs reference the plugin only as the README documents: one import line.
Prints a plain summary line that CI reads.
"""

import os
import sys
import tempfile
from pathlib import Path

from nemoguardrails import LLMRails, RailsConfig
from nemoguardrails.testing import FakeLLMModel

import pii_rails

assert "site-packages" in pii_rails.__file__, pii_rails.__file__


class Recording(FakeLLMModel):
    def __init__(self, responses):
        super().__init__(responses=responses)
        self.seen = []

    async def generate_async(self, prompt, *, stop=None, **kwargs):
        self.seen.append(str(prompt))
        return await super().generate_async(prompt, stop=stop, **kwargs)


V1 = """
models: []
import_paths: [pii_rails/flows/v1]
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, EMAIL_ADDRESS]
  input:
    flows: [mask sensitive data on input]
"""

V2_YML = """
colang_version: "2.x"
models: []
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, EMAIL_ADDRESS]
"""
V2_CO = """
import core
import llm
import pii_rails.flows.v2

flow main
  activate llm continuation

flow input rails $input_text
  mask sensitive data on input
"""

results = []
with tempfile.TemporaryDirectory() as tmp:
    v1 = Path(tmp, "v1")
    v1.mkdir()
    (v1 / "config.yml").write_text(V1)
    llm = Recording(["Hello!"])
    rails = LLMRails(RailsConfig.from_path(str(v1)), llm=llm)
    reply = rails.generate(messages=[{"role": "user", "content": "I am Ada Lovelace, ada@example.com"}])
    sent = "\n".join(llm.seen)
    results.append(("colang 1.0", "Ada Lovelace" not in sent and "<EMAIL_ADDRESS>" in sent and reply["content"] == "Hello!"))

    v2 = Path(tmp, "v2")
    v2.mkdir()
    (v2 / "config.yml").write_text(V2_YML)
    (v2 / "main.co").write_text(V2_CO)
    llm2 = Recording(["Hello!"] * 3)
    rails2 = LLMRails(RailsConfig.from_path(str(v2)), llm=llm2)
    rails2.generate(messages=[{"role": "user", "content": "I am Ada Lovelace, ada@example.com"}])
    sent2 = "\n".join(llm2.seen)
    results.append(("colang 2.x", bool(llm2.seen) and "ada@example.com" not in sent2 and "<EMAIL_ADDRESS>" in sent2))

for name, ok in results:
    print(f"wheel {name}: {'ok' if ok else 'FAILED'}")
passed = sum(ok for _, ok in results)
print(f"wheel: {passed} passed, {len(results) - passed} failed")
sys.exit(0 if passed == len(results) else 1)
