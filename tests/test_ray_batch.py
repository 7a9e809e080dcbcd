"""The batch engine on Ray Data: a real local Ray (2 CPUs), real JSON Lines, Parquet and CSV files.

One Ray for the module (starting one costs seconds on a small machine); each
run writes its own dataset directory. The multiprocess ``pii-rails mask`` is the
reference: the Ray path must give the same rows, in the same order.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")
pa = pytest.importorskip("pyarrow")
import pyarrow.csv as pacsv  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from conftest import EXAMPLES, REPO, loaded_by_import, make_rails, write_config  # noqa: E402
from pii_rails import PiiEngine  # noqa: E402
from pii_rails.batch import ray_data  # noqa: E402

EXE = str(Path(sys.executable).with_name("pii-rails"))
SUPPORT = REPO / "tests" / "support"
sys.path.insert(0, str(SUPPORT))
from ray_faults import TOKEN  # noqa: E402

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
        entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER, EMPLOYEE_ID]
"""
KEY = "a corpus test secret, longer than sixteen bytes"
TOKEN_RE = re.compile(r"<(?P<type>[A-Z_]+)_k[0-9a-f]+>")
FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Niklaus"]
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Wirth"]
# Values that must never show up in a log (bad records carry them too).
SECRET_MAIL = "quillon.vesper.4417@example.org"
SECRET_LINE = "not json but Quillon Vesper EMP-771204"


def text(i: int) -> str:
    name = f"{FIRST[i % 8]} {LAST[(i * 3) % 8]}"
    kinds = [
        f"Hi, I am {name}, mail {name.split()[0].lower()}{i}@example.com",
        f"Badge EMP-{100000 + i} belongs to {name}; call 212-555-{1000 + i % 9000:04d}",
        f"Nothing personal in note {i}.",
        f"{name} wrote to {name.split()[1].lower()}@example.net and {name.split()[0].lower()}@example.com.",
    ]
    return kinds[i % 4]


def corpus(n: int):
    """JSON lines: mostly good records, and every kind of bad one, at known lines."""
    lines = [json.dumps({"id": i, "text": text(i)}) for i in range(n)]
    lines[3] = json.dumps({"id": 3, "text": 42})  # not a string
    lines[10] = SECRET_LINE  # invalid JSON
    lines[20] = json.dumps({"id": 20, "body": f"mail {SECRET_MAIL}"})  # missing column
    lines[30] = ""  # empty line: an error row, not a failure
    lines[40] = json.dumps([1, 2])  # not an object
    lines[50] = json.dumps({"id": 50, "text": "Bonjour", "language": "de"})  # language not configured
    return lines


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    return str(write_config(tmp_path_factory.mktemp("ray_config"), CONFIG))


@pytest.fixture(scope="module")
def crash_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("crash")


@pytest.fixture(scope="module", autouse=True)
def local_ray(crash_dir):
    path = os.pathsep.join(p for p in (str(SUPPORT), os.environ.get("PYTHONPATH")) if p)
    # As the command's embedded Ray does: workers at the test's priority, not Ray's niceness 15,
    # which on a busy machine leaves them almost no CPU.
    os.environ.setdefault("RAY_worker_niceness", "0")
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={
            # The keyed style's secret reaches the actors as it would on a cluster: in their environment.
            "env_vars": {"PYTHONPATH": path, "PII_RAILS_TEST_CRASH_DIR": str(crash_dir), "PII_RAILS_KEY": KEY},
            "worker_process_setup_hook": "ray_faults.install",
        },
    )
    yield
    ray.shutdown()


