"""The catalogue content: every category loads, is complete, fits a broadcast and reads easily."""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pyphen
import pytest

from berichten.gsm7 import is_gsm7
from handelingsperspectieven import (
    Handelingsperspectief,
    OngeldigBestand,
    Register,
    ResponseType,
    Severity,
    Tekst,
    Urgency,
    acties,
    bronnen,
    catalogus,
    laden,
    placeholders,
    velden,
    voorbeeldvelden,
)

VEREIST = {
    "brand-rook",
    "gevaarlijke-stoffen",
    "explosie",
    "straling",
    "overstroming-dreigend",
    "overstroming-evacuatie",
    "extreem-weer",
    "hitte",
    "stroomuitval",
    "112-storing",
    "drinkwater-koken",
    "drinkwater-niet-gebruiken",
    "natuurbrand",
    "terreur",
    "infectieziekte",
    "gaslek",
    "grote-drukte",
    "gevaarlijke-stroming",
    "vermist-kind",
    "controlebericht",
    "einde-dreiging",
}
TEST = "controlebericht"  # the national test message: no place, no link field

# Publishers and web sites of the sources DOMAIN.md section 2 names (nl-alert.nl: section 1).
UITGEVERS = {
    "Rijksoverheid",
    "Veiligheidsregio Noord-Holland Noord",
    "Veiligheidsregio Kennemerland",
    "Veiligheidsregio Flevoland",
    "Veiligheidsregio Zuid-Holland Zuid",
    "Veiligheidsregio Twente",
    "Nationaal Coördinator Terrorismebestrijding en Veiligheid",
}
SITES = {
    "vrnhn.nl",
    "rijksoverheid.nl",
    "vrk.nl",
    "zhzveilig.nl",
    "crisis.nl",
    "overstroomik.nl",
    "nctv.nl",
    "vrtwente.nl",
    "nl-alert.nl",
}

# Optional fields the message template gives a sentence of its own (vertalingen/sjablonen/
# bericht.j2); any other optional field would silently not appear in the message.
LOSSE_VELDEN = {"plek", "stof", "wind", "weg", "sinds", "tot", "extra"}

KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
JE_WOORDEN = {"je", "jij", "jou", "jouw", "jezelf"}
U_WOORDEN = {"u", "uw", "uzelf"}
LIJDEND = re.compile(r"\b(worden|wordt|werd|werden|geworden)\b", re.IGNORECASE)

KOP = "NL-Alert 07-11-2023 13:37: "
TYPISCHE_PLAATS = "centrum Alkmaar"  # 15 characters
LINK_20 = "https://www.vrnhn.nl"
assert len(LINK_20) == 20
MAX_NL = 205  # "about 200": Dutch plus English must fit about 4 pages (370 GSM-7 characters)
# An update repeats the actions after its "still going on" sentence, which says more than `wat`.
MAX_NL_UPDATE = MAX_NL + 10

PERSPECTIEVEN = list(catalogus().values())
IDS = [p.id for p in PERSPECTIEVEN]


def _waarden(**anders: str) -> dict[str, str]:
    """Every field filled with its example from velden.toml, overridden by `anders`."""
    return {**{naam: v.voorbeeld for naam, v in velden().items()}, **anders}


def _teksten(p: Handelingsperspectief) -> list[Tekst]:
    return [p.wat, p.vervolg, p.einde, *p.b1, *(a.tekst for a in p.acties)]


def _strings(p: Handelingsperspectief) -> list[str]:
    """Every Dutch text of a category that can reach a reader, both registers."""
    enkel = [p.naam_nl, p.cap_event, p.kort, *(a.bijschrift for a in p.acties)]
    return enkel + [s for t in _teksten(p) for s in (t.je, t.u)]


def _woorden(zin: str) -> list[str]:
    """Words of a sentence; a placeholder counts as one word."""
    zin = re.sub(r"%\(\w+\)s", "Alkmaar", zin)
    return [w for w in (t.strip(".,:;?!()") for t in zin.split()) if w]


def test_all_required_categories_load() -> None:
    assert set(catalogus()) >= VEREIST


@pytest.mark.parametrize("p", PERSPECTIEVEN, ids=IDS)
def test_category_has_actions_and_a_link(p: Handelingsperspectief) -> None:
    assert p.acties
    if p.id == TEST:
        assert "link" not in p.velden
        assert any("www.nl-alert.nl" in a.tekst.je for a in p.acties)
    else:
        assert "link" in p.verplichte_velden
        assert "plaats" in p.verplichte_velden


