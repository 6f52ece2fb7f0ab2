"""Mermaid flowcharts: a framework as text that GitHub, GitLab and Notion draw, levels as subgraphs; and the
flowcharts people write for a theory of change read back.

Written: ``flowchart LR``, a subgraph a level (in order), a node a box with its label in quotes (characters
Mermaid would read as syntax written as its ``#code;`` escapes), then the links. Read: the first flowchart in
the text (a Markdown file's ```` ```mermaid ```` block, a Hugo ``{{< mermaid >}}`` shortcode, or the whole
text); nodes of any shape (``A["x"]``, ``A(x)``, ``A((x))``, ``A{x}`` ...), chains and ``&`` of links
(``A --> B``, ``A -- why --> B``, ``A -->|why| B``, ``A -.-> B``, ``A ==> B``), and subgraphs as levels (a node
is in the level of the innermost subgraph with a title where it first appears, else of its class, ``:::act``
or ``class a,b act``). Styling lines (``classDef``, ``style``, ``linkStyle``, ``click``) are skipped. A link
without an arrow (``---``, ``-.-``) or both ways (``<-->``) is refused: a logic model's links run one way.
Every problem names its line.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from logicmodel.errors import FrameworkError, Problem, quoted
from logicmodel.formats.building import Document, document, finish, make_id, resolve_levels
from logicmodel.formats.registry import Choices, Format, Reading
from logicmodel.limits import ID_PATTERN, MAX_LINKS, MAX_NODES
from logicmodel.models import Framework

__all__ = ["FORMAT", "escape_label", "unescape_label"]

_SAFE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_KEYWORDS = {"end", "graph", "flowchart", "subgraph", "style", "class", "classdef", "click", "linkstyle", "direction"}
_ESCAPED = set('"<>#&`[](){}|;\\*_~=')


def escape_label(text: str) -> str:
    """A label as Mermaid shows it literally inside quotes: syntax characters as ``#code;``, lines as ``<br>``.

    >>> escape_label('Walks "for all" <weekly> #1')
    'Walks #34;for all#34; #60;weekly#62; #35;1'
    """
    out = []
    for char in text:
        if char == "\n":
            out.append("<br>")
        elif char in _ESCAPED or ord(char) < 32 or char in "\x85\u2028\u2029":  # no line break but ours
            out.append(f"#{ord(char)};")
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
    r"""\s*(?P<back><)?(?:
        (?P<plain>-{2,}>|-{3,}|-\.+->|-\.+-|={2,}>|={3,}|~{3,})
      | (?P<open>--|-\.|==)\s*(?P<text>"[^"]*"|[^"|>]*?)\s*(?P<close>-{2,}>|\.+->|={2,}>|-{3,}|\.+-|={3,})
    )(?:\s*\|(?P<pipe>[^|]*)\|)?\s*""",
    re.VERBOSE,
)
_SKIP = re.compile(r"^\s*(classDef|style|linkStyle|click|direction|%%|accTitle|accDescr)\b", re.IGNORECASE)
_CLASS = re.compile(r"^\s*class\s+(?P<ids>[\w.,\s\-]+?)\s+(?P<cls>\w+)\s*;?\s*$")
_SUBGRAPH = re.compile(r"^\s*subgraph\s+(?P<rest>.*?)\s*$")
_HEADER = re.compile(r"^\s*(flowchart|graph)(\s+(TB|TD|BT|RL|LR))?\s*;?\s*$", re.IGNORECASE)


def _extract(text: str) -> tuple[str, int]:
    """The flowchart's text and the line it starts on in the file (a Markdown fence, a Hugo shortcode, or all)."""
    for pattern in (r"```\s*mermaid[^\n]*\n(.*?)```", r"\{\{<\s*mermaid\s*>\}\}(.*?)\{\{<\s*/mermaid\s*>\}\}"):
        for match in re.finditer(pattern, text, re.DOTALL):
            body = match.group(1)
            if re.search(r"^\s*(flowchart|graph)\b", body, re.MULTILINE | re.IGNORECASE):
                return body, text.count("\n", 0, match.start(1))
    return text, 0


def _title(text: str) -> str | None:
    front = re.search(r"^---\s*\n(.*?)\n---", text, re.DOTALL)
    if front:
        found = re.search(r"^title:\s*(.+)$", front.group(1), re.MULTILINE)
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
    heading = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
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
        self.subgraph_ids: set[str] = set()

    def node(self, name: str, label: str | None, line: int) -> None:
        if name not in self.labels:
            if len(self.order) >= MAX_NODES:
                raise FrameworkError([Problem(f"line {line}", f"more than {MAX_NODES:,} nodes")])
            self.order.append(name)
            self.labels[name] = name
            self.line[name] = line
        titled = [title for _, title in self.subgraphs if title]
        if titled:  # as Mermaid draws it: in the subgraph it is written in, wherever it was first mentioned
            self.level_name[name] = titled[-1]
        if label is not None:
            self.labels[name] = label


