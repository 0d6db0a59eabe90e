"""Render message templates in a sandboxed Jinja2 environment, one language at a time."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from typing import Any

from jinja2 import PackageLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from vertalingen.catalogi import Vertaler


@cache
def _omgeving() -> SandboxedEnvironment:
    # Plain text for a phone, so no HTML autoescape here; the web layer escapes on output.
    omgeving = SandboxedEnvironment(
        loader=PackageLoader("vertalingen", "sjablonen"),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    # Newstyle gettext: the template passes placeholders by name and the callable fills them.
    omgeving.newstyle_gettext = True  # type: ignore[attr-defined]
    return omgeving


def _gettext(vertaler: Vertaler) -> Callable[..., str]:
    def gettext(__msgid: str, **waarden: Any) -> str:
        return vertaler.gettext(__msgid) % waarden

    return gettext


def _ngettext(vertaler: Vertaler) -> Callable[..., str]:
    def ngettext(__enkelvoud: str, __meervoud: str, __n: int, **waarden: Any) -> str:
        waarden.setdefault("num", __n)
        return vertaler.ngettext(__enkelvoud, __meervoud, __n) % waarden

    return ngettext


def render_zinnen(sjabloon: str, vertaler: Vertaler, **context: Any) -> list[str]:
    """Render a template in the vertaler's language and return its non-empty lines (sentences)."""
    omgeving = _omgeving()
    template = omgeving.get_template(sjabloon)
    # The i18n callables are passed per render (not installed globally), so concurrent renders in
    # different languages cannot see each other's translations.
    gettext = _gettext(vertaler)
    tekst = template.render(gettext=gettext, _=gettext, ngettext=_ngettext(vertaler), **context)
    return [regel.strip() for regel in tekst.splitlines() if regel.strip()]


@cache
def sjabloon_msgids(sjabloon: str) -> tuple[str, ...]:
    """The msgids of a template's `{% trans %}` blocks, in order, as Babel extracts them."""
    from jinja2.ext import babel_extract

    omgeving = _omgeving()
    assert omgeving.loader is not None  # set in _omgeving
    bron, _pad, _actueel = omgeving.loader.get_source(omgeving, sjabloon)
    # The options of [tool.babel] in pyproject.toml, so these are the msgids translators see.
    opties = {"extensions": "jinja2.ext.i18n", "trimmed": "true", "newstyle_gettext": "true"}
    gevonden = babel_extract(
        io.BytesIO(bron.encode("utf-8")), ("gettext", "ngettext", "_"), [], opties
    )
    uit: list[str] = []
    for _regel, _functie, bericht, _uitleg in gevonden:
        # A plural comes as (singular, plural, ...): both are msgids a reader may see.
        for msgid in bericht if isinstance(bericht, tuple) else (bericht,):
            if msgid and msgid not in uit:
                uit.append(msgid)
    return tuple(uit)
