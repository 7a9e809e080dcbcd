"""Values are not written to disk unless the user configures a store: every file a
conversation opens for writing (seen by a Python audit hook) is checked for them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pii_rails

PACKAGE_PARENT = str(Path(pii_rails.__file__).resolve().parent.parent)
VALUES = ["Ada Lovelace", "ada.lovelace@example.com", "4111 1111 1111 1111"]

SCRIPT = """
import json, os, sys

written = set()

def hook(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        mode, flags = args[1], args[2] if len(args) > 2 else 0
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT)
        ):
            written.add(os.fsdecode(args[0]))

sys.addaudithook(hook)

from nemoguardrails import LLMRails, RailsConfig
from nemoguardrails.testing import FakeLLMModel

config = RailsConfig.from_content(yaml_content='''
models: []
import_paths: [pii_rails/flows/v1]
rails:
  input:
    flows: [pii rails mask on input]
  output:
    flows: [pii rails mask on output]
custom_data:
  pii_rails:
    reversible: true
    input: {entities: [PERSON, EMAIL_ADDRESS, CREDIT_CARD]}
    output: {entities: [PERSON, EMAIL_ADDRESS, CREDIT_CARD]}
''')
rails = LLMRails(config, llm=FakeLLMModel(responses=["Thanks <PERSON_1>, card <CREDIT_CARD_1> noted."] * 3))
messages = [{"role": "context", "content": {"conversation_id": "c-1"}}]
for text in ["I'm Ada Lovelace, ada.lovelace@example.com", "Card 4111 1111 1111 1111 please", "Thanks"]:
    messages.append({"role": "user", "content": text})
    reply = rails.generate(messages=messages)
    messages.append(reply)
assert "Ada Lovelace" in messages[2]["content"], messages
print(json.dumps(sorted(written)))
"""


def test_a_conversation_writes_no_value_to_disk(tmp_path):
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(SCRIPT))
    env = {**os.environ, "NEMO_GUARDRAILS_NO_USAGE_STATS": "1", "COLANGPATH": PACKAGE_PARENT}
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    written = json.loads(proc.stdout.strip().splitlines()[-1])
    for path in written:
        if os.path.isfile(path):
            data = Path(path).read_bytes()
            for value in VALUES:
                assert value.encode() not in data, f"{value!r} written to {path}"
