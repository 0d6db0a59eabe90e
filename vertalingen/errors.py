"""The root of every error of the language package; each message is a translatable Dutch msgid.

The families live beside the code that raises them: `talen.OnbekendeTaal`,
`pictogrammen.OnbekendPictogram`, `leesbaarheid.LeesbaarheidFout` (and its `LegeTekst`,
`AlleenNederlands`) and `beheer.BeheerFout`.
"""

from __future__ import annotations

from handelingsperspectieven.meldingen import MeldingError


class VertalingenError(MeldingError):
    """Base of every error of the language package."""
