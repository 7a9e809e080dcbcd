"""Every code block in README.md and docs/ runs, or says why not and who runs it.

YAML blocks parse, and a rails configuration loads through NeMo and pii-rails (and,
for Colang 1.0, builds LLMRails, which resolves its flows). Python blocks of a page
run in order in one namespace, as a reader would paste them; ``pycon`` blocks run
as doctests in the same namespace, so the results they print must be what the
code returns. Colang blocks parse; JSON blocks parse (JSON Lines line by line).
Anything else needs a marker.
"""

from __future__ import annotations

import doctest
import json
import re
from collections import defaultdict

import pytest
import yaml
from nemoguardrails import LLMRails, RailsConfig
from nemoguardrails.colang import parse_colang_file

from conftest import REPO, RecordingLLM
from docs_blocks import Block, all_blocks, blocks_of
from pii_rails import PiiEngine

BLOCKS = all_blocks()
PYTHON = ("python", "py", "pycon")
RUNNABLE = ("yaml", "yml", "colang", "json", "jsonl", *PYTHON)
# Output shown to the reader (log lines, error messages): nothing to run.
SHOWN = ("text", "")
CONFIG_KEYS = {"models", "rails", "custom_data", "import_paths", "colang_version", "instructions", "prompts"}


def _ids(blocks):
    return [b.where for b in blocks]


def test_blocks_are_found():
    pages = {b.page for b in BLOCKS}
    assert "README.md" in pages and "docs/reference/nemo.md" in pages
    assert sum(b.lang == "yaml" for b in BLOCKS) >= 7


@pytest.mark.parametrize("block", BLOCKS, ids=_ids(BLOCKS))
def test_each_block_is_run_or_marked(block: Block):
    assert block.marker_error is None, f"{block.where}: {block.marker_error}"
    if block.skip_reason is not None:
        assert len(block.skip_reason) >= 10, f"{block.where}: say why it is not run"
    if block.run_by is not None:
        runner = REPO / block.run_by
        assert runner.is_file(), f"{block.where}: {block.run_by} does not exist"
        source = runner.read_text()
        commands = [
            line.strip() for line in block.body.splitlines() if line.strip() and not line.strip().startswith("#")
        ]
        assert block.page in source or any(c.split("#")[0].strip() in source for c in commands), (
            f"{block.where}: {block.run_by} neither reads {block.page} nor runs any of its lines"
        )
    if not block.marked and block.lang not in SHOWN:
        assert block.lang in RUNNABLE, (
            f"{block.where}: a {block.lang!r} block is not run by this test; mark it "
            "<!-- docs-test: run by FILE --> or <!-- docs-test: skip (reason) -->"
        )


YAML_BLOCKS = [b for b in BLOCKS if b.lang in ("yaml", "yml") and not b.marked]


@pytest.mark.parametrize("block", YAML_BLOCKS, ids=_ids(YAML_BLOCKS))
def test_yaml_block_loads(block: Block):
    data = yaml.safe_load(block.body)
    assert isinstance(data, dict) and set(data) & CONFIG_KEYS, (
        f"{block.where}: not a rails configuration; mark what it is instead"
    )
    config = RailsConfig.from_content(yaml_content=block.body)
    # Validates both configuration places and builds the analyzer for every entity named.
    PiiEngine.from_rails_config(config)
    if str(data.get("colang_version", "1.0")).startswith("1") and data.get("rails", {}).get(
        "input", data.get("rails", {}).get("output")
    ):
        # Resolves the imported flows and the flow names the rails list.
        LLMRails(config, llm=RecordingLLM([]))


COLANG_BLOCKS = [b for b in BLOCKS if b.lang == "colang" and not b.marked]


@pytest.mark.parametrize("block", COLANG_BLOCKS, ids=_ids(COLANG_BLOCKS))
def test_colang_block_parses(block: Block):
    version = "1.0" if re.search(r"^\s*define ", block.body, re.M) else "2.x"
    parsed = parse_colang_file("block.co", block.body, version=version)
    assert parsed, block.where


JSON_BLOCKS = [b for b in BLOCKS if b.lang in ("json", "jsonl") and not b.marked]


def test_json_blocks_parse():
    # One test over all of them: the pages may have none yet, and an empty
    # parametrization would show up as a skip.
    for block in JSON_BLOCKS:
        if block.lang == "json":
            json.loads(block.body)
            continue
        for number, line in enumerate(block.body.splitlines(), 1):
            if line.strip():
                assert isinstance(json.loads(line), dict), f"{block.where}, line {number}: not a JSON object"


_BY_PAGE = defaultdict(list)
for _block in BLOCKS:
    if _block.lang in PYTHON and not _block.marked:
        _BY_PAGE[_block.page].append(_block)


@pytest.mark.parametrize("page", sorted(_BY_PAGE))
def test_python_blocks_of_a_page_run(page, monkeypatch):
    monkeypatch.chdir(REPO)  # pages name configurations by their path in a checkout: config/rag
    namespace = {"__name__": "__docs__"}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for block in _BY_PAGE[page]:
        if block.lang == "pycon":
            test = parser.get_doctest(block.body, namespace, block.where, block.page, block.line)
            report = []
            result = runner.run(test, out=report.append, clear_globs=False)
            assert result.failed == 0, "".join(report)
            namespace.update(test.globs)  # DocTest runs in a copy; the next block continues from here
        else:
            exec(compile(block.body, block.where, "exec"), namespace)


def test_a_wrong_result_in_a_pycon_block_fails(tmp_path):
    """The doctest check above can fail: a stated result that the code does not return is caught."""
    page = tmp_path / "page.md"
    page.write_text("```pycon\n>>> 1 + 1\n3\n```\n")
    (block,) = blocks_of_tmp(page)
    runner = doctest.DocTestRunner()
    test = doctest.DocTestParser().get_doctest(block.body, {}, "page", None, 1)
    assert runner.run(test, out=lambda _: None).failed == 1


def blocks_of_tmp(path):
    import docs_blocks

    old = docs_blocks.REPO
    docs_blocks.REPO = path.parent
    try:
        return blocks_of(path)
    finally:
        docs_blocks.REPO = old


def test_markers_are_read(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "<!-- docs-test: skip (needs a hosted model) -->\n```bash\nx\n```\n\n"
        "<!-- docs-test: run by tests/test_docs_server.py -->\n```bash\ny\n```\n\n"
        "<!-- docs-test: sikp -->\n```bash\nz\n```\n\n```yaml\na: 1\n```\n"
    )
    skip, run_by, bad, plain = blocks_of_tmp(page)
    assert skip.skip_reason == "needs a hosted model" and run_by.run_by == "tests/test_docs_server.py"
    assert bad.marker_error and not plain.marked and plain.lang == "yaml" and plain.line == 16