@pytest.mark.parametrize("p", PERSPECTIEVEN, ids=IDS)
def test_every_placeholder_is_a_declared_field(p: Handelingsperspectief) -> None:
    gebruikt = set(placeholders(p.kort)).union(
        *(placeholders(s) for t in _teksten(p) for s in (t.je, t.u))
    )
    assert gebruikt <= set(p.velden)
    assert set(p.velden) <= set(velden())


@pytest.mark.parametrize("p", PERSPECTIEVEN, ids=IDS)
def test_alert_texts_use_only_required_fields(p: Handelingsperspectief) -> None:
    # An optional field may be empty, so it must not appear inside a sentence the alert always has.
    vast = [p.wat, p.vervolg, p.einde, *(a.tekst for a in p.acties)]
    gebruikt = set().union(*(placeholders(t.je) for t in vast), placeholders(p.kort))
    assert gebruikt <= set(p.verplichte_velden)
    assert set(p.optionele_velden) <= LOSSE_VELDEN


@pytest.mark.parametrize("p", PERSPECTIEVEN, ids=IDS)
def test_what_update_and_all_clear_name_the_place(p: Handelingsperspectief) -> None:
    if p.id == TEST:
        assert not p.verplichte_velden
        return
    for tekst in (p.wat, p.vervolg, p.einde):
        assert "plaats" in placeholders(tekst.je)
    assert any("plaats" in placeholders(t.je) for t in p.b1)


@pytest.mark.parametrize("p", PERSPECTIEVEN, ids=IDS)
def test_dutch_texts_are_gsm7(p: Handelingsperspectief) -> None:
    for s in _strings(p):
        assert is_gsm7(s), s
        assert not set(s) & set("ëïË\u2018\u2019\u201c\u201d\u2013\u2014"), s


@pytest.mark.parametrize("p", PERSPECTIEVEN, ids=IDS)
def test_register_is_split_where_a_pronoun_addresses_the_reader(p: Handelingsperspectief) -> None:
    def woorden(s: str) -> set[str]:
        return {w.lower() for w in _woorden(s)}

    for s in [p.naam_nl, p.cap_event, p.kort, *(a.bijschrift for a in p.acties)]:
        assert not woorden(s) & (JE_WOORDEN | U_WOORDEN), s
    for t in _teksten(p):
        assert not woorden(t.je) & U_WOORDEN, t.je
        assert not woorden(t.u) & JE_WOORDEN, t.u


@pytest.mark.parametrize("p", PERSPECTIEVEN, ids=IDS)
def test_sentences_are_whole(p: Handelingsperspectief) -> None:
    for t in _teksten(p):
        for s in (t.je, t.u):
            # Easy Dutch may split a condition into a question: "Zie je het kind?" "Bel dan 112."
            assert s == s.strip() and s.endswith("." if t not in p.b1 else (".", "?")), s
            assert s[0].isupper() or s[0].isdigit() or s.startswith("%("), s


@pytest.mark.parametrize("p", PERSPECTIEVEN, ids=IDS)
def test_dutch_alert_fits_about_200_characters(p: Handelingsperspectief) -> None:
    waarden = _waarden(plaats=TYPISCHE_PLAATS, link=LINK_20)
    slot = [] if p.id == TEST else ["Meer informatie op %(link)s."]
    for register in Register:
        acties_ = [a.tekst.voor(register) for a in p.acties]
        soorten: tuple[tuple[Tekst, list[str], int], ...] = (
            (p.wat, acties_, MAX_NL),
            (p.vervolg, acties_, MAX_NL_UPDATE),
            (p.einde, [], MAX_NL),
        )
        for begin, volgend, grens in soorten:
            zinnen = [begin.voor(register), *volgend, *slot]
            tekst = KOP + " ".join(zinnen) % waarden
            assert len(tekst) <= grens, tekst


@pytest.mark.parametrize("p", PERSPECTIEVEN, ids=IDS)
def test_short_variant_fits_a_secondary_screen(p: Handelingsperspectief) -> None:
    kort = p.kort % _waarden(plaats="p" * 25, link="l" * 20)
    assert len(kort) <= 100, kort


