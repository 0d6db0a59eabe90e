"""Dutch text rules behind the readability indicators: sentences, words, syllables, word lists.

Conventions, chosen so that alert texts measure fairly:

- A leading header "NL-Alert 22-11-2026 14:30:" (and "UPDATE 1:") is skipped, not a sentence:
  the reader scans it, and the composer puts it on every message alike.
- A sentence ends at . ! or ? before white space or the end, and at every line break (alert and
  B1 texts put one sentence per line). A dot inside crisis.nl, 14.30 or 3.5 is no end; neither
  is the dot of a known abbreviation (bijv., o.a.) unless it ends the text.
- A number, time, URL or e-mail address counts as one word of one syllable: it lengthens the
  sentence, but the reader takes it in as one unit and it is not a hard word.
- Syllables are pyphen's hyphenation points + 1 (Dutch dictionary). Pyphen marks where a word
  may be broken, not every syllable: it never splits off a single letter at either end
  (o-pen, i-dee, ra-di-o count one short), so every miss is an undercount and Flesch-Douma reads
  a little too easy. The test suite states the agreement with hand counts.

The word lists are short on purpose: each entry is a word that NL-Alert and government texts use
and that DOMAIN.md section 6 (and the WEA research cited there) tells us to avoid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pyphen
from wordfreq import zipf_frequency

# Zipf 3 = once per million words (wordfreq's scale); below it a word is rare for a B1 reader.
ZIPF_GRENS = 3.0
LANG_LETTERGREPEN = 4
LANG_LETTERS = 13

# Header, then the exercise/test marker and the update marker, in the order of bericht.j2's Dutch
# msgids (a test renders the template and checks they are all skipped).
KOP = re.compile(
    r"\A\s*(?:NL-Alert\s+\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\s+\d{1,2}[:.]\d{2}\s*:?)?"
    r"\s*(?:OEFENING\.\s+Dit is geen echte noodsituatie\.|TESTBERICHT\.)?"
    r"\s*(?:UPDATE\s+\d+\s*:)?",
    re.IGNORECASE,
)
EINDE = re.compile(r"[.!?]+[\"'”’)]*(?=\s|\Z)|\n")
RAND = "\"'“”‘’„()[]{}<>.,;:!?«»…*–—-"
URL = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?:[\w-]+\.)+(?:nl|com|org|net|eu|be|de|info|nu|gov|frl|amsterdam|io)(?:/\S*)?",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[^\W\d_]+")
_CIJFERS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True, kw_only=True)
class JargonRegel:
    """A piece of crisis or government jargon and the plain words to write instead."""

    patroon: re.Pattern[str]
    alternatief: str  # already quoted for the reader: "'ramp' of 'ongeluk'"
    afkorting: bool = False


def _j(patroon: str, alternatief: str) -> JargonRegel:
    # Whole words only, any case: jargon is jargon at the start of a sentence too.
    return JargonRegel(
        patroon=re.compile(rf"\b(?:{patroon})\b", re.IGNORECASE), alternatief=alternatief
    )


def _a(afkorting: str, alternatief: str) -> JargonRegel:
    # Case-sensitive, so the ordinary words "grip" and "rot" are not taken for GRIP and ROT.
    return JargonRegel(
        patroon=re.compile(rf"\b{afkorting}\b"), alternatief=alternatief, afkorting=True
    )


JARGON: tuple[JargonRegel, ...] = (
    _j(r"evacu\w*|geëvacueerd", "'weggaan'"),
    _j(r"ontruim\w*", "'weggaan uit het gebouw'"),
    _j(r"calamiteit\w*", "'ramp' of 'ongeluk'"),
    _j(r"handelingsperspectie\w*", "'wat je moet doen'"),
    _j(r"mechanische ventilatie|ventilatiesyste\w*", "'ventilatie'"),
    _j(r"schuil(?:en|t)?|schuilplaats\w*", "'naar binnen gaan'"),
    _j(r"incident(?:en)?", "'ongeluk' of zeg wat er gebeurt"),
    _j(r"hulpdienst(?:en)?", "'politie, brandweer en ambulance'"),
    _j(r"verontreinig\w*|contamin\w*|gecontamineerd", "'vuil' of 'giftig'"),
    _j(r"preventie\w*", "'voor de zekerheid'"),
    _j(r"omwonenden", "'mensen in de buurt'"),
    _j(r"rookontwikkeling", "'rook'"),
    _j(r"ter plaatse", "'daar'"),
    _j(r"betreffende|inzake|aangaande", "'over'"),
    _j(r"middels", "'met'"),
    _j(r"ten ?gevolge van|in verband met", "'door'"),
    _j(r"aangezien", "'omdat'"),
    _j(r"teneinde", "'om'"),
    _j(r"alsmede", "'en'"),
    _j(r"gelieve", "een opdracht: 'Blijf binnen'"),
    _j(r"dien(?:t|en) te", "een opdracht: 'Blijf binnen'"),
    _j(r"sein veilig", "'het gevaar is voorbij'"),
    _j(r"noodverordening", "'regel van de burgemeester'"),
    _j(r"drinkwatervoorziening", "'kraanwater'"),
    # Abbreviations: the WEA research in DOMAIN.md section 6 says none at all.
    _a("GHOR", "'medische hulp'"),
    _a("VR", "'veiligheidsregio'"),
    _a("GGD", "'gezondheidsdienst'"),
    _a("GRIP", "niets; zeg wat mensen moeten doen"),
    _a("RIVM", "'het instituut voor gezondheid en milieu'"),
    _a("KNMI", "'het weerinstituut'"),
    _a("NCTV", "'de overheid'"),
    _a("BHV", "'hulpverleners in het gebouw'"),
    _a("BOA", "'handhaver'"),
    _a("ROT|CoPI|LCMS|BRZO", "niets; dit is een term voor hulpverleners"),
)

# All-capital words that are not abbreviations a reader has to decode.
HOOFDLETTERWOORDEN_OK = frozenset({"NL", "OK", "TV"})

# Dotted abbreviations, keyed without the final dot. They never end a sentence (unless they end
# the text) and they are reported with the words to write out.
AFKORTINGEN: dict[str, str] = {
    "a.u.b": "alstublieft",
    "bijv": "bijvoorbeeld",
    "bv": "bijvoorbeeld",
    "ca": "ongeveer",
    "d.w.z": "dat wil zeggen",
    "dhr": "meneer",
    "e.d": "en dergelijke",
    "enz": "enzovoort",
    "etc": "enzovoort",
    "evt": "misschien",
    "excl": "zonder",
    "i.p.v": "in plaats van",
    "i.v.m": "door",
    "incl": "met",
    "m.b.t": "over",
    "m.u.v": "behalve",
    "max": "hoogstens",
    "mevr": "mevrouw",
    "min": "minstens",
    "nr": "nummer",
    "o.a": "onder andere",
    "t.z.t": "later",
    "t/m": "tot en met",
    "tel": "telefoon",
    "z.s.m": "zo snel mogelijk",
}

# Words that are rare in wordfreq's general Dutch list but that every reader of an NL-Alert knows.
BEKENDE_WOORDEN = frozenset({"nl-alert", "nl-alerts"})

WORDEN = frozenset({"word", "wordt", "worden", "werd", "werden", "geworden"})

MODALE_WERKWOORDEN: dict[str, str] = {
    vorm: lemma
    for lemma, vormen in {
        "moeten": "moet moeten moest moesten gemoeten",
        "mogen": "mag mogen mocht mochten gemogen gemocht",
        "kunnen": "kan kun kunt kunnen kon konden gekund",
        "zullen": "zal zult zullen zou zouden",
        "willen": "wil wilt willen wilde wilden wou wouden gewild",
    }.items()
    for vorm in vormen.split()
}

# A past participle: ge-...-d/t/en, optionally after a separable particle (afgeraden, opgeroepen),
# or an unstressed prefix be-/ver-/ont-/her- with -d/-t (verzocht, ontruimd). Infinitives with
# those prefixes are left out: "worden" never takes an infinitive, so they only add noise.
DEELWOORD = re.compile(
    r"(?:af|aan|op|uit|in|mee|door|over|weg|terug|dicht|toe|na|vast|bij|om|voor|neer|samen)?"
    r"ge\w{2,}(?:d|t|en)|(?:be|ver|ont|her)\w{2,}[dt]|besloten|verboden|vergeten|bevolen"
)

# Words that look like participles but are nouns, adjectives or present tenses; found in a
# sentence with "wordt" they would make "Het wordt gevaar..." read as passive.
GEEN_DEELWOORD = frozenset(
    {
        "geeft",
        "geef",
        "geldt",
        "gelden",
        "geven",
        "gebruiken",
        "gebeuren",
        "gebeurt",
        "gevaar",
        "gebied",
        "gebieden",
        "gebouw",
        "gebouwen",
        "gemeente",
        "gemeenten",
        "gezond",
        "gezondheid",
        "geld",
        "gevolgen",
        "gevecht",
        "gezicht",
        "gewicht",
        "gerecht",
        "geluid",
        "gedicht",
        "geest",
        "gerust",
        "gelegen",
        "geleden",
        "geheten",
        "gezin",
        "gezinnen",
        "gedeelte",
        "bericht",
        "berichten",
        "bestand",
        "verstand",
        "verband",
        "verbod",
        "ontbijt",
        "bezit",
        "begint",
        "betekent",
        "bestaat",
        "bevat",
        "verandert",
        "vertrekt",
        "verlaat",
        "beweegt",
        "verkeert",
        "vertelt",
        "bedient",
    }
)


@cache
def _pyphen() -> pyphen.Pyphen:
    # Loaded on first use: nothing reads files at import time.
    return pyphen.Pyphen(lang="nl_NL")


@cache
def lettergrepen(woord: str) -> int:
    """Syllables of one word: pyphen's hyphenation points + 1 (see the module docstring)."""
    letters = _LETTERS.findall(woord)
    if not letters:
        return 1
    telling = sum(len(_pyphen().positions(deel.lower())) + 1 for deel in letters)
    return telling + len(_CIJFERS.findall(woord))


