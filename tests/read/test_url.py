"""Tests for storyline.read.url against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from storyline.errors import FetchRejected, InputRejected
from storyline.read import url as url_mod
from storyline.read.url import Fetched, check_address, fetch, is_blocked_address

HTML = b"<!doctype html><html><head><title>Hi</title></head><body><p>Story</p></body></html>"
JSON = b'{"title": "Story", "body": "text"}'
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title></channel></rss>'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
STREAM_SIZE = 50_000
CAP_BODY = b"x" * 1000


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # bodies without Content-Length end when the connection closes

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str | None, length: int | None = None) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self.server.seen.append((self.path, dict(self.headers)))  # type: ignore[attr-defined]
        path = self.path
        try:
            if path == "/html":
                self._send(200, HTML, "text/html; charset=UTF-8")
            elif path == "/a/html":
                self._send(200, b"<p>nested</p>", "text/html")
            elif path == "/json":
                self._send(200, JSON, "application/json")
            elif path == "/rss":
                self._send(200, RSS, 'application/rss+xml; charset="ISO-8859-1"')
            elif path == "/plain-no-type":
                self._send(200, b"plain words", None)
            elif path == "/png":
                self._send(200, PNG, "image/png")
            elif path == "/pdf":
                self._send(200, b"%PDF-1.4", "application/pdf")
            elif path == "/huge-length":
                # Claims a terabyte but sends a few bytes: only an early refusal yields the size message.
                self._send(200, b"tiny", "text/html", length=10**12)
            elif path == "/stream":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                for _ in range(STREAM_SIZE // 1000):
                    self.wfile.write(b"y" * 1000)
            elif path == "/cap":
                self._send(200, CAP_BODY, "text/plain")
            elif path == "/missing":
                self._send(404, b"<p>gone</p>", "text/html")
            elif path == "/broken":
                self.wfile.write(b"this is not HTTP\r\n\r\n")
            elif path.startswith("/chain/"):
                n = int(path.rsplit("/", 1)[1])
                self._redirect("/html" if n <= 1 else f"/chain/{n - 1}", status=301 if n % 2 else 307)
            elif path == "/a/b/rel":
                self._redirect("../html")
            elif path == "/to-localhost":
                self._redirect(f"http://localhost:{self.server.server_address[1]}/html")
            elif path == "/to-ftp":
                self._redirect("ftp://example.invalid/file")
            elif path == "/slow":
                time.sleep(2)
                self._send(200, HTML, "text/html")
            else:
                self._send(500, b"no such route", "text/plain")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first, as several tests intend


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def base(srv: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{srv.server_address[1]}"


def paths_seen(srv: ThreadingHTTPServer) -> list[str]:
    return [path for path, _ in srv.seen]  # type: ignore[attr-defined]


# --- routes, with allow_private since the server is on loopback ---


def test_html_page(server):
    got = fetch(base(server) + "/html", allow_private=True)
    assert isinstance(got, Fetched)
    assert got.url == base(server) + "/html"
    assert got.final_url == base(server) + "/html"
    assert got.status == 200
    assert got.content_type == "text/html"
    assert got.charset == "utf-8"
    assert got.data == HTML
    assert got.headers["content-type"] == "text/html; charset=UTF-8"


def test_sends_user_agent_and_accept(server):
    fetch(base(server) + "/html", allow_private=True)
    headers = {k.lower(): v for k, v in server.seen[-1][1].items()}
    assert headers["user-agent"].startswith("storyline/")
    for media_type in ("text/html", "application/json", "application/rss+xml", "text/csv"):
        assert media_type in headers["accept"]


def test_json_body(server):
    got = fetch(base(server) + "/json", allow_private=True)
    assert (got.content_type, got.charset, got.data) == ("application/json", None, JSON)


def test_rss_body_with_quoted_charset(server):
    got = fetch(base(server) + "/rss", allow_private=True)
    assert (got.content_type, got.charset, got.data) == ("application/rss+xml", "iso-8859-1", RSS)


def test_missing_content_type_is_accepted(server):
    got = fetch(base(server) + "/plain-no-type", allow_private=True)
    assert (got.content_type, got.charset, got.data) == ("", None, b"plain words")


@pytest.mark.parametrize(("path", "media_type"), [("/png", "image/png"), ("/pdf", "application/pdf")])
def test_refused_content_type(server, path, media_type):
    with pytest.raises(FetchRejected) as err:
        fetch(base(server) + path, allow_private=True)
    assert media_type in err.value.reason
    assert err.value.origin == base(server) + path


def test_huge_content_length_refused_before_reading(server):
    with pytest.raises(FetchRejected, match="larger than the size cap of 20000000 bytes; raise it with --max-bytes"):
        fetch(base(server) + "/huge-length", allow_private=True)


def test_streamed_body_over_cap_is_aborted(server):
    with pytest.raises(FetchRejected, match="size cap of 10000 bytes"):
        fetch(base(server) + "/stream", allow_private=True, max_bytes=10_000)


def test_streamed_body_under_cap_is_read_whole(server):
    got = fetch(base(server) + "/stream", allow_private=True, max_bytes=STREAM_SIZE)
    assert got.data == b"y" * STREAM_SIZE
    assert "content-length" not in got.headers
    with pytest.raises(FetchRejected, match=f"size cap of {STREAM_SIZE - 1} bytes"):
        fetch(base(server) + "/stream", allow_private=True, max_bytes=STREAM_SIZE - 1)


def test_size_cap_boundary(server):
    assert fetch(base(server) + "/cap", allow_private=True, max_bytes=len(CAP_BODY)).data == CAP_BODY
    with pytest.raises(FetchRejected, match=f"size cap of {len(CAP_BODY) - 1} bytes"):
        fetch(base(server) + "/cap", allow_private=True, max_bytes=len(CAP_BODY) - 1)


def test_http_error_status(server):
    with pytest.raises(FetchRejected) as err:
        fetch(base(server) + "/missing", allow_private=True)
    assert err.value.reason == "HTTP 404 Not Found"
    assert isinstance(err.value, InputRejected)


def test_protocol_error_is_a_short_refusal(server):
    with pytest.raises(FetchRejected) as err:
        fetch(base(server) + "/broken", allow_private=True)
    assert "\n" not in err.value.reason
    assert "Traceback" not in err.value.reason


def test_connection_refused(server):
    with socket.socket() as sock:  # a port that was free a moment ago, with nothing listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchRejected, match="could not connect"):
        fetch(f"http://127.0.0.1:{port}/", allow_private=True)


def test_one_redirect_followed(server):
    got = fetch(base(server) + "/chain/1", allow_private=True)
    assert got.url == base(server) + "/chain/1"
    assert got.final_url == base(server) + "/html"
    assert got.data == HTML


def test_redirect_chain_at_the_limit_is_followed(server):
    got = fetch(base(server) + "/chain/3", allow_private=True, max_redirects=3)
    assert got.final_url == base(server) + "/html"


def test_redirect_chain_over_the_limit_is_refused(server):
    before = len(server.seen)
    with pytest.raises(FetchRejected, match="more than 3 redirects"):
        fetch(base(server) + "/chain/4", allow_private=True, max_redirects=3)
    # Four requests, the fourth answered by a redirect that is not followed.
    assert paths_seen(server)[before:] == ["/chain/4", "/chain/3", "/chain/2", "/chain/1"]


def test_default_redirect_limit_is_five(server):
    assert fetch(base(server) + "/chain/5", allow_private=True).data == HTML
    with pytest.raises(FetchRejected, match="more than 5 redirects"):
        fetch(base(server) + "/chain/6", allow_private=True)


def test_relative_location_resolved_against_current_url(server):
    got = fetch(base(server) + "/a/b/rel", allow_private=True)
    # "../html" from /a/b/rel is /a/html, not /html: the path was joined, not taken as-is.
    assert got.final_url == base(server) + "/a/html"
    assert got.data == b"<p>nested</p>"


def test_redirect_to_other_scheme_refused(server):
    before = len(server.seen)
    with pytest.raises(FetchRejected, match="unsupported URL scheme 'ftp'"):
        fetch(base(server) + "/to-ftp", allow_private=True)
    assert paths_seen(server)[before:] == ["/to-ftp"]


def test_slow_server_times_out(server):
    start = time.monotonic()
    with pytest.raises(FetchRejected) as err:
        fetch(base(server) + "/slow", allow_private=True, timeout=0.5)
    assert err.value.reason == "timed out after 0.5s"
    assert time.monotonic() - start < 1.5


def test_shared_client_is_reused_and_left_open(server):
    with httpx.Client() as client:
        assert fetch(base(server) + "/json", allow_private=True, client=client).data == JSON
        assert fetch(base(server) + "/html", allow_private=True, client=client).data == HTML
        assert not client.is_closed


def test_shared_client_does_not_follow_redirects_itself(server):
    with httpx.Client(follow_redirects=True) as client:
        before = len(server.seen)
        with pytest.raises(FetchRejected, match="more than 1 redirects"):
            fetch(base(server) + "/chain/2", allow_private=True, max_redirects=1, client=client)
        assert paths_seen(server)[before:] == ["/chain/2", "/chain/1"]


# --- the address guard ---


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "[::1]", "2130706433"],
)
def test_loopback_refused_before_any_request(server, host):
    port = server.server_address[1]
    before = len(server.seen)
    with pytest.raises(FetchRejected) as err:
        fetch(f"http://{host}:{port}/html")
    assert "--allow-private" in err.value.reason
    assert "private address" in err.value.reason
    assert len(server.seen) == before


def test_same_hosts_are_fetched_with_allow_private(server):
    # The control for the test above: these hosts do reach the server once the guard is off.
    port = server.server_address[1]
    for host in ("127.0.0.1", "localhost", "2130706433"):
        assert fetch(f"http://{host}:{port}/html", allow_private=True).data == HTML


def test_redirect_from_public_host_to_private_is_refused(server, monkeypatch):
    real_resolve = url_mod._resolve

    def fake_resolve(host: str, port: int) -> list[str]:
        # Pretend the literal 127.0.0.1 is public so the first hop passes; httpx still connects to it.
        return ["93.184.216.34"] if host == "127.0.0.1" else real_resolve(host, port)

    monkeypatch.setattr(url_mod, "_resolve", fake_resolve)
    before = len(server.seen)
    with pytest.raises(FetchRejected) as err:
        fetch(base(server) + "/to-localhost")
    assert "'localhost'" in err.value.reason
    assert "--allow-private" in err.value.reason
    assert paths_seen(server)[before:] == ["/to-localhost"]


def test_any_private_address_among_several_refuses(monkeypatch):
    monkeypatch.setattr(url_mod, "_resolve", lambda host, port: ["93.184.216.34", "10.0.0.7"])
    with pytest.raises(FetchRejected, match=r"'public\.example' resolves to the private address 10\.0\.0\.7"):
        check_address("https://public.example/story")


def test_public_resolution_passes(monkeypatch):
    seen = []
    monkeypatch.setattr(url_mod, "_resolve", lambda host, port: seen.append((host, port)) or ["93.184.216.34"])
    parsed = check_address("https://public.example/story")
    assert parsed.host == "public.example"
    assert seen == [("public.example", 443)]


def test_dns_failure_is_a_clear_refusal(monkeypatch):
    def no_dns(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(url_mod.socket, "getaddrinfo", no_dns)
    with pytest.raises(FetchRejected) as err:
        fetch("http://no-such-host.invalid/")
    assert err.value.reason == "cannot resolve host 'no-such-host.invalid': Name or service not known"


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.100.100.200",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:1::",
        "64:ff9b::a01:203",
        "0.0.0.0",
        "::",
        "224.0.0.1",
        "ff02::1",
        "240.0.0.1",
        "255.255.255.255",
    ],
)
def test_private_addresses_refused(address):
    assert is_blocked_address(address)
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(FetchRejected) as err:
        check_address(f"http://{host}/")
    assert address in err.value.reason
    assert "--allow-private" in err.value.reason
    check_address(f"http://{host}/", allow_private=True)  # the opt-out lets it through


@pytest.mark.parametrize(
    "address",
    ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "::ffff:93.184.216.34", "2002:5db8:d822::"],
)
def test_public_addresses_allowed(address):
    assert not is_blocked_address(address)
    host = f"[{address}]" if ":" in address else address
    assert check_address(f"http://{host}/").scheme == "http"  # a literal IP needs no DNS server


@pytest.mark.parametrize(("url", "scheme"), [("file:///etc/passwd", "file"), ("ftp://x", "ftp"), ("gopher://x/", "gopher")])
def test_non_http_scheme_refused(url, scheme):
    with pytest.raises(FetchRejected) as err:
        fetch(url, allow_private=True)
    assert err.value.origin == url
    assert err.value.reason == f"unsupported URL scheme '{scheme}'; only http and https are fetched"


def test_url_without_host_refused():
    with pytest.raises(FetchRejected, match="no host"):
        fetch("http:///path", allow_private=True)