# Flesch-Douma with pyphen's Dutch hyphenation (DOMAIN.md section 6). The product's own
# readability module (vertalingen) will replace this helper once it exists.
_PYPHEN = pyphen.Pyphen(lang="nl_NL")


def _lettergrepen(woord: str) -> int:
    return len(_PYPHEN.positions(woord)) + 1


def flesch_douma(zinnen: list[str]) -> float:
    """206.835 - 0.93 x words per sentence - 77 x syllables per word."""
    woorden = [w for z in zinnen for w in _woorden(z)]
    grepen = sum(_lettergrepen(w) for w in woorden)
    return 206.835 - 0.93 * len(woorden) / len(zinnen) - 77 * grepen / len(woorden)


def test_flesch_douma_scores_easy_and_hard_text_apart() -> None:
    assert flesch_douma(["Ga naar binnen.", "Doe de deur dicht."]) > 80
    assert flesch_douma(["Gemeentelijke verantwoordelijkheidsverdeling is ingewikkeld."]) < 30


@pytest.mark.parametrize("p", PERSPECTIEVEN, ids=IDS)
def test_easy_dutch_is_short_active_and_readable(p: Handelingsperspectief) -> None:
    assert p.b1
    for register in Register:
        zinnen = [t.voor(register) for t in p.b1]
        for zin in zinnen:
            assert len(_woorden(zin)) <= 8, zin
            assert not LIJDEND.search(zin), zin
        woorden = sum(len(_woorden(z)) for z in zinnen)
        assert woorden / len(zinnen) <= 10
        assert flesch_douma(zinnen) >= 70


@pytest.mark.parametrize("p", PERSPECTIEVEN, ids=IDS)
def test_sources_match_own_wording_flag(p: Handelingsperspectief) -> None:
    assert p.eigen_formulering == (not p.bronnen)
    for a in p.acties:
        assert a.eigen_formulering == (not a.bronnen), a.id


def test_sources_are_publishers_domain_names() -> None:
    for sleutel, bron in bronnen().items():
        assert bron.uitgever in UITGEVERS, sleutel
        host = urlparse(bron.url).hostname or ""
        assert urlparse(bron.url).scheme == "https", sleutel
        assert host.removeprefix("www.") in SITES, sleutel
        assert bron.titel, sleutel


def test_only_the_test_message_has_a_fixed_mode() -> None:
    modi = {p.id: p.vaste_modus for p in PERSPECTIEVEN}
    assert modi.pop(TEST) == "test"
    assert set(modi.values()) == {""}


def test_cap_defaults_fit_the_category() -> None:
    alles = catalogus()
    einde = alles["einde-dreiging"]
    assert einde.response_types == (ResponseType.ALLCLEAR,)
    assert (einde.severity, einde.urgency) == (Severity.MINOR, Urgency.PAST)
    assert alles[TEST].severity is Severity.MINOR
    assert alles[TEST].response_types == (ResponseType.NONE,)
    for p in PERSPECTIEVEN:
        assert p.response_types
        assert p.cap_event
        if p.id not in ("einde-dreiging", TEST):
            assert ResponseType.ALLCLEAR not in p.response_types, p.id
            assert p.severity in (Severity.EXTREME, Severity.SEVERE, Severity.MODERATE), p.id


def test_actions_have_kebab_ids_pictograms_and_captions() -> None:
    for a in acties().values():
        assert KEBAB.fullmatch(a.id), a.id
        assert KEBAB.fullmatch(a.pictogram), a.id
        assert 2 <= len(a.bijschrift.split()) <= 4, a.id


def test_one_advice_has_one_wording() -> None:
    teksten = [a.tekst.je for a in acties().values()]
    assert len(teksten) == len(set(teksten))
    # A shared pictogram must show the same thing, so it carries the same caption.
    per_pictogram: dict[str, set[str]] = {}
    for a in acties().values():
        per_pictogram.setdefault(a.pictogram, set()).add(a.bijschrift)
    assert all(len(b) == 1 for b in per_pictogram.values()), per_pictogram


def test_every_action_is_used() -> None:
    gebruikt = {a.id for p in PERSPECTIEVEN for a in p.acties}
    assert set(acties()) == gebruikt


def test_category_ids_are_kebab_case() -> None:
    assert all(KEBAB.fullmatch(i) for i in IDS)


