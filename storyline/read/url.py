"""Fetch one URL with guard rails: http(s) only, no private addresses, a size cap, text types only."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass

import httpx

from storyline.errors import FetchRejected

USER_AGENT = "storyline/0.1 (+https://github.com/storyline)"
ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/json",
    "application/x-ndjson",
    "application/jsonl",
    "text/csv",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
)
_HEADERS = {"User-Agent": USER_AGENT, "Accept": ", ".join(ACCEPTED_TYPES)}
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


@dataclass(frozen=True)
class Fetched:
    """One fetched response body with what a reader needs to decode it."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    data: bytes
    headers: dict[str, str]


def _resolve(host: str, port: int) -> list[str]:
    """Return every address `host` resolves to; module-level so tests can stand in for DNS."""
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def is_blocked_address(address: str) -> bool:
    """Tell whether an IP address is anything but public unicast, including IPv4 hidden in IPv6."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # a zone id ("fe80::1%eth0") is not part of the address
    if isinstance(ip, ipaddress.IPv6Address):
        # These IPv6 forms carry an IPv4 address that the network may route to; judge that one too.
        if ip.ipv4_mapped is not None:
            return is_blocked_address(str(ip.ipv4_mapped))
        inner = ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is None and ip in _NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None and is_blocked_address(str(inner)):
            return True
    # is_global also rules out shared space such as 100.64.0.0/10, where some clouds keep metadata services.
    return (
        not ip.is_global
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def check_address(url: str | httpx.URL, allow_private: bool = False, origin: str | None = None) -> httpx.URL:
    """Refuse a URL with a scheme other than http(s) or a host that resolves to a private address."""
    origin = origin or str(url)
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchRejected(origin, f"not a valid URL ({exc})") from None
    if parsed.scheme not in ("http", "https"):
        raise FetchRejected(origin, f"unsupported URL scheme '{parsed.scheme}'; only http and https are fetched")
    host = parsed.host
    if not host:
        raise FetchRejected(origin, f"URL {str(parsed)!r} has no host")
    if allow_private:
        return parsed
    try:
        addresses = _resolve(host, parsed.port or (443 if parsed.scheme == "https" else 80))
    except (OSError, UnicodeError) as exc:
        detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise FetchRejected(origin, f"cannot resolve host {host!r}: {detail}") from None
    if not addresses:
        raise FetchRejected(origin, f"host {host!r} resolves to no address")
    for address in addresses:
        try:
            blocked = is_blocked_address(address)
        except ValueError:
            blocked = True  # an address we cannot parse cannot be shown to be public
        if blocked:
            raise FetchRejected(
                origin,
                f"host {host!r} resolves to the private address {address}; "
                "pass --allow-private to fetch from private addresses",
            )
    return parsed


def _parse_content_type(value: str) -> tuple[str, str | None]:
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip().strip("\"'"):
            charset = val.strip().strip("\"'").lower()
    return media_type.strip().lower(), charset


def _too_big(origin: str, max_bytes: int) -> FetchRejected:
    return FetchRejected(origin, f"the response is larger than the size cap of {max_bytes} bytes; raise it with --max-bytes")


def _read(origin: str, final: httpx.URL, response: httpx.Response, max_bytes: int, deadline: float, timeout: float) -> Fetched:
    if response.status_code >= 400:
        raise FetchRejected(origin, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
    content_type, charset = _parse_content_type(response.headers.get("content-type", ""))
    if content_type and content_type not in ACCEPTED_TYPES:
        raise FetchRejected(origin, f"content type {content_type!r} is not HTML, text, JSON, CSV or a feed; not fetched")
    declared = response.headers.get("content-length", "").strip()
    # Refuse before reading a byte when the server says up front that the body is too big.
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_big(origin, max_bytes)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _too_big(origin, max_bytes)
        # httpx times each read; a server trickling bytes would otherwise never time out.
        if time.monotonic() > deadline:
            raise FetchRejected(origin, f"timed out after {timeout:g}s")
        chunks.append(chunk)
    return Fetched(
        url=origin,
        final_url=str(final),
        status=response.status_code,
        content_type=content_type,
        charset=charset,
        data=b"".join(chunks),
        headers=dict(response.headers),
    )


def _describe(exc: httpx.HTTPError) -> str:
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({detail})"
    if isinstance(exc, httpx.ProtocolError):
        return f"the server broke the HTTP protocol ({detail})"
    return f"network error ({detail})"


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    max_bytes: int = 20_000_000,
    timeout: float = 15.0,
    max_redirects: int = 5,
    client: httpx.Client | None = None,
) -> Fetched:
    """Download `url`, following redirects by hand so every hop passes the scheme and address checks."""
    own_client = client is None
    if client is None:
        client = httpx.Client(follow_redirects=False, timeout=httpx.Timeout(timeout))
    deadline = time.monotonic() + timeout
    try:
        current = check_address(url, allow_private, origin=url)
        redirects = 0
        while True:
            with client.stream(
                "GET", current, headers=_HEADERS, timeout=httpx.Timeout(timeout), follow_redirects=False
            ) as response:
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    if redirects >= max_redirects:
                        raise FetchRejected(url, f"more than {max_redirects} redirects; stopped at {current}")
                    redirects += 1
                    current = check_address(current.join(location), allow_private, origin=url)
                    continue
                return _read(url, current, response, max_bytes, deadline, timeout)
    except httpx.TimeoutException:
        raise FetchRejected(url, f"timed out after {timeout:g}s") from None
    except httpx.HTTPError as exc:
        raise FetchRejected(url, _describe(exc)) from None
    except httpx.InvalidURL as exc:
        raise FetchRejected(url, f"not a valid URL ({exc})") from None
    finally:
        if own_client:
            client.close()
