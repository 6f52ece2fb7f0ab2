"""The benchmark's light client of the app (``bench/st_session.py``) says what Streamlit's page says.

No app server here: hand-made ``ForwardMsg``s, and a loopback websocket server standing in for Streamlit's, check
what would make a benchmark of open tabs wrong without anyone noticing: a first run that does not open the
framework the address names or has no name for the person, fragments never run on their timer (no tab would
ever see a save), later runs that lose the page or the address, a version noted at the wrong time or from the
wrong place, and texts left on the page that the app no longer shows.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time

from benches import bench_module
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

VERSION = re.compile(r"Saved .* as version (\d+)")


def _client():
    return bench_module("st_session")


st_session = _client()


def new_session(run: str, page_hash: str = "hash-main", fragments: tuple[str, ...] = ()) -> bytes:
    msg = ForwardMsg()
    msg.new_session.page_script_hash = page_hash
    msg.metadata.run.script_run_id = run
    msg.metadata.run.fragment_ids.extend(fragments)
    return msg.SerializeToString()


def navigation(page_hash: str) -> bytes:
    msg = ForwardMsg()
    msg.navigation.page_script_hash = page_hash
    return msg.SerializeToString()


def address(query: str) -> bytes:
    msg = ForwardMsg()
    msg.page_info_changed.query_string = query
    return msg.SerializeToString()


def caption(path: tuple[int, ...], body: str, fragment: str = "") -> bytes:
    msg = ForwardMsg()
    msg.metadata.delta_path.extend(path)
    msg.delta.new_element.markdown.body = body
    if fragment:
        msg.delta.fragment_id = fragment
    return msg.SerializeToString()


def auto_rerun(fragment: str, interval: float) -> bytes:
    msg = ForwardMsg()
    msg.auto_rerun.fragment_id = fragment
    msg.auto_rerun.interval = interval
    return msg.SerializeToString()


def finished(status: int) -> bytes:
    msg = ForwardMsg()
    msg.script_finished = status
    return msg.SerializeToString()


FULL = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
FRAGMENT = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY


def test_the_first_run_names_the_framework_and_the_page_later_runs_follow_the_server():
    session = st_session.Session("http://127.0.0.1:8501", query="?framework=abc", page="")
    first = session.rerun_message().rerun_script
    assert first.query_string == "framework=abc"  # the address's query, as the page sends it
    assert first.page_script_hash == "" and first.page_name == ""  # Home: no hash yet, the address's path
    assert first.fragment_id == "" and not first.is_auto_rerun
    assert first.context_info.url == "http://127.0.0.1:8501/?framework=abc"
    assert not first.widget_states.widgets  # a tab no one has touched

    session.handle(new_session("run-1", "hash-main"), 0.0)
    session.handle(navigation("hash-home"), 0.0)  # st.navigation says which page this is
    session.handle(address("framework=abc&x=1"), 0.0)  # the app changed the address
    later = session.rerun_message("frag-1", auto=True).rerun_script
    assert later.page_script_hash == "hash-home"
    assert later.query_string == "framework=abc&x=1"
    assert later.fragment_id == "frag-1" and later.is_auto_rerun

    other = st_session.Session("http://127.0.0.1:8501/", page="/diagram", query="framework=abc")
    assert other.rerun_message().rerun_script.page_name == "diagram"
    assert BackMsg.FromString(other.rerun_message().SerializeToString()).WhichOneof("type") == "rerun_script"


def test_a_version_is_noted_when_the_sidebar_first_says_it_and_nowhere_else():
    session = st_session.Session("http://127.0.0.1:8501", watch=VERSION)
    session.handle(new_session("run-1"), 0.0)
    session.handle(caption((0, 3), "Saved just now as version 9"), 10.0)  # the main area: not the sidebar's line
    session.handle(caption((1, 2), "Saved just now as version 3 by Priya"), 11.0)
    session.handle(finished(FULL), 11.5)
    session.handle(new_session("run-2"), 12.0)
    session.handle(caption((1, 2), "Saved 1 minute ago as version 3 by Priya"), 13.0)  # again: still 11.0
    session.handle(caption((1, 2), "Saved just now as version 4"), 14.0)
    assert session.seen == {"3": 11.0, "4": 14.0}
    assert session.runs == 1


def test_what_a_run_does_not_draw_again_leaves_the_page_and_a_fragment_run_touches_only_its_own():
    session = st_session.Session("http://127.0.0.1:8501")
    session.handle(new_session("run-1"), 0.0)
    session.handle(caption((1, 0), "Open framework"), 0.0)
    session.handle(caption((1, 1, 0), "Also here: Sam (Home)", fragment="live"), 0.0)
    session.handle(caption((1, 2), "A line only the first run drew"), 0.0)
    session.handle(finished(FULL), 0.0)
    everything = ["Open framework", "Also here: Sam (Home)", "A line only the first run drew"]
    assert session.texts(st_session.SIDEBAR) == everything

    session.handle(new_session("run-2", fragments=("live",)), 0.0)  # the fragment's timer: Sam has left
    session.handle(finished(FRAGMENT), 0.0)
    assert session.texts(st_session.SIDEBAR) == ["Open framework", "A line only the first run drew"]
    assert session.fragment_runs == 1

    session.handle(new_session("run-3"), 0.0)  # a full run draws only the first line again
    session.handle(caption((1, 0), "Open framework"), 0.0)
    session.handle(finished(FULL), 0.0)
    assert session.texts(st_session.SIDEBAR) == ["Open framework"]


class FakeStreamlit:
    """A websocket server on loopback that answers as Streamlit's would, and keeps what the client sent."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        from websockets.asyncio.server import serve

        self.requests: list[BackMsg] = []
        self.headers: dict[str, str] = {}
        self.subprotocol = None
        self.connection = None
        self.got = threading.Event()

        async def start():
            return await serve(self.handler, "127.0.0.1", 0, subprotocols=["streamlit"])

        self.server = asyncio.run_coroutine_threadsafe(start(), loop).result(10)
        self.loop = loop
        self.url = f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    async def handler(self, connection) -> None:
        self.connection = connection
        self.headers = dict(connection.request.headers)
        self.subprotocol = connection.subprotocol
        async for data in connection:
            self.requests.append(BackMsg.FromString(data))
            self.got.set()

    def send(self, *messages: bytes) -> None:
        async def go():
            for message in messages:
                await self.connection.send(message)

        asyncio.run_coroutine_threadsafe(go(), self.loop).result(10)

    def fragment_runs(self) -> list[BackMsg]:
        return [r for r in self.requests if r.rerun_script.fragment_id]

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.server.close)


