"""Passing one request on: the HTTP/1.1 handler that forwards, holds, delays or breaks it."""

from __future__ import annotations

import http.client
import socket
import struct
import sys
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import TCPServer, ThreadingMixIn
from typing import TYPE_CHECKING, Any

from tests.storing.soorten import (
    AntwoordKwijt,
    Logregel,
    Reset,
    Status,
    StatusNaDoorsturen,
    Storing,
    Vasthouden,
    Vertraging,
)

if TYPE_CHECKING:  # the proxy owns its server; the server only calls back into it
    from tests.storing.proxy import StoringProxy

# RFC 9110 section 7.6.1: these describe one connection and are never forwarded.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
_MAX_REGEL = 65536


@dataclass(frozen=True, slots=True)
class _Antwoord:
    """The target's complete answer, read before anything goes back to the client."""

    status: int
    reden: str
    headers: list[tuple[str, str]]
    body: bytes


def _verbindingstokens(waarde: str | None) -> set[str]:
    """Header names listed in a Connection header, hop-by-hop as well (RFC 9110 7.6.1)."""
    return {token.strip().lower() for token in (waarde or "").split(",") if token.strip()}


class Server(ThreadingMixIn, HTTPServer):
    # Not daemonic, so server_close() joins every handler thread.
    daemon_threads = False
    block_on_close = True

    def __init__(self, proxy: StoringProxy) -> None:
        self.proxy = proxy
        super().__init__(("127.0.0.1", 0), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks DNS for the host's FQDN, which can take seconds offline.
        TCPServer.server_bind(self)
        self.server_name, self.server_port = self.socket.getsockname()[:2]

    def handle_error(self, request: Any, client_address: Any) -> None:
        fout = sys.exception()
        # A client that gave up or a connection cut by stop() is the normal life of this proxy.
        if fout is not None and not isinstance(fout, OSError):
            self.proxy.fouten.append(fout)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so a requests.Session reuses its connection
    server: Server

    def setup(self) -> None:
        super().setup()
        self.server.proxy._volg(self.connection)

    def finish(self) -> None:
        self.server.proxy._vergeet(self.connection)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: what happened is in `StoringProxy.log`."""

    def handle_one_request(self) -> None:
        # BaseHTTPRequestHandler's, except that every method goes to _verwerk, not do_<METHOD>.
        self.raw_requestline = self.rfile.readline(_MAX_REGEL + 1)
        if not self.raw_requestline:
            self.close_connection = True
            return
        if len(self.raw_requestline) > _MAX_REGEL:
            self.requestline = self.request_version = self.command = ""
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
            return
        if self.parse_request():
            self._verwerk()

    def _verwerk(self) -> None:
        proxy = self.server.proxy
        try:
            body = self._lees_body()
        except ValueError:
            self.close_connection = True
            self.send_error(HTTPStatus.BAD_REQUEST, "unreadable request body")
            return
        storing = proxy._kies(self.command, self.path)
        los = proxy._meld_vast() if isinstance(storing, Vasthouden) else None
        vooraf = isinstance(storing, Vertraging | Reset | Vasthouden) and not storing.na_doorsturen

        if isinstance(storing, Status):
            self._noteer(storing, doorgestuurd=False)
            self._antwoord(storing.code, storing.body.encode())
            return
        if vooraf and isinstance(storing, Reset):
            self._noteer(storing, doorgestuurd=False)
            self._reset()
            return
        if vooraf and not self._wacht(storing, los):
            self._noteer(storing, doorgestuurd=False)
            self.close_connection = True
            return

        antwoord, doorgestuurd = self._stuur_door(body)
        if antwoord is None:
            self._noteer(storing, doorgestuurd=doorgestuurd)
            self._antwoord(HTTPStatus.BAD_GATEWAY, b"StoringProxy: the target did not answer")
            return
        if los is not None and not vooraf:
            proxy._meld_doorgestuurd(los)
        if not vooraf and not self._wacht(storing, los):
            self._noteer(storing, doorgestuurd=True, doelstatus=antwoord.status)
            self.close_connection = True
            return

        # Logged before the client can see the outcome, so a test that saw it finds the record.
        self._noteer(storing, doorgestuurd=True, doelstatus=antwoord.status)
        if isinstance(storing, AntwoordKwijt):
            self.close_connection = True  # the server closes the socket with nothing sent
        elif isinstance(storing, Reset):
            self._reset()
        elif isinstance(storing, StatusNaDoorsturen):
            self._antwoord(storing.code, storing.body.encode())
        else:
            self._stuur_terug(antwoord)

    def _wacht(self, storing: Storing, los: threading.Event | None) -> bool:
        """Apply a delay or hold; False when stop() cut it short, then the request is dropped."""
        gestopt = self.server.proxy._gestopt
        if isinstance(storing, Vertraging):
            return not gestopt.wait(storing.seconden)
        if los is not None:
            los.wait()
        return not gestopt.is_set()

    def _noteer(
        self, storing: Storing, *, doorgestuurd: bool, doelstatus: int | None = None
    ) -> None:
        self.server.proxy._noteer(
            Logregel(
                methode=self.command,
                pad=self.path,
                storing=storing,
                doorgestuurd=doorgestuurd,
                doelstatus=doelstatus,
            )
        )

    def _lees_body(self) -> bytes | None:
        """The request body, de-chunked; None when the request has none."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            delen = []
            while grootte := int(self.rfile.readline(_MAX_REGEL).split(b";")[0], 16):
                delen.append(self._lees_precies(grootte))
                self._lees_precies(2)  # the CRLF after each chunk
            while self.rfile.readline(_MAX_REGEL) not in (b"\r\n", b"\n", b""):
                pass  # trailer fields: hop-by-hop, dropped
            return b"".join(delen)
        lengte = self.headers.get("Content-Length")
        return None if lengte is None else self._lees_precies(int(lengte))

    def _lees_precies(self, aantal: int) -> bytes:
        data = self.rfile.read(aantal)
        if len(data) < aantal:
            raise ConnectionAbortedError("the client closed during its request body")
        return data

    def _stuur_door(self, body: bytes | None) -> tuple[_Antwoord | None, bool]:
        """Send the request to the target; its answer (None if none) and whether it went out."""
        proxy = self.server.proxy
        weg = HOP_BY_HOP | _verbindingstokens(self.headers.get("Connection"))
        weg |= {"host", "content-length", "expect"}  # set anew, or already dealt with here
        verbinding = http.client.HTTPConnection(
            proxy._doelhost, proxy._doelpoort, timeout=proxy.doel_timeout
        )
        verzonden = False
        try:
            verbinding.connect()
            proxy._volg(verbinding.sock)
            verbinding.putrequest(
                self.command,
                proxy._basispad + self.path,
                skip_host=True,
                skip_accept_encoding=True,
            )
            verbinding.putheader("Host", proxy._doelnetloc)
            for naam, waarde in self.headers.items():
                if naam.lower() not in weg:
                    verbinding.putheader(naam, waarde)
            verbinding.putheader("Connection", "close")
            if body is not None:
                verbinding.putheader("Content-Length", str(len(body)))
            verbinding.endheaders(body)
            verzonden = True
            with verbinding.getresponse() as antwoord:
                return _Antwoord(
                    antwoord.status, antwoord.reason, antwoord.getheaders(), antwoord.read()
                ), True
        except (OSError, http.client.HTTPException):
            return None, verzonden
        finally:
            if verbinding.sock is not None:
                proxy._vergeet(verbinding.sock)
            verbinding.close()

    def _antwoord(self, code: int, body: bytes) -> None:
        """Answer with the proxy's own status and plain-text body."""
        self.send_response_only(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _stuur_terug(self, antwoord: _Antwoord) -> None:
        """Relay the target's answer, re-framed with a Content-Length."""
        zonder_body = (
            self.command == "HEAD" or antwoord.status in (204, 304) or antwoord.status < 200
        )
        weg = HOP_BY_HOP | _verbindingstokens(
            next((w for n, w in antwoord.headers if n.lower() == "connection"), None)
        )
        if not zonder_body:
            weg |= {"content-length"}  # ours follows; a HEAD answer keeps the target's
        self.send_response_only(antwoord.status, antwoord.reden)
        for naam, waarde in antwoord.headers:
            if naam.lower() not in weg:
                self.send_header(naam, waarde)
        if not zonder_body:
            self.send_header("Content-Length", str(len(antwoord.body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not zonder_body:
            self.wfile.write(antwoord.body)

    def _reset(self) -> None:
        """Close with SO_LINGER 0, so the kernel sends RST instead of FIN."""
        self.close_connection = True
        self.server.proxy._vergeet(self.connection)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()  # its reference would keep the socket open past close()
        self.connection.close()
