"""Catalogue texts checked by what readers see: no character that forces UCS-2 for nothing.

Every text of every catalogue in vertalingen/locales (the Dutch msgids of the .pot included) is
checked with `berichten.tekencontrole.controleer`; a character that is meant is marked on its
entry with `# ucs2-bewust U+XXXX: reason` (see that module).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from berichten.tekencontrole import Vondst, controleer, markeringen, onnodig
from vertalingen import BRONTAAL

LOCALES = Path(__file__).parents[2] / "vertalingen" / "locales"
CATALOGI = sorted(LOCALES.glob("*/LC_MESSAGES/*.po"))
SJABLONEN = sorted(LOCALES.glob("*.pot"))


def _vondsten(pad: Path, taal: str) -> list[Vondst]:
    with pad.open("rb") as f:
        catalogus = read_po(f)
    uit: list[Vondst] = []
    for m in catalogus:
        if not m.id or not isinstance(m.id, str):
            continue
        tekst = m.id if pad.suffix == ".pot" else str(m.string or "")
        commentaren = [*m.user_comments, *m.auto_comments]
        uit += controleer(taal, m.id, tekst, commentaren)
    return uit


def test_every_catalogue_is_found() -> None:
    assert len(CATALOGI) >= 8 and SJABLONEN


@pytest.mark.parametrize("pad", CATALOGI, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_translations_use_no_character_that_forces_ucs2_unmarked(pad: Path) -> None:
    vondsten = _vondsten(pad, pad.parts[-3])
    assert not vondsten, "\n".join(str(v) for v in vondsten)


@pytest.mark.parametrize("pad", SJABLONEN, ids=lambda p: p.name)
def test_dutch_source_texts_use_no_character_that_forces_ucs2_unmarked(pad: Path) -> None:
    vondsten = _vondsten(pad, BRONTAAL)
    assert not vondsten, "\n".join(str(v) for v in vondsten)


PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

{commentaar}msgid "Sluit ramen en deuren."
msgstr "{vertaling}"
"""


def _po(tmp_path: Path, vertaling: str, commentaar: str = "") -> Path:
    pad = tmp_path / "fr" / "LC_MESSAGES" / "broadcast.po"
    pad.parent.mkdir(parents=True)
    pad.write_text(PO.format(vertaling=vertaling, commentaar=commentaar), encoding="utf-8")
    return pad


@pytest.mark.parametrize(
    "vertaling",
    [
        "Fermez portes et fenêtres. C\u2019est urgent.",  # typographic apostrophe
        "Fermez portes et fenêtres\u202f!",  # narrow no-break space before French punctuation
        "Fermez portes et fenêtres\u00a0!",  # no-break space
        "\u00abFermez portes et fenêtres\u00bb",  # guillemets
        "Fermez portes et fenêtres\u2026",  # ellipsis
    ],
)
def test_a_typographic_character_fails_naming_language_text_and_character(
    tmp_path: Path, vertaling: str
) -> None:
    vondsten = _vondsten(_po(tmp_path, vertaling), "fr")
    assert vondsten and all(v.taal == "fr" for v in vondsten)
    assert all(v.msgid == "Sluit ramen en deuren." for v in vondsten)
    assert "fr: U+" in str(vondsten[0]) and "Sluit ramen en deuren." in str(vondsten[0])


def test_letters_of_the_language_are_not_flagged(tmp_path: Path) -> None:
    # ê is French: GSM-7 spelling deals with letters, this check with punctuation and spaces.
    assert _vondsten(_po(tmp_path, "Fermez portes et fenêtres. Ça suffit."), "fr") == []


def test_a_marked_character_with_a_reason_passes(tmp_path: Path) -> None:
    commentaar = "# ucs2-bewust U+00AB U+00BB: the region's style guide asks for guillemets\n"
    pad = _po(tmp_path, "\u00abFermez portes et fenêtres\u00bb", commentaar)
    assert _vondsten(pad, "fr") == []


def test_a_mark_without_a_reason_or_for_an_absent_character_fails(tmp_path: Path) -> None:
    pad = _po(tmp_path, "Fermez\u00a0!", "# ucs2-bewust U+00A0 U+2019:\n")
    uitleg = sorted(v.uitleg for v in _vondsten(pad, "fr"))
    assert uitleg == [
        "marked ucs2-bewust but not in the text",
        "marked ucs2-bewust without a reason",
    ]


@pytest.mark.parametrize("taal", ["ar", "uk"])
def test_scripts_that_are_ucs2_by_nature_are_not_checked(taal: str) -> None:
    # Ukrainian writes the apostrophe inside words (м’ясо); Arabic has its own comma.
    assert controleer(taal, "x", "м’ясо، ؟") == []


def test_marks_are_read_from_code_points() -> None:
    assert markeringen(["ucs2-bewust U+202F U+00A0: French typography", "other comment"]) == {
        "\u202f": "French typography",
        "\u00a0": "French typography",
    }
    assert onnodig("a\u2019b\u2019c ê") == ["\u2019"]
