"""Every way of building rails from a configuration that names pii-rails runs pii-rails,
or fails saying why and what to change: never NeMo's built-in action in its place.

Who ran is told by what only pii-rails writes: numbered placeholders (``<EMAIL_ADDRESS_1>``,
``reversible: true``) and e-mail addresses the built-in leaves alone. The model is the
recording OpenAI-compatible upstream on 127.0.0.1 (IORails takes no ``llm=``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from nemoguardrails import Guardrails, LLMRails, RailsConfig
from nemoguardrails.guardrails.iorails import INTERNAL_ERROR_MESSAGE, IORails

import pii_rails
from conftest import EXAMPLES, UpstreamLLM, model_at, write_config
from pii_rails.errors import ConfigError
from pii_rails.nemo import iorails as adapter
from pii_rails.nemo.registry import engine_for
from pii_rails.testing.upstream import RecordingUpstream, echo_reply

EMAIL = "priya.raman@contoso.example"
MESSAGE = f"Hi, I'm Ada Lovelace, mail {EMAIL}, SSN 219-09-9999."
REVERSIBLE = "custom_data:\n  pii_rails:\n    reversible: true\n"


@pytest.fixture(scope="module")
def upstream():
    with RecordingUpstream(reply=echo_reply()) as up:
        yield up


def dropin(tmp_path: Path, extra: str = REVERSIBLE) -> Path:
    """config/dropin as a user has it, plus ``extra``."""
    text = (EXAMPLES / "dropin" / "config.yml").read_text()
    return write_config(tmp_path, text + extra)


def load(path: Path, url: str) -> RailsConfig:
    config = RailsConfig.from_path(str(path))
    config.models = [model_at(url)]
    return config


def last_request(up: RecordingUpstream) -> str:
    return "\n".join(m.get("content") or "" for m in json.loads(up.bodies[-1])["messages"])


def ask(rails, text: str = MESSAGE) -> str:
    return rails.generate(messages=[{"role": "user", "content": text}])["content"]


def assert_pii_rails_masked(up: RecordingUpstream, answer: str) -> None:
    sent = last_request(up)
    assert EMAIL not in sent and "Ada Lovelace" not in sent and "219-09-9999" not in sent
    # Numbered placeholders: pii-rails' reversible masking, which the built-in does not write.
    assert "<EMAIL_ADDRESS_1>" in sent and "<PERSON_1>" in sent
    # The echoed placeholders come back as the user's values.
    assert "Ada Lovelace" in answer and EMAIL in answer


# --- in this process ---------------------------------------------------------------------


def test_guardrails_runs_pii_rails_on_iorails_under_the_builtins_names(tmp_path, upstream):
    rails = Guardrails(load(dropin(tmp_path), upstream.url))
    assert rails.use_iorails_engine
    assert engine_for(rails) is engine_for(rails.rails_engine)
    assert_pii_rails_masked(upstream, ask(rails))


def test_pii_rails_own_flow_names_run_on_iorails_without_an_import_path(tmp_path, upstream):
    path = write_config(
        tmp_path,
        "models: []\nrails:\n  input:\n    flows: [pii rails mask on input]\n  output:\n"
        "    flows: [pii rails mask on output]\n" + REVERSIBLE
        + "    input:\n      entities: [PERSON, EMAIL_ADDRESS, US_SSN]\n"
        + "    output:\n      entities: [PERSON, EMAIL_ADDRESS, US_SSN]\n",
    )
    rails = Guardrails(load(path, upstream.url), require_iorails=True)
    assert_pii_rails_masked(upstream, ask(rails))


def test_use_iorails_false_runs_pii_rails_on_llmrails(tmp_path, upstream, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "unused")
    rails = Guardrails(load(dropin(tmp_path), upstream.url), use_iorails=False)
    assert not rails.use_iorails_engine and isinstance(rails.rails_engine, LLMRails)
    assert_pii_rails_masked(upstream, ask(rails))
    assert engine_for(rails) is engine_for(rails.rails_engine)


@pytest.mark.parametrize("example", ["colang2", "rag"])
def test_what_iorails_cannot_serve_runs_pii_rails_on_llmrails_or_fails_naming_cause_and_fix(example, upstream):
    config = load(EXAMPLES / example, upstream.url)
    with pytest.raises(ValueError) as refused:
        Guardrails(config, require_iorails=True)
    message = str(refused.value)
    assert "names pii-rails" in message and "without require_iorails=True" in message
    assert ("Colang 2" in message) if example == "colang2" else ("retrieval" in message)

    rails = Guardrails(config)  # falls back to LLMRails, where pii-rails' config.py runs
    assert not rails.use_iorails_engine
    assert engine_for(rails) is not None


def test_own_builtin_actions_keep_the_configuration_on_llmrails(tmp_path, upstream):
    path = dropin(tmp_path)
    (path / "actions.py").write_text(
        textwrap.dedent(
            """
            from nemoguardrails.actions import action

            @action(is_system_action=True)
            async def detect_sensitive_data(source, text, **kwargs):
                return False
            """
        )
    )
    reason = IORails.unsupported_reason(load(path, upstream.url))
    assert reason is not None and "detect_sensitive_data" in reason and "actions.py" in reason


def test_a_config_py_init_keeps_the_configuration_on_llmrails_where_it_runs(tmp_path, upstream, monkeypatch):
    # IORails would never call a configuration's own init(): whatever it sets up (here, the
    # model's address) would silently not happen, so such a configuration stays on LLMRails.
    path = dropin(tmp_path)
    (path / "config.py").write_text("def init(app):\n    app.config.lowest_temperature = 0.0\n")
    monkeypatch.setenv("OPENAI_API_KEY", "unused")
    config = load(path, upstream.url)
    with pytest.raises(ValueError) as refused:
        Guardrails(config, require_iorails=True)
    assert "config.py defines init()" in str(refused.value) and "base_url_env" in str(refused.value)

    rails = Guardrails(config)
    assert not rails.use_iorails_engine and pii_rails.nemo_engine(rails) == "LLMRails"
    assert_pii_rails_masked(upstream, ask(rails))


def server_config(tmp_path: Path) -> RailsConfig:
    """config/server as shipped (it names its upstream by PII_RAILS_UPSTREAM_URL)."""
    shutil.copytree(EXAMPLES / "server", tmp_path / "server")
    return RailsConfig.from_path(str(tmp_path / "server"))


@pytest.mark.parametrize("use_iorails", [True, False], ids=["iorails", "llmrails"])
def test_config_server_reaches_the_upstream_named_in_the_environment_on_both_engines(
    tmp_path, upstream, monkeypatch, use_iorails
):
    monkeypatch.setenv("PII_RAILS_UPSTREAM_URL", upstream.url)
    monkeypatch.setenv("OPENAI_API_KEY", "unused")
    before = len(upstream.bodies)
    rails = Guardrails(server_config(tmp_path), use_iorails=use_iorails, require_iorails=use_iorails)
    assert pii_rails.nemo_engine(rails) == ("IORails" if use_iorails else "LLMRails")
    assert_pii_rails_masked(upstream, ask(rails))
    assert len(upstream.bodies) > before  # the request went to the address in the environment


@pytest.mark.parametrize("use_iorails", [True, False], ids=["iorails", "llmrails"])
@pytest.mark.parametrize("value", [None, "", "127.0.0.1:8001/v1"], ids=["unset", "empty", "no-scheme"])
def test_config_server_without_an_upstream_url_fails_the_build_naming_key_and_fix(
    tmp_path, monkeypatch, use_iorails, value
):
    if value is None:
        monkeypatch.delenv("PII_RAILS_UPSTREAM_URL", raising=False)
    else:
        monkeypatch.setenv("PII_RAILS_UPSTREAM_URL", value)
    monkeypatch.setenv("OPENAI_API_KEY", "unused")
    with pytest.raises(Exception) as refused:
        Guardrails(server_config(tmp_path), use_iorails=use_iorails, require_iorails=use_iorails)
    cause: BaseException | None = refused.value
    while cause is not None and not isinstance(cause, ConfigError):
        cause = cause.__cause__
    assert cause is not None, refused.value
    assert cause.path == "custom_data.pii_rails.base_url_env.main" and "PII_RAILS_UPSTREAM_URL" in str(cause)
    assert "http://127.0.0.1:8001/v1" in str(cause)  # the fix, by example


def test_base_url_env_names_a_configured_model_type(tmp_path, upstream, monkeypatch):
    monkeypatch.setenv("PII_RAILS_UPSTREAM_URL", upstream.url)
    path = dropin(tmp_path, REVERSIBLE + "    base_url_env:\n      content_safety: PII_RAILS_UPSTREAM_URL\n")
    with pytest.raises(ConfigError) as refused:
        Guardrails(load(path, upstream.url), require_iorails=True)
    assert refused.value.path == "custom_data.pii_rails.base_url_env.content_safety"
    assert "main" in str(refused.value)  # the model types that are configured


def test_the_start_up_line_names_the_engine_and_why_not_iorails(tmp_path, upstream, monkeypatch, caplog):
    monkeypatch.setenv("OPENAI_API_KEY", "unused")
    caplog.set_level("INFO", logger="pii_rails")
    Guardrails(load(dropin(tmp_path), upstream.url))
    assert f"pii-rails :: configuration '{tmp_path.name}' runs on IORails" in caplog.text

    caplog.clear()
    monkeypatch.setenv("NEMO_GUARDRAILS_IORAILS_ENGINE", "true")
    rails = Guardrails(load(EXAMPLES / "rag", upstream.url))  # retrieval rails: IORails cannot serve it
    assert pii_rails.nemo_engine(rails) == "LLMRails"
    line = next(r.getMessage() for r in caplog.records if "runs on LLMRails" in r.getMessage())
    assert line.startswith("pii-rails :: configuration 'rag' runs on LLMRails (NEMO_GUARDRAILS_IORAILS_ENGINE is on")
    assert "retrieval" in line and adapter.names_pii_rails(rails.rails_engine.config)


def test_a_configuration_without_pii_rails_keeps_the_builtin(tmp_path, upstream):
    """No import path, no pii-rails flow name: NeMo's catalog and its Presidio action."""
    text = (EXAMPLES / "dropin" / "config.yml").read_text()
    path = write_config(tmp_path, text.replace("import_paths: [pii_rails/flows/v1]", ""))
    config = load(path, upstream.url)
    assert not adapter.names_pii_rails(config)
    rails = Guardrails(config, require_iorails=True)
    compiled = rails.rails_engine.rails_manager._rails
    targets = {rail.surface.action.target for rail in compiled.values()}
    assert targets and all(t.startswith("nemoguardrails.library.sensitive_data_detection") for t in targets)
    with pytest.raises(LookupError):
        engine_for(rails)


