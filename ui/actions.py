"""What the app's buttons do: each callback reads its form's widgets and applies one engine edit.

Callbacks run before the page is drawn again, so the whole page then shows the result. Every change goes
through ``ui.state.apply`` (an edit from ``logicmodel.edit``, checked, saved, undoable),
``ui.state.open_framework`` (a new framework in the library) or the library itself (rename, copy, bin);
a refusal becomes a message, never an exception. Forms prefilled from the model carry the model's revision
in their widget keys (``rev``), so the callbacks are told it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from logicmodel import edit, formats, library
from logicmodel import samples as gallery
from logicmodel.errors import FrameworkError
from logicmodel.formats.registry import title_from_name
from logicmodel.models import Indicator
from logicmodel.store import Conflict, StoreError
from ui import author, state, store
from ui.forms import lines, measure, optional
from ui.text import plural, slug
from ui.widgets import box_namer

__all__ = [
    "BLANK",
    "IMPORT_PROBLEMS",
    "LIBRARY_PAGE",
    "add_box",
    "add_evidence",
    "add_indicator",
    "add_level",
    "add_library_outcome",
    "add_link",
    "add_stakeholder",
    "delete_box",
    "delete_level",
    "delete_link",
    "delete_stakeholder",
    "edit_selected_row",
    "import_file",
    "library_delete",
    "library_duplicate",
    "library_empty_bin",
    "library_open",
    "library_page",
    "library_rename",
    "library_restore",
    "library_search",
    "move_level",
    "open_sample",
    "picked",
    "remove_item",
    "rename_box",
    "save_box",
    "save_details",
    "save_evidence",
    "save_indicator",
    "save_level",
    "save_link",
    "save_stakeholder",
    "start_new",
]

BLANK = "blank"
"""The "start from" choice of a blank framework with the default levels."""
IMPORT_PROBLEMS = "import_problems"
"""Session key of the last refused import: (file name, FrameworkError, the file's bytes), shown on Home until the
next action."""


def value(key: str) -> Any:
    """What the widget with this key holds (None when it is not on the page)."""
    return st.session_state.get(key)


def save_details(rev: int) -> None:
    state.apply(
        edit.update_meta,
        title=(value(f"meta_title_{rev}") or "").strip(),
        organisation=optional(value(f"meta_org_{rev}")),
        area=optional(value(f"meta_area_{rev}")),
        description=optional(value(f"meta_description_{rev}")),
        authors=lines(value(f"meta_authors_{rev}")),
        tags=lines(value(f"meta_tags_{rev}")),
        success="Details saved.",
        summary="",
    )


def add_box() -> None:
    fw = state.current()
    label = (value("add_box_label") or "").strip()
    if not label:
        state.flash("error", "Not added: give the box a label.")
        return
    node_id = edit.suggest_id(fw, label)
    ok = state.apply(
        edit.add_node,
        {
            "id": node_id,
            "level": value("add_box_level"),
            "label": label,
            "description": optional(value("add_box_description")),
            "stakeholders": value("add_box_stakeholders") or [],
        },
        success=f"Added '{label}'.",
    )
    if ok:
        state.select_node(node_id)


def add_library_outcome() -> None:
    fw = state.current()
    entry = library.outcome(value("lib_outcome"))
    level = value("lib_outcome_level")
    node_id = edit.suggest_id(fw, entry.label)
    ok = state.apply(
        edit.add_node,
        {
            "id": node_id,
            "level": level,
            "label": entry.label,
            "description": entry.description or None,
            "stakeholders": value("lib_outcome_stakeholders") or [],
            "indicators": [i.indicator for i in entry.indicators[:1]],
        },
        success=f"Added '{entry.label}' from the outcome library ({entry.source}).",
    )
    if ok:
        state.select_node(node_id)


def save_box(node_id: str, k: str) -> None:
    """Callback of a box's form; ``k`` is the suffix of the form's widget keys."""
    amount = value(f"box_cost_{k}")
    cost = None
    if amount is not None:
        cost = {"amount": float(amount), "currency": (value(f"box_currency_{k}") or "GBP").strip().upper()}
        if optional(value(f"box_period_{k}")):
            cost["period"] = optional(value(f"box_period_{k}"))
    reach = value(f"box_reach_{k}")
    state.apply(
        edit.update_node,
        node_id,
        label=(value(f"box_label_{k}") or "").strip(),
        level=value(f"box_level_{k}"),
        description=optional(value(f"box_description_{k}")),
        stakeholders=value(f"box_stakeholders_{k}") or [],
        cohorts=[c.strip() for c in value(f"box_cohorts_{k}") or [] if c.strip()],
        tags=lines(value(f"box_tags_{k}")),
        reach=None if reach is None else int(reach),
        cost=cost,
        success="Box saved.",
        summary="",
    )


def add_indicator(node_id: str) -> None:
    fw = state.current()
    node = fw.node_by_id[node_id]
    picked = value("ind_library")
    name = optional(value("ind_name"))
    if picked:
        base = library.indicator(picked).indicator
    elif name:
        base = Indicator(name=name)
    else:
        state.flash("error", "Not added: pick an indicator from the library or type its name.")
        return
    fields = base.model_dump(exclude_none=True)
    for field in ("name", "source", "unit", "frequency"):
        typed = optional(value(f"ind_{field}"))
        if typed and not (picked and field == "name"):
            fields[field] = typed
    for field in ("baseline", "target"):
        typed = measure(value(f"ind_{field}"))
        if typed is not None:
            fields[field] = typed
    state.apply(
        edit.update_node,
        node_id,
        indicators=[*node.indicators, fields],
        success=f"Indicator '{fields['name']}' added.",
    )


def save_indicator(node_id: str, index: int, rev: int) -> None:
    node = state.current().node_by_id[node_id]
    k = f"{node_id}_{rev}_{index}"
    fields = {
        "name": (value(f"ie_name_{k}") or "").strip(),
        "source": optional(value(f"ie_source_{k}")),
        "baseline": measure(value(f"ie_baseline_{k}")),
        "target": measure(value(f"ie_target_{k}")),
        "unit": optional(value(f"ie_unit_{k}")),
        "frequency": optional(value(f"ie_frequency_{k}")),
    }
    indicators = list(node.indicators)
    indicators[index] = {name: v for name, v in fields.items() if v is not None or name == "name"}
    state.apply(
        edit.update_node, node_id, indicators=indicators, success=f"Indicator '{fields['name']}' saved.", summary=""
    )


def remove_item(node_id: str, field: str, index: int) -> None:
    node = state.current().node_by_id[node_id]
    items = list(getattr(node, field))
    removed = items.pop(index)
    name = getattr(removed, "name", None) or getattr(removed, "title", "")
    state.apply(edit.update_node, node_id, **{field: items}, success=f"Removed '{name}'.")


def add_evidence(node_id: str) -> None:
    node = state.current().node_by_id[node_id]
    title = optional(value("ev_title"))
    if not title:
        state.flash("error", "Not added: give the evidence a title.")
        return
    item = {"title": title, "strength": value("ev_strength") or "unknown"}
    if optional(value("ev_url")):
        item["url"] = optional(value("ev_url"))
    state.apply(edit.update_node, node_id, evidence=[*node.evidence, item], success=f"Evidence '{title}' added.")


def save_evidence(node_id: str, index: int, rev: int) -> None:
    node = state.current().node_by_id[node_id]
    k = f"{node_id}_{rev}_{index}"
    item = {"title": (value(f"ee_title_{k}") or "").strip(), "strength": value(f"ee_strength_{k}") or "unknown"}
    if optional(value(f"ee_url_{k}")):
        item["url"] = optional(value(f"ee_url_{k}"))
    evidence = list(node.evidence)
    evidence[index] = item
    state.apply(edit.update_node, node_id, evidence=evidence, success=f"Evidence '{item['title']}' saved.", summary="")


def rename_box(node_id: str, rev: int) -> None:
    new_id = (value(f"box_newid_{node_id}_{rev}") or "").strip()
    if state.apply(edit.rename_node, node_id, new_id, success=f"The id is now '{new_id}'; its links follow it."):
        state.select_node(new_id)


def delete_box(node_id: str) -> None:
    fw = state.current()
    links = sum(1 for pair in fw.link_pairs if node_id in pair)
    also = f" and its {plural(links, 'link')}" if links else ""
    done = f"Deleted '{fw.node_by_id[node_id].label}'{also}. Undo brings {'them' if links else 'it'} back."
    if state.apply(edit.delete_node, node_id, success=done):
        state.select_node(None)


def add_link() -> None:
    source, target = value("link_source"), value("link_target")
    if not source or not target:
        state.flash("error", "Not added: choose the box the link starts from and the box it leads to.")
        return
    fw = state.current()
    namer = box_namer(fw)
    state.apply(
        edit.add_link,
        {
            "source": source,
            "target": target,
            "rationale": optional(value("link_rationale")),
            "assumptions": lines(value("link_assumptions")),
            "strength": value("link_strength") or "unknown",
        },
        success=f"Linked {namer(source)} → {namer(target)}.",
    )


def save_link(pair: tuple[str, str], rev: int) -> None:
    k = f"{pair[0]}_{pair[1]}_{rev}"
    state.apply(
        edit.update_link,
        *pair,
        rationale=optional(value(f"lk_rationale_{k}")),
        assumptions=lines(value(f"lk_assumptions_{k}")),
        strength=value(f"lk_strength_{k}") or "unknown",
        success="Link saved.",
        summary="",
    )


def delete_link(pair: tuple[str, str]) -> None:
    namer = box_namer(state.current())
    state.apply(edit.delete_link, *pair, success=f"Removed the link {namer(pair[0])} → {namer(pair[1])}.")


def add_level() -> None:
    fw = state.current()
    label = (value("add_level_label") or "").strip()
    if not label:
        state.flash("error", "Not added: give the level a label.")
        return
    level_id, n = slug(label, "level")[:60], 1
    while level_id in fw.level_rank:
        n += 1
        level_id = f"{slug(label, 'level')[:56]}-{n}"
    after = value("add_level_after")
    position = fw.level_ids.index(after) + 1 if after in fw.level_rank else 0
    state.apply(
        edit.add_level,
        {"id": level_id, "label": label, "kind": value("add_level_kind")},
        position,
        success=f"Added the level '{label}'.",
    )


def save_level(level_id: str, rev: int) -> None:
    state.apply(
        edit.update_level,
        level_id,
        label=(value(f"lv_label_{level_id}_{rev}") or "").strip(),
        kind=value(f"lv_kind_{level_id}_{rev}"),
        success="Level saved.",
        summary="",
    )


def move_level(level_id: str, step: int) -> None:
    fw = state.current()
    position = fw.level_ids.index(level_id) + step
    state.apply(edit.move_level, level_id, position, success="Level moved.", summary="")


def delete_level(level_id: str) -> None:
    state.apply(edit.delete_level, level_id, success="Level deleted.", summary="")


def add_stakeholder() -> None:
    fw = state.current()
    name = (value("add_sh_name") or "").strip()
    if not name:
        state.flash("error", "Not added: give the stakeholder a name.")
        return
    taken = {s.id for s in fw.stakeholders}
    sid, n = slug(name, "stakeholder")[:60], 1
    while sid in taken:
        n += 1
        sid = f"{slug(name, 'stakeholder')[:56]}-{n}"
    state.apply(
        edit.add_stakeholder, {"id": sid, "name": name, "role": value("add_sh_role")}, success=f"Added '{name}'."
    )


def save_stakeholder(sid: str, rev: int) -> None:
    state.apply(
        edit.update_stakeholder,
        sid,
        name=(value(f"sh_name_{sid}_{rev}") or "").strip(),
        role=value(f"sh_role_{sid}_{rev}"),
        success="Stakeholder saved.",
        summary="",
    )


def delete_stakeholder(sid: str) -> None:
    fw = state.current()
    name = next(s.name for s in fw.stakeholders if s.id == sid)
    boxes = sum(1 for n in fw.nodes if sid in n.stakeholders)
    also = f" and took it off {plural(boxes, 'box', 'boxes')}" if boxes else ""
    state.apply(edit.delete_stakeholder, sid, success=f"Deleted '{name}'{also}. Undo brings it back.")


def edit_selected_row(key: str) -> None:
    """Callback of the All boxes table: the box in the row the user selected opens in Edit a box."""
    rows = getattr(getattr(value(key), "selection", None), "rows", None) or []
    fw = state.current()
    if fw is not None and rows and 0 <= rows[0] < len(fw.nodes):
        state.select_node(fw.nodes[rows[0]].id, jump=True)


def picked() -> None:
    """The user chose another box: it becomes the selected one (for Links and the diagram too)."""
    state.select_node(value("build_node"))


# --- Home: start, open, import ---


def start_new() -> None:
    """Callback of the "Start" button: a blank framework or a copy of a template, with the user's title."""
    title = st.session_state.get("new_title", "").strip()
    organisation = st.session_state.get("new_organisation", "").strip() or None
    choice = st.session_state.get("new_start", BLANK)
    st.session_state[IMPORT_PROBLEMS] = None
    if not title:
        state.flash("error", "Give the framework a title first, e.g. 'Active Swindon outcomes framework'.")
        return
    try:
        if choice == BLANK:
            fw, source = edit.new_framework(title, organisation), "a blank framework"
        else:  # the user's copy: without the gallery's own tags ("template", "accepts:...")
            template = gallery.find(choice)
            fw, source = gallery.start_from(template, title, organisation), f"the template '{template.title}'"
    except FrameworkError as err:
        state.flash("error", "Could not start it: " + "; ".join(str(p) for p in err.problems))
        return
    started = state.open_framework(
        fw, f"Started '{fw.meta.title}'. Add its boxes and links on Build.", summary=f"Started from {source}"
    )
    if started:  # cleared only now: a refused start keeps what was typed and chosen
        st.session_state["new_title"] = st.session_state["new_organisation"] = ""
        st.session_state["new_start"] = BLANK


def open_sample(name: str) -> None:
    """Callback of a gallery card's button: a copy of the sample, in the library (the sample stays as it is)."""
    sample = gallery.find(name)
    st.session_state[IMPORT_PROBLEMS] = None
    if sample is None:
        state.flash("error", f"The sample '{name}' is no longer there.")
        return
    fw = sample.load()
    state.open_framework(
        fw,
        f"Opened the sample '{fw.meta.title}': this copy is yours, saved in the library as you change it.",
        summary=f"Copied from the sample '{sample.title}'",
    )


def import_file() -> None:
    """Callback of the file uploader: add the file to the library if it is a valid framework, else keep the open one."""
    uploaded = st.session_state.get("import_file")
    st.session_state[IMPORT_PROBLEMS] = None
    if uploaded is None:
        return
    try:
        fw = formats.read_named(uploaded.name, uploaded.getvalue())  # by the format its name says
    except FrameworkError as err:
        st.session_state[IMPORT_PROBLEMS] = (uploaded.name, err, uploaded.getvalue())
        return
    state.open_framework(
        fw, f"Imported '{fw.meta.title}' from {uploaded.name}.", summary=f"Imported from {uploaded.name}"
    )


def import_repaired() -> None:
    """ "Open anyway": open the refused upload without what is wrong (``logicmodel.repair``), saying what was left
    out; the level map chosen on Home, if any, is used."""
    failed = st.session_state.get(IMPORT_PROBLEMS)
    if not failed:
        return
    name, _err, raw = failed
    try:
        fw, changes = import_preview(name, raw, import_level_map())
    except FrameworkError as err:
        st.session_state[IMPORT_PROBLEMS] = (name, err, raw)
        return
    st.session_state[IMPORT_PROBLEMS] = None
    left = f" Left out: {repair_summary(changes)}." if changes else ""
    state.open_framework(fw, f"Imported '{fw.meta.title}' from {name}.{left}", summary=f"Imported from {name}")


def import_with_levels() -> None:
    """Read the refused upload again with the levels chosen for its types on Home."""
    failed = st.session_state.get(IMPORT_PROBLEMS)
    if not failed:
        return
    name, _err, raw = failed
    fmt = formats.reader_of(name, raw)
    try:
        reading = formats.Reading(level_map=import_level_map(), title=title_from_name(name))
        fw = formats.read(fmt, raw, reading) if fmt else None
    except FrameworkError as err:
        st.session_state[IMPORT_PROBLEMS] = (name, err, raw)
        return
    if fw is not None:
        st.session_state[IMPORT_PROBLEMS] = None
        state.open_framework(fw, f"Imported '{fw.meta.title}' from {name}.", summary=f"Imported from {name}")


IMPORT_LEVEL = "import_level_"
"""Session key prefix of the level chosen on Home for each type of a refused upload."""


def import_level_map() -> tuple[tuple[str, str], ...]:
    """The levels chosen on Home for the refused upload's types (those left as they are not included)."""
    chosen = []
    for key, value in st.session_state.items():
        if isinstance(key, str) and key.startswith(IMPORT_LEVEL) and value:
            chosen.append((key.removeprefix(IMPORT_LEVEL), value))
    return tuple(sorted(chosen))


def import_preview(name: str, raw: bytes, level_map: tuple[tuple[str, str], ...] = ()) -> tuple[Any, list[Any]]:
    """What "Open anyway" would open, and what it would leave out; ``FrameworkError`` when it cannot."""
    from logicmodel.repair import repair

    fmt = formats.reader_of(name, raw)
    if fmt is None or fmt.parse is None:
        raise FrameworkError([])
    return repair(formats.parse(fmt, raw, formats.Reading(level_map=level_map, title=title_from_name(name))))


def repair_summary(changes: list[Any]) -> str:
    from logicmodel.repair import summary

    return summary(changes).removesuffix(" will be left out")


# --- Compare: merge and adapt ---

COMPARE_OTHER = "compare_other"
"""Session key of the framework the Compare page compares the open one with, and its name."""


def compare_merge() -> None:
    """Bring the compared framework's boxes and links into the open one (``logicmodel.merge``), saying what."""
    from logicmodel.merge import merge

    other, name = st.session_state.get(COMPARE_OTHER) or (None, "")
    fw = state.current()
    if other is None or fw is None:
        return
    try:
        merged, report = merge(fw, other)
    except FrameworkError as err:
        state.flash("error", "Not merged: " + "; ".join(str(p) for p in err.problems[:5]))
        return
    added = sum(1 for line in report if line.endswith(": added") or "so it is" in line)
    if state.replace(merged, f"Merged {name} in"):
        renamed = [line for line in report if "so it is" in line]
        note = f" Renamed: {'; '.join(renamed[:5])}." if renamed else ""
        state.flash("success", f"Merged {name} in: {plural(added, 'part')} added.{note}")


def compare_adapt() -> None:
    """Start a new framework from the compared one (``logicmodel.adapt``), with the details typed on Compare."""
    from logicmodel.adapt import adapt

    other, name = st.session_state.get(COMPARE_OTHER) or (None, "")
    title = " ".join((value("adapt_title") or "").split())
    if other is None:
        return
    if not title:
        state.flash("error", "Not started: type a title for your framework first.")
        return
    try:
        fw, report = adapt(
            other,
            title=title,
            organisation=optional(value("adapt_organisation")),
            area=optional(value("adapt_area")),
            authors=lines(value("adapt_authors")),
            leave_out=value("adapt_leave_out") or [],
        )
    except FrameworkError as err:
        state.flash("error", "Not started: " + "; ".join(str(p) for p in err.problems[:5]))
        return
    left = f" Left out {plural(len(report), 'part')}." if report else ""
    state.open_framework(fw, f"Started '{title}' from {name}.{left}", summary=f"Adapted from {name}")


# --- Home: the library ---

LIBRARY_PAGE = "library_page"
"""Session key of the page of the library list shown (0 for the first)."""


def library_search() -> None:
    """The search changed: back to the first page of what it finds."""
    st.session_state[LIBRARY_PAGE] = 0


def library_page(step: int) -> None:
    st.session_state[LIBRARY_PAGE] = max(0, st.session_state.get(LIBRARY_PAGE, 0) + step)


def library_open(framework_id: str) -> None:
    st.session_state[IMPORT_PROBLEMS] = None
    state.open_saved(framework_id)


def library_rename(framework_id: str, version: int) -> None:
    """Rename a framework of the library (a new version of it); the open one shows its new title at once."""
    title = " ".join((value(f"rename_{framework_id}") or "").split())
    if not title:
        state.flash("error", "Not renamed: type the new title first.")
        return
    if framework_id == state.current_id():
        if state.conflict() is not None:
            state.flash("error", "Not renamed: first choose what to do about the change someone else saved.")
            return
        version = st.session_state[state.VERSION]
    try:
        saved = store.library().rename(framework_id, title, expected_version=version, author=author.name())
    except Conflict as clash:
        state.flash(
            "error",
            f"Not renamed: {clash.since[0].author if clash.since else 'someone'} changed it "
            "just now. Look at it again and rename it then.",
        )
        return
    except StoreError as err:
        state.flash("error", f"Not renamed: {err}")
        return
    if framework_id == state.current_id():
        state.open_saved(framework_id)
    state.flash("success", f"Renamed to '{saved.title}'.")


def library_duplicate(framework_id: str) -> None:
    try:
        saved = store.library().duplicate(framework_id, author=author.name())
    except StoreError as err:
        state.flash("error", f"Not copied: {err}")
        return
    state.flash("success", f"Made a copy, '{saved.title}': it is at the top of the library.")


def library_delete(framework_id: str, title: str) -> None:
    try:
        store.library().delete(framework_id, author=author.name())
    except StoreError as err:
        state.flash("error", f"Not moved to the bin: {err}")
        return
    if framework_id == state.current_id():
        state.close()
    state.flash("success", f"Moved '{title}' to the bin. Restore it from the bin, below the library, if needed.")


def library_restore(framework_id: str, title: str) -> None:
    try:
        store.library().restore(framework_id, author=author.name())
    except StoreError as err:
        state.flash("error", f"Not restored: {err}")
        return
    state.flash("success", f"Restored '{title}' from the bin to the library.")


def library_empty_bin() -> None:
    try:
        removed = store.library().empty_bin()
    except StoreError as err:
        state.flash("error", f"The bin was not emptied: {err}")
        return
    state.flash("success", f"Emptied the bin: {plural(removed, 'framework')} removed for good, with their history.")
