"""A report written in the worker, measured by the worker itself (``bench/worker.py``): a task must live in a
module the worker can import, not in the benchmark's main file."""

from __future__ import annotations

import time
from collections.abc import Callable

from logicmodel import formats
from logicmodel.core.models import Framework


def _status(field: str) -> float:
    """A figure of this process's memory from /proc (Linux) in MB, e.g. ``VmHWM`` (its peak), ``VmRSS``."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def measured_write(name: str, fw: Framework, choices: formats.Choices) -> tuple[int, float, float]:
    """Write ``fw`` as the format ``name``: its size in bytes, this process's CPU seconds for it, and its peak
    memory in MB above what the process held when the task began."""
    start, cpu = _status("VmRSS"), time.process_time()
    fmt = formats.get(name)
    assert fmt.write is not None
    size = len(fmt.write(fw, choices))
    return size, time.process_time() - cpu, _status("VmHWM") - start


def measured_call(task: Callable[..., object], *args: object) -> float:
    """The processor seconds ``task(*args)`` takes in this process (the worker's own work, for the overhead)."""
    cpu = time.process_time()
    task(*args)
    return time.process_time() - cpu
