"""How to cite: CITATION.cff is valid Citation File Format 1.2.0 and agrees with the package."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

import janus

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "tests" / "data" / "cff-schema-1.2.0.json").read_text(encoding="utf-8"))


def _cff():
    # the CFF schema wants dates as strings; YAML would turn an unquoted date into a date
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def _validator():
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    return cls(SCHEMA, format_checker=cls.FORMAT_CHECKER)


def test_citation_cff_validates_against_the_official_schema():
    errors = sorted(_validator().iter_errors(_cff()), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_the_validation_can_fail():
    broken = dict(_cff())
    broken["cff-version"] = "1.2"
    broken.pop("authors")
    broken["date-released"] = "30 November 2026"
    messages = " ".join(e.message for e in _validator().iter_errors(broken))
    assert "authors" in messages and "1.2" in messages
    assert "30 November 2026" in messages


def test_one_version_number_everywhere():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert _cff()["version"] == janus.__version__ == pyproject["project"]["version"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    release = re.search(rf"^## {re.escape(janus.__version__)} - (\d{{4}}-\d\d-\d\d)$", changelog, flags=re.M)
    assert release, f"CHANGELOG.md has no section '## {janus.__version__} - YYYY-MM-DD'"
    assert release.group(1) == _cff()["date-released"]


@pytest.mark.parametrize("key", ["title", "message", "license", "repository-code"])
def test_citation_has(key):
    assert _cff()[key]
