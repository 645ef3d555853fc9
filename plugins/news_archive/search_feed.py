"""Pages handed to Pagefind while MkDocs is still writing the site.

Pagefind's command line indexes a finished site: it starts when the build ends, and the
build waits for it (6 s of 66 at 1,000 articles, most of a minute at 10,000). MkDocs
renders pages on one core; this feed gives each written page to Pagefind's indexing
service (`pagefind --service`, the process its Python and Node APIs drive) on the other
core while the next page renders, so that when the build ends only writing the index is
left.

The service reads requests from its standard input and answers on its standard output,
each message base64-encoded JSON followed by a comma. Its own Python wrapper polls for
answers every tenth of a second, one answer per poll, which for thousands of pages is
minutes; this client has a thread that writes and one that reads. It imports nothing from
MkDocs.
"""

from __future__ import annotations

import base64
import contextlib
import json
import queue
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import IO, Any, cast

_CLOSED = object()
"""Tells the writing thread that no page follows."""
_QUEUED_PAGES = 64
"""Pages waiting for the service before `add` waits too: what the feed may hold in memory
when Pagefind is slower than MkDocs."""


class SearchFeedError(Exception):
    """The indexing service failed or refused a page."""


class PagefindFeed:
    """One Pagefind index, fed page by page, written by `finish`."""

    def __init__(self, executable: Path, *, timeout: float = 600.0) -> None:
        self._timeout = timeout
        # What the service prints on its error stream, read when it has stopped (a pipe
        # nobody reads while it runs could fill and stop it).
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish or close
        self._process = subprocess.Popen(
            [str(executable), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
        )
        self._pages: queue.Queue[object] = queue.Queue(maxsize=_QUEUED_PAGES)
        self._answered = threading.Condition()
        self._awaited: dict[int, dict[str, Any] | None] = {}
        """Answers to the requests `_ask` waits for, by message id (None until answered)."""
        self._indexed = 0
        """Pages the service has answered for."""
        self._refused: list[str] = []
        self._next_id = 0
        self._index_id: int | None = None
        self._failure: str | None = None
        self.pages = 0
        """Pages handed over so far."""
        self._writer: threading.Thread | None = None
        self._reader = threading.Thread(target=self._read, name="pagefind-reader", daemon=True)
        self._reader.start()
        try:
            index = self._ask({"type": "NewIndex", "config": None})
        except BaseException:
            self.close()
            raise
        self._index_id = int(index["index_id"])
        self._writer = threading.Thread(target=self._write, name="pagefind-writer", daemon=True)
        self._writer.start()

    def add(self, url: str, html: str) -> None:
        """Index a written page at its URL from the site root (`/artikel/x/`). Returns at
        once unless many pages are waiting."""
        if self._failure is not None:
            raise SearchFeedError(self._failure)
        with self._answered:
            self.pages += 1
        self._pages.put((url, html))

    def finish(self, output: Path) -> list[str]:
        """Wait for every page to be indexed, write the index into `output`, stop the
        service; what it printed on its error stream, line by line. Raises
        SearchFeedError."""
        self._pages.put(_CLOSED)
        assert self._writer is not None
        self._writer.join()
        if self._failure is not None:
            self.close()
            raise SearchFeedError(self._failure)
        try:
            # The files come back in the answer and are written here: when the service writes
            # them itself, it may still be writing when it answers, and it quits as soon as
            # its input ends (seen: an empty pagefind-component-ui.js, one build in five).
            answer = self._ask({"type": "GetFiles", "index_id": self._index_id})
        finally:
            self._stop()
        _write_bundle(output, answer.get("files", []))
        self._errors.seek(0)
        printed = self._errors.read().decode("utf-8", errors="replace")
        self._errors.close()
        return [line.strip() for line in printed.splitlines() if line.strip()]

    def close(self) -> None:
        """Stop the service, whatever state it is in (a failed build)."""
        self._fail("the build stopped before the search index was written")
        if self._writer is not None and self._writer.is_alive():
            self._pages.put(_CLOSED)  # the writer drains without sending, then ends
            self._writer.join(timeout=10)
        self._stop()
        self._errors.close()

    def _stop(self) -> None:
        process = self._process
        if process.stdin is not None and not process.stdin.closed:
            with contextlib.suppress(OSError):
                process.stdin.close()  # the service ends when its input does
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self._reader.join(timeout=10)  # it stops at the end of the service's output
        if process.stdout is not None:
            process.stdout.close()

    # The writing thread: one request per page, in the order MkDocs wrote them (the order
    # of the pages in the index, so two builds give the same bytes).

    def _write(self) -> None:
        while True:
            item = self._pages.get()
            if item is _CLOSED:
                break
            if self._failure is not None:
                continue  # drain, so that `add` never blocks on a dead service
            url, html = cast(tuple[str, str], item)
            request = {
                "type": "AddFile",
                "index_id": self._index_id,
                "url": url,
                "file_path": None,
                "file_contents": html,
            }
            try:
                self._send(request)
            except (OSError, ValueError):  # the service is gone, or its input closed
                self._fail(self._stopped())
        # Every page answered before the index is written.
        with self._answered:
            answered = self._answered.wait_for(
                lambda: self._failure is not None or self._indexed >= self.pages,
                timeout=self._timeout,
            )
        if not answered:
            self._fail("Pagefind's service did not index every page in time")
        elif self._refused:
            self._fail(f"Pagefind refused {len(self._refused)} page(s): {self._refused[0]}")

    def _send(self, payload: dict[str, Any]) -> int:
        self._next_id += 1
        message = {"message_id": self._next_id, "payload": payload}
        stdin = self._process.stdin
        assert stdin is not None
        stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        stdin.flush()
        return self._next_id

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request and wait for its answer (only while no page is in flight)."""
        with self._answered:
            self._awaited[self._next_id + 1] = None
        try:
            number = self._send(payload)
        except OSError:
            raise SearchFeedError(self._stopped()) from None
        with self._answered:
            self._answered.wait_for(
                lambda: self._awaited[number] is not None or self._failure is not None,
                timeout=self._timeout,
            )
            answer = self._awaited.pop(number)
        if answer is None:
            raise SearchFeedError(self._failure or "Pagefind's service did not answer in time")
        if answer.get("type") == "Error":
            raise SearchFeedError(f"Pagefind: {answer.get('message', answer)}")
        return answer

    # The reading thread.

    def _read(self) -> None:
        stdout: IO[bytes] | None = self._process.stdout
        assert stdout is not None
        # The last answer holds the whole index (megabytes): gather it without copying it
        # again for every block read.
        pending = bytearray()
        while True:
            chunk = stdout.read1(1 << 20)  # type: ignore[attr-defined]
            if not chunk:
                break
            searched = len(pending)
            pending += chunk
            end = pending.find(b",", searched)
            while end >= 0:
                with memoryview(pending) as view:
                    self._receive(view[:end])
                del pending[: end + 1]
                end = pending.find(b",")
        writing = self._writer is not None and self._writer.is_alive()
        if self._process.wait() != 0 or self._index_id is None or writing:
            self._fail(self._stopped())

    def _stopped(self) -> str:
        """Why the service is gone: its exit status and the last thing it printed."""
        try:
            status: int | None = self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            status = None
        printed = ""
        with contextlib.suppress(OSError, ValueError):
            self._errors.seek(0)
            printed = self._errors.read().decode("utf-8", errors="replace").strip()
        said = f": {printed.splitlines()[-1]}" if printed else ""
        return f"Pagefind's service stopped (exit status {status}){said}"

    def _receive(self, message: memoryview) -> None:
        try:
            answer = json.loads(base64.b64decode(message))
        except ValueError:
            shown = bytes(message[:80])
            self._fail(f"Pagefind's service answered something unreadable: {shown!r}")
            return
        number = answer.get("message_id")
        payload = answer.get("payload") or {}
        if number is None:  # a request it could not read at all
            self._fail(f"Pagefind's service refused a request: {payload.get('message', payload)}")
            return
        with self._answered:
            if number in self._awaited:
                self._awaited[number] = payload
            else:
                self._indexed += 1
                if payload.get("type") == "Error":
                    self._refused.append(str(payload.get("message", payload)))
            self._answered.notify_all()

    def _fail(self, reason: str) -> None:
        with self._answered:
            if self._failure is None:
                self._failure = reason
            self._answered.notify_all()


def _write_bundle(output: Path, files: list[dict[str, str]]) -> None:
    """Write the files of Pagefind's answer (paths relative to the bundle folder), letting
    each go once written: at 10,000 articles the answer is 90 MB of base64."""
    root = output.resolve()
    files.reverse()
    while files:
        file = files.pop()
        target = (root / file["path"]).resolve()
        if not target.is_relative_to(root):
            raise SearchFeedError(f"Pagefind named a file outside its folder: {file['path']}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))
