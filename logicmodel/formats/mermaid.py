"""Mermaid flowcharts: a framework as text that GitHub, GitLab and Notion draw, levels as subgraphs; and the
flowcharts people write for a theory of change read back.

Written: ``flowchart LR``, a subgraph a level (in order), a node a box with its label in quotes (characters
Mermaid would read as syntax written as its ``#code;`` escapes), then the links. Read: the first flowchart in the
text (a Markdown file's ```` ```mermaid ```` block, a Hugo ``{{< mermaid >}}`` shortcode, an MDX ``<Mermaid>``
component, an HTML ``<pre class="mermaid">``, or the whole text, after any YAML front matter); nodes of any shape
(``A["x"]``, ``A(x)``, ``A((x))``, ``A{x}`` ...), chains and ``&`` of links (``A --> B``, ``A -- why --> B``, ``A
-->|why| B``, ``A -.-> B``, ``A ==> B``), and subgraphs as levels (a node is in the level of the innermost
subgraph with a title where it first appears, else of its class, ``:::act`` or ``class a,b act``). Levels whose
names say nothing known are in the order of the subgraphs and classes as written, read the way the chart is drawn
(``BT`` and ``RL`` from the end). Styling lines (``classDef``, ``style``, ``linkStyle``, ``click``) are skipped. A
link without an arrow (``---``, ``-.-``) or both ways (``<-->``) is refused: a logic model's links run one way.
Every problem names its line. Reading is linear in the text's length (no pattern here scans the rest of a line for
each of its parts), and stops at the first limit it reaches.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from logicmodel.core.errors import FrameworkError, Problem, quoted
from logicmodel.core.ids import Taken, new_id
from logicmodel.core.limits import ID_PATTERN, MAX_LINKS, MAX_NODES
from logicmodel.core.models import Framework
from logicmodel.formats.building import (
    Document,
    count_problem,
    document,
    finish,
    resolve_levels,
)
from logicmodel.formats.registry import Choices, Format, Reading

__all__ = ["FORMAT", "escape_label", "unescape_label"]

MAX_STATEMENTS = 2 * (MAX_NODES + MAX_LINKS)
"""Most statements a flowchart may hold (a node, a link or a chain of links, a subgraph, a style: each counts):
room for the largest framework with a style for every node and link."""

MAX_LINES = 2 * MAX_STATEMENTS
"""Most lines a flowchart may have, blank lines and comments among them."""

MAX_MENTIONS = MAX_NODES + 2 * MAX_LINKS
"""Most times nodes may be named, in all: each of the largest framework's boxes once and its links' two ends."""

_SAFE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_KEYWORDS = {"end", "graph", "flowchart", "subgraph", "style", "class", "classdef", "click", "linkstyle", "direction"}
_ESCAPED = set('"<>#&`[](){}|;\\*_~=')


def escape_label(text: str) -> str:
    """A label as Mermaid shows it literally inside quotes: syntax characters as ``#code;``, lines as ``<br>``.

    >>> escape_label('Walks "for all" <weekly> #1, 50% %%')
    'Walks #34;for all#34; #60;weekly#62; #35;1, 50% #37;#37;'
    """
    out = []
    for i, char in enumerate(text):
        if char == "\n":
            out.append("<br>")
        elif char in _ESCAPED or ord(char) < 32 or char in "\x85\u2028\u2029":  # no line break but ours
            out.append(f"#{ord(char)};")
        elif char == "%" and "%" in (text[i - 1 : i], text[i + 1 : i + 2]):  # "%%" starts a comment
            out.append("#37;")
        else:
            out.append(char)
    return "".join(out)


def unescape_label(text: str) -> str:
    """A Mermaid label as text: ``#code;`` and ``#name;`` escapes, HTML entities, ``<br>`` as a line break.

    >>> unescape_label("Walks #34;for all#34;<br>#quot;weekly#quot; &amp; more")
    'Walks "for all"\\n"weekly" & more'
    """
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"#(\d{1,7});", lambda m: _char(int(m.group(1))), text)
    text = re.sub(r"#([A-Za-z]{2,8});", lambda m: html.unescape(f"&{m.group(1)};"), text)
    return html.unescape(text)


def _char(code: int) -> str:
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return "\ufffd"


CARRIES = frozenset(
    {
        "meta.title",  # the front matter's title
        "levels.label",  # a subgraph's title
        "nodes.id",  # as the node's name, where Mermaid can use it
        "nodes.level",
        "nodes.label",
        "links.source",
        "links.target",
        "links.rationale",  # a link's text
    }
)
"""The fields ``_write`` writes: the rest of a framework is left out (``Format.cannot_carry``)."""


def _write(fw: Framework, choices: Choices) -> bytes:
    names: dict[str, str] = {}
    used: set[str] = set()
    for index, node in enumerate(fw.nodes):
        name = node.id if _SAFE_ID.match(node.id) and node.id.lower() not in _KEYWORDS else f"n{index}"
        while name in used:
            name = f"n{index}_{len(used)}"
        used.add(name)
        names[node.id] = name
    lines = ["---", f"title: {json.dumps(fw.meta.title)}", "---", "flowchart LR"]  # JSON's string is YAML's
    by_level: dict[str, list[str]] = {}
    for node in fw.nodes:
        by_level.setdefault(node.level, []).append(f'    {names[node.id]}["{escape_label(node.label)}"]')
    for index, level in enumerate(fw.levels):
        lines.append(f'  subgraph level{index}["{escape_label(level.label)}"]')
        lines.extend(by_level.get(level.id, []))
        lines.append("  end")
    for link in fw.links:
        why = f'|"{escape_label(link.rationale)}"|' if link.rationale else ""
        lines.append(f"  {names[link.source]} -->{why} {names[link.target]}")
    return ("\n".join(lines) + "\n").encode("utf-8")


_NODE = re.compile(r"\s*(?P<id>[\w][\w.\-]*?)(?=[\s\[\(\{>&:;]|-{2}|-\.|={2}|$)")
_SHAPES = (
    ("(((", ")))"),
    ("((", "))"),
    ("([", "])"),
    ("[[", "]]"),
    ("[(", ")]"),
    ("{{", "}}"),
    ("[/", "/]"),
    ("[/", "\\]"),
    ("[\\", "\\]"),
    ("[\\", "/]"),
    (">", "]"),
    ("[", "]"),
    ("(", ")"),
    ("{", "}"),
)
_LINK = re.compile(
    r"""\s*+(?P<back><)?(?:
        (?P<plain>-{2,}>|-{3,}|-\.+->|-\.+-|={2,}>|={3,}|~{3,})
      | (?P<open>--|-\.|==)\s*+(?P<text>"[^"]*+"\s*+|[^"|>]*?)
        (?P<close>(?<!-)-{2,}+>|(?<!\.)\.++->|(?<!=)={2,}+>|(?<!-)-{3,}+|(?<!\.)\.++-|(?<!=)={3,}+)
    )(?:\s*+\|(?P<pipe>[^|]*+)\|)?+\s*+""",
    re.VERBOSE,
)
"""A link. The text between its two halves (``A -- why --> B``) is read up to the first run of dashes, dots or
'=' that closes it, each run tried once from its start (the look-behinds), so a long text costs its length."""
_SKIP = re.compile(r"^\s*(classDef|style|linkStyle|click|direction|%%|accTitle|accDescr)\b", re.IGNORECASE)
_CLASS = re.compile(r"class\s")
_CLASS_DEF = re.compile(r"classDef\s++(\w+)", re.IGNORECASE)
_CLASS_IDS = re.compile(r"[\w.,\s\-]+")
_WORD = re.compile(r"\w+")
_SUBGRAPH = re.compile(r"subgraph\s++(?P<rest>.*)", re.DOTALL)
_SUBGRAPH_TITLE = re.compile(r'(?P<id>[\w.\-]++)\s*+\[\s*+"?+(?P<title>[^"\]]*+)"?+\s*+\]')
_HEADER = re.compile(r"(flowchart|graph)(?:\s++(TB|TD|BT|RL|LR))?+\s*+;?+", re.IGNORECASE)
_HAS_HEADER = re.compile(r"^[^\S\n]*+(flowchart|graph)\b", re.MULTILINE | re.IGNORECASE)
"""A line starting a flowchart; the spaces before it are those of its own line (``\\s*`` after ``^`` would
run on over every blank line below, for every line: quadratic)."""
_CLASS_MARK = re.compile(r":::(\w+)")
_AMPERSAND = re.compile(r"\s*+&\s*+")
_SEMICOLON_OR_QUOTE = re.compile(r'[;"]')
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""Where ``str.splitlines`` breaks a line."""
_FENCES = (
    (re.compile(r"```[^\S\n]*+mermaid[^\n]*+\n"), re.compile(r"```"), False),
    (re.compile(r"~~~[^\S\n]*+mermaid[^\n]*+\n"), re.compile(r"~~~"), False),
    (re.compile(r"\{\{<\s*+mermaid\s*+>\}\}"), re.compile(r"\{\{<\s*+/mermaid\s*+>\}\}"), False),
    (re.compile(r"^:::[^\S\n]*+mermaid[^\S\n]*+$", re.MULTILINE), re.compile(r"^:::", re.MULTILINE), False),
    (re.compile(r"<Mermaid\s++chart=\{`"), re.compile(r"`\s*+\}"), False),
    (re.compile(r"<Mermaid\s*+>"), re.compile(r"</Mermaid\s*+>"), False),
    (
        re.compile(r"<(?:pre|div)\b[^>]*?\bclass=[\"'][^\"'>]*?\bmermaid\b[^>]*+>", re.IGNORECASE),
        re.compile(r"</(?:pre|div)>", re.IGNORECASE),
        True,
    ),
)
"""Where a flowchart is found in a page: a Markdown fence (``` or ~~~), a Hugo shortcode, an Azure DevOps wiki's
``::: mermaid``, an MDX ``<Mermaid>`` component, an HTML ``<pre class="mermaid">`` (its text HTML-escaped)."""


