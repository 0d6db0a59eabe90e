"""A fault-injecting HTTP proxy between a client under test and a CBC, over real loopback sockets.

`StoringProxy(doel=...)` listens on 127.0.0.1 and forwards every request to the target base URL,
unless a fault was planned for it. Faults are planned per request: `plan(*storingen)` queues them
for the next requests in order, `plan_voor(methode, pad_prefix, storing)` for the next request that
matches. A matching `plan_voor` rule wins over the queue; a request with neither passes through.

Connections. The proxy speaks HTTP/1.1 with keep-alive to the client (a `requests.Session` reuses its
connection), always answers with a Content-Length, and closes only when the client asks to
(`Connection: close`, HTTP/1.0) or when a fault closes or resets the connection. To the target it
opens one connection per request and sends `Connection: close`, so a fault never leaves the target
with a half-used connection. If the target cannot be reached, the client gets 502 like behind any
real proxy. It is a reverse proxy: clients use `proxy.url` as their base URL; http targets only.

Stopping. `stop()` releases held requests (unanswered, not forwarded if they were not yet), cuts
every open connection on both sides, and joins every thread: nothing outlives it.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import struct
import sys
import threading
from collections import deque
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import TCPServer, ThreadingMixIn
from types import TracebackType
from typing import Any, Self, TypeAlias
from urllib.parse import urlsplit

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
class Doorlaten:
    """Forward the request and relay the target's answer: what an unplanned request gets."""


@dataclass(frozen=True, slots=True)
class Vertraging:
    """Wait `seconden` before forwarding, or (`na_doorsturen`) after forwarding, before answering."""

    seconden: float
    na_doorsturen: bool = False


@dataclass(frozen=True, slots=True)
class AntwoordKwijt:
    """Forward and read the target's whole answer, then close the client's connection unanswered."""


@dataclass(frozen=True, slots=True)
class Status:
    """Answer `code` with `body` without forwarding: nothing reaches the target."""

    code: int
    body: str = ""


@dataclass(frozen=True, slots=True)
class StatusNaDoorsturen:
    """Forward, then answer `code` instead of the target's answer (a proxy's 502 after success)."""

    code: int
    body: str = ""


@dataclass(frozen=True, slots=True)
class Reset:
    """Reset the connection (RST, not FIN) before forwarding or (`na_doorsturen`) after it."""

    na_doorsturen: bool = False


@dataclass(frozen=True, slots=True)
class Vasthouden:
    """Hold the request until `laat_los()` or `stop()`, before or (`na_doorsturen`) after forwarding.

    Released, it goes on as an unplanned request would; stopped, it is dropped unanswered.
    """

    na_doorsturen: bool = False


