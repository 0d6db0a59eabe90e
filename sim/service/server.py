"""Serve the simulator with werkzeug's threaded HTTP server, in the foreground or in a thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server


def http_server(app: Flask, host: str = "127.0.0.1", port: int = 5001) -> BaseWSGIServer:
    """A real, threaded HTTP server for the app (port 0 picks a free port)."""
    return make_server(host, port, app, threaded=True)


def url_van(server: BaseWSGIServer) -> str:
    """The base URL a client uses to reach the server."""
    host = server.host if ":" not in server.host else f"[{server.host}]"
    return f"http://{host}:{server.server_port}"


def serve_in_thread(
    app: Flask, port: int = 0, host: str = "127.0.0.1"
) -> tuple[str, Callable[[], None]]:
    """Start the app on a background thread; return its URL and a function that stops it."""
    server = http_server(app, host, port)
    # A short poll interval: stopping (tests start and stop many) then takes milliseconds.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="sim-http", daemon=True
    )
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)

    return url_van(server), stop