def _extract(text: str) -> tuple[str, int]:
    """The flowchart's text and the line it starts on in the file (a block of ``_FENCES``, or all).

    Each block's end is looked for once from where it starts: a file of many openings and no end costs its length.
    """
    for opening, closing, escaped in _FENCES:
        pos = 0
        while True:
            start = opening.search(text, pos)
            if not start:
                break
            end = closing.search(text, start.end())
            if not end:
                break
            body = text[start.end() : end.start()]
            if escaped:
                body = html.unescape(body)
            if _HAS_HEADER.search(body):
                return body, text.count("\n", 0, start.end())
            pos = end.end()
    return text, 0


def _title(text: str) -> str | None:
    front = re.match(r"---[ \t\r]*\n(.*?)\n---", text, re.DOTALL)
    if front:
        found = re.search(r"^title:[ \t]*(.+)$", front.group(1), re.MULTILINE)
        if found:
            value = found.group(1).strip()
            if value.startswith('"'):
                try:
                    return str(json.loads(value))
                except ValueError:
                    pass
            if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            return unescape_label(value).strip() or None
    heading = re.search(r"^#[ \t]+(.+)$", text, re.MULTILINE)
    return heading.group(1).strip() if heading else None


class _Chart:
    def __init__(self) -> None:
        self.order: list[str] = []
        self.labels: dict[str, str] = {}
        self.level_name: dict[str, str] = {}
        self.classes: dict[str, str] = {}
        self.line: dict[str, int] = {}
        self.links: list[tuple[str, str, str | None, int]] = []
        self.problems: list[Problem] = []
        """Links a logic model cannot have (no arrow, both ways): left out by a repair."""
        self.subgraphs: list[tuple[str, str]] = []
        self.titled: list[str] = []
        """For each open subgraph, the title of the innermost titled one around it (or itself): where a node goes."""
        self.subgraph_ids: set[str] = set()
        self.mentions = 0
        self.direction = "TD"
        """Which way the chart is drawn (TB and TD top-down, BT, LR, RL)."""
        self.written: list[str] = []
        """Subgraph titles and ``classDef`` classes in the order written: the levels' order as the author gave it."""

    def open_subgraph(self, name: str, title: str) -> None:
        self.subgraphs.append((name, title))
        if title:
            self.written.append(title)
        self.titled.append(title or (self.titled[-1] if self.titled else ""))

    def end_subgraph(self) -> None:
        if self.subgraphs:
            self.subgraphs.pop()
            self.titled.pop()

    def problem(self, problem: Problem) -> None:
        count_problem(self.problems, problem)

    def node(self, name: str, label: str | None, line: int) -> None:
        self.mentions += 1
        if self.mentions > MAX_MENTIONS:
            raise FrameworkError([Problem(f"line {line}", f"boxes are named more than {MAX_MENTIONS:,} times")])
        if name not in self.labels:
            if len(self.order) >= MAX_NODES:
                raise FrameworkError([Problem(f"line {line}", f"more than {MAX_NODES:,} boxes")])
            self.order.append(name)
            self.labels[name] = name
            self.line[name] = line
        if self.titled and self.titled[-1]:  # as Mermaid draws it: in the subgraph it is written in
            self.level_name[name] = self.titled[-1]
        if label is not None:
            self.labels[name] = label


