"""The pii-rails command, run as a user runs it: the installed entry point, real engine."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_config

EXE = str(Path(sys.executable).with_name("pii-rails"))

CONFIG = """
models: []
rails:
  config:
    sensitive_data_detection:
      recognizers:
        - name: EMPLOYEE_ID
          supported_language: en
          patterns:
            - {name: emp, regex: "EMP-[0-9]{6}", score: 0.8}
      input:
        entities: [PERSON, EMAIL_ADDRESS, EMPLOYEE_ID]
      retrieval:
        entities: [PHONE_NUMBER]
"""


def run(args, stdin="", cwd=None):
    env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1")
    return subprocess.run([EXE, *args], input=stdin, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def lines(stdout):
    return [json.loads(line) for line in stdout.splitlines()]


@pytest.fixture(scope="module")
def config_dir(tmp_path_factory):
    return str(write_config(tmp_path_factory.mktemp("cli"), CONFIG))


def test_scan_reports_exact_offsets_and_keeps_fields(config_dir):
    # Non-ASCII before the values: offsets must be str indices, not bytes.
    text = "Héllo 🙂! My name is Ada Lovelace, mail ada@example.com, badge EMP-123456."
    proc = run(["scan", "--config", config_dir], json.dumps({"id": 7, "text": text}) + "\n")
    assert proc.returncode == 0, proc.stderr
    [obj] = lines(proc.stdout)
    assert obj["id"] == 7 and obj["text"] == text
    found = {text[e["start"] : e["end"]]: e["entity_type"] for e in obj["entities"]}
    assert found["ada@example.com"] == "EMAIL_ADDRESS"
    assert found["EMP-123456"] == "EMPLOYEE_ID"
    assert found["Ada Lovelace"] == "PERSON"
    assert "masked_text" not in obj


def test_mask_from_a_file_to_a_file(config_dir, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({"text": f"Mail user{i}@example.com now"}) for i in range(300)) + "\n")
    target = tmp_path / "out.jsonl"
    proc = run(["mask", "--config", config_dir, str(source), "-o", str(target)])
    assert proc.returncode == 0, proc.stderr
    out = lines(target.read_text())
    assert len(out) == 300
    assert {o["masked_text"] for o in out} == {"Mail <EMAIL_ADDRESS> now"}
    assert proc.stdout == ""


def test_source_selects_the_rails_entities(config_dir):
    line = json.dumps({"text": "Ada Lovelace, call 212-555-0199"}) + "\n"
    retrieval = lines(run(["mask", "--config", config_dir, "--source", "retrieval"], line).stdout)[0]
    user = lines(run(["mask", "--config", config_dir, "--source", "input"], line).stdout)[0]
    assert retrieval["masked_text"] == "Ada Lovelace, call <PHONE_NUMBER>"
    assert user["masked_text"] == "<PERSON>, call 212-555-0199"


def test_bad_lines_are_reported_and_the_rest_processed(config_dir):
    stdin = "\n".join(
        [
            json.dumps({"text": "ada@example.com"}),
            "{not json",
            json.dumps({"id": 3}),
            json.dumps(["a list"]),
            "",
            json.dumps({"text": "bob@example.com", "language": "fr"}),
            json.dumps({"text": "carol@example.com", "language": "en"}),
        ]
    )
    proc = run(["mask", "--config", config_dir], stdin)
    assert proc.returncode == 1
    rows = lines(proc.stdout)
    # One row per input line, in order: output line N is input line N.
    assert len(rows) == 7
    assert [r.get("masked_text") for r in rows] == ["<EMAIL_ADDRESS>", None, None, None, None, None, "<EMAIL_ADDRESS>"]
    assert rows[1]["error"].startswith("not valid JSON")
    assert rows[2] == {"id": 3, "error": 'no string "text" field'}  # the object's own fields are kept
    assert rows[3]["error"] == "expected a JSON object, got list"
    assert rows[4] == {"error": "empty line"}
    assert "language 'fr' is not configured" in rows[5]["error"] and rows[5]["text"] == "bob@example.com"
    assert not any("error" in rows[i] for i in (0, 6))
    assert "line 2: not valid JSON" in proc.stderr
    assert 'line 3: no string "text" field' in proc.stderr
    assert "line 4: expected a JSON object" in proc.stderr
    assert "line 5" not in proc.stderr  # an empty line gets its row, but is no failure
    assert "line 6: language 'fr' is not configured" in proc.stderr
    assert "4 line(s) failed" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_json_error_column_is_where_the_line_breaks(config_dir):
    # The line ends before the closing brace: the error is past the last character, not on a "line 2".
    broken = '{"text": "ada@example.com", "id": 1'
    proc = run(["scan", "--config", config_dir], broken + "\n" + '{"text": "x", "id": tru}\n')
    assert f"line 1: not valid JSON (Expecting ',' delimiter at column {len(broken) + 1})" in proc.stderr
    assert "line 2: not valid JSON (Expecting value at column 21)" in proc.stderr
    assert [r["error"] for r in lines(proc.stdout)] == [
        f"not valid JSON (Expecting ',' delimiter at column {len(broken) + 1})",
        "not valid JSON (Expecting value at column 21)",
    ]


@pytest.mark.parametrize("where", ["missing-dir/out.jsonl", "a-directory"])
def test_an_unwritable_output_is_a_clean_error(config_dir, tmp_path, where):
    (tmp_path / "a-directory").mkdir()
    proc = run(["scan", "--config", config_dir, "-o", str(tmp_path / where)], json.dumps({"text": "hi"}) + "\n")
    assert proc.returncode == 2
    assert f"pii-rails: cannot write {tmp_path / where}: " in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_folder_of_configurations_is_refused(tmp_path):
    for name in ("one", "two", "one/nested"):
        (tmp_path / name).mkdir()
    write_config(tmp_path / "one", CONFIG)
    write_config(tmp_path / "two", CONFIG.replace("EMPLOYEE_ID]", "EMPLOYEE_ID, PHONE_NUMBER]"))
    proc = run(["scan", "--config", str(tmp_path)], "")
    assert proc.returncode == 2
    assert "is a folder of 2 configurations (one, two)" in proc.stderr, proc.stderr
    assert f"Point --config at one of them, e.g. {tmp_path / 'one'}" in proc.stderr
    # A configuration with another one inside it is refused too.
    write_config(tmp_path / "one" / "nested", CONFIG)
    assert "is a folder of 3 configurations" in run(["scan", "--config", str(tmp_path)], "").stderr
    proc = run(["scan", "--config", str(tmp_path / "one")], "")
    assert proc.returncode == 2 and "holds a configuration and 1 more in subfolders (nested)" in proc.stderr


def test_one_configuration_spelled_with_a_trailing_slash_is_accepted(config_dir):
    # The folder itself is not one of its own subfolders.
    proc = run(["scan", "--config", f"{config_dir}/"], json.dumps({"text": "ada@example.com"}) + "\n")
    assert proc.returncode == 0, proc.stderr


def test_help_shows_the_source_default_and_the_demo_its_own_name():
    assert "(default: input)" in " ".join(run(["scan", "--help"]).stdout.split())
    demo = run(["demo", "--help"])
    assert demo.returncode == 0
    assert demo.stdout.startswith("usage: pii-rails demo ")


@pytest.mark.parametrize(
    "yaml_text, needle",
    [
        (
            # Under the built-in schema an unknown entity is dropped with a warning unless strict.
            CONFIG.replace("[PERSON, EMAIL_ADDRESS, EMPLOYEE_ID]", "[PERSON, NOT_AN_ENTITY]")
            + "custom_data:\n  pii_rails:\n    strict: true\n",
            "rails.config.sensitive_data_detection.input.entities[1]",
        ),
        (CONFIG.replace("entities: [PERSON, EMAIL", "entitie: [PERSON, EMAIL"), "input.entitie: unknown key"),
        (CONFIG + "      output:\n        score_threshold: 1.5\n", "output.score_threshold"),
    ],
)
def test_config_errors_exit_2_naming_the_key(tmp_path, yaml_text, needle):
    proc = run(["scan", "--config", str(write_config(tmp_path, yaml_text))], "")
    assert proc.returncode == 2
    assert needle in proc.stderr and "Traceback" not in proc.stderr


def test_missing_config_and_version():
    assert run(["scan", "--config", "/no/such/dir"]).returncode == 2
    proc = run(["--version"])
    assert proc.returncode == 0 and proc.stdout.startswith("pii-rails ")


def run_on_a_terminal(args, input_path):
    """Run the command with stderr on a pseudo-terminal (so it draws its bar); stdout to a pipe."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    master, slave = pty.openpty()
    # A new pseudo-terminal is 0 columns wide; give it the size of a real one.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1", COLUMNS="100")
    # stdout to a file: a pipe nobody reads while the terminal is read would fill and block the command.
    out_path = str(input_path) + ".out"
    with open(out_path, "w") as out:
        proc = subprocess.Popen([EXE, *args, str(input_path)], stdout=out, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 300)
        if not ready:
            proc.kill()
            raise AssertionError("no output for 300 s")
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    with open(out_path, encoding="utf-8") as out:
        stdout = out.read()
    os.close(master)
    return proc.returncode, stdout, b"".join(chunks).decode("utf-8", "replace")