def test_names_pii_rails():
    def config(yml: str) -> RailsConfig:
        return RailsConfig.from_content(yaml_content=yml)

    assert adapter.names_pii_rails(config("import_paths: [pii_rails/flows/v1]"))
    assert adapter.names_pii_rails(config("rails:\n  output:\n    flows: [pii rails detect on output]"))
    assert not adapter.names_pii_rails(config("rails:\n  input:\n    flows: [mask sensitive data on input]"))
    assert not adapter.names_pii_rails(config("import_paths: [nemoguardrails/library/hallucination]"))


def test_nemos_catalog_is_never_changed_and_a_rebuilt_one_works_too(tmp_path, upstream):
    from nemoguardrails.manifests import registry

    flow = "mask sensitive data on input"
    assert registry.default_rail_catalog().owner_for_flow(flow) == "sensitive_data_detection"
    registry._reset_rail_manifest_cache()  # a catalog built after pii-rails was imported
    try:
        rails = Guardrails(load(dropin(tmp_path), upstream.url), require_iorails=True)
        assert_pii_rails_masked(upstream, ask(rails))
        assert registry.default_rail_catalog().owner_for_flow(flow) == "sensitive_data_detection"
    finally:
        registry._reset_rail_manifest_cache()


def test_the_engine_is_built_once_per_instance_and_a_bad_key_fails_the_build(tmp_path, upstream, monkeypatch):
    built = []
    build = adapter.build_engine
    monkeypatch.setattr(adapter, "build_engine", lambda config: built.append(1) or build(config))
    rails = Guardrails(load(dropin(tmp_path), upstream.url), require_iorails=True)
    assert len(built) == 1 and engine_for(rails).pipelines  # spaCy is loaded at build
    ask(rails)
    ask(rails)  # the synchronous API builds a throwaway IORails per call; it adopts this engine
    assert len(built) == 1

    (tmp_path / "bad").mkdir()
    bad = dropin(tmp_path / "bad", "custom_data:\n  pii_rails:\n    reversibel: true\n")
    with pytest.raises(ConfigError, match=r"custom_data\.pii_rails"):
        Guardrails(load(bad, upstream.url))


