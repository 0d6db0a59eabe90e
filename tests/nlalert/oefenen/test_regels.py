"""Finding the line of a key in TOML text, across arrays of tables and multi-line values."""

from __future__ import annotations

import tomllib

from nlalert.oefenen.regels import regel_van, regels

TEKST = '''\
titel = "x"  # a comment [not a table]
tekst = """
One line of text.
[[inject]]
tijd = 99
"""

[[inject]]
tijd = 0
punten = [
  [4.5, 51.6],
  [4.6, 51.7]
]

[[inject]]
tijd = 5
"[x]" = "]"

[grondwaarheid.gebied]
sector = { lat = 51.7, lon = 4.6 }

[[grondwaarheid.taal]]
code = "de"
'''


def test_keys_are_found_on_their_lines() -> None:
    tomllib.loads(TEKST)  # the text itself is valid TOML
    gevonden = regels(TEKST)
    assert gevonden[("titel",)] == 1 and gevonden[("tekst",)] == 2
    assert gevonden[("inject", 0)] == 8 and gevonden[("inject", 0, "tijd")] == 9
    assert gevonden[("inject", 1, "tijd")] == 16
    assert gevonden[("grondwaarheid", "gebied", "sector")] == 20
    assert gevonden[("grondwaarheid", "taal", 0, "code")] == 23
    assert ("inject", 2) not in gevonden  # no inject table inside the multi-line string
    assert ("tijd",) not in gevonden
    # No table headers made up from the lines of a multi-line array.
    assert {pad[0] for pad in gevonden} == {"titel", "tekst", "inject", "grondwaarheid"}


def test_a_missing_key_points_at_its_table() -> None:
    gevonden = regels(TEKST)
    assert regel_van(gevonden, ("inject", 1, "tekst")) == 15
    assert regel_van(gevonden, ("grondwaarheid", "gebied", "sector", "lat")) == 20
    assert regel_van(gevonden, ("nergens",)) is None
