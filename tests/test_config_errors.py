"""Bad configuration fails when the rails are built, naming the key path and the value."""

from __future__ import annotations

import pytest

from conftest import config_error
from pii_rails import ConfigError, PiiEngine

HEAD = """
models: []
import_paths: [pii_rails/flows/v1]
"""


def _error(yaml_text: str) -> BaseException:
    """Build real rails and return the pii-rails error behind the failure."""
    return config_error(HEAD + yaml_text)


@pytest.mark.parametrize(
    "yaml_text, path, value",
    [
        (
            """
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, NOT_AN_ENTITY]
custom_data:
  pii_rails:
    strict: true   # without it, the built-in schema's unknown entity is dropped with a warning
""",
            "rails.config.sensitive_data_detection.input.entities[1]",
            "NOT_AN_ENTITY",
        ),
        (
            """
rails:
  config:
    sensitive_data_detection:
      output:
        entities: [PERSON]
        score_threshold: 1.5
""",
            "rails.config.sensitive_data_detection.output.score_threshold",
            1.5,
        ),
        (
            """
rails:
  config:
    sensitive_data_detection:
      recognizers:
        - name: EMPLOYEE_ID
          supported_language: en
          patterns:
            - name: emp
              regex: "EMP-([0-9]{6}"
              score: 0.8
""",
            "rails.config.sensitive_data_detection.recognizers[0].patterns[0].regex",
            "EMP-([0-9]{6}",
        ),
        (
            """
custom_data:
  pii_rails:
    retrieval:
      score_threshold: -0.1
""",
            "custom_data.pii_rails.retrieval.score_threshold",
            -0.1,
        ),
        (
            """
custom_data:
  pii_rails:
    inputs:
      entities: [PERSON]
""",
            "custom_data.pii_rails.inputs",
            {"entities": ["PERSON"]},
        ),
        (
            """
custom_data:
  pii_rails:
    input:
      entities: [EMAIL]
""",
            "custom_data.pii_rails.input.entities[0]",
            "EMAIL",
        ),
        (
            """
rails:
  input:
    flows: [mask sensitive data on output]
""",
            "rails.input.flows[0]",
            "mask sensitive data on output",
        ),
        (
            """
rails:
  output:
    flows: [mask sensitive data on outptu]
""",
            "rails.output.flows[0]",
            "mask sensitive data on outptu",
        ),
        (
            """
custom_data:
  pii_rails:
    recognizers:
      - name: TICKET
        supported_entity: TICKET_ID
""",
            "custom_data.pii_rails.recognizers[0]",
            None,
        ),
        (
            """
custom_data:
  pii_rails:
    recognizers:
      - name: TICKET
        supported_language: de
        deny_list: [foo]
""",
            "custom_data.pii_rails.recognizers[0].supported_language",
            "de",
        ),
    ],
)
def test_error_names_key_path_and_value(yaml_text, path, value):
    err = _error(yaml_text)
    assert err.path == path
    if value is not None:
        assert err.value == value
        assert repr(value) in str(err)
    assert path in str(err)


def test_unknown_source_in_an_action_call_is_rejected():
    engine = PiiEngine.from_dict({"input": {"entities": ["EMAIL_ADDRESS"]}})
    with pytest.raises(ConfigError, match="unknown source"):
        engine.detect("a@b.com", source="inptu")


def test_built_in_threshold_is_honored_for_masking_too():
    """The built-in's mask always used 0.4; ours uses the configured threshold."""
    text = "My number is 212-555-0199"
    low = PiiEngine.from_dict({"input": {"entities": ["PHONE_NUMBER"], "score_threshold": 0.3}})
    high = PiiEngine.from_dict({"input": {"entities": ["PHONE_NUMBER"], "score_threshold": 0.95}})
    score = low.detect(text)[0].score
    assert 0.3 <= score < 0.95
    assert low.mask(text).masked_text == "My number is <PHONE_NUMBER>"
    assert high.mask(text).masked_text == text


POLICY_HEAD = """
custom_data:
  pii_rails:
    input:
      entities: [PERSON]
"""


@pytest.mark.parametrize(
    "yaml_text, path, value",
    [
        ("      action: erase\n", "custom_data.pii_rails.input.action", "erase"),
        ("      placeholder: stars\n", "custom_data.pii_rails.input.placeholder", "stars"),
        ("      placeholder: '[{entity_type}]'\n", "custom_data.pii_rails.input.placeholder", None),
        ("      policies:\n        PERSON: {score_threshold: 2}\n", "custom_data.pii_rails.input.policies.PERSON.score_threshold", 2),
        ("      below_threshold_action: maybe\n", "custom_data.pii_rails.input.below_threshold_action", "maybe"),
        ("      restore: true\n", "custom_data.pii_rails.input.restore", True),
    ],
)
def test_policy_errors_name_the_key(yaml_text, path, value):
    err = _error(POLICY_HEAD + yaml_text)
    assert err.path == path, str(err)
    if value is not None:
        assert err.value == value


def test_a_short_audit_salt_is_refused_at_load(monkeypatch):
    monkeypatch.setenv("PII_RAILS_AUDIT_SALT", "short")
    err = _error(POLICY_HEAD)
    assert err.path == "custom_data.pii_rails.audit.salt_env" and "16" in str(err)