Storing: TypeAlias = (
    Doorlaten | Vertraging | AntwoordKwijt | Status | StatusNaDoorsturen | Reset | Vasthouden
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Logregel:
    """One request as the proxy handled it: its fault, whether it reached the target, the answer."""

    methode: str
    pad: str  # path and query as the client sent them
    storing: Storing
    doorgestuurd: bool  # the whole request went out to the target
    doelstatus: int | None  # the target's status; None when it gave none


@dataclass(frozen=True, slots=True)
class _Antwoord:
    """The target's complete answer, read before anything goes back to the client."""

    status: int
    reden: str
    headers: list[tuple[str, str]]
    body: bytes


class StoringProxy:
    """HTTP/1.1 proxy on 127.0.0.1 that forwards to `doel` and applies the planned faults."""

    def __init__(self, doel: str, *, doel_timeout: float = 30.0) -> None:
        delen = urlsplit(doel)
        if delen.scheme != "http" or not delen.hostname:
            raise ValueError(f"StoringProxy forwards to http:// URLs only, not {doel!r}")
        self.doel = doel
        self.doel_timeout = doel_timeout
        self._doelhost = delen.hostname
        self._doelpoort = delen.port or 80
        self._doelnetloc = delen.netloc
        self._basispad = delen.path.rstrip("/")
        self.log: list[Logregel] = []
        self.fouten: list[BaseException] = []  # the proxy's own bugs; a test should see none
        self.aangekomen = threading.Event()  # a request to hold arrived
        self.doorgestuurd = threading.Event()  # a request held after forwarding reached the target
        self._slot = threading.Condition()
        self._wachtrij: deque[Storing] = deque()
        self._regels: list[tuple[str | None, str, Storing]] = []
        self._vastgehouden: list[threading.Event] = []
        self._sockets: set[socket.socket] = set()
        self._gestopt = threading.Event()
        self._server: _Server | None = None
        self._lus: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL of the proxy, `http://127.0.0.1:PORT`."""
        if self._server is None:
            raise RuntimeError("StoringProxy is not started")
        return f"http://127.0.0.1:{self._server.server_port}"

    def start(self) -> None:
        """Listen on a free port and serve from a thread."""
        if self._server is not None:
            raise RuntimeError("a StoringProxy starts once")
        self._server = _Server(self)
        # A short poll interval, because shutdown() waits for the serve loop to notice it.
        self._lus = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._lus.start()

    def stop(self) -> None:
        """Release held requests, cut open connections, close the port and join every thread."""
        if self._server is None or self._gestopt.is_set():
            return
        self._server.shutdown()  # accept no more connections
        assert self._lus is not None
        self._lus.join()
        with self._slot:
            self._gestopt.set()
            for los in self._vastgehouden:
                los.set()
            self._vastgehouden.clear()
            for sock in self._sockets:
                _sluit_af(sock)
        self._server.server_close()  # joins the handler threads

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        soort: type[BaseException] | None,
        fout: BaseException | None,
        spoor: TracebackType | None,
    ) -> None:
        self.stop()

    def wis_plan(self) -> None:
        """Forget every fault still planned (queued or by rule) that no request used."""
        with self._slot:
            self._wachtrij.clear()
            self._regels.clear()

    def plan(self, *storingen: Storing) -> None:
        """Queue faults for the next requests, one each, in order."""
        with self._slot:
            self._wachtrij.extend(storingen)

    def plan_voor(self, methode: str | None, pad_prefix: str, storing: Storing) -> None:
        """Apply `storing` to the next request with this method (None: any) and path prefix."""
        with self._slot:
            self._regels.append((methode.upper() if methode else None, pad_prefix, storing))

    def laat_los(self) -> None:
        """Release every held request, also one still on its way to its hold; reset the events."""
        with self._slot:
            self.aangekomen.clear()
            self.doorgestuurd.clear()
            for los in self._vastgehouden:
                los.set()
            self._vastgehouden.clear()

    def wacht_op(self, aantal: int, timeout: float = 5.0) -> list[Logregel]:
        """Wait until `aantal` requests are logged and return the log; TimeoutError otherwise."""
        with self._slot:
            if not self._slot.wait_for(lambda: len(self.log) >= aantal, timeout):
                raise TimeoutError(f"{len(self.log)} of {aantal} requests logged in {timeout} s")
            return list(self.log)

    # The handler threads call what follows.

    def _kies(self, methode: str, pad: str) -> Storing:
        with self._slot:
            for nr, (regelmethode, prefix, storing) in enumerate(self._regels):
                if regelmethode in (None, methode.upper()) and pad.startswith(prefix):
                    del self._regels[nr]
                    return storing
            return self._wachtrij.popleft() if self._wachtrij else Doorlaten()

    def _meld_vast(self) -> threading.Event:
        """Register a request to hold now, so `laat_los()` reaches it even before it waits."""
        los = threading.Event()
        with self._slot:
            if self._gestopt.is_set():
                los.set()
            else:
                self._vastgehouden.append(los)
            self.aangekomen.set()
        return los

    def _meld_doorgestuurd(self, los: threading.Event) -> None:
        with self._slot:
            if not los.is_set():  # a late signal would wrongly answer the next hold's wait
                self.doorgestuurd.set()

    def _noteer(self, regel: Logregel) -> None:
        with self._slot:
            self.log.append(regel)
            self._slot.notify_all()

    def _volg(self, sock: socket.socket) -> None:
        """Track an open socket so stop() can cut it; one opened after stop() is cut at once."""
        with self._slot:
            if self._gestopt.is_set():
                _sluit_af(sock)
            else:
                self._sockets.add(sock)

    def _vergeet(self, sock: socket.socket) -> None:
        with self._slot:
            self._sockets.discard(sock)


def _sluit_af(sock: socket.socket) -> None:
    """Shut a socket down so a thread blocked on it wakes up; its owner closes it."""
    with contextlib.suppress(OSError):  # already closed, or never connected
        sock.shutdown(socket.SHUT_RDWR)


def _verbindingstokens(waarde: str | None) -> set[str]:
    """Header names listed in a Connection header, hop-by-hop as well (RFC 9110 7.6.1)."""
    return {token.strip().lower() for token in (waarde or "").split(",") if token.strip()}


class _Server(ThreadingMixIn, HTTPServer):
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
    server: _Server

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
