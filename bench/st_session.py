"""Real Streamlit sessions without a browser: the app's own websocket, spoken as its page speaks it.

A browser tab of the app is, to the server, one websocket (``/_stcore/stream``) carrying Streamlit's protocol
buffers (``streamlit.proto``): ``BackMsg`` from the page, ``ForwardMsg`` to it. This module opens that websocket
and says what the page says, so that a benchmark can hold 50 open tabs on a machine where 50 Chromium pages
would take more than its cores (``bench/live.py --client ws``). What each session does, as Streamlit 1.67's
page does (its ``index.*.js``, and ``streamlit/web/server/starlette/starlette_websocket.py``):

- **connects** with the subprotocols ``streamlit`` and an auth token (``PLACEHOLDER_AUTH_TOKEN`` when, as here,
  there is none), an ``Origin`` of the server's own address, and the site's cookies in a ``Cookie`` header
  (what ``st.context.cookies`` reads: the app's ``logicmodel_author``, the name a browser remembers);
- **asks for a run** at once: a ``rerun_script`` ``BackMsg`` whose ``ClientState`` carries the address's query
  string (``framework=ID``), the page's name from the address's path (``""`` for Home) and no page hash yet,
  the browser's context (time zone, locale, address) and no widget values (a tab no one has touched);
- **follows the server**: the page's hash from ``new_session`` and ``navigation`` and the query string from
  ``page_info_changed`` go into every later request, as the browser's address bar would;
- **runs fragments on their timer**: ``st.fragment(run_every=...)`` is driven by the page, not the server. An
  ``auto_rerun`` ``ForwardMsg`` (fragment id, interval) starts a timer (the same fragment and interval again:
  kept), each tick a ``rerun_script`` with that ``fragment_id`` and ``is_auto_rerun``; a full run's
  ``new_session`` stops every timer (the run sends its fragments' ``auto_rerun`` again), ``stop_auto_rerun``
  stops the ones it names;
- **keeps what is on the page**: each ``delta``'s element (its text: Markdown, headings, alerts, buttons'
  labels) at its path, tagged with its run, and at a run's ``script_finished`` drops what that run did not
  draw again (for a fragment's run, only within the fragment), as the page does; ``texts(SIDEBAR)`` reads it;
- **notes when a text first arrives**: ``watch``, a pattern with one group, records for each value of the
  group the moment (``time.time()``) a sidebar element first said it (the app's "Saved ... as version N").

- **behind a proxy over HTTPS** (``deploy/trial``): ``page_cookies`` GETs the page first, then
  ``/_stcore/health`` as the page's script does, and keeps the ``Set-Cookie`` values it is given (nginx's
  affinity cookie ``lmb_server`` from the first, Streamlit's ``_streamlit_xsrf`` from the health answer
  when XSRF protection is on); the session then connects to ``wss://`` with those cookies
  and, as the page does, offers the XSRF cookie's value as the second subprotocol in place of the placeholder
  (Streamlit compares the two before it reads a sign-in cookie); ``ssl`` takes an ``SSLContext`` (the trial's
  self-signed certificate: ``insecure_context()``);
- **types and submits as a person does**: the widgets the page drew are kept by id (``widget_id`` finds one
  by its key); ``SessionPool.type_into`` sends what the page sends when text typed in a field is committed (a
  ``rerun_script`` whose widget states hold the text: ``typed_message``), and ``SessionPool.submit`` what it
  sends when a form's button is pressed (the fields' typed values and the submit button's ``trigger_value``:
  ``submit_message``).

What it leaves out: drawing (no layout, no JavaScript: components' own scripts never run, so they report
nothing, as a component no one types into), the page's other requests (scripts, ``/_stcore/health``,
``host-config``, media), and widget values other than a submitted form's (a tab no one else touches). Its cost
to the server is a tab's websocket: the runs and what they send.

``SessionPool`` holds the sessions on one asyncio loop in a thread of its own (a browser holding tabs), so a
plain script opens, reads and closes them::

    with SessionPool() as pool:
        tab = pool.open("http://127.0.0.1:8501", query="framework=abc", cookies={"logicmodel_author": "Sam"},
                        watch=re.compile(r"Saved .* as version (\\d+)"))
        tab.wait_for(lambda: tab.seen, timeout=60)
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import ssl as ssl_module
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.RootContainer_pb2 import RootContainer
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

__all__ = [
    "MAIN",
    "SIDEBAR",
    "SUBPROTOCOLS",
    "XSRF_COOKIE",
    "Session",
    "SessionPool",
    "element_text",
    "insecure_context",
    "page_cookies",
]

HEALTH = "/_stcore/health"
"""The address the page asks before it connects (Streamlit's answer sets its XSRF cookie)."""
STREAM = "/_stcore/stream"
"""The websocket every tab of a Streamlit app talks to its server through."""
SUBPROTOCOLS = ("streamlit", "PLACEHOLDER_AUTH_TOKEN")
"""What the page offers as ``Sec-WebSocket-Protocol``: the protocol, then an auth token (this placeholder when
the page has none); a third entry would be an earlier session's id, to take it up again (never here)."""
XSRF_COOKIE = "_streamlit_xsrf"
"""Streamlit's XSRF cookie: its value goes in the websocket's subprotocols, as the page sends it."""
WIDGETS = ("button", "text_input", "text_area", "checkbox", "selectbox", "number_input")
"""Elements whose id ``widget_id`` can find (a form's fields and its submit button)."""
MAIN = RootContainer.MAIN
SIDEBAR = RootContainer.SIDEBAR
_FINISHED = ForwardMsg.ScriptFinishedStatus

CONTEXT = {"timezone": "Europe/London", "timezone_offset": 0, "locale": "en-GB", "color_scheme": "light"}
"""The browser context each session says it has (``ClientState.context_info``; the address is added)."""


def insecure_context() -> ssl_module.SSLContext:
    """TLS that accepts any certificate: for the trial's own throwaway self-signed one, on loopback only."""
    context = ssl_module.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl_module.CERT_NONE
    return context


def _get(url: str, held: dict[str, str], context: ssl_module.SSLContext | None) -> None:
    """GET ``url`` with the cookies ``held``, and add to them the answer's ``Set-Cookie`` values."""
    request = urllib.request.Request(url, headers={"User-Agent": "logicmodel-bench st_session"})
    if held:
        request.add_header("Cookie", "; ".join(f"{name}={value}" for name, value in held.items()))
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=context))
    with opener.open(request, timeout=120) as response:
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            held.update({name: morsel.value for name, morsel in jar.items()})


