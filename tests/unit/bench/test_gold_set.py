"""bench/gold_set.py: a held-out set is picked by name — its annotations from bench/<name>/, its
documents from .cache/<name>/ — and every committed set agrees with its manifest and keeps
people's contact details out of the repository. No document is parsed."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

import pytest
from bench import gold_set

HELD_OUT = ("holdout", "holdout2", "holdout3")


def annotations(name: str) -> list[dict[str, object]]:
    folder = gold_set.BENCH / name
    return [tomllib.loads(p.read_text()) for p in sorted(folder.glob("*.gold.toml"))]


def manifest(name: str) -> dict[str, dict[str, str]]:
    with (gold_set.BENCH / name / "MANIFEST.tsv").open(newline="", encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}


def test_every_held_out_set_is_offered() -> None:
    assert set(HELD_OUT) <= set(gold_set.held_out_sets())


@pytest.mark.parametrize("name", HELD_OUT)
def test_every_annotation_is_in_the_manifest_with_its_checksum(name: str) -> None:
    rows = manifest(name)
    gold = annotations(name)
    assert gold and len(gold) == len(rows)
    for entry in gold:
        row = rows[str(entry["file"])]
        assert (row["repo"], row["commit"], row["sha256"]) == (
            entry["repo"],
            entry["commit"],
            entry["sha256"],
        )


@pytest.mark.parametrize("name", HELD_OUT)
def test_email_and_phone_facts_are_redacted(name: str) -> None:
    contact = {"has-email", "has-phone"}
    for entry in annotations(name):
        facts = entry.get("facts", [])
        assert isinstance(facts, list)
        for fact in facts:
            if fact["what"] in contact:
                assert fact["evidence"] == "" and fact.get("evidence_redacted") is True


def test_a_set_reads_its_documents_from_its_own_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gold_set, "CACHE", tmp_path)
    (tmp_path / "holdout2").mkdir()
    for entry in annotations("holdout2"):
        (tmp_path / "holdout2" / str(entry["file"])).write_bytes(b"stand-in " + bytes(1))
    entries, note = gold_set.holdout_entries("holdout2")
    assert len(entries) == len(annotations("holdout2")) and note == ""
    assert all(e.path.parent == tmp_path / "holdout2" for e in entries)
    assert gold_set.holdout_entries("holdout")[0] == []  # nothing of the other set is there


def test_missing_documents_name_the_command_that_fetches_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(gold_set, "CACHE", gold_set.ROOT / ".cache" / "absent-in-this-test")
    entries, note = gold_set.holdout_entries("holdout2")
    assert entries == []
    assert "materialize.py --set holdout2" in note


def test_printed_quotes_hide_phones_written_in_pairs_but_keep_date_ranges() -> None:
    mask = gold_set.Masker(frozenset())
    assert mask("site.example.io +33 (0) 6 12 34 56 78") == "site.example.io <phone>"
    assert mask("Tel. 06 12 34 56 78") == "Tel. <phone>"
    assert mask("05/2008 - 12/2010 Sales") == "05/2008 - 12/2010 Sales"