def test_an_exception_in_the_action_blocks_and_nothing_reaches_the_model(tmp_path, monkeypatch):
    llm = UpstreamLLM(["should not be asked"])
    try:
        rails = Guardrails(load(dropin(tmp_path), llm.upstream.url), require_iorails=True)

        def broken(engine):
            raise RuntimeError("pii-rails broke")

        monkeypatch.setattr(adapter, "_actions", broken)
        assert ask(rails) == INTERNAL_ERROR_MESSAGE
        assert llm.prompts == []
    finally:
        llm.stop()


# --- a fresh interpreter that never imports pii_rails -------------------------------------


@pytest.fixture(scope="module")
def installed_python(tmp_path_factory):
    """An interpreter whose site-packages holds pii-rails the way the wheel installs it:
    the source tree and NeMo on the path, and ``pii_rails_autoload.pth``, which Python
    runs at start; nothing else of pii-rails is loaded by anyone."""
    import site
    import sysconfig

    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    source = Path(pii_rails.__file__).resolve().parent.parent
    shared = sysconfig.get_paths()["purelib"]
    Path(purelib, "deps.pth").write_text(f"{source}\n{shared}\n" + "\n".join(site.getsitepackages()) + "\n")
    shutil.copy(source / "pii_rails_autoload.pth", Path(purelib, "pii_rails_autoload.pth"))
    return str(python)