def test_progress_moves_within_a_long_line_and_messages_do_not_break_the_bar(config_dir, tmp_path):
    # About 300 kB on one line: the engine analyses it in pieces, the bar follows them.
    filler = "The parcel left the depot and is on its way to the customer today. " * 4500
    source = tmp_path / "big.jsonl"
    source.write_text("{not json\n" + json.dumps({"text": filler + "Mail ada@example.com"}) + "\n")
    code, stdout, terminal = run_on_a_terminal(["scan", "--config", config_dir, "--workers", "1"], source)
    assert code == 1
    rows = lines(stdout)
    assert len(rows) == 2 and "error" in rows[0] and rows[1]["entities"][-1]["entity_type"] == "EMAIL_ADDRESS"
    frames = [f for f in re.split(r"[\r\n]", terminal) if f.strip()]
    # The message stands on a line of its own, not glued to a drawing of the bar.
    assert any(f.startswith("pii-rails: line 1: not valid JSON") for f in frames), frames
    assert not any("|" in f and "pii-rails: line" in f for f in frames), frames
    percents = {int(m) for f in frames for m in re.findall(r"(\d+)%\|", f)}
    assert percents & set(range(1, 100)), f"the bar only showed {sorted(percents)}"
    assert 100 in percents
    # A rate in bytes per second, not a count of lines per second rounded to 0.
    last = [f for f in frames if "100%|" in f][-1]
    assert re.search(r"[0-9.]+ ?[kMG]?B/s", last) and "lines/s" not in terminal, last


