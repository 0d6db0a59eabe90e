"""The version of a category's texts: what an accessibility sign-off is bound to."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from collections.abc import Callable

import pytest

from berichten import versie
from berichten.versie import msgids, teksten_versie
from handelingsperspectieven import perspectief
from vertalingen import catalogi

CATEGORIE = "brand-rook"


def _met_vertaling(
    monkeypatch: pytest.MonkeyPatch, taal: str, aanpassing: Callable[[dict[str, str]], object]
) -> None:
    """Replace the cached catalogue of one language by an adjusted copy."""
    echt = catalogi._vertalingen

    def nep(locale: str, domein: str) -> dict[str, str]:
        uit = dict(echt(locale, domein))
        if locale == taal:
            aanpassing(uit)
        return uit

    monkeypatch.setattr(catalogi, "_vertalingen", nep)


def test_version_is_a_short_hex_hash_and_differs_per_category() -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", teksten_versie(CATEGORIE))
    assert teksten_versie(CATEGORIE) == teksten_versie(CATEGORIE)
    assert teksten_versie(CATEGORIE) != teksten_versie("gaslek")


def test_version_is_stable_across_processes() -> None:
    # A set iterated in the hash would change with PYTHONHASHSEED; another process proves not.
    code = f"from berichten.versie import teksten_versie; print(teksten_versie({CATEGORIE!r}))"
    uit = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert uit.stdout.strip() == teksten_versie(CATEGORIE)


def test_changed_translation_changes_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    voor = teksten_versie(CATEGORIE)
    msgid = perspectief(CATEGORIE).acties[0].tekst.je
    _met_vertaling(monkeypatch, "ar", lambda d: d.__setitem__(msgid, "ترجمة أخرى."))
    assert teksten_versie(CATEGORIE) != voor


def test_removed_translation_changes_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    voor = teksten_versie(CATEGORIE)
    _met_vertaling(monkeypatch, "pl", lambda d: d.pop(perspectief(CATEGORIE).kort, None))
    assert teksten_versie(CATEGORIE) != voor


def test_changed_template_sentence_translation_changes_the_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    voor = teksten_versie(CATEGORIE)
    _met_vertaling(
        monkeypatch, "en", lambda d: d.__setitem__("Meer informatie op %(link)s.", "See %(link)s.")
    )
    assert teksten_versie(CATEGORIE) != voor


def test_translation_of_another_categorys_text_leaves_the_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    voor, gaslek_voor = teksten_versie(CATEGORIE), teksten_versie("gaslek")
    ander = next(
        m for m in msgids(perspectief("gaslek")) if m not in msgids(perspectief(CATEGORIE))
    )
    _met_vertaling(monkeypatch, "de", lambda d: d.__setitem__(ander, "Etwas anderes."))
    assert teksten_versie(CATEGORIE) == voor
    assert teksten_versie("gaslek") != gaslek_voor


def test_changed_dutch_text_changes_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    voor = teksten_versie(CATEGORIE)
    echt = perspectief(CATEGORIE)
    monkeypatch.setattr(
        versie, "perspectief", lambda c: dataclasses.replace(echt, kort=echt.kort + " Nu.")
    )
    assert teksten_versie(CATEGORIE) != voor


def test_msgids_cover_actions_captions_labels_and_template() -> None:
    p = perspectief(CATEGORIE)
    ids = msgids(p)
    assert len(ids) == len(set(ids))
    for actie in p.acties:
        assert actie.tekst.je in ids and actie.bijschrift in ids
    assert p.wat.je in ids and p.kort in ids and p.cap_event in ids
    assert "Meer informatie op %(link)s." in ids