def page_cookies(url: str, cookies: dict[str, str] | None = None, context: ssl_module.SSLContext | None = None):
    """What a browser does before its page's script opens the websocket: GET the page at ``url``, then the
    server's health address (``/_stcore/health``, which the page asks before each connection, and whose answer
    sets Streamlit's ``_streamlit_xsrf`` cookie), each time sending the cookies held; the cookies then held:
    ``cookies`` with every ``Set-Cookie`` value (name to value) added or replaced."""
    held = dict(cookies or {})
    _get(url, held, context)
    parts = urlsplit(url)
    _get(f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}{HEALTH}", held, context)
    return held


def element_text(element: object) -> str:
    """The words an element shows: a Markdown text or caption, a heading, an alert, a plain text, a toast, an
    exception's message, a button's or link's label; "" for anything else (a chart, a frame, a table)."""
    kind = element.WhichOneof("type")
    if kind in ("markdown", "heading", "alert", "text", "toast", "code"):
        return getattr(element, kind).body if kind != "code" else element.code.code_text
    if kind == "exception":
        return f"{element.exception.type}: {element.exception.message}"
    if kind in ("button", "download_button", "link_button", "page_link", "checkbox", "text_input", "text_area",
                "selectbox", "radio", "multiselect", "number_input"):  # fmt: skip
        return getattr(element, kind).label
    return ""


@dataclass
class _Drawn:
    run: str
    fragment: str
    text: str
    kind: str


