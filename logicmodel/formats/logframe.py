"""The logframe (logical framework) matrix funders ask for, as a workbook or CSV table, and KOICA's Project Design
Matrix (PDM) as JSON.

The matrix: a row for each result, from the top down: goal or impact, purpose or outcome, outputs, activities
(and inputs); columns for the narrative summary, the (objectively verifiable) indicators, the means of
verification, the assumptions, and a baseline and target where the template has them (DFID's, and most since).
The first column, or one headed "level", names each row's level ("Goal", "Purpose", "Output 2", "Activity
1.3"); a row without one continues the level above (another output, or another indicator of the box above when
it has no narrative of its own). Read, each row is a box of its level (levels in the matrix's order from the
bottom, each of the kind its name says); each indicator line an indicator, its means of verification its
source, with its baseline and target; each box links to the level above it: to the box its number says (activity
1.2 to output 1, output 2.1 to outcome 2), else to the only box there. A box's assumptions are those of the
step above it (an output's, that the outputs bring about the purpose), so they go on its links. What the matrix
does not say (which of several purposes an unnumbered output serves) is asked, not guessed: the file is refused
naming the box, and a repair leaves it unlinked. Columns a framework has no place for (milestones, a budget)
are named once with a count.

KOICA's PDM (JSON, its published schema: ``impact``, ``outcomes``, ``outputs``, ``activities``, ``inputs``):
each result a box, linked as its ``from_outputs`` and ``from_activities`` say, each indicator with its means of
verification as its source and its timing as its frequency; sub-activities are listed in their activity's
description; the assumptions of an outcome (and the impact's ``assumptions_from_outcome``) go on the links into
it. An indicator's definition, formula and collector, and a PDM's budget and pre-conditions, have no place in
a framework and are named once with a count.

Read only: a logframe is a report of the logic rather than a file tools exchange, and the workbook
(``xlsx``) carries every part of it, indicators' sources, baselines and targets and links' assumptions included.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from logicmodel.core.errors import FrameworkError, Problem, quoted
from logicmodel.core.ids import Taken, new_id
from logicmodel.core.limits import ID_PATTERN, MAX_LABEL, MAX_LINKS, MAX_NODES, MAX_PROBLEMS
from logicmodel.core.readwrite import parse_json
from logicmodel.formats.box_table import Table, Tally
from logicmodel.formats.building import Document, count_problem, document, finish, unquote_cell
from logicmodel.formats.csv_table import decode, sniff_rows
from logicmodel.formats.other_tools import NotRead, file_levels, plain, sentences
from logicmodel.formats.registry import Format, Reading

__all__ = ["FORMAT", "ROW_WORDS", "level_of_row"]

ROW_WORDS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (4, ("goal", "impact", "overall objective", "development objective", "wider objective", "vision")),
    (3, ("purpose", "outcome", "specific objective", "project objective", "immediate objective")),
    (2, ("output", "result")),
    (1, ("activit",)),
    (0, ("input", "resource", "means")),
)
"""The words a logframe's rows are named by, each with the rank of the level it is (0 inputs ... 4 goal),
checked in this order: "Output" before "result" would not matter, "outcome" before "output" does not either."""

_NUMBERED = re.compile(
    r"^\s*(?:(?:output|activity|outcome|purpose|result|goal|impact)\s*(\d+(?:\.\d+)*)[.:)]?"
    r"|(\d+(?:\.\d+)+|\d+(?=[.:)]))[.:)]?)\s+(\S.*)$",
    re.DOTALL | re.IGNORECASE,
)
_ID = re.compile(ID_PATTERN)


def _numbered(text: str) -> tuple[str, str]:
    """A narrative's own number and the words after it: "1.2 Recruit leaders", "Output 2: Leaders trained"
    (a quantity such as "2 leaders trained" is not a number of a result).

    >>> _numbered("1.2 Recruit leaders"), _numbered("Output 2: Trained"), _numbered("2 leaders trained")
    (('1.2', 'Recruit leaders'), ('2', 'Trained'), ('', '2 leaders trained'))
    """
    found = _NUMBERED.match(text)
    if not found:
        return "", text.strip()
    return found.group(1) or found.group(2), found.group(3).strip()


def level_of_row(cell: str) -> tuple[int, str, str] | None:
    """A row's level from its first cell: its rank, the level's name as the file writes it (without a number),
    and the result's number ("1.2"), or None when the cell names no level.

    >>> level_of_row("Output 1"), level_of_row("ACTIVITIES"), level_of_row("Purpose / Outcome")
    ((2, 'Output', '1'), (1, 'Activities', ''), (3, 'Purpose / Outcome', ''))
    >>> level_of_row("Activity 1.2: Recruit walk leaders"), level_of_row("Notes") is None
    ((1, 'Activity', '1.2'), True)
    """
    head = cell.split(":", 1)[0].strip()
    lowered = head.lower()
    for rank, words in ROW_WORDS:
        if any(lowered.startswith(word) or f" {word}" in lowered for word in words):
            found = re.match(r"^(.*?)\s*(\d+(?:\.\d+)*)\s*$", head)
            name, number = (found.group(1), found.group(2)) if found else (head, "")
            name = " ".join(name.split()) or head
            return rank, name.capitalize() if name.isupper() else name, number  # "OUTPUTS" as "Outputs"
    return None


_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("indicators", ("indicator", "ovi", "measure of success")),
    ("source", ("means of verification", "verification", "mov", "source")),
    ("assumptions", ("assumption", "risk")),
    ("baseline", ("baseline",)),
    ("target", ("target",)),
    ("level", ("level", "hierarchy", "results chain")),
    ("narrative", ("narrative", "summary", "objective", "intervention", "description", "statement", "result")),
)


def _roles(headers: list[str]) -> dict[str, int]:
    """Each column's part of a logframe, by the words of its header ("Resources" is not a "source")."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        lowered = header.lower()
        for role, words in _ROLES:
            if any(re.search(rf"\b{word}", lowered) for word in words) and role not in found:
                found[role] = index
                break
    return found


