"""The side-by-side comparison with NeMo's built-in rail (bench/compare_builtin.py) runs, and pii-rails holds in it."""

from __future__ import annotations

import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

import compare_builtin  # noqa: E402


def test_side_by_side_on_every_example():
    results = {r["example"]: r for r in compare_builtin.compare()}
    assert set(results) == {s.name for s in compare_builtin.SCENARIOS}
    for name, result in results.items():
        ours = result["pii_rails"]
        assert ours["error"] is None, name
        assert ours["values_reaching_llm"] == [], name
        assert ours["llm_output_values_reaching_user"] == [], name
        assert compare_builtin._answered(ours) == result["turns"], name
    # The anchor is the real built-in, working with the same model: on the first
    # turn it masks the latest message like pii-rails does.
    builtin = results["dropin"]["builtin"]
    assert builtin["error"] is None and builtin["replies"][0] == "Thanks! Your card <CREDIT_CARD> is on file."