# What a user writes: NeMo only. The second form is `nemoguardrails server`'s (it builds
# its rails through the name LLMRails, which the environment switch makes Guardrails).
NO_IMPORT = """
import json, sys
before = sorted(m for m in sys.modules if m.startswith(("pii_rails", "presidio", "spacy", "pydantic")))
hooked = "_pii_rails_autoload" in sys.modules
from nemoguardrails import Guardrails, LLMRails, RailsConfig
from nemoguardrails.manifests import default_rail_catalog
from nemoguardrails.rails.llm.config import Model
catalog = default_rail_catalog()  # NeMo's catalog, built before pii-rails is imported
config = RailsConfig.from_path(sys.argv[1])
config.models = [Model(type="main", engine="openai", model="m", parameters={"base_url": sys.argv[2]})]
rails = Guardrails(config) if sys.argv[4] == "Guardrails" else LLMRails(config)
answer = rails.generate(messages=[{"role": "user", "content": sys.argv[3]}])["content"]
assert default_rail_catalog() is catalog
assert catalog.owner_for_flow("mask sensitive data on input") == "sensitive_data_detection"
print(json.dumps([before, hooked, type(rails).__name__, rails.use_iorails_engine, answer]))
"""


@pytest.mark.parametrize("build, switch", [("Guardrails", None), ("LLMRails", "true")])
def test_a_user_who_never_imports_pii_rails_gets_it_on_iorails(tmp_path, upstream, installed_python, build, switch):
    source = str(Path(pii_rails.__file__).resolve().parent.parent)
    # COLANGPATH as the README says for an install from a checkout (the wheel needs none).
    environment = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1", OPENAI_API_KEY="unused",
                       PYTHONPATH="", COLANGPATH=source)
    if switch:
        environment["NEMO_GUARDRAILS_IORAILS_ENGINE"] = switch
    done = subprocess.run(
        [installed_python, "-c", NO_IMPORT, str(dropin(tmp_path)), upstream.url, MESSAGE, build],
        capture_output=True, text=True, env=environment, timeout=600, cwd=str(tmp_path),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    before, hooked, built, on_iorails, answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert before == [] and hooked
    assert built == "Guardrails" and on_iorails
    assert_pii_rails_masked(upstream, answer)


def test_the_hook_costs_no_import_at_start(installed_python):
    out = subprocess.run(
        [installed_python, "-X", "importtime", "-c", "import sys; print(sorted(sys.modules))"],
        capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=""), timeout=120,
    )
    modules = set(json.loads(out.stdout.replace("'", '"')))
    assert "_pii_rails_autoload" in modules
    assert not {m for m in modules if re.match(r"(pii_rails|nemoguardrails|presidio|spacy|pydantic)\b", m)}
    own = [line for line in out.stderr.splitlines() if line.rstrip().endswith("_pii_rails_autoload")]
    assert own, out.stderr[-2000:]  # its line in -X importtime: the cost, reported by bench/perf.py