def _cell(row: list[Any], index: int | None) -> str:
    if index is None or index >= len(row) or row[index] is None:
        return ""
    value = row[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unquote_cell(str(value).strip())


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("-•*").strip() for line in text.splitlines() if line.strip().lstrip("-•*").strip()]


def _measure(text: str) -> float | int | str:
    """A baseline or target as a number when it is one, else as written."""
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return text
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def _header_row(table: Table) -> int | None:
    for index, row in enumerate(table.rows[:30]):
        roles = _roles([_cell(row, i) for i in range(len(row))])
        if "indicators" in roles and ("narrative" in roles or "source" in roles or "assumptions" in roles):
            return index
    return None


def _read_matrix(table: Table, reading: Reading, title: str) -> Document:
    top = _header_row(table)
    if top is None:
        raise FrameworkError(
            [
                Problem(
                    table.where(0),
                    "not a logframe: no row of headers naming the indicators beside the narrative summary, "
                    "means of verification or assumptions",
                )
            ]
        )
    headers = [_cell(table.rows[top], i) for i in range(len(table.rows[top]))]
    roles = _roles(headers)
    level_column = roles.get("level", 0 if 0 not in roles.values() or roles.get("narrative") == 0 else None)
    problems: list[Problem] = []
    left_out: list[Problem] = []
    not_read = NotRead()
    unread = [(i, h) for i, h in enumerate(headers) if h and i not in roles.values() and i != level_column]
    boxes: list[dict[str, Any]] = []  # each: rank, name, number, label, indicators, assumptions, where
    current: tuple[int, str, str] | None = None
    for r, row in enumerate(table.rows[top + 1 :], start=top + 1):
        cells = {role: _cell(row, index) for role, index in roles.items()}
        level_cell = _cell(row, level_column)
        for index, header in unread:  # a milestone, a budget: named with how many rows fill it in
            if _cell(row, index):
                not_read.add("rows", table.where(r, index, header), header, "column")
        if not any(cells.values()) and not level_cell:
            continue
        found = level_of_row(level_cell) if level_cell else None
        narrative = cells.get("narrative", "")
        number = ""
        if level_column is not None and level_column == roles.get("narrative"):
            if found is not None:  # "Goal: ...", or a heading row "OUTPUTS" above its rows
                narrative = level_cell.split(":", 1)[1].strip() if ":" in level_cell else ""
        elif found is None and re.fullmatch(r"\d+(?:\.\d+)*\.?", level_cell):
            number = level_cell.rstrip(".")  # a column of numbers: the row continues its level
        elif found is None and level_cell:
            problems.append(
                Problem(table.where(r, level_column), f"{quoted(level_cell[:60])} names no level of a logframe")
            )
            continue
        elif found is not None and not narrative and ":" in level_cell:
            narrative = level_cell.split(":", 1)[1].strip()
        if found is not None:
            current = found
            number = found[2]
        if current is None:
            problems.append(Problem(table.where(r), "a row before any level: name its level in the first column"))
            continue
        rank, name, _ = current
        if narrative:
            if len(boxes) >= MAX_NODES:
                raise FrameworkError([Problem(table.where(r), f"more than {MAX_NODES:,} results: too many boxes")])
            said, label = _numbered(narrative)
            boxes.append(
                {
                    "rank": rank,
                    "name": name,
                    "number": number or said,
                    "label": " ".join(label.split()) if len(label) <= MAX_LABEL else label.strip(),
                    "indicators": [],
                    "assumptions": [],
                    "where": table.where(r),
                }
            )
        elif not boxes or boxes[-1]["rank"] != rank:
            if any(cells.get(role) for role in ("indicators", "source", "baseline", "target", "assumptions")):
                problems.append(
                    Problem(table.where(r), f"indicators or assumptions of no {name.lower()}: write its narrative")
                )
            continue
        box = boxes[-1]
        names = _lines(cells.get("indicators", ""))
        sources = _lines(cells.get("source", ""))
        baselines = _lines(cells.get("baseline", ""))
        targets = _lines(cells.get("target", ""))
        for i, indicator_name in enumerate(names):
            indicator: dict[str, Any] = {"name": indicator_name}
            pick = sources[i] if len(sources) == len(names) else "; ".join(sources)
            if pick:
                indicator["source"] = pick
            if len(baselines) == len(names):
                indicator["baseline"] = _measure(baselines[i])
            if len(targets) == len(names):
                indicator["target"] = _measure(targets[i])
            box["indicators"].append(indicator)
        for what, values in (("baseline", baselines), ("target", targets), ("means of verification", sources)):
            if values and len(values) != len(names) and (what != "means of verification" or not names):
                count_problem(
                    left_out,
                    Problem(
                        table.where(r, roles[what.split()[0] if what != "means of verification" else "source"]),
                        f"{len(values)} {what} lines for {len(names)} indicators: which goes with which is not said",
                    ),
                )
        box["assumptions"] += sentences(cells.get("assumptions", ""))
    if problems:
        raise FrameworkError(problems)
    return _document(boxes, reading, title, left_out, not_read)


