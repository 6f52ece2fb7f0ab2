"""The ``progress`` command: ``logicmodel progress FILE [--json]``, each indicator's status by the stated rule.

Per indicator, a line: its box, its name, the baseline, the latest value and its period, the target and the
status (``logicmodel.analysis.progress``), with why; then each activity's delivery against its plan, a year at a
time; then the rule, in words, so that a status is never shown without it. ``--json`` prints a list of objects
with the keys ``box``, ``indicator``, ``baseline``, ``latest``, ``period``, ``target`` and ``status`` (the box by
its id; a baseline or target as written, a number or a text; null where there is none). Exit 0 when the file
reads, 1 when it cannot be read. Listed in the command line's table (``logicmodel.cli.main.COMMANDS``).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import TextIO

from logicmodel.analysis.progress import RULE, STATUSES, DeliveryYear, Judgement, delivery_against_plan
from logicmodel.analysis.progress import indicator_progress as judged
from logicmodel.analysis.value import money
from logicmodel.cli.files import load_or_say
from logicmodel.cli.terminal import say
from logicmodel.core.wording import plural

__all__ = ["HELP", "arguments", "run"]

HELP = "show each indicator's latest measurement against its baseline and target, and delivery against plan"


def arguments(progress: argparse.ArgumentParser) -> None:
    """The framework file, and ``--json``."""
    progress.add_argument("file", metavar="FILE", type=Path)
    progress.add_argument(
        "--json",
        action="store_true",
        help="print a list of objects: box, indicator, baseline, latest, period, target, status",
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the statuses (or their list as JSON); 0 when the file reads, 1 when it cannot."""
    fw = load_or_say(out, args.file)
    if fw is None:
        return 1
    judgements = judged(fw)
    if args.json:
        print(json.dumps([j.row for j in judgements], ensure_ascii=False), file=out)
        return 0
    if not judgements:
        say(out, f"{args.file}: no indicators")
    else:
        counts = Counter(j.status for j in judgements)
        counted = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
        say(out, f"{args.file}: {plural(len(judgements), 'indicator')}: {counted}")
        for judgement in judgements:
            say(out, _line(judgement))
    years = delivery_against_plan(fw)
    if years:
        say(out, "Delivery against plan, by financial year:")
        for year in years:
            say(out, _delivered(year))
    if judgements:
        say(out, f"Rule: {RULE}")
    return 0


def _shown(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def _line(judgement: Judgement) -> str:
    indicator, latest = judgement.indicator, judgement.latest
    measured = f"{_shown(latest.value)} in {latest.period}" if latest else "none"
    if latest and latest.source:  # where it came from, so an illustrative figure says so where it is shown
        measured += f" ({latest.source})"
    return (
        f"{judgement.box.label} [{judgement.box.id}]: {indicator.name}: baseline {_shown(indicator.baseline)}, "
        f"latest {measured}, target {_shown(indicator.target)}: {judgement.status} ({judgement.why})"
    )


def _delivered(year: DeliveryYear) -> str:
    reached = "participants not recorded" if year.participants is None else plural(year.participants, "participant")
    if year.participants is not None and year.planned_reach is not None:
        reached += f" of {year.planned_reach:,} planned a year"
    spent = "spending not recorded" if year.spent is None else f"spent {money(year.spent, year.currency)}"
    if year.spent is not None and year.planned_cost is not None:
        spent += f" of {money(year.planned_cost, year.currency)} planned a year"
    return f"{year.box.label} [{year.box.id}]: {year.year} ({', '.join(year.periods)}): {reached}; {spent}"