def test_a_session_connects_as_a_tab_and_runs_its_fragment_on_the_servers_timer():
    with st_session.SessionPool() as pool:
        fake = FakeStreamlit(pool.loop)
        try:
            tab = pool.open(fake.url, query="framework=abc", cookies={"logicmodel_author": "Reader%201"}, watch=VERSION)
            assert fake.got.wait(20), tab.problems
            assert fake.subprotocol == "streamlit"
            assert fake.headers["cookie"] == "logicmodel_author=Reader%201"  # the name, as ui.author reads it
            assert fake.headers["origin"] == fake.url
            first = fake.requests[0].rerun_script
            assert first.query_string == "framework=abc" and not first.fragment_id

            fake.send(
                new_session("run-1"),
                navigation("hash-home"),
                auto_rerun("live", 0.1),
                caption((1, 2), "Saved just now as version 1"),
                finished(FULL),
            )
            tab.wait_for(lambda: len(fake.fragment_runs()) >= 3, timeout=20, what="three runs of the fragment")
            for request in fake.fragment_runs():
                state = request.rerun_script
                assert (state.fragment_id, state.is_auto_rerun, state.page_script_hash) == ("live", True, "hash-home")
            assert "1" in tab.seen

            fake.send(auto_rerun("live", 0.1))  # the same fragment and interval again: still one timer
            time.sleep(0.55)
            before = len(fake.fragment_runs())
            time.sleep(0.5)
            assert 3 <= len(fake.fragment_runs()) - before <= 7  # about 5 in 0.5 s, not 10

            fake.send(new_session("run-2"), finished(FULL))  # a full run that drew no fragment: its timer stops
            time.sleep(0.3)
            stopped = len(fake.fragment_runs())
            time.sleep(0.4)
            assert len(fake.fragment_runs()) == stopped
            assert tab.problems == []
        finally:
            fake.close()
    assert tab.closed.is_set()