def _document(
    boxes: list[dict[str, Any]], reading: Reading, title: str, left_out: list[Problem], not_read: NotRead
) -> Document:
    """The framework document of a matrix's results, linked up its levels (see the module's docstring)."""
    names: dict[int, str] = {}
    for box in boxes:
        names.setdefault(box["rank"], box["name"])
    ordered = [names[rank] for rank in sorted(names)]
    levels, level_of = file_levels(ordered, reading.level_map)
    by_rank = {rank: level_of[name] for rank, name in names.items()}
    taken = Taken()
    nodes: list[dict[str, Any]] = []
    places: dict[str, str] = {}
    for index, box in enumerate(boxes):
        label = box["label"] or (f"{box['name']} {box['number']}".strip())
        box["id"] = new_id(label, taken)
        node: dict[str, Any] = {"id": box["id"], "level": by_rank[box["rank"]], "label": label}
        if box["indicators"]:
            node["indicators"] = box["indicators"]
        places[f"nodes[{index}]"] = f"{box['where']} {quoted(label[:60])}"
        nodes.append(node)
    links: list[dict[str, Any]] = []
    ranks = sorted(names)
    for box in boxes:
        above = [rank for rank in ranks if rank > box["rank"]]
        if box["rank"] == 0 or not above:  # inputs serve every activity; the goal leads nowhere
            if box["assumptions"]:
                not_read.add("rows", box["where"], f"assumptions of the {box['name'].lower()}", "list")
            continue
        candidates = [other for other in boxes if other["rank"] == above[0]]
        parent = box["number"].rsplit(".", 1)[0] if "." in box["number"] else ""
        targets = [other for other in candidates if parent and other["number"] == parent]
        if not targets and box["rank"] == 1 and box["number"] and "." not in box["number"]:
            targets = [other for other in candidates if other["number"] == box["number"]]  # activity 2, output 2
        if not targets and len(candidates) == 1:
            targets = candidates
        if not targets:
            count_problem(
                left_out,
                Problem(
                    box["where"],
                    f"which of the {len(candidates)} {candidates[0]['name'].lower()} rows {quoted(box['label'][:60])} "
                    "leads to is not said: number it under one (activity 1.2 under output 1)",
                ),
            )
            continue
        for target in targets:
            link: dict[str, Any] = {"source": box["id"], "target": target["id"]}
            if box["assumptions"]:
                link["assumptions"] = box["assumptions"]
            places[f"links[{len(links)}]"] = f"{box['where']}, the step from {quoted(box['label'][:60])} up"
            links.append(link)
    doc = document(title, levels, nodes, links)
    doc.places.update(places)
    doc.left_out.extend(left_out + not_read.problems())
    return doc


