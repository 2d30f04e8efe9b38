"""A PostgreSQL server that asks for a password, for tests: the test cluster trusts every
login, so a wrong or missing password can only be met through this gate.

``PasswordGate(password, upstream)`` listens on 127.0.0.1. It speaks the first steps of the
PostgreSQL protocol (version 3) as a server does: it declines SSL/GSS encryption, reads the
startup message, asks for a cleartext password (AuthenticationCleartextPassword) and, when
the password is wrong, answers with the server's error (SQLSTATE 28P01, "password
authentication failed for user …"). A right password is let through: the startup message goes
on to ``upstream`` (a trusting server, host and port), which answers from then on, and the two
sides are relayed byte for byte. Without ``upstream`` even a right password ends there.
libpq, seeing the request with no password at hand, gives up by itself ("fe_sendauth: no
password supplied"). ``silent=True`` makes a server that accepts the connection and never
answers (a firewall that swallows packets): the client's ``connect_timeout`` ends it.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from typing import Self

SSL_REQUEST = 80877103
GSS_REQUEST = 80877104


class PasswordGate:
    def __init__(
        self, password: str, upstream: tuple[str, int] | None = None, *, silent: bool = False
    ) -> None:
        self.password = password
        self.upstream = upstream
        self.silent = silent
        self.passwords_seen: list[str] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop listening and end every connection: a client still waiting for an answer
        sees the server go (a plain close() would not wake a thread blocked reading it)."""
        self.listener.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self._sockets.append(client)
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        try:
            if self.silent:
                while client.recv(1024):  # and never answer
                    pass
                return
            startup = self._startup(client)
            if startup is None:
                return
            client.sendall(b"R" + struct.pack("!ii", 8, 3))  # cleartext password, please
            kind = _exact(client, 1)
            if kind != b"p":
                return  # libpq hung up: it had no password to give
            (length,) = struct.unpack("!i", _exact(client, 4))
            given = _exact(client, length - 4).rstrip(b"\0").decode()
            self.passwords_seen.append(given)
            if given != self.password or self.upstream is None:
                client.sendall(_error(_user(startup)))
                return
            server = socket.create_connection(self.upstream)
            self._sockets.append(server)
            server.sendall(startup)
            _relay(client, server)
        except OSError:
            return
        finally:
            with contextlib.suppress(OSError):
                client.close()

    def _startup(self, client: socket.socket) -> bytes | None:
        """The startup message, after declining each encryption request before it."""
        while True:
            head = _exact(client, 8)
            length, code = struct.unpack("!ii", head)
            if code in (SSL_REQUEST, GSS_REQUEST):
                client.sendall(b"N")
                continue
            return head + _exact(client, length - 8)


def _exact(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionResetError("closed")
        data += chunk
    return data


def _user(startup: bytes) -> str:
    fields = startup[8:].split(b"\0")
    pairs = dict(zip(fields[::2], fields[1::2], strict=False))
    return pairs.get(b"user", b"").decode()


def _error(user: str) -> bytes:
    fields = (
        b"SFATAL\0VFATAL\0C28P01\0"
        + f'Mpassword authentication failed for user "{user}"'.encode()
        + b"\0\0"
    )
    return b"E" + struct.pack("!i", len(fields) + 4) + fields


def _relay(client: socket.socket, server: socket.socket) -> None:
    def pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)

    back = threading.Thread(target=pump, args=(server, client), daemon=True)
    back.start()
    pump(client, server)
    back.join()
    server.close()
