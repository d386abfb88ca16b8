"""The README stays honest: every command and every rule is documented there."""

from __future__ import annotations

import re
from pathlib import Path

from yusuan.audit.rules import all_rules
from yusuan.cli import cli

README = (Path(__file__).parent.parent / "README.md").read_text("utf-8")


def test_every_rule_is_in_the_readme_and_every_listed_rule_exists():
    ids = {r.id for r in all_rules()}
    listed = set(re.findall(r"^\| `([a-z]+\.[a-z0-9.-]+)` \|", README, re.M))
    assert ids - listed == set(), "rules missing from README"
    assert listed - ids == set(), "README lists rules that do not exist"


def test_every_rule_has_a_doc_of_substance():
    for r in all_rules():
        assert len(r.doc.split()) >= 5, r.id
        assert re.fullmatch(r"[a-z]+\.[a-z0-9-]+", r.id), r.id


def test_every_command_is_in_the_readme():
    for name in cli.commands:
        assert f"`yusuan {name}" in README, name


def test_quick_start_is_the_two_make_targets():
    block = README.split("## Quick start", 1)[1].split("```")[1].removeprefix("sh")
    assert [line.split()[0:2] for line in block.strip().splitlines()] == [
        ["make", "demo"],
        ["make", "test"],
    ]