# KOICA's Project Design Matrix, as JSON

_PDM_INDICATOR_READ = {"id", "name", "mov", "baseline", "target", "timing"}
_PDM_TOOL = {"stale", "id"}
_PDM_META_TOOL = {"version", "lang", "mode", "gate_mode", "use_case", "unit", "input_source", "interaction"}


def _listed(value: Any, where: str, problems: list[Problem]) -> list[Any]:
    """A PDM's list, or [] with a problem naming where when it is something else."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    problems.append(Problem(where, "should be a list"))
    return []


def _texts(value: Any, where: str, problems: list[Problem]) -> list[str]:
    """A PDM's list of texts (assumptions, SDGs, ids), each trimmed; anything else in it named as a problem."""
    out = []
    for i, item in enumerate(_listed(value, where, problems)):
        if isinstance(item, str):
            if item.strip():
                out.append(item.strip())
        else:
            problems.append(Problem(f"{where}[{i}]", "should be text"))
    return out


def _pdm_label(text: str) -> tuple[str, str]:
    """A result's label (its narrative, else the narrative's first line) and its description (all of it)."""
    whole = "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())
    one = " ".join(whole.split())
    if len(one) <= MAX_LABEL:
        return one, (whole if "\n" in whole else "")
    return whole.splitlines()[0], whole


def _pdm_indicators(items: Any, where: str, not_read: NotRead, problems: list[Problem]) -> list[dict[str, Any]]:
    out = []
    for i, item in enumerate(_listed(items, f"{where}.indicators", problems)):
        if not isinstance(item, dict):
            problems.append(Problem(f"{where}.indicators[{i}]", "should be an object"))
            continue
        at = f"{where}.indicators[{i}]"
        indicator: dict[str, Any] = {"name": " ".join(plain(item.get("name")).split())}
        source = plain(item.get("mov")) or plain(item.get("data_source"))
        if source:
            indicator["source"] = " ".join(source.split())
        for key in ("baseline", "target"):
            value = item.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                indicator[key] = value
            elif plain(value):
                indicator[key] = plain(value)
        if plain(item.get("timing")):
            indicator["frequency"] = plain(item.get("timing"))
        if plain(item.get("data_source")) and plain(item.get("data_source")) != plain(item.get("mov")):
            not_read.add("indicators", at, "data_source")
        not_read.fields("indicators", at, item, _PDM_INDICATOR_READ | {"data_source", "is_proxy"}, ())
        out.append(indicator)
    return out