def widget(path: tuple[int, ...], kind: str, widget_id: str, label: str) -> bytes:
    msg = ForwardMsg()
    msg.metadata.delta_path.extend(path)
    element = getattr(msg.delta.new_element, kind)
    element.id = widget_id
    element.label = label
    return msg.SerializeToString()


def test_a_form_is_submitted_with_its_typed_values_and_its_buttons_trigger_as_the_page_sends_them():
    session = st_session.Session("https://127.0.0.1:8443/", query="framework=abc")
    session.handle(new_session("run-1", "hash-home"), 0.0)
    session.handle(widget((0, 4, 1), "text_input", "$$ID-1a2b-rename_title_abc", "New title"), 0.0)
    session.handle(widget((0, 4, 2), "button", "$$ID-3c4d-lib_rename_abc", "Rename"), 0.0)
    field, button = session.widget_id("rename_title_abc"), session.widget_id("lib_rename_abc")
    assert (field, button) == ("$$ID-1a2b-rename_title_abc", "$$ID-3c4d-lib_rename_abc")
    try:
        session.widget_id("title_abc")  # a key another key merely ends with is not it
        raise AssertionError("found a widget by a part of its key")
    except KeyError:
        pass

    state = session.submit_message({field: "Active Slough 2027"}, button).rerun_script
    values = {w.id: w for w in state.widget_states.widgets}
    assert values[field].string_value == "Active Slough 2027"
    assert values[button].trigger_value is True and values[button].WhichOneof("value") == "trigger_value"
    assert len(values) == 2
    assert state.page_script_hash == "hash-home" and state.query_string == "framework=abc"
    assert not state.fragment_id and not state.is_auto_rerun  # a whole-page run, as a form's submit is

    search = session.typed_message({field: "Slough"}).rerun_script  # text committed in a field: no trigger
    assert [(w.id, w.string_value, w.WhichOneof("value")) for w in search.widget_states.widgets] == [
        (field, "Slough", "string_value")
    ]


def test_behind_the_proxy_a_session_uses_wss_and_offers_the_xsrf_cookie_as_its_token():
    plain = st_session.Session("http://127.0.0.1:8501")
    assert plain.stream_url == "ws://127.0.0.1:8501/_stcore/stream" and plain.ssl is None
    assert plain.subprotocols() == ["streamlit", "PLACEHOLDER_AUTH_TOKEN"]
    context = st_session.insecure_context()
    hosted = st_session.Session(
        "https://127.0.0.1:8443/", cookies={"_streamlit_xsrf": "2|ab|cd|12", "lmb_server": "8601"}, ssl=context
    )
    assert hosted.stream_url == "wss://127.0.0.1:8443/_stcore/stream" and hosted.ssl is context
    assert hosted.subprotocols() == ["streamlit", "2|ab|cd|12"]


def test_the_page_and_its_health_address_are_fetched_first_and_their_set_cookies_kept_beside_the_name():
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[tuple[str, str]] = []

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append((self.path, self.headers.get("Cookie", "")))
            self.send_response(200)
            if self.path.startswith("/?"):  # the proxy names the server on the first answer
                self.send_header("Set-Cookie", "lmb_server=8601; Path=/; Secure; HttpOnly; SameSite=Lax")
            if self.path == "/_stcore/health":  # Streamlit sets its XSRF cookie here
                self.send_header("Set-Cookie", "_streamlit_xsrf=2|ab|cd|12; Path=/; SameSite=Lax; Secure")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/?framework=abc"
        cookies = st_session.page_cookies(url, {"logicmodel_author": "Sam%20Patel"})
    finally:
        server.shutdown()
        server.server_close()
    assert seen == [
        ("/?framework=abc", "logicmodel_author=Sam%20Patel"),
        ("/_stcore/health", "logicmodel_author=Sam%20Patel; lmb_server=8601"),  # to the server the proxy named
    ]
    assert cookies == {"logicmodel_author": "Sam%20Patel", "lmb_server": "8601", "_streamlit_xsrf": "2|ab|cd|12"}