@cache
def zipf(woord: str) -> float:
    """Zipf frequency of the most frequent of a word's regular forms in wordfreq's Dutch list.

    Corpora hold few imperatives, so 'blus' and 'kook' would look rare; the infinitive and the
    third person count too ('blussen', 'koken', 'kookt').
    """
    w = woord.lower()
    vormen = {w, w + "en", w + "t"}
    if re.search(r"[^aeiou][aeiou][^aeiouwy]$", w):
        vormen.add(w + w[-1] + "en")  # blus -> blussen
    if m := re.search(r"([aeou])\1([^aeiou])$", w):
        stam = w[: m.start()] + m.group(1)
        slot = {"f": "v", "s": "z"}.get(m.group(2), m.group(2))
        vormen |= {stam + m.group(2) + "en", stam + slot + "en"}  # kook -> koken, lees -> lezen
    return max(zipf_frequency(v, "nl") for v in vormen)


def zinnen(tekst: str) -> tuple[str, tuple[str, ...]]:
    """The skipped header and the sentences of a text, by the rules in the module docstring."""
    kop = KOP.match(tekst)
    einde_kop = kop.end() if kop else 0
    rest = tekst[einde_kop:]
    uit: list[str] = []
    begin = 0
    for m in EINDE.finditer(rest):
        if (
            m.group() != "\n"
            and _is_afkorting(rest[begin : m.start() + 1])
            and rest[m.end() :].strip()
        ):
            continue
        uit.append(rest[begin : m.end()].strip())
        begin = m.end()
    uit.append(rest[begin:].strip())
    return tekst[:einde_kop].strip(), tuple(z for z in uit if woorden(z))


def _is_afkorting(stuk: str) -> bool:
    laatste = stuk.split()[-1] if stuk.split() else ""
    return laatste.lstrip(RAND).rstrip(".").lower() in AFKORTINGEN


def woorden(zin: str) -> list[tuple[str, bool]]:
    """The words of a sentence, each with True when it is a real word (not number or URL)."""
    uit: list[tuple[str, bool]] = []
    for ruw in zin.split():
        kaal = ruw.strip(RAND)
        if URL.fullmatch(kaal) or kaal.lower() in AFKORTINGEN:
            uit.append((kaal, not URL.fullmatch(kaal)))
            continue
        for deel in kaal.split("/"):
            deel = deel.strip(RAND)
            if any(c.isalpha() for c in deel):
                uit.append((deel, True))
            elif any(c.isdigit() for c in deel):
                uit.append((deel, False))
    return uit