def cli_mask(config, source: Path, *extra) -> list:
    """The reference: the multiprocess ``pii-rails mask`` (2 processes)."""
    out = source.with_suffix(".cli.jsonl")
    env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1")
    proc = subprocess.run(
        [EXE, "mask", "--config", config, "--workers", "2", *extra, str(source), "-o", str(out)],
        capture_output=True, text=True, env=env, timeout=600,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return out.read_text(encoding="utf-8").splitlines()


def run(command, config, inputs, output, **options):
    messages = []
    code = ray_data.run(command, config, [str(p) for p in inputs], str(output), say=messages.append, **options)
    return code, messages


def dataset_lines(folder: Path) -> list:
    # Ray names each file by write task, zero-padded: name order is dataset order.
    return [line for f in sorted(folder.glob("*.jsonl")) for line in f.read_text(encoding="utf-8").splitlines()]


def test_json_lines_equal_the_multiprocess_cli_row_for_row(config, tmp_path):
    source = tmp_path / "corpus.jsonl"
    source.write_text("\n".join(corpus(600)) + "\n", encoding="utf-8")
    code, messages = run("mask", config, [source], tmp_path / "out", workers=2)
    got = dataset_lines(tmp_path / "out")
    assert got == cli_mask(config, source)
    assert len(got) == 600
    assert code == 1
    # Each bad record named by file and line; the empty line is not a failure.
    where = [m.split(": ", 2)[1] for m in messages[:-1]]
    assert where == [f"{source}, line {n}" for n in (4, 11, 21, 41, 51)]
    assert messages[-1] == "pii-rails: 5 record(s) failed"
    rows = [json.loads(line) for line in got]
    bad = (3, 10, 20, 30, 40, 50)
    assert [r.get("id") for r in rows if "error" not in r] == [i for i in range(600) if i not in bad]
    assert rows[0]["masked_text"] == "Hi, I am <PERSON>, mail <EMAIL_ADDRESS>"


def test_nested_json_field_and_scan(config, tmp_path):
    source = tmp_path / "nested.jsonl"
    rows = [{"id": i, "doc": {"body": text(i), "lang": "en"}} for i in range(40)]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, messages = run("scan", config, [source], tmp_path / "out", column="doc.body", workers=1)
    assert (code, messages) == (0, [])
    out = [json.loads(line) for line in dataset_lines(tmp_path / "out")]
    engine = PiiEngine.from_path(config)
    assert [o["doc"] for o in out] == [r["doc"] for r in rows]
    assert [o["entities"] for o in out] == [[s.as_dict() for s in engine.detect(r["doc"]["body"])] for r in rows]
    assert all("masked_text" not in o for o in out)


def _table_expectation(config, texts):
    engine = PiiEngine.from_path(config)
    return [engine.mask(t).masked_text if isinstance(t, str) else None for t in texts]


def test_parquet_directory_in_parquet_dataset_out(config, tmp_path):
    folder = tmp_path / "parquet"
    folder.mkdir()
    texts = [text(i) for i in range(300)]
    texts[7] = None  # a null text: an error row with its file and row
    ids = list(range(300))
    pq.write_table(pa.table({"id": ids[:150], "text": texts[:150]}), folder / "part-0.parquet")
    pq.write_table(pa.table({"id": ids[150:], "text": texts[150:]}), folder / "part-1.parquet")
    code, messages = run("mask", config, [folder], tmp_path / "out", workers=2)
    assert code == 1
    assert messages == [f"pii-rails: {folder / 'part-0.parquet'}, row 8: no string \"text\" field",
                        "pii-rails: 1 record(s) failed"]
    out = pq.read_table(sorted((tmp_path / "out").glob("*.parquet"))).to_pylist()
    assert [r["id"] for r in out] == ids
    assert [r["masked_text"] for r in out] == _table_expectation(config, texts)
    assert out[7]["error"] == 'no string "text" field' and out[7]["entities"] is None
    engine = PiiEngine.from_path(config)
    assert out[0]["entities"] == [s.as_dict() for s in engine.detect(texts[0])]
    assert set(out[0]) == {"id", "text", "entities", "masked_text", "error"}


def test_csv_in_csv_out(config, tmp_path):
    source = tmp_path / "docs.csv"
    texts = [text(i) for i in range(120)]
    pacsv.write_csv(pa.table({"id": list(range(120)), "text": texts}), source)
    code, messages = run("mask", config, [source], tmp_path / "out", workers=1)
    assert (code, messages) == (0, [])
    out = [r for f in sorted((tmp_path / "out").glob("*.csv")) for r in pacsv.read_csv(f).to_pylist()]
    assert [r["id"] for r in out] == list(range(120))
    assert [r["masked_text"] for r in out] == _table_expectation(config, texts)
    engine = PiiEngine.from_path(config)
    assert json.loads(out[1]["entities"]) == [s.as_dict() for s in engine.detect(texts[1])]


def test_a_killed_actor_loses_and_repeats_no_record(config, tmp_path, crash_dir):
    source = tmp_path / "crash.jsonl"
    lines = [json.dumps({"id": i, "text": text(i)}) for i in range(900)]
    lines[400] = json.dumps({"id": 400, "text": f"{TOKEN} Grace Hopper, grace@example.com"})
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, messages = run("mask", config, [source], tmp_path / "out", workers=2)
    # The actor holding record 400's batch died (its process exited) and the batch ran again.
    assert (crash_dir / "crashed").exists()
    assert (code, messages) == (0, [])
    got = dataset_lines(tmp_path / "out")
    assert [json.loads(line)["id"] for line in got] == list(range(900))
    assert got == cli_mask(config, source)


def test_max_errors_stops_the_run(config, tmp_path):
    source = tmp_path / "bad.jsonl"
    lines = [json.dumps({"id": i, "text": text(i)}) for i in range(300)]
    for n in (5, 50, 150, 250):
        lines[n] = json.dumps({"id": n})
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, messages = run("mask", config, [source], tmp_path / "out", workers=1, max_errors=2)
    assert code == 1
    assert messages[-1] == "pii-rails: more than 2 record(s) failed (--max-errors); the run stopped"
    # Under the cap the run completes.
    code, messages = run("mask", config, [source], tmp_path / "out2", workers=1, max_errors=4)
    assert code == 1 and messages[-1] == "pii-rails: 4 record(s) failed"
    assert len(dataset_lines(tmp_path / "out2")) == 300


def test_python_api_masks_a_dataset(config):
    from pii_rails.ray import mask_dataset, scan_dataset

    rows = [{"id": i, "doc": {"body": text(i)}} for i in range(50)] + [{"id": 50, "doc": {"body": None}}]
    ds = ray.data.from_items(rows)
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    out = mask_dataset(ds, config=config, column="doc.body", workers=1).take_all()
    engine = PiiEngine.from_path(config)
    assert [r["id"] for r in out] == list(range(51))
    assert [r["masked_text"] for r in out[:50]] == [engine.mask(r["doc"]["body"]).masked_text for r in rows[:50]]
    assert out[50]["error"] == 'no string "doc.body" field' and out[50]["masked_text"] is None
    scanned = scan_dataset(ds, config=config, column="doc.body", workers=1).take_all()
    assert "masked_text" not in scanned[0] and scanned[0]["entities"] == out[0]["entities"]


def test_no_raw_value_in_ray_logs(config, tmp_path):
    # Runs after the others in this module: every worker log of the session so far, plus one
    # more run with the secret values in good and bad records.
    source = tmp_path / "secret.jsonl"
    source.write_text(
        "\n".join([json.dumps({"text": f"Mail {SECRET_MAIL} now"}), SECRET_LINE, json.dumps({"text": 7})]) + "\n",
        encoding="utf-8",
    )
    code, _ = run("mask", config, [source], tmp_path / "out", workers=1)
    assert code == 1
    logs = Path(ray._private.worker._global_node.get_logs_dir_path())
    files = [f for f in logs.rglob("*") if f.is_file()]
    assert any(f.suffix in (".out", ".err", ".log") for f in files)
    for f in files:
        data = f.read_bytes()
        for secret in (SECRET_MAIL, "Quillon Vesper", "EMP-771204"):
            assert secret.encode() not in data, f"{secret} in {f}"


def _docs_blocks(lang: str) -> list:
    from docs_blocks import blocks_of

    return [b.body for b in blocks_of(REPO / "docs/corpora.md") if b.lang == lang]


def _docs_block(lang: str, index: int = 0) -> str:
    return _docs_blocks(lang)[index]


def test_the_laptop_command_of_docs_corpora(tmp_path):
    """docs/corpora.md's laptop command, as written, in a folder holding its corpus/ and config/."""
    command = _docs_block("bash", 1)
    assert command.startswith("pii-rails mask --engine ray")
    (tmp_path / "config").symlink_to(REPO / "config")
    (tmp_path / "corpus").mkdir()
    rows = [{"id": 1, "text": "Mail ada@example.com"}, {"id": 2, "text": "Call 212-555-0199, Ada Lovelace"}]
    (tmp_path / "corpus" / "part-0.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    proc = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in dataset_lines(tmp_path / "masked")]
    assert [r["masked_text"] for r in out] == ["Mail <EMAIL_ADDRESS>", "Call <PHONE_NUMBER>, <PERSON>"]
    # The same command refuses, before Ray starts, to write into a directory that holds files.
    proc = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "is not empty" in proc.stderr, proc.stderr


def test_the_python_block_of_docs_corpora(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    exec(compile(_docs_block("python"), "docs/corpora.md", "exec"), {"__name__": "__docs__"})
    assert capsys.readouterr().out == "Mail <EMAIL_ADDRESS>\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["-o", "OUT", "IN"], None),
        (["IN"], "needs --output"),
        (["-o", "OUT"], "not stdin"),
        (["-o", "OUT", "IN", "--input-format", "xml"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_before_ray_starts(config, tmp_path, args, message):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("{}\n")
    args = [str(folder) if a == "IN" else str(tmp_path / "out") if a == "OUT" else a for a in args]
    env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1")
    proc = subprocess.run([EXE, "mask", "--engine", "ray", "--config", config, *args], capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert (message or "cannot tell the input format") in proc.stderr


def _tokens(masked: str) -> dict:
    return {m.group("type"): m.group(0) for m in TOKEN_RE.finditer(masked)}


def test_keyed_tokens_hold_across_separate_runs_and_a_conversation(tmp_path, monkeypatch):
    """One value, one token: a Ray run here, another Ray (its own session, other actors) from the
    command line, the multiprocess CLI, and a conversation through LLMRails, all under one secret."""
    monkeypatch.setenv("PII_RAILS_KEY", KEY)
    config = str(EXAMPLES / "keyed")
    first = tmp_path / "tickets.jsonl"
    first.write_text(
        json.dumps({"id": 1, "text": "Ticket 7: Ada Lovelace (ada.lovelace@example.com, 212-555-0199) wants a refund."})
        + "\n" + json.dumps({"id": 2, "text": "Escalated to Grace Hopper, grace.hopper@navy.example.org."}) + "\n"
    )
    second = tmp_path / "corpus"
    second.mkdir()
    pq.write_table(pa.table({"id": [10, 11], "text": [
        "Customer record: ADA.LOVELACE@EXAMPLE.COM, phone (212) 555 0199, owner Grace Hopper.",
        "Grace Hopper called about grace.hopper@navy.example.org.",
    ]}), second / "crm.parquet")
    (tmp_path / "config").symlink_to(REPO / "config")

    code, messages = run("mask", config, [first], tmp_path / "run1", source="retrieval", workers=2)
    assert (code, messages) == (0, [])
    ticket, escalation = (_tokens(json.loads(line)["masked_text"]) for line in dataset_lines(tmp_path / "run1"))
    assert set(ticket) == {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"}

    # The second run: docs/corpora.md's keyed command, as written, in its own Ray.
    command = next(b for b in _docs_blocks("bash") if "config/keyed" in b)
    env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    proc = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    record, call = (_tokens(r["masked_text"]) for r in pq.read_table(tmp_path / "masked").to_pylist())
    # Other documents, other spellings, another Ray: the same tokens.
    assert record == {"EMAIL_ADDRESS": ticket["EMAIL_ADDRESS"], "PHONE_NUMBER": ticket["PHONE_NUMBER"],
                      "PERSON": escalation["PERSON"]}
    assert call == escalation
    # The multiprocess CLI writes the same rows.
    assert cli_mask(config, first, "--source", "retrieval") == dataset_lines(tmp_path / "run1")

    # A user typing the values in a conversation: the LLM sees the corpus's tokens, the user gets the values back.
    answer = f"{ticket['PERSON']}, your refund for {ticket['EMAIL_ADDRESS']} is on its way."
    rails, llm = make_rails(EXAMPLES / "keyed", [answer])
    typed = "I'm Ada Lovelace, ada.lovelace@example.com: where is my refund?"
    reply = rails.generate(messages=[{"role": "user", "content": typed}])["content"]
    assert ticket["PERSON"] in llm.everything_sent and ticket["EMAIL_ADDRESS"] in llm.everything_sent
    assert "Ada Lovelace" not in llm.everything_sent and "ada.lovelace@example.com" not in llm.everything_sent
    assert reply == "Ada Lovelace, your refund for ada.lovelace@example.com is on its way."


def test_a_missing_keyed_secret_fails_before_any_actor_starts(tmp_path, monkeypatch):
    monkeypatch.delenv("PII_RAILS_KEY", raising=False)
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"text": "Mail ada@example.com"}) + "\n")
    code, messages = run("mask", str(EXAMPLES / "keyed"), [source], tmp_path / "out")
    assert code == 2
    assert "PII_RAILS_KEY" in messages[0] and "not set" in messages[0]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", ["missing keyed secret", "invalid YAML"])
def test_a_configuration_error_exits_2_when_it_loads_while_the_commands_own_ray_starts(tmp_path, case):
    # The command's embedded Ray starts while the configuration loads (in a
    # thread): a bad configuration still exits 2 with its reason, no output.
    env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1")
    env.pop("PII_RAILS_KEY", None)
    if case == "invalid YAML":
        config = tmp_path / "config"
        config.mkdir()
        (config / "config.yml").write_text("models: [\n")
        expected = ["could not load"]
    else:
        config = EXAMPLES / "keyed"
        expected = ["PII_RAILS_KEY", "not set"]
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"text": "Mail ada@example.com"}) + "\n")
    proc = subprocess.run([EXE, "mask", "--engine", "ray", "--config", str(config), "-o", str(tmp_path / "out"),
                           str(source)], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert all(word in proc.stderr for word in expected), proc.stderr
    assert not (tmp_path / "out").exists()


def _processes_with_env(entry: bytes) -> list:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if entry in f.read().split(b"\0"):
                    found.append(int(pid))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_command_leaves_no_process_of_its_ray_behind(config, tmp_path):
    # The command shuts its embedded Ray down: every process of that Ray
    # (found by the temp directory in its environment) is gone once the
    # command has returned. Neither the log monitor nor the autoscaler monitor
    # ever ran (each writes its log files when it starts).
    root = tempfile.mkdtemp(prefix="pr", dir="/tmp")  # Ray's socket paths must stay short
    try:
        source = tmp_path / "a.jsonl"
        source.write_text("".join(json.dumps({"id": i, "text": text(i)}) + "\n" for i in range(40)))
        env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1", RAY_TMPDIR=root)
        proc = subprocess.run([EXE, "mask", "--engine", "ray", "--config", config, "-o", str(tmp_path / "out"),
                               str(source)], capture_output=True, text=True, env=env, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert [json.loads(line)["id"] for line in dataset_lines(tmp_path / "out")] == list(range(40))
        entry = f"RAY_TMPDIR={root}".encode()
        deadline = time.monotonic() + 30  # the raylet's workers exit on their own once it is gone
        while _processes_with_env(entry) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _processes_with_env(entry) == []
        logs = sorted(Path(root).glob("ray/session_*/logs/*"))
        assert any(path.name.startswith("raylet.") for path in logs)
        assert [path.name for path in logs if path.name.startswith(("log_monitor.", "monitor."))] == []
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_the_program_exits_with_its_code_and_messages_once_a_ray_run_is_done(config, tmp_path):
    # The `pii-rails` program ends its process right after an --engine ray
    # run (no Python finalization): the exit code, every message and every
    # row must still be there.
    source = tmp_path / "a.jsonl"
    source.write_text("\n".join(corpus(60)) + "\n")
    env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1")
    proc = subprocess.run([EXE, "mask", "--engine", "ray", "--config", config, "-o", str(tmp_path / "out"),
                           str(source)], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 1, proc.stderr
    failed = [line for line in proc.stderr.splitlines() if re.search(r", line (4|11|21|41|51): ", line)]
    assert len(failed) == 5, proc.stderr
    assert proc.stderr.rstrip().endswith("pii-rails: 5 record(s) failed"), proc.stderr
    assert len(dataset_lines(tmp_path / "out")) == 60


def test_the_command_called_in_process_returns_its_code(config, tmp_path):
    # Only the program itself ends its process; a caller passing arguments
    # (this test, an embedding script) gets the exit code back.
    from pii_rails import cli

    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": 1, "text": "Mail ada@example.com"}) + "\n")
    out = tmp_path / "out"
    assert cli.main(["mask", "--engine", "ray", "--config", config, "-o", str(out), str(source)]) == 0
    assert [json.loads(line)["masked_text"] for line in dataset_lines(out)] == ["Mail <EMAIL_ADDRESS>"]


def test_the_driver_of_a_ray_run_imports_no_engine():
    # The driver reads settings and plans; each actor builds its own engine.
    # spaCy and Presidio in the driver cost ~1.5 CPU s before Ray even started.
    watched = ("spacy", "presidio_analyzer", "pii_rails.engine")
    assert loaded_by_import("pii_rails.cli, pii_rails.batch.ray_data", watched) == []


def distinct_lines(n: int) -> list:
    """JSON lines whose texts all differ (each has its own badge number): none repeats in the cache."""
    return [json.dumps({"id": i, "text": f"{text(i)} (badge EMP-{200000 + i})"}) for i in range(n)]


def test_an_actor_keeps_a_bounded_cache_of_detections(config):
    # An actor only processes records: a cache sized for conversations that
    # re-send their history would grow with the corpus until it filled.
    from pii_rails.batch.records import BATCH_CACHE

    actor = ray_data.Records(ray_data.settings_of(config), "mask", "input", "text", "lines")
    assert PiiEngine.from_path(config).detector.cache_size > BATCH_CACHE  # the rails keep their own
    lines = distinct_lines(3 * BATCH_CACHE)
    out = []
    for first in range(0, len(lines), 100):
        batch = pa.table({
            ray_data.PATH: ["corpus.jsonl"] * len(lines[first : first + 100]),
            ray_data.POSITION: list(range(first + 1, first + 1 + len(lines[first : first + 100]))),
            ray_data.RAW: lines[first : first + 100],
        })
        out += actor(batch).column(ray_data.LINE).to_pylist()
        assert len(actor.engine.detector.cache) <= BATCH_CACHE
    assert len(actor.engine.detector.cache) == BATCH_CACHE
    assert len(out) == len(lines) and all("masked_text" in json.loads(line) for line in out)
    # A record seen again still hits the cache: the same detections, no new entry.
    again = actor(pa.table({ray_data.PATH: ["corpus.jsonl"], ray_data.POSITION: [1], ray_data.RAW: [lines[-1]]}))
    assert again.column(ray_data.LINE).to_pylist() == out[-1:]
    assert len(actor.engine.detector.cache) == BATCH_CACHE


def test_the_multiprocess_cli_keeps_a_bounded_cache_of_detections(config):
    import io

    from pii_rails.batch import lines as batch_lines
    from pii_rails.batch.records import BATCH_CACHE

    engine = PiiEngine.from_path(config)
    data = "".join(line + "\n" for line in distinct_lines(2 * BATCH_CACHE + 10))
    done = list(batch_lines.results(engine, "mask", "input", config, io.StringIO(data), workers=1))
    assert sum(d.count for d in done) == 2 * BATCH_CACHE + 10
    assert len(engine.detector.cache) == BATCH_CACHE


def test_a_worker_keeps_no_known_values_for_log_redaction(config):
    # Known values are kept only where something logs rail traffic (the NeMo
    # binding installs the log filter); a worker that only processes records
    # must not pile up every value of the corpus.
    @ray.remote(num_cpus=0)
    def in_a_worker(settings, lines):
        from pii_rails.masking import logsafe

        actor = ray_data.Records(settings, "mask", "input", "text", "lines")
        table = pa.table({
            ray_data.PATH: ["c.jsonl"] * len(lines), ray_data.POSITION: list(range(1, len(lines) + 1)),
            ray_data.RAW: lines,
        })
        out = actor(table).column(ray_data.LINE).to_pylist()
        return len(out), logsafe._installed is None, len(logsafe._seen), len(logsafe._known)

    count, uninstalled, seen, known = ray.get(in_a_worker.remote(ray_data.settings_of(config), distinct_lines(50)))
    assert (count, uninstalled, seen, known) == (50, True, 0, 0)


def test_table_rows_read_only_the_text_and_language_columns(config):
    # Other columns (an embedding, a blob) are never turned into Python objects
    # and come out as they went in; a row without the text column gets an error.
    actor = ray_data.Records(ray_data.settings_of(config), "mask", "input", "doc.body", "table")
    embedding = pa.array([[0.5, 0.25], [1.0, 2.0], [3.0, 4.0]], pa.list_(pa.float32()))
    batch = pa.table({
        "id": [1, 2, 3],
        "doc": pa.array([{"body": "Mail ada@example.com"}, {"body": "Hallo"}, {"title": "no body"}]),
        "language": ["en", "de", None],
        "embedding": embedding,
        "blob": pa.array([b"\x00\xff", b"", None], pa.binary()),
    })
    out = actor(batch)
    assert out.column("embedding").combine_chunks().equals(embedding)
    assert out.column("blob").to_pylist() == [b"\x00\xff", b"", None]
    assert out.column("masked_text").to_pylist() == ["Mail <EMAIL_ADDRESS>", None, None]
    errors = out.column("error").to_pylist()
    assert errors[0] is None and "de" in errors[1] and errors[2] == 'no string "doc.body" field'


def test_read_and_write_tasks_unpickle_without_the_engine():
    # Ray unpickles the datasource, the datasink and the error log in the
    # worker processes of the read and write tasks (and the error log's
    # actor), and unpickling a class imports the module that defines it. Those
    # tasks take milliseconds: importing spaCy and Presidio there cost each
    # such process seconds of CPU.
    for cls in (ray_data.RecordsDatasource, ray_data.LinesDatasink, ray_data.ErrorLog.__ray_metadata__.modified_class):
        assert cls.__module__ == "pii_rails.batch.ray_io", cls
    watched = ("spacy", "presidio_analyzer", "nemoguardrails", "pii_rails.engine")
    assert loaded_by_import("pii_rails.batch.ray_io", watched) == []


def _named_actors() -> set:
    return {a["name"] for a in ray.util.list_named_actors(all_namespaces=True)}


def test_the_error_log_starts_with_the_first_bad_record_and_outlives_the_actor_that_started_it():
    # A run without bad records starts no error-log process (every Ray worker
    # process costs about 1 % of a core for the whole run); the first bad
    # record starts it from whichever engine actor meets it, and what it holds
    # survives that actor's death (its batch is then retried by another).
    report = ray_data.ErrorReport()
    assert (report.count(), report.messages()) == (0, [])
    assert report.name not in _named_actors()

    @ray.remote(num_cpus=0)
    class Engine:
        def report(self, report, errors):
            return report.add(errors)

    first = Engine.remote()
    assert ray.get(first.report.remote(report, [("a.jsonl", 3, "bad")])) == 1
    ray.kill(first)
    second = Engine.remote()
    # The retried batch reports record 3 again: counted once.
    assert ray.get(second.report.remote(report, [("a.jsonl", 3, "bad"), ("a.jsonl", 9, "worse")])) == 2
    assert report.messages() == [("a.jsonl", 3, "bad"), ("a.jsonl", 9, "worse")]
    report.close()
    deadline = time.monotonic() + 30
    while report.name in _named_actors() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert report.name not in _named_actors()
