"""Two small HTTP/1.1 clients with keep-alive: a blocking one (the latency phase sends one
request at a time) and an asyncio one (the surge's 64 clients, and the throughput phase when
no ``wrk`` is installed). Both stdlib-only and cheap, so the client costs the server's two
cores as little as possible."""

import asyncio
import contextlib
import http.client
import time
from urllib.parse import urlsplit

from .server import PROXY_HEADERS
from .stats import parse_server_timing


class Client:
    """One keep-alive connection; ``get``/``post`` return a sample dict (status, client ms,
    Server-Timing figures, X-Cache) and the body."""

    def __init__(self, base_url, *, cookie=None, csrf_token=None, timeout=150):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.netloc = parts.netloc
        self.timeout = timeout
        self.headers = {**PROXY_HEADERS, "Accept-Language": "en", "User-Agent": "fieldwork-bench"}
        if cookie:
            self.headers["Cookie"] = cookie
        if csrf_token:
            self.headers["X-CSRFToken"] = csrf_token
            # Behind the proxy the request is HTTPS, and Django then wants a same-origin Referer.
            self.headers["Referer"] = f"https://{self.netloc}/"
        self.connection = None

    def _connect(self):
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def request(self, method, path, *, body=None, headers=None):
        sent = {**self.headers, **(headers or {})}
        if body is not None:
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        for attempt in (1, 2):
            if self.connection is None:
                self._connect()
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                content = response.read()
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    raise OSError(f"{method} {path} failed twice") from None
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            sample = {
                "status": response.status,
                "client": elapsed,
                "cache": response.getheader("X-Cache"),
                "location": response.getheader("Location"),
                **parse_server_timing(response.getheader("Server-Timing")),
            }
            return sample, content
        raise AssertionError("unreachable")

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class AsyncConnection:
    """A minimal asyncio HTTP/1.1 keep-alive connection (Content-Length and chunked bodies)."""

    def __init__(self, host, port, headers):
        self.host, self.port = host, port
        self.headers = headers
        self.reader = self.writer = None

    async def request(self, method, path, body=b"", headers=None):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        for name, value in {**self.headers, **(headers or {})}.items():
            lines.append(f"{name}: {value}")
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            await self.close()
            raise
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        received = {}
        for line in header_lines:
            if ":" in line:
                name, value = line.split(":", 1)
                received[name.strip().lower()] = value.strip()
        if "content-length" in received:
            content = await self.reader.readexactly(int(received["content-length"]))
        elif received.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunks.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            content = b"".join(chunk[:-2] for chunk in chunks)
        else:
            content = await self.reader.read()
            received["connection"] = "close"
        if received.get("connection", "").lower() == "close":
            await self.close()
        return status, received, content

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None
