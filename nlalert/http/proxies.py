"""Behind a reverse proxy: the client's address and scheme from X-Forwarded-For/-Proto.

Behind a proxy every request comes from the proxy's address, so the login rate limit
(`beveiliging.Begrenzer`) would count every user as one. With `NLALERT_PROXIES=N` the app trusts
the last N entries of `X-Forwarded-For` and `X-Forwarded-Proto`, as set by the N proxies in front
of it (werkzeug's ProxyFix). Without the setting those headers are ignored: anyone can send them,
and trusting them would let a client pick the address it is counted under.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from nlalert.fouten import N_, OngeldigeInvoer

MAX_PROXIES = 10


def aantal_proxies(waarde: object) -> int:
    """The configured number of trusted proxies; OngeldigeInvoer when it is not 0 to 10."""
    # From the environment "1" arrives as the number 1; from a test mapping it may be text.
    if isinstance(waarde, str) and waarde.strip().isdigit():
        waarde = int(waarde)
    if isinstance(waarde, bool) or not isinstance(waarde, int) or not 0 <= waarde <= MAX_PROXIES:
        raise OngeldigeInvoer(
            "NLALERT_PROXIES",
            N_("geef het aantal vertrouwde proxy's voor de app, 0 tot en met %(max)d"),
            max=MAX_PROXIES,
        )
    return waarde


def vertrouw_proxies(app: Flask) -> None:
    """Take the client's address and scheme from the headers of `PROXIES` trusted proxies."""
    aantal = aantal_proxies(app.config.get("PROXIES", 0) or 0)
    if aantal:
        # Host, port and prefix stay as the request says: the proxy passes Host on unchanged.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=aantal, x_proto=aantal, x_host=0, x_port=0, x_prefix=0
        )