def _read_pdm(parsed: dict[str, Any], reading: Reading) -> Document:
    not_read = NotRead()
    problems: list[Problem] = []
    meta = parsed.get("meta") if isinstance(parsed.get("meta"), dict) else {}
    parts = {key: parsed.get(key) for key in ("outcomes", "outputs", "activities")}
    for key, value in parts.items():
        if not isinstance(value, list):
            problems.append(Problem(key, "should be a list"))
    impact = parsed.get("impact")
    if impact is not None and not isinstance(impact, dict):
        problems.append(Problem("impact", "should be an object"))
    if problems:
        raise FrameworkError(problems)
    problems += [
        Problem(f"{key}[{i}]", "should be an object")
        for key, value in parts.items()
        for i, item in enumerate(value)
        if not isinstance(item, dict)
    ]
    if problems:
        raise FrameworkError(problems[:MAX_PROBLEMS])
    levels, level_of = file_levels(["Inputs", "Activities", "Outputs", "Outcomes", "Impact"], reading.level_map)
    taken = Taken()
    nodes: list[dict[str, Any]] = []
    places: dict[str, str] = {}
    ids: dict[str, str] = {}
    pending: list[tuple[str, str, str, list[str]]] = []  # (source given id, target box id, where, assumptions)
    used: set[str] = set()
    if sum(len(part) for part in parts.values()) > MAX_NODES:
        raise FrameworkError([Problem("", f"more than {MAX_NODES:,} results: a framework has at most that many boxes")])

    def add(where: str, level: str, given: str, text: str, extra: str = "") -> dict[str, Any]:
        label, description = _pdm_label(text)
        box_id = given if _ID.match(given) and given not in used else new_id(label or given, taken)
        taken.add(box_id)
        used.add(box_id)
        if given:
            ids.setdefault(given, box_id)
        node: dict[str, Any] = {"id": box_id, "level": level_of[level], "label": label}
        description = "\n".join(part for part in (description, extra) if part)
        if description:
            node["description"] = description
        places[f"nodes[{len(nodes)}]"] = f"{where} {quoted(label[:60] or given)}"
        nodes.append(node)
        return node

    for i, activity in enumerate(parts["activities"]):
        subs = [s for s in _listed(activity.get("sub"), f"activities[{i}].sub", problems) if isinstance(s, dict)]
        extra = "\n".join(f"{plain(s.get('id'))} {plain(s.get('text'))}".strip() for s in subs)
        node = add(f"activities[{i}]", "Activities", plain(activity.get("id")), plain(activity.get("text")), extra)
        for sub in subs:
            ids.setdefault(plain(sub.get("id")), node["id"])
        not_read.fields("activities", f"activities[{i}]", activity, {"id", "text", "sub"}, _PDM_TOOL)
    for key, level, source_key, in_key in (
        ("outputs", "Outputs", "from_activities", "assumptions"),
        ("outcomes", "Outcomes", "from_outputs", "assumptions"),
    ):
        for i, result in enumerate(parts[key]):
            where = f"{key}[{i}]"
            node = add(where, level, plain(result.get("id")), plain(result.get("narrative")))
            node_indicators = _pdm_indicators(result.get("indicators"), where, not_read, problems)
            if node_indicators:
                node["indicators"] = node_indicators
            sources = {ind.get("source") for ind in node_indicators}
            if any(m not in sources for m in _texts(result.get("mov"), f"{where}.mov", problems)):
                not_read.add(key, where, "mov")
            assumptions = _texts(result.get(in_key), f"{where}.{in_key}", problems)
            for given in _texts(result.get(source_key), f"{where}.{source_key}", problems):
                pending.append((given, node["id"], where, assumptions))
            read = {"id", "narrative", "indicators", "mov", in_key, source_key}
            not_read.fields(key, where, result, read, _PDM_TOOL)
    if isinstance(impact, dict):
        strategy = plain(impact.get("national_strategy"))
        extra = f"National strategy: {strategy}" if strategy else ""
        node = add("impact", "Impact", plain(impact.get("id")), plain(impact.get("narrative")), extra)
        sdgs = _texts(impact.get("sdgs"), "impact.sdgs", problems)
        if sdgs:
            node["tags"] = sdgs
        if impact.get("indicators"):
            node["indicators"] = _pdm_indicators(impact.get("indicators"), "impact", not_read, problems)
        assumptions = _texts(impact.get("assumptions_from_outcome"), "impact.assumptions_from_outcome", problems)
        for outcome in parts["outcomes"]:
            pending.append((plain(outcome.get("id")), node["id"], "impact", assumptions))
        read = {"id", "narrative", "sdgs", "national_strategy", "assumptions_from_outcome", "indicators", "mov"}
        not_read.fields("impact", "impact", impact, read, _PDM_TOOL)
    inputs = parsed.get("inputs") if isinstance(parsed.get("inputs"), dict) else {}
    for key, name in (("koica", "KOICA's inputs"), ("recipient", "The recipient's inputs")):
        part = inputs.get(key)
        lines = (
            [f"{k.replace('_', ' ')}: {plain(v)}" for k, v in part.items() if plain(v)]
            if isinstance(part, dict)
            else []
        )
        if lines:
            add(f"inputs.{key}", "Inputs", "", name, "\n".join(lines))
    not_read.fields("inputs", "inputs", inputs, {"koica", "recipient"}, ())
    if problems:
        raise FrameworkError(problems[:MAX_PROBLEMS])
    links: list[dict[str, Any]] = []
    for given, target, where, assumptions in pending:
        source = ids.get(given, given if _ID.match(given) else new_id(given or "missing", set()))
        link: dict[str, Any] = {"source": source, "target": target}
        if assumptions:
            link["assumptions"] = assumptions
        places[f"links[{len(links)}]"] = f"{where}, from {quoted(given)}"
        links.append(link)
    not_read.fields("the PDM", "the PDM", parsed, {"meta", "impact", "outcomes", "outputs", "activities", "inputs"}, ())
    not_read.fields(
        "meta",
        "meta",
        meta,
        {"project_name", "created_at", "headline_indicator", "sdgs_koica_indicator"},
        _PDM_META_TOOL | {"approved_at"},
    )
    said = [
        f"Headline indicator: {plain(meta.get('headline_indicator'))}" if plain(meta.get("headline_indicator")) else "",
        f"SDG indicator: {plain(meta.get('sdgs_koica_indicator'))}" if plain(meta.get("sdgs_koica_indicator")) else "",
    ]
    title = " ".join(plain(meta.get("project_name")).split()) or reading.title or "Imported from a PDM"
    created = plain(meta.get("created_at"))
    doc = document(
        title,
        [level for level in levels if any(node["level"] == level["id"] for node in nodes)],
        nodes,
        links,
        description="\n".join(part for part in said if part) or None,
        created=created if re.match(r"^\d{4}-\d{2}-\d{2}$", created) else None,
    )
    if created and not re.match(r"^\d{4}-\d{2}-\d{2}$", created):
        not_read.add("meta", "meta.created_at", "created_at")
    doc.places.update(places)
    doc.left_out.extend(not_read.problems())
    if len(links) > MAX_LINKS:
        raise FrameworkError([Problem("", f"more than {MAX_LINKS:,} links")])
    return doc