@pytest.mark.parametrize("example,engine", [("dropin", "local"), ("server", "local"), ("dropin", "ray")])
def test_the_shipped_examples_load_without_colangpath(example, engine, tmp_path):
    # The example configurations name the flows by import path. After the Quick start's
    # editable install the package sits in src/, not site-packages, so NeMo finds the
    # path only if the command points COLANGPATH at it. The test suite sets COLANGPATH
    # for itself; a user's shell does not, so the command runs here without it.
    env = {k: v for k, v in os.environ.items() if k != "COLANGPATH"}
    env["NEMO_GUARDRAILS_NO_USAGE_STATS"] = "1"
    config = str(Path(__file__).resolve().parent.parent / "config" / example)
    text = json.dumps({"text": "Mail priya.raman@contoso.example today."}) + "\n"
    args = [EXE, "mask", "--config", config, "--engine", engine]
    if engine == "ray":  # Ray's workers read the configuration too, in processes of their own
        (tmp_path / "in.jsonl").write_text(text)
        args += ["--output", str(tmp_path / "out"), str(tmp_path / "in.jsonl")]
    proc = subprocess.run(args, input=text, capture_output=True, text=True, env=env,
                          cwd=str(Path(__file__).resolve().parent), timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout if engine == "local" else "".join(p.read_text() for p in sorted((tmp_path / "out").glob("*.json*")))
    (record,) = lines(out)
    assert "priya.raman@contoso.example" not in record["masked_text"]
    assert [e["entity_type"] for e in record["entities"]] == ["EMAIL_ADDRESS"]
