"""A text sent as `payload_decoded` becomes, in the simulator, the pages `berichten` would send.

A client may send text instead of pages; the simulator then encodes it itself (osmo-cbc 0.4.0
would pack GSM-7 across page boundaries). These tests hold the two encoders to the same bytes and
the same DCS, over HTTP, through the ECBE GET that a client reads back.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st

from berichten.errors import BerichtTooLong
from berichten.gsm7 import is_gsm7
from berichten.paginas import encode
from sim.service import create_app

ECBE = "/api/ecbe/v1/message"
MESSAGE_ID = 4370
TEST_2022 = (
    "NL-Alert 13-06-2022 12:00: TESTBERICHT. De overheid waarschuwt je tijdens noodsituaties via"
    " NL-Alert. Je leest dan wat je moet doen en waar je meer informatie kan vinden. Kijk op"
    " www.nl-alert.nl *** TEST MESSAGE Netherlands Government Public Warning System. No action"
    " required. More information: www.nl-alert.nl/english"
)
UITBREIDING = "^{}\\[~]|€"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    # No area is sent, so the reach core is never loaded.
    return create_app({"DATA_DIR": str(tmp_path_factory.mktemp("sim-decoded"))}).test_client()


_codes: Iterator[int] = itertools.cycle(range(1024))


def via_sim(client: FlaskClient, tekst: str, tekenset: str, taal: str | None) -> Any:
    """POST the text as payload_decoded; the (dcs, pages) the simulator lists, or the 400 reason."""
    code = next(_codes)
    decoded: dict[str, Any] = {"character_set": tekenset, "data_utf8": tekst, "dcs_class": 0}
    if taal is not None:
        decoded["language"] = taal
    body = {
        "cbe_name": "contract",
        "repetition_period": 10,
        "scope": {"scope_plmn": {}},
        "smscb_message": {
            "message_id": MESSAGE_ID,
            "serial_nr": {
                "serial_nr_decoded": {"geo_scope": "plmn_wide", "msg_code": code, "update_nr": 0}
            },
            "payload": {"payload_decoded": decoded},
        },
    }
    antwoord = client.post(ECBE, json=body)
    if antwoord.status_code == 400:
        return antwoord.get_data(as_text=True)
    assert antwoord.status_code == 201, antwoord.get_data(as_text=True)
    lijst = client.get(f"{ECBE}/{MESSAGE_ID}?msg_code={code}").get_json()["messages"]
    assert client.delete(f"{ECBE}/{MESSAGE_ID}?msg_code={code}").status_code == 200
    [bericht] = lijst
    return bericht["dcs"], tuple(bericht["pages"])


def verwacht(tekst: str, taal: str) -> tuple[int, tuple[str, ...]]:
    paginas = encode(tekst, taal)
    return paginas.dcs, paginas.page_hex


def iso(taal: str) -> str | None:
    """What a client sends as `language`: the ISO 639-1 code, or nothing (pap has none)."""
    return taal if len(taal) == 2 else None


GSM7_TEKSTEN = [
    (TEST_2022, "nl"),
    ("Grote brand in Alkmaar. Kosten: €0 [gratis] {info} ~ | ^ \\", "nl"),
    ("Large fire in Alkmaar. Stay indoors. Close windows and doors. Info: crisis.nl", "en"),
    ("Großbrand bei Venlo. Bleiben Sie drinnen. Schließen Sie Fenster und Türen.", "de"),
    ("Grand incendie à Lille. Restez à l'intérieur. Fermez portes et volets.", "fr"),
    ("Büyük yangin. Iceride kalin. Pencere ve kapilari kapatin.", "tr"),
    ("Duzy pozar w Alkmaar. Zostan w domu. Zamknij okna i drzwi.", "pl"),
    ("Kandela grandi na Alkmaar. Sera bentana i porta.", "pap"),  # DCS 0x0F, no language
    ("Regel een\r\nregel twee\rregel drie", "nl"),  # CR and CRLF become LF, as in berichten
]
UCS2_TEKSTEN = [
    ("حريق كبير في ألكمار. ابق بعيدا عن الدخان. أغلق النوافذ والأبواب.", "ar"),
    ("Велика пожежа в Алкмарі. Тримайтеся подалі від диму. Зачиніть вікна.", "uk"),
    ("Увага! " * 20, "uk"),  # four pages of 40 characters after the language
    ("Büyük yangın. İçeride kalın.", "tr"),  # ı and İ are not GSM-7: UCS-2 with language
    ("Brand bij de Reünie in Zoë's café.", "nl"),
    ("Kandela grandi na Alkmaar. Sera bentana i porta.\u2019", "pap"),  # 0x48, no language
    ("а" * 39 + "😀" + "б" * 50, "uk"),  # a surrogate pair does not fit at 40 and moves on
    ("а" * 40 + "😀" * 30, "ar"),
]
# Extension characters (2 septets) around the 93-septet page boundary, at every offset.
GRENS_TEKSTEN = [("x" * n + teken * 3 + "y", "nl") for n in range(89, 94) for teken in UITBREIDING]
GRENS_TEKSTEN += [("z" * 92 + UITBREIDING * 20, "en"), ("€" * 47 + "x" * 100, "de")]


def naam(waarde: object) -> str:
    """A short test id: the language, or the length and start of the text."""
    return str(waarde) if len(str(waarde)) <= 3 else f"{len(str(waarde))}:{str(waarde)[:12]!a}"


@pytest.mark.parametrize(("tekst", "taal"), GSM7_TEKSTEN + GRENS_TEKSTEN, ids=naam)
def test_gsm7_text_becomes_the_pages_berichten_encodes(
    client: FlaskClient, tekst: str, taal: str
) -> None:
    dcs, pages = verwacht(tekst, taal)
    assert via_sim(client, tekst, "gsm", iso(taal)) == (dcs, pages)


@pytest.mark.parametrize(("tekst", "taal"), UCS2_TEKSTEN, ids=naam)
def test_ucs2_text_becomes_the_pages_berichten_encodes(
    client: FlaskClient, tekst: str, taal: str
) -> None:
    dcs, pages = verwacht(tekst, taal)
    assert dcs == (0x11 if iso(taal) else 0x48)
    assert via_sim(client, tekst, "ucs2", iso(taal)) == (dcs, pages)


def test_multi_page_texts_are_multi_page() -> None:
    assert len(verwacht(TEST_2022, "nl")[1]) == 4
    assert len(verwacht("Увага! " * 20, "uk")[1]) == 4
    # 89-93 characters, 3 extension characters and one more: 96-100 septets, two pages.
    assert {len(verwacht(t, "nl")[1]) for t, _ in GRENS_TEKSTEN[:45]} == {2}


def test_a_text_outside_gsm7_sent_as_gsm_is_refused_with_a_reason(client: FlaskClient) -> None:
    reden = via_sim(client, "Brand bij Zoë thuis", "gsm", "nl")
    assert isinstance(reden, str)
    assert "'ë'" in reden and "GSM-7" in reden and "ucs2" in reden


GSM7_ALFABET = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà" + UITBREIDING
)
GSM7_TALEN = ["de", "en", "it", "fr", "es", "nl", "sv", "da", "pt", "fi", "no", "el", "tr", "hu"]
GSM7_TALEN += ["pl", "pap", "ar", "uk"]  # pap: 0x0F without language; ar, uk: 0x0F with one


@settings(max_examples=150)
@given(
    st.text(alphabet=GSM7_ALFABET, min_size=1, max_size=1500)
    | st.lists(st.sampled_from(["a", "€", "ab", "[]", " "]), min_size=1, max_size=800).map("".join),
    st.sampled_from(GSM7_TALEN),
)
def test_any_gsm7_text_becomes_the_pages_berichten_encodes(
    client: FlaskClient, tekst: str, taal: str
) -> None:
    assert is_gsm7(tekst.replace("\r", "\n"))
    try:
        dcs, pages = verwacht(tekst, taal)
    except BerichtTooLong as exc:
        reden = via_sim(client, tekst, "gsm", iso(taal))
        assert reden == f"de tekst past niet in 15 pagina's: er zijn er {exc.pages} nodig"
        return
    assert via_sim(client, tekst, "gsm", iso(taal)) == (dcs, pages)


UCS2_TEKENS = st.characters(codec="utf-16", exclude_categories=["Cs"], exclude_characters="\ufffe")


@settings(max_examples=100)
@given(
    st.text(alphabet=UCS2_TEKENS, max_size=400),
    st.sampled_from("ыحë😀"),
    st.sampled_from(["ar", "uk", "nl", "tr", "pap"]),
)
def test_any_ucs2_text_becomes_the_pages_berichten_encodes(
    client: FlaskClient, tekst: str, niet_gsm7: str, taal: str
) -> None:
    tekst += niet_gsm7  # so that berichten, which chooses itself, chooses UCS-2 too
    try:
        dcs, pages = verwacht(tekst, taal)
    except BerichtTooLong as exc:
        reden = via_sim(client, tekst, "ucs2", iso(taal))
        assert reden == f"de tekst past niet in 15 pagina's: er zijn er {exc.pages} nodig"
        return
    assert via_sim(client, tekst, "ucs2", iso(taal)) == (dcs, pages)


def test_the_store_does_not_fill_up(client: FlaskClient) -> None:
    """Every example above deleted its broadcast: nothing is left active."""
    assert client.get(ECBE).get_json() == {"messages": []}