def _node_at(text: str, pos: int, chart: _Chart, line: int) -> tuple[list[str], int]:
    """The node (or nodes joined by '&') at ``pos``: their names, and where the text after them starts."""
    names = []
    while True:
        match = _NODE.match(text, pos)
        if not match:
            raise FrameworkError([Problem(f"line {line}", f"expected a box at {quoted(text[pos:].strip()[:30])}")])
        name = match.group("id")
        pos = match.end()
        label = None
        for opener, closer in _SHAPES:
            if text.startswith(opener, pos):
                start = pos + len(opener)
                if text.startswith('"', start):
                    end_quote = text.find('"', start + 1)
                    if end_quote < 0 or not text.startswith(closer, end_quote + 1):
                        continue
                    label, pos = text[start + 1 : end_quote], end_quote + 1 + len(closer)
                else:
                    end = text.find(closer, start)
                    if end < 0:
                        continue
                    label, pos = text[start:end], end + len(closer)
                break
        if label is not None:
            label = unescape_label(label.strip().strip("`").strip())
        cls = _CLASS_MARK.match(text, pos)
        if cls:
            chart.classes.setdefault(name, cls.group(1))
            pos = cls.end()
        chart.node(name, label, line)
        names.append(name)
        amp = _AMPERSAND.match(text, pos)
        if not amp:
            return names, pos
        pos = amp.end()