# Reading a file of any of the three kinds


def _is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def _parse(data: bytes, reading: Reading) -> Document:
    if _is_zip(data):
        from logicmodel.formats.xlsx_workbook import _cells, _open  # the one safe way a workbook is opened

        book, merged = _open(data)
        try:
            tally = Tally(lambda row, column: "")
            sheets = [ws for ws in book.worksheets if ws.title.lower() not in ("read me", "readme", "instructions")]
            if not sheets:
                raise FrameworkError([Problem("", "the workbook has no sheet")])
            table = Table(sheets[0].title, _cells(sheets[0], merged, tally))
            doc = _read_matrix(table, reading, reading.title or "Imported logframe")
            for ws in sheets[1:]:
                rest = Table(ws.title, _cells(ws, merged, tally))
                if any(any(cell not in (None, "") for cell in row) for row in rest.rows):
                    doc.left_out.append(Problem(f"sheet {quoted(ws.title)}", "a sheet this builder does not read"))
            return doc
        finally:
            book.close()
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        parsed = parse_json(data)
        if not isinstance(parsed, dict) or not any(key in parsed for key in ("outcomes", "outputs", "impact")):
            raise FrameworkError(
                [
                    Problem(
                        "", "not a KOICA PDM: expected a JSON object with 'impact', 'outcomes', 'outputs', 'activities'"
                    )
                ]
            )
        return _read_pdm(parsed, reading)
    if b"\x00" in data[:4096]:
        raise FrameworkError([Problem("", "not a logframe: neither a workbook (.xlsx), a CSV table nor JSON")])
    return _read_matrix(Table(None, sniff_rows(decode(data))), reading, reading.title or "Imported logframe")


