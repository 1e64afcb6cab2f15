"""jcode.app.diff: two sides (here folders), each linted with its own jcode.yaml, what changed,
and the sides that lack a journeys folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from jcode.app.diff import DiffRequest, diff_sides
from jcode.errors import JcodeError

from .helpers import TODAY

CONFIG = """\
phases: [{id: buy, name: Buy, moment: purchase}]
owners: {sales: {name: Sales}}
rules: {stage-without-kpi: off, purchase-without-assistance: off, missing-post-purchase: off}
"""
SHOP = """\
id: shop
title: Shopping
owner: sales
stages: [{id: checkout, name: Checkout, phase: buy, touchpoints: [{id: w, name: W, channel: web}]}]
"""


def side(folder: Path, journeys: dict[str, str] | None) -> Path:
    folder.mkdir()
    (folder / "jcode.yaml").write_text(CONFIG, encoding="utf-8")
    if journeys is not None:
        (folder / "journeys").mkdir()
        for name, text in journeys.items():
            (folder / "journeys" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_what_changed_between_two_folders(here: Path) -> None:
    side(here / "base", {"shop": SHOP})
    head_shop = SHOP.replace("title: Shopping", "title: Buying").replace("owner: sales\n", "")
    side(here / "head", {"shop": head_shop, "more": head_shop.replace("id: shop", "id: more")})
    outcome = diff_sides(DiffRequest("base", "head", TODAY))
    diff = outcome.diff
    assert (diff.base, diff.head, outcome.lacking) == ("base", "head", ())
    assert diff.added == ["more"] and diff.removed == []
    [changed] = diff.changed
    assert [(c.kind, c.before, c.after) for c in changed.changes] == [
        ("title-changed", "Shopping", "Buying"),
        ("owner-changed", "sales", None),
    ]
    assert [(f.journey, f.rule, f.element) for f in diff.new] == [
        ("more", "missing-owner", ""),
        ("shop", "missing-owner", ""),
    ]
    assert (outcome.failed("new-error"), outcome.failed("new-warning")) == (False, True)
    assert not outcome.failed("never")


def test_a_side_without_journeys_counts_every_journey_as_added(here: Path) -> None:
    side(here / "base", None)
    side(here / "head", {"shop": SHOP})
    outcome = diff_sides(DiffRequest("base", "head", TODAY))
    [(name, lacking)] = outcome.lacking
    assert (name, lacking.label, lacking.missing) == ("BASE", "base", "base/journeys")
    assert outcome.diff.added == ["shop"]


def test_two_sides_without_journeys_are_an_error(here: Path) -> None:
    side(here / "base", None)
    side(here / "head", None)
    with pytest.raises(JcodeError) as caught:
        diff_sides(DiffRequest("base", "head", TODAY))
    assert str(caught.value) == (
        "no journeys folder at 'base/journeys' in BASE (base) nor at 'head/journeys' in HEAD "
        "(head): nothing to compare"
    )