def _statement(text: str, chart: _Chart, line: int) -> None:
    names, pos = _node_at(text, 0, chart, line)
    end = len(text.rstrip(" ;"))
    while pos < end:
        link = _LINK.match(text, pos)
        if not link:
            raise FrameworkError([Problem(f"line {line}", f"expected a link at {quoted(text[pos:].strip()[:30])}")])
        arrow = link.group("plain") or link.group("close") or ""
        label = link.group("pipe") or (link.group("text") or "").strip()
        label = unescape_label(label.strip().strip('"')) if label and label.strip().strip('"') else None
        targets, pos = _node_at(text, link.end(), chart, line)
        for source in names:
            for target in targets:
                if link.group("back") and arrow.endswith(">"):
                    chart.problem(
                        Problem(
                            f"line {line}",
                            f"the link between {quoted(chart.labels[source])} and {quoted(chart.labels[target])}: it "
                            "runs both ways; a link runs one way",
                        )
                    )
                elif not arrow.endswith(">"):
                    chart.problem(
                        Problem(
                            f"line {line}",
                            f"the link between {quoted(chart.labels[source])} and {quoted(chart.labels[target])}: it "
                            "has no arrow (write --> for a link that runs one way)",
                        )
                    )
                elif link.group("back"):
                    pass
                else:
                    if len(chart.links) >= MAX_LINKS:
                        raise FrameworkError([Problem(f"line {line}", f"more than {MAX_LINKS:,} links")])
                    chart.links.append((source, target, label, line))
        names = targets


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` as ``str.splitlines`` gives them, one at a time (a list of millions costs memory)."""
    start = 0
    for found in _LINE_BREAK.finditer(text):
        yield text[start : found.start()]
        start = found.end()
    if start < len(text):
        yield text[start:]


def _statements(text: str) -> Iterator[str]:
    """A line's statements, one at a time: split at each ';' outside quotes, in one pass."""
    start = 0
    quoted_text = False
    for found in _SEMICOLON_OR_QUOTE.finditer(text):
        if found.group() == '"':
            quoted_text = not quoted_text
        elif not quoted_text:
            yield text[start : found.start()]
            start = found.end()
    yield text[start:]


def _class_statement(statement: str, chart: _Chart) -> bool:
    """``class a,b act``: the named nodes' class noted. Whether the statement was one."""
    if not _CLASS.match(statement):
        return False
    words = statement[6:].strip().rstrip(";").rstrip().rsplit(None, 1)
    if len(words) != 2 or not _WORD.fullmatch(words[1]) or not _CLASS_IDS.fullmatch(words[0]):
        return False
    for name in re.split(r"[,\s]+", words[0].strip()):
        chart.classes.setdefault(name, words[1])
    return True


def _read_chart(body: str, first_line: int) -> _Chart:
    chart = _Chart()
    started = front_matter = seen_text = False
    statements = 0
    for offset, raw in enumerate(_lines(body)):
        line = first_line + offset + 1
        if offset >= MAX_LINES:
            raise FrameworkError([Problem(f"line {line}", f"more than {MAX_LINES:,} lines")])
        text = raw.split("%%", 1)[0].strip() if not raw.strip().startswith("%%{") else ""
        if not text:
            continue
        if front_matter:  # YAML before the chart (a title, a config, a page's date and tags): not the chart
            front_matter = text != "---"
            continue
        if not started:
            if text == "---" and not seen_text:
                front_matter = True
                continue
            seen_text = True
            header = _HEADER.fullmatch(text)
            if not header:
                raise FrameworkError(
                    [Problem(f"line {line}", "only Mermaid flowcharts are read: start with 'flowchart LR'")]
                )
            chart.direction = (header.group(2) or "TD").upper()
            started = True
            continue
        for statement in (part.strip() for part in _statements(text)):
            if not statement:
                continue
            statements += 1
            if statements > MAX_STATEMENTS:
                raise FrameworkError([Problem(f"line {line}", f"more than {MAX_STATEMENTS:,} statements")])
            class_def = _CLASS_DEF.match(statement)
            if class_def:
                chart.written.append(class_def.group(1))
            if _SKIP.match(statement):
                continue
            if statement == "end":
                chart.end_subgraph()
                continue
            sub = _SUBGRAPH.fullmatch(statement)
            if sub:
                rest = sub.group("rest")
                found = _SUBGRAPH_TITLE.fullmatch(rest)
                if found:
                    name, title = found.group("id"), found.group("title")
                else:
                    name, title = rest, rest.strip('"')
                chart.open_subgraph(name, unescape_label(title).strip())
                chart.subgraph_ids.add(name)
                continue
            if _class_statement(statement, chart):
                continue
            _statement(statement, chart, line)
    if not started:
        raise FrameworkError([Problem("", "no Mermaid flowchart found: expected a line 'flowchart LR'")])
    return chart


def _parse(data: bytes, reading: Reading) -> Document:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FrameworkError([Problem("", f"not UTF-8 text (bad byte at position {exc.start})")]) from None
    body, first_line = _extract(text)
    if not _HAS_HEADER.search(body):
        raise FrameworkError(
            [Problem("", "no Mermaid flowchart found: expected a line 'flowchart LR' (in a ```mermaid block)")]
        )
    chart = _read_chart(body, first_line)
    boxes = [name for name in chart.order if name not in chart.subgraph_ids]
    level_names = {name: chart.level_name.get(name) or chart.classes.get(name) or "" for name in boxes}
    order = chart.written[::-1] if chart.direction in ("BT", "RL") else chart.written  # as drawn, start first
    levels, level_of = resolve_levels([n for n in level_names.values() if n], reading.level_map, order)
    pattern = re.compile(ID_PATTERN)
    taken = Taken(name for name in boxes if pattern.match(name))
    ids = {name: name if pattern.match(name) else new_id(chart.labels[name], taken) for name in boxes}
    nodes: list[dict[str, Any]] = []
    doc_places: dict[str, str] = {}
    left_out: list[Problem] = []
    for name in boxes:
        where = f"line {chart.line[name]}"
        if not level_names[name]:
            count_problem(
                left_out,
                Problem(where, f"the box {quoted(chart.labels[name])}: it is in no subgraph or class, so no level"),
            )
            continue
        doc_places[f"nodes[{len(nodes)}]"] = f"{where} {quoted(chart.labels[name])}"
        nodes.append({"id": ids[name], "level": level_of[level_names[name]], "label": chart.labels[name]})
    links: list[dict[str, Any]] = []
    for source, target, label, line in chart.links:
        if source in chart.subgraph_ids or target in chart.subgraph_ids:
            count_problem(left_out, Problem(f"line {line}", "a link to or from a subgraph: links join boxes"))
            continue
        link: dict[str, Any] = {"source": ids[source], "target": ids[target]}
        if label:
            link["rationale"] = label
        doc_places[f"links[{len(links)}]"] = f"line {line}"
        links.append(link)
    doc = document(_title(text) or reading.title or "Imported from Mermaid", levels, nodes, links)
    doc.places.update(doc_places)
    doc.left_out.extend(chart.problems + left_out)
    return doc


FORMAT = Format(
    name="mermaid",
    extension=".mmd",
    also_reads=(".md", ".markdown"),  # the first ```mermaid block of a Markdown page
    media_type="text/vnd.mermaid",
    description="a Mermaid flowchart, levels as subgraphs, for GitHub, GitLab and Notion pages; reads flowcharts",
    button="Flowchart for GitHub or Notion (Mermaid)",
    write=_write,
    read=lambda data: finish(_parse(data, Reading())),
    parse=_parse,
    reads_levels=True,
    carries=CARRIES,
    also_leaves_out=("ids Mermaid cannot use", "empty levels"),  # an empty subgraph is no level when read
)