_MATRIX_WORDS = (b"means of verification", b"verifiable", b"source of verification", b"sources of verification")


def _recognise(data: bytes) -> bool:
    """Whether a workbook, CSV table or JSON file is a logframe: a matrix headed with means of verification and
    assumptions, or a PDM's results. Never raises: a file it cannot look into is not one."""
    try:
        if _is_zip(data):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                book = archive.open("xl/workbook.xml").read(200_000).lower() if "xl/workbook.xml" in names else b""
                if b'name="boxes"' in book:
                    return False  # our own workbook
                text = b"".join(
                    archive.open(name).read(2_000_000).lower()
                    for name in ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml")
                    if name in names
                )
        else:
            head = data[:8192]
            text = head.lower()
            if text.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":  # a PDM's keys, not a chart's "Outcomes" title
                pdm = all(re.search(rb'"' + key + rb'"\s*:', head) for key in (b"outcomes", b"outputs"))
                return pdm and b'"schema_version"' not in head and b'"$schema"' not in head  # not a schema of one
        said = any(word in text for word in _MATRIX_WORDS) or b"milestone" in text or b"narrative summary" in text
        return said and b"assumption" in text and b"indicator" in text
    except Exception:  # a damaged zip is the xlsx reader's to refuse, in one line
        return False


CARRIES = frozenset(
    {
        *("meta.title", "meta.description", "meta.created", "levels"),
        *(f"nodes.{name}" for name in ("id", "level", "label", "description", "tags")),
        *(f"nodes.indicators.{name}" for name in ("name", "source", "baseline", "target", "unit", "frequency")),
        *("links.source", "links.target", "links.assumptions"),
    }
)
"""The fields a logframe's reader fills in (it writes none): bringing a logframe back onto the open framework
keeps the rest (costs, measurements, valuations, the appraisal, stories ...) from the open version
(``logicmodel.formats.update``)."""

FORMAT = Format(
    name="logframe",
    extension=".xlsx",
    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    description="a logframe matrix (Excel or CSV: narrative, indicators, verification, assumptions) or KOICA PDM JSON",
    button="",
    read=lambda data: finish(_parse(data, Reading())),
    parse=_parse,
    reads_levels=True,
    recognise=_recognise,
    also_reads=(".csv", ".json"),
    carries=CARRIES,
)