def test_every_iorails_patch_is_in_place(tmp_path, upstream):
    from pii_rails.nemo.patches import PATCHES

    rails = Guardrails(load(dropin(tmp_path), upstream.url), require_iorails=True).rails_engine
    rows = [p for p in PATCHES if p.target.startswith("nemoguardrails.guardrails.")]
    assert {p.scope for p in rows} == {"instance", "process"}
    for patch in rows:
        name = patch.target.rpartition(".")[2].rpartition(":")[2]
        if patch.scope == "instance":
            if ":IORails." not in patch.target:
                continue  # on the instance's queue and models: test_engines_boundary checks those
            assert name in vars(rails), name  # wrapped on this instance, not on the class
        else:
            module, _, attribute = patch.target.partition(":")
            owner = sys.modules[module]
            for part in attribute.split("."):
                owner = getattr(owner, part)
            owner = getattr(owner, "__func__", owner)
            assert getattr(owner, "__wrapped__", None) is not None, patch.target  # ours, around NeMo's


def test_detect_on_output_restores_echoed_placeholders_even_with_parallel_rails(tmp_path):
    """Detect rewrites too (it puts the user's values back): its surface says so, so IORails
    runs it in order rather than refusing a rewrite from rails it would run in parallel."""
    path = write_config(
        tmp_path,
        "models: []\nimport_paths: [pii_rails/flows/v1]\nrails:\n  config:\n    sensitive_data_detection:\n"
        "      input:\n        entities: [PERSON]\n      output:\n        entities: [PERSON]\n"
        "  output:\n    parallel: true\n"
        "    flows: [detect sensitive data on output]\n" + REVERSIBLE,
    )
    llm = UpstreamLLM(["Hi <PERSON_1>."])
    try:
        rails = Guardrails(load(path, llm.upstream.url), require_iorails=True)
        # The request's values are numbered in order, so the model's <PERSON_1> is Ada.
        assert ask(rails, "I'm Ada Lovelace.") == "Hi Ada Lovelace."
    finally:
        llm.stop()