class Session:
    """One tab: a Streamlit session over the app's websocket (open it with ``SessionPool.open``).

    Read from any thread: ``seen`` (what ``watch`` matched, and when), ``texts(root)``, ``runs`` and
    ``fragment_runs`` (finished full runs and fragments' runs; ``run_finished_at``, the last full one's moment),
    ``widgets`` (ids of the widgets drawn), ``messages`` and ``received`` (bytes), ``problems`` (exceptions the
    app showed, pages not found, a connection lost), ``closed``.
    """

    def __init__(
        self,
        server_url: str,
        *,
        page: str = "",
        query: str = "",
        cookies: dict[str, str] | None = None,
        watch: re.Pattern[str] | None = None,
        watch_root: int = SIDEBAR,
        ssl: ssl_module.SSLContext | None = None,
    ):
        parts = urlsplit(server_url)
        self.server_url = server_url.rstrip("/")
        self.origin = f"{parts.scheme}://{parts.netloc}"
        scheme = "wss" if parts.scheme == "https" else "ws"
        self.stream_url = f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}{STREAM}"
        self.ssl = ssl if scheme == "wss" else None
        self.page = page.strip("/")
        self.query = query.lstrip("?")
        self.cookies = dict(cookies or {})
        self.watch = watch
        self.watch_root = watch_root
        self.page_script_hash = ""
        self.run_id = ""
        self.run_fragments: list[str] = []
        self.seen: dict[str, float] = {}
        self.runs = 0
        self.run_finished_at = 0.0
        """When the last full run finished (``time.time()``): the whole page drawn."""
        self.fragment_runs = 0
        self.requests = 0
        self.messages = 0
        self.received = 0
        self.running = False
        self.problems: list[str] = []
        self.connected = threading.Event()
        self.closed = threading.Event()
        self.widgets: dict[str, str] = {}
        """Every widget drawn so far (its id to its element's kind), for ``widget_id``."""
        self._drawn: dict[tuple[int, ...], _Drawn] = {}
        self._lock = threading.Lock()
        self._timers: dict[str, tuple[float, asyncio.Task]] = {}
        self._ws = None
        self._reader: asyncio.Task | None = None

    # --- what a test or a benchmark reads ----------------------------------------------------------------------

    def texts(self, root: int = MAIN) -> list[str]:
        """The texts on the page under ``root`` (``MAIN`` or ``SIDEBAR``), in the page's order, none empty."""
        with self._lock:
            drawn = sorted((path, d.text) for path, d in self._drawn.items() if path and path[0] == root)
        return [text for _, text in drawn if text]

    def widget_id(self, key: str) -> str:
        """The id of the widget the app made with ``key`` (Streamlit's ids end with ``-KEY``); KeyError if the
        page has drawn none."""
        with self._lock:
            found = [wid for wid in self.widgets if wid.endswith(f"-{key}")]
        if not found:
            raise KeyError(f"no widget with the key {key!r} on the page")
        return found[-1]

    def subprotocols(self) -> list[str]:
        """What the page offers as ``Sec-WebSocket-Protocol``: the XSRF cookie's value as the token when held."""
        return [SUBPROTOCOLS[0], self.cookies.get(XSRF_COOKIE) or SUBPROTOCOLS[1]]

    def wait_for(self, check: Callable[[], object], timeout: float = 60, what: str = "") -> float:
        """Wait until ``check()`` is true; the seconds it took. AssertionError (saying ``what`` and the sidebar)
        when not within ``timeout`` or when the session closed first."""
        start = time.monotonic()
        while not check():
            if self.closed.is_set():
                raise AssertionError(f"the session closed before {what or 'the wait ended'}: {self.problems}")
            if time.monotonic() - start > timeout:
                raise AssertionError(f"not within {timeout:g} s: {what} (sidebar: {self.texts(SIDEBAR)})")
            time.sleep(0.05)
        return time.monotonic() - start

    # --- the connection (on the pool's loop) ------------------------------------------------------------------

    async def start(self) -> None:
        """Connect as the page does and ask for the first run; then read until closed."""
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        try:
            self._ws = await connect(
                self.stream_url,
                origin=self.origin,
                subprotocols=self.subprotocols(),
                ssl=self.ssl,
                additional_headers=headers,
                user_agent_header="logicmodel-bench st_session",
                proxy=None,  # loopback only, whatever the environment says about proxies
                open_timeout=180,  # a loaded two-core machine can be slow to answer
                ping_interval=None,  # a browser never pings (it answers the server's pings, as this does): a
                # client's ping unanswered within 20 s by a busy server would close the tab, which no browser does
                max_size=None,  # a page's frame (the diagram) can be large
            )
        except Exception as exc:
            self.problems.append(f"could not connect: {exc}")
            self.closed.set()
            return
        if self.closed.is_set():  # closed while it was connecting
            await self._ws.close()
            return
        self.connected.set()
        await self._rerun()
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        """Leave, as a closed tab does: the websocket closes and the server ends the session."""
        for _, timer in list(self._timers.values()):
            timer.cancel()
        self._timers.clear()
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(self._reader, 10)
        self.closed.set()

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                if isinstance(data, str):  # Streamlit sends protocol buffers only
                    self.problems.append(f"a text frame: {data[:80]!r}")
                    continue
                self.handle(data, time.time())
        except ConnectionClosed as exc:
            self.problems.append(f"connection closed: {exc}")
        except Exception as exc:  # a message this client cannot read: say so, never hang
            self.problems.append(f"{type(exc).__name__}: {exc}")
        finally:
            for _, timer in list(self._timers.values()):
                timer.cancel()
            self._timers.clear()
            self.closed.set()

    def rerun_message(self, fragment_id: str = "", auto: bool = False) -> BackMsg:
        """The ``rerun_script`` request the page would send now (a fragment's, on its timer, with its id)."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.widget_states.SetInParent()  # no widget values: a tab no one touches
        if self.page_script_hash:
            state.page_script_hash = self.page_script_hash
        else:
            state.page_name = self.page
        if fragment_id:
            state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        context = state.context_info
        context.timezone = CONTEXT["timezone"]
        context.timezone_offset = CONTEXT["timezone_offset"]
        context.locale = CONTEXT["locale"]
        context.color_scheme = CONTEXT["color_scheme"]
        context.url = f"{self.server_url}/{quote(self.page)}" + (f"?{self.query}" if self.query else "")
        return msg

    def typed_message(self, values: dict[str, str]) -> BackMsg:
        """What the page sends when text typed in a field outside a form is committed (Enter, or leaving the
        field): a whole-page run with the fields' values (``values``: widget id to the text)."""
        msg = self.rerun_message()
        widgets = msg.rerun_script.widget_states.widgets
        for widget_id, value in values.items():
            widgets.add(id=widget_id, string_value=value)
        return msg

    def submit_message(self, values: dict[str, str], button_id: str) -> BackMsg:
        """What the page sends when a form's submit button is pressed: a run with the fields' values (``values``:
        widget id to the text typed; the form's, and any other field's the page holds) and the button's trigger,
        as a whole-page run."""
        msg = self.typed_message(values)
        msg.rerun_script.widget_states.widgets.add(id=button_id, trigger_value=True)
        return msg

    async def send(self, msg: BackMsg) -> None:
        """Send one request (a form's submit, say) on this session's websocket."""
        if self._ws is None or self.closed.is_set():
            raise ConnectionError(f"the session is closed: {self.problems}")
        self.requests += 1
        await self._ws.send(msg.SerializeToString())

    async def _rerun(self, fragment_id: str = "", auto: bool = False) -> None:
        if self._ws is None or self.closed.is_set():
            return
        self.requests += 1
        with contextlib.suppress(ConnectionClosed):
            await self._ws.send(self.rerun_message(fragment_id, auto).SerializeToString())

    # --- what the server sends -------------------------------------------------------------------------------

    def handle(self, data: bytes, now: float) -> None:
        """Take one ``ForwardMsg`` as the page would (called for each message, in order)."""
        msg = ForwardMsg()
        msg.ParseFromString(data)
        self.messages += 1
        self.received += len(data)
        kind = msg.WhichOneof("type")
        if kind == "delta":
            self._delta(msg, now)
        elif kind == "new_session":
            self.run_id = msg.metadata.run.script_run_id
            self.run_fragments = list(msg.metadata.run.fragment_ids)
            if msg.new_session.page_script_hash:
                self.page_script_hash = msg.new_session.page_script_hash
            if not self.run_fragments:  # a full run: its fragments say their timers again
                self._stop_timers(list(self._timers))
        elif kind == "navigation":
            if msg.navigation.page_script_hash:
                self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            self._start_timer(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            self._stop_timers(list(msg.stop_auto_rerun.fragment_ids))
        elif kind == "session_status_changed":
            self.running = msg.session_status_changed.script_is_running
        elif kind == "script_finished":
            self._finished(msg.script_finished, now)
        elif kind == "page_not_found":
            self.problems.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "ref_hash":  # only sent for hashes a page says it has cached; this one says none
            self.problems.append("a cached message's reference, never asked for")

    def _delta(self, msg: ForwardMsg, now: float) -> None:
        path = tuple(msg.metadata.delta_path)
        delta = msg.delta
        which = delta.WhichOneof("type")
        if which == "new_element":
            element = delta.new_element
            kind = element.WhichOneof("type") or ""
            text = element_text(element)
            if kind == "exception":
                self.problems.append(f"the app showed an exception: {text}")
            if kind in WIDGETS and getattr(element, kind).id:
                with self._lock:
                    self.widgets[getattr(element, kind).id] = kind
        elif which == "add_block":
            kind, text = "block", ""
        else:
            return
        with self._lock:
            self._drawn[path] = _Drawn(self.run_id, delta.fragment_id, text, kind)
        if self.watch is not None and text and path and path[0] == self.watch_root:
            found = self.watch.search(text)
            if found and found.group(1) not in self.seen:
                self.seen[found.group(1)] = now

    def _finished(self, status: int, now: float) -> None:
        if status == _FINISHED.FINISHED_SUCCESSFULLY:
            self.runs += 1
            self.run_finished_at = now
            with self._lock:
                self._drawn = {p: d for p, d in self._drawn.items() if d.run == self.run_id}
        elif status == _FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
            self.fragment_runs += 1
            ran = set(self.run_fragments)
            with self._lock:
                self._drawn = {p: d for p, d in self._drawn.items() if d.run == self.run_id or d.fragment not in ran}
        elif status == _FINISHED.FINISHED_WITH_COMPILE_ERROR:
            self.problems.append("the app's script did not compile")

    # --- fragments' timers -----------------------------------------------------------------------------------

    def _start_timer(self, fragment_id: str, interval: float) -> None:
        if not fragment_id or interval <= 0:
            return
        if fragment_id in self._timers and self._timers[fragment_id][0] == interval:
            return  # the same timer goes on, as the page's setInterval does
        self._stop_timers([fragment_id])
        timer = asyncio.get_running_loop().create_task(self._tick(fragment_id, interval))
        self._timers[fragment_id] = (interval, timer)

    def _stop_timers(self, fragment_ids: list[str]) -> None:
        for fragment_id in fragment_ids:
            timer = self._timers.pop(fragment_id, None)
            if timer is not None:
                timer[1].cancel()

    async def _tick(self, fragment_id: str, interval: float) -> None:
        """Every ``interval`` seconds from now, ask for the fragment's run (a setInterval: ticks do not drift)."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        ticks = 0
        while True:
            ticks += 1
            await asyncio.sleep(max(0.0, start + ticks * interval - loop.time()))
            await self._rerun(fragment_id, auto=True)


def _note_failure(session: Session, done: object) -> None:
    """A start that failed in a way ``Session.start`` did not foresee: say so, and count the session closed."""
    if not done.cancelled() and done.exception() is not None:
        session.problems.append(f"could not start: {done.exception()!r}")
        session.closed.set()


class SessionPool:
    """Sessions on one asyncio loop in a thread of its own; open them from any thread, close them all at the end.

    ``cpu_seconds()`` is that thread's CPU time: what the client side of the sessions costs this machine.
    """

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.sessions: list[Session] = []
        self._thread = threading.Thread(target=self.loop.run_forever, name="st-sessions", daemon=True)
        self._thread.start()

    def open(self, server_url: str, **options: object) -> Session:
        """A new session on ``server_url`` (``page``, ``query``, ``cookies``, ``watch``: as ``Session``); it
        connects and asks for its first run in the background (``session.connected``, ``session.problems``)."""
        session = Session(server_url, **options)
        self.sessions.append(session)
        started = asyncio.run_coroutine_threadsafe(session.start(), self.loop)
        started.add_done_callback(lambda done: _note_failure(session, done))
        return session

    def submit(self, session: Session, fields: dict[str, str], button: str, timeout: float = 30) -> float:
        """Fill in a form's fields (widget key to text) and press its submit button (its key), as a person does;
        the moment (``time.time()``) the request was sent."""
        msg = session.submit_message({session.widget_id(k): v for k, v in fields.items()}, session.widget_id(button))
        sent = time.time()
        asyncio.run_coroutine_threadsafe(session.send(msg), self.loop).result(timeout)
        return sent

    def type_into(self, session: Session, fields: dict[str, str], timeout: float = 30) -> float:
        """Type into fields outside a form (widget key to text) and press Enter, as a person does; the moment
        (``time.time()``) the request was sent."""
        msg = session.typed_message({session.widget_id(k): v for k, v in fields.items()})
        sent = time.time()
        asyncio.run_coroutine_threadsafe(session.send(msg), self.loop).result(timeout)
        return sent

    def close_session(self, session: Session, timeout: float = 30) -> None:
        """Close one session (the tab is closed), waiting until it has."""
        future = asyncio.run_coroutine_threadsafe(session.close(), self.loop)
        with contextlib.suppress(Exception):
            future.result(timeout)

    def cpu_seconds(self) -> float:
        """User plus system CPU seconds the sessions' thread has used."""
        stat = Path(f"/proc/self/task/{self._thread.native_id}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        """Close every session and stop the loop."""
        for session in self.sessions:
            if not session.closed.is_set():
                self.close_session(session)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        if not self.loop.is_running():
            self.loop.close()

    def __enter__(self) -> SessionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
