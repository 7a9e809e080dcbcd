"""What the documentation pages state about the code holds, beyond their blocks running."""

from __future__ import annotations

import ast
import re
import shutil
import tomllib

from nemoguardrails import RailsConfig
from nemoguardrails.testing import TestChat

from conftest import EXAMPLES, REPO, RecordingLLM
from docs_blocks import blocks_in, pages
import pii_rails
from pii_rails import PiiEngine
from pii_rails.nemo.actions import PiiActions

NEMO_PAGE = REPO / "docs/reference/nemo.md"


# --- Colang 2.x: the page shows the whole configuration it needs ---------------------


def test_colang2_section_is_a_complete_configuration(tmp_path):
    (config_yml,) = blocks_in(NEMO_PAGE, "## Colang 2.x", "yaml")
    (rails_co,) = blocks_in(NEMO_PAGE, "## Colang 2.x", "colang")
    assert 'colang_version: "2.x"' in config_yml and "type: main" in config_yml
    # Only what running offline needs is added: the example's keyword index instead of
    # FastEmbed, which would download a model for `llm continuation`.
    offline = "\ncore:\n  embedding_search_provider:\n    name: keyword_overlap\n"
    (tmp_path / "config.yml").write_text(config_yml + offline)
    (tmp_path / "rails.co").write_text(rails_co)
    shutil.copy(EXAMPLES / "colang2" / "config.py", tmp_path / "config.py")

    config = RailsConfig.from_path(str(tmp_path))
    assert config.colang_version == "2.x"
    llm = RecordingLLM(
        ["user intent: user gave contact details", 'bot action: bot say "Card 4111 1111 1111 1111, noted."']
    )
    chat = TestChat(config, llm=llm)
    chat >> "Hi, I'm Ada Lovelace, mail ada.lovelace@example.com."
    chat << "Card <CREDIT_CARD>, noted."
    assert llm.prompts, "the LLM was never called"
    assert "Ada Lovelace" not in llm.everything_sent and "ada.lovelace@example.com" not in llm.everything_sent
    assert "<PERSON>" in llm.everything_sent


# --- the shape of the actions' metadata -----------------------------------------------


def _documented_metadata_keys():
    (block,) = blocks_in(NEMO_PAGE, "## Calling the actions from your own flows", "python")
    return set(ast.literal_eval(block))


async def test_documented_metadata_keys_are_the_real_ones():
    engine = PiiEngine.from_dict(
        {
            "input": {"entities": ["EMAIL_ADDRESS", "US_SSN"], "policies": {"US_SSN": {"action": "block"}}},
            "retrieval": {"entities": ["PERSON"]},
        }
    )
    watching = PiiEngine.from_dict({"logging_only": True, "input": {"entities": ["EMAIL_ADDRESS"]}})

    outcomes = [
        await PiiActions(engine).detect("input", "Mail jane@example.com, SSN 219-09-9999"),
        await PiiActions(engine).mask(
            "retrieval", "Owner: Alan Turing", context={"relevant_chunks_sep": ["Owner: Alan Turing"]}
        ),
    ]
    with pii_rails.conversation(watching, "ticket-1"):
        outcomes.append(await PiiActions(watching).mask("input", "Mail jane@example.com"))
    real = set().union(*(o.metadata for o in outcomes))
    assert _documented_metadata_keys() == real


# --- what the README and the install page promise ------------------------------------


def _minimum_python():
    requires = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    match = re.fullmatch(r">=\s*(\d+)\.(\d+)", requires)
    assert match, f"requires-python is {requires!r}; update this test and the pages together"
    return int(match.group(1)), int(match.group(2))


def test_the_python_version_the_pages_state_is_the_packages():
    major, minor = _minimum_python()
    stated = f"Python {major}.{minor} or newer"
    for path in (REPO / "README.md", REPO / "docs/index.md", REPO / "docs/install.md"):
        assert stated in path.read_text(), f"{path.name} does not say {stated!r}"
    for path in pages():
        for other in re.findall(r"Python (\d+\.\d+)", path.read_text()):
            assert other == f"{major}.{minor}", f"{path.relative_to(REPO)} names Python {other}"


def test_the_source_parses_at_the_minimum_python():
    major, minor = _minimum_python()
    for path in (REPO / "src").rglob("*.py"):
        ast.parse(path.read_text(), filename=str(path), feature_version=(major, minor))


def test_readme_is_a_landing_page():
    readme = (REPO / "README.md").read_text()
    assert len(readme.splitlines()) < 150
    assert "## Quick start" in readme
    for needed in ('"pii-rails[server]"', '"pii-rails[models]"', "python -m spacy download en_core_web_lg"):
        assert needed in readme


def test_readme_links_resolve():
    readme = (REPO / "README.md").read_text()
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", readme):
        if "://" in target:
            continue
        assert (REPO / target).exists(), f"README links to missing {target}"


def test_quick_start_is_what_ci_runs():
    (readme_block,) = blocks_in(REPO / "README.md", "## Quick start", "bash")
    (docs_block,) = blocks_in(REPO / "docs/index.md", "## Quick start", "bash")
    assert readme_block == docs_block
    test_command = next(line.split("#")[0].strip() for line in readme_block.splitlines() if " test" in line)
    assert test_command == "./run.sh test"
    ci = (REPO / ".ci/run").read_text()
    assert re.search(rf"^{re.escape(test_command)}\b", ci, re.M), ".ci/run must run the README's test command"
    build = re.search(r"^.*mkdocs build --strict.*$", ci, re.M)
    assert build and ci.index(build.group(0)) < ci.rindex(test_command), "CI builds the docs before the tests"
    # --quiet lowers the log level below the warnings --strict counts: the build would pass.
    assert not re.search(r"\s(-q|--quiet)\b", build.group(0)), "mkdocs build --strict must not be --quiet"


def test_every_page_is_in_the_nav():
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=_Loader)

    def files(nav):
        for item in nav:
            if isinstance(item, str):
                yield item
            elif isinstance(item, dict):
                for value in item.values():
                    yield from (files(value) if isinstance(value, list) else [value])

    listed = set(files(config["nav"]))
    present = {str(p.relative_to(REPO / "docs")) for p in (REPO / "docs").rglob("*.md")}
    assert present == listed
