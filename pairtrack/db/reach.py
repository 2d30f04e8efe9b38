"""Why a database server could not be used before any question was asked of it: the one
reading of a failed connection, for opening a ledger (``db.migrate``) and for the 数据库
dialog's 测试连接 (``db.probe``) alike.

libpq reports a failed connection as text only (psycopg's ``sqlstate`` is ``None`` then), so
the cause is read from the words libpq and the server use. A server set to answer in
another language says its own words: the cause is then ``other``, and the server's line is
shown as it is, so nothing the server said is lost.
"""

from __future__ import annotations

import re

from sqlalchemy.exc import DBAPIError, OperationalError

from pairtrack.db.errors import DatabaseRefused

# (cause, pattern in the driver's message), the first that matches wins
_CAUSES = (
    ("password_needed", re.compile(r"no password supplied", re.I)),
    ("password_wrong", re.compile(r"password authentication failed|SASL authentication", re.I)),
    ("no_role", re.compile(r'role ".*" does not exist', re.I)),
    ("no_database", re.compile(r'database ".*" does not exist', re.I)),
    ("unknown_host", re.compile(r"failed to resolve host|could not translate host name", re.I)),
    ("timeout", re.compile(r"timeout expired|timed out", re.I)),
    (
        "unreachable",
        re.compile(r"connection refused|no route to host|network is unreachable", re.I),
    ),
)
# The causes a password typed again can mend: the window then asks for one (ui.password).
PASSWORD_CAUSES = frozenset({"password_needed", "password_wrong"})


class ServerUnreachable(DatabaseRefused):
    """The server was not reached, or would not let this login in: nothing was read or
    written. ``cause`` says which (the keys of ``_CAUSES``, or ``other``); ``detail`` is the
    driver's first line (which never holds the password)."""

    def __init__(self, message: str, cause: str, detail: str) -> None:
        super().__init__(message)
        self.cause = cause
        self.detail = detail


def cause_of(exc: DBAPIError) -> str | None:
    """The cause of a failed connection, ``other`` for one not recognised, or ``None`` when
    ``exc`` is no connection failure (a statement the server refused)."""
    if not isinstance(exc, OperationalError) and not exc.connection_invalidated:
        return None
    text = str(exc.orig)
    for cause, pattern in _CAUSES:
        if pattern.search(text):
            return cause
    if exc.connection_invalidated or "connection" in text.lower():
        return "other"
    return None


def first_line(exc: DBAPIError) -> str:
    """The driver's message without its "connection failed: connection to server at … failed:"
    prefix, which repeats the address already named."""
    text = str(exc.orig).strip()
    line = text.splitlines()[0] if text else type(exc.orig).__name__
    line = re.sub(r"^connection failed:\s*", "", line)  # i18n: not shown (a pattern)
    line = re.sub(
        r'^connection to server at "[^"]*"(?:\s*\([^)]*\))?, port \d+ failed:\s*', "", line
    )
    return re.sub(r"^FATAL:\s*", "", line).strip()


def unreachable(exc: DBAPIError, name: str) -> ServerUnreachable | None:
    """The refusal to raise for ``exc`` on the server database ``name`` (its URL without the
    password), or ``None`` when ``exc`` is no connection failure."""
    cause = cause_of(exc)
    if cause is None:
        return None
    detail = first_line(exc)
    user, host, database = _parts(name)
    if cause == "password_needed":
        text = f"数据库服务器「{host}」要求用户「{user}」输入密码。"
    elif cause == "password_wrong":
        text = f"用户「{user}」的密码不正确，数据库服务器「{host}」拒绝登录。"
    elif cause == "no_role":
        text = f"数据库服务器「{host}」上没有用户「{user}」。请检查用户名。"
    elif cause == "no_database":
        text = (
            f"数据库服务器「{host}」上没有名为「{database}」的数据库。请检查数据库名，"
            "或请服务器管理员先建立这个（空的）数据库。"
        )
    elif cause == "unknown_host":
        text = f"找不到数据库服务器「{host}」：这个名称无法解析。请检查服务器地址。"
    elif cause == "timeout":
        text = (
            f"数据库服务器「{host}」在限定时间内没有应答。请检查服务器地址和端口，"
            "以及网络或防火墙是否允许连接。"
        )
    elif cause == "unreachable":
        text = (
            f"无法连接数据库服务器「{host}」：服务器没有在这个端口上接受连接。"
            "请确认服务器已启动，地址和端口正确。"
        )
    else:
        text = (
            f"无法连接数据库服务器「{name}」：{detail}。"
            "请确认服务器已启动，地址、用户名、密码和数据库名正确。"
        )
    return ServerUnreachable(text, cause, detail)


def _parts(name: str) -> tuple[str, str, str]:
    """(user, host:port, database) of a server URL without its password."""
    from sqlalchemy.engine import make_url

    url = make_url(name)
    host = url.host or "localhost"
    if url.port:
        host = f"{host}:{url.port}"
    return url.username or "", host, url.database or ""