def _node_at(text: str, pos: int, chart: _Chart, line: int) -> tuple[list[str], int]:
    """The node (or nodes joined by '&') at ``pos``: their names, and where the text after them starts."""
    names = []
    while True:
        match = _NODE.match(text, pos)
        if not match:
            raise FrameworkError([Problem(f"line {line}", f"expected a node at {quoted(text[pos:].strip()[:30])}")])
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
        cls = re.match(r":::(\w+)", text[pos:])
        if cls:
            chart.classes.setdefault(name, cls.group(1))
            pos += cls.end()
        chart.node(name, label, line)
        names.append(name)
        amp = re.match(r"\s*&\s*", text[pos:])
        if not amp:
            return names, pos
        pos += amp.end()


def _statement(text: str, chart: _Chart, line: int) -> None:
    names, pos = _node_at(text, 0, chart, line)
    while pos < len(text.rstrip(" ;")):
        link = _LINK.match(text, pos)
        if not link:
            raise FrameworkError([Problem(f"line {line}", f"expected a link at {quoted(text[pos:].strip()[:30])}")])
        arrow = link.group("plain") or link.group("close") or ""
        label = link.group("pipe") or link.group("text")
        label = unescape_label(label.strip().strip('"')) if label and label.strip().strip('"') else None
        targets, pos = _node_at(text, link.end(), chart, line)
        for source in names:
            for target in targets:
                if link.group("back") and arrow.endswith(">"):
                    chart.problems.append(
                        Problem(
                            f"line {line}",
                            f"the link between {quoted(chart.labels[source])} and {quoted(chart.labels[target])}: it "
                            "runs both ways; a link runs one way",
                        )
                    )
                elif not arrow.endswith(">"):
                    chart.problems.append(
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


def _read_chart(body: str, first_line: int) -> _Chart:
    chart = _Chart()
    started = False
    for offset, raw in enumerate(body.splitlines()):
        line = first_line + offset + 1
        text = raw.split("%%", 1)[0].strip() if not raw.strip().startswith("%%{") else ""
        if not text:
            continue
        if not started:
            if text == "---" or text.startswith("title:"):
                continue
            if not _HEADER.match(text):
                raise FrameworkError(
                    [Problem(f"line {line}", "only Mermaid flowcharts are read: start with 'flowchart LR'")]
                )
            started = True
            continue
        for statement in (part.strip() for part in re.split(r";\s*(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", text)):
            if not statement or _SKIP.match(statement):
                continue
            if statement == "end":
                if chart.subgraphs:
                    chart.subgraphs.pop()
                continue
            sub = _SUBGRAPH.match(statement)
            if sub:
                rest = sub.group("rest")
                found = re.match(r'^(?P<id>[\w.\-]+)\s*\[\s*"?(?P<title>[^"\]]*)"?\s*\]$', rest)
                if found:
                    name, title = found.group("id"), found.group("title")
                else:
                    name, title = rest, rest.strip('"')
                chart.subgraphs.append((name, unescape_label(title).strip()))
                chart.subgraph_ids.add(name)
                continue
            cls = _CLASS.match(statement)
            if cls:
                for name in re.split(r"[,\s]+", cls.group("ids").strip()):
                    chart.classes.setdefault(name, cls.group("cls"))
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
    if not re.search(r"^\s*(flowchart|graph)\b", body, re.MULTILINE | re.IGNORECASE):
        raise FrameworkError(
            [Problem("", "no Mermaid flowchart found: expected a line 'flowchart LR' (in a ```mermaid block)")]
        )
    chart = _read_chart(body, first_line)
    boxes = [name for name in chart.order if name not in chart.subgraph_ids]
    level_names = {name: chart.level_name.get(name) or chart.classes.get(name) or "" for name in boxes}
    levels, level_of = resolve_levels([n for n in level_names.values() if n], reading.level_map)
    pattern = re.compile(ID_PATTERN)
    taken = {name for name in boxes if pattern.match(name)}
    ids = {name: name if pattern.match(name) else make_id(chart.labels[name], taken) for name in boxes}
    nodes: list[dict[str, Any]] = []
    doc_places: dict[str, str] = {}
    left_out: list[Problem] = []
    for name in boxes:
        where = f"line {chart.line[name]}"
        if not level_names[name]:
            left_out.append(
                Problem(where, f"the node {quoted(chart.labels[name])}: it is in no subgraph or class, so no level")
            )
            continue
        doc_places[f"nodes[{len(nodes)}]"] = f"{where} {quoted(chart.labels[name])}"
        nodes.append({"id": ids[name], "level": level_of[level_names[name]], "label": chart.labels[name]})
    links: list[dict[str, Any]] = []
    for source, target, label, line in chart.links:
        if source in chart.subgraph_ids or target in chart.subgraph_ids:
            left_out.append(Problem(f"line {line}", "a link to or from a subgraph: links join boxes"))
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
    cannot_carry="details but the title, descriptions, indicators, stakeholders, cohorts, tags, costs, reach, "
    "evidence, links' strength and assumptions, ids Mermaid cannot use, level ids and empty levels",
)