def test_example_values_come_from_the_field_catalogue() -> None:
    for p in PERSPECTIEVEN:
        assert list(voorbeeldvelden(p)) == list(p.verplichte_velden)
        alle = voorbeeldvelden(p, optioneel=True)
        assert list(alle) == list(p.velden)
        assert all(alle[n] == velden()[n].voorbeeld for n in alle)


# --- the loader rejects malformed files ------------------------------------------------------


def test_invalid_toml_is_rejected_with_the_file_name(tmp_path: Path) -> None:
    bestand = tmp_path / "kapot.toml"
    bestand.write_text('id = "kapot"\nnaam_nl = \n', encoding="utf-8")
    with pytest.raises(OngeldigBestand) as info:
        laden._lees("kapot.toml", bestand)
    assert "catalogusbestand kapot.toml is ongeldig" in info.value.bericht


def _geldig() -> dict[str, Any]:
    bron = Path(laden.__file__).parent / "data" / "categorieen" / "brand-rook.toml"
    return tomllib.loads(bron.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("wijzig", "reden"),
    [
        (lambda d: d.pop("cap"), "'cap' ontbreekt"),
        (lambda d: d["tekst"].update(acties=["bestaat-niet"]), "onbekende actie"),
        (lambda d: d["velden"].update(optioneel=["geen-veld"]), "onbekend veld"),
        (lambda d: d["cap"].update(severity="Heel erg"), "Heel erg"),
        (lambda d: d["tekst"].update(kort="Brand %(stof)s. Info: %(link)s"), "velden"),
        (lambda d: d.update(eigen_formulering=True), "eigen_formulering"),
        (lambda d: d.update(vaste_modus="echt-niet"), "geen modus"),
        (lambda d: d["tekst"].update(acties="ga-naar-binnen"), "'acties' moet een lijst zijn"),
        (lambda d: d.update(tekst="geen tabel"), "tabel"),
        (lambda d: d["tekst"].update(kort=42), "'kort' moet een tekst zijn"),
        (lambda d: d["tekst"].update(wat="Brand in %(plaats)s met 100% rook."), "%-teken"),
        (lambda d: d["tekst"].update(wat="Brand in %(plaats)d."), "%-teken"),
    ],
)
def test_malformed_category_is_rejected(
    wijzig: Callable[[dict[str, Any]], object], reden: str
) -> None:
    data = _geldig()
    wijzig(data)
    with pytest.raises(OngeldigBestand) as info:
        laden._perspectief("kapot.toml", data)
    assert info.value.bestand == "kapot.toml"
    assert info.value.bericht.startswith("catalogusbestand kapot.toml is ongeldig: ")
    assert reden in info.value.bericht


@pytest.fixture
def kopie_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the data folder the loader reads instead of its own; caches cleared around it."""
    doel = tmp_path / "data"
    shutil.copytree(Path(laden.__file__).parent / "data", doel)
    monkeypatch.setattr(laden, "_data", lambda: doel)
    caches = (laden.catalogus, laden.acties, laden.velden, laden.bronnen)
    for c in caches:
        c.cache_clear()
    yield doel
    for c in caches:
        c.cache_clear()


def test_catalogue_names_the_broken_file(kopie_data: Path) -> None:
    (kopie_data / "categorieen" / "gaslek.toml").write_text("id = [\n", encoding="utf-8")
    with pytest.raises(OngeldigBestand) as info:
        catalogus()
    assert info.value.bestand == "gaslek.toml"
    assert "gaslek.toml" in info.value.bericht


def test_catalogue_rejects_an_id_that_does_not_match_the_file(kopie_data: Path) -> None:
    pad = kopie_data / "categorieen" / "hitte.toml"
    pad.write_text(pad.read_text(encoding="utf-8").replace('id = "hitte"', 'id = "warmte"'))
    with pytest.raises(OngeldigBestand, match="past niet bij de bestandsnaam"):
        catalogus()


def test_action_without_source_must_say_it_is_own_wording(kopie_data: Path) -> None:
    pad = kopie_data / "acties.toml"
    pad.write_text(pad.read_text(encoding="utf-8").replace('bronnen = ["vrtwente"]\n', "", 1))
    with pytest.raises(OngeldigBestand, match=r"acties\.toml \["):
        acties()
