"""Bring an older framework file up to the current format version.

Each entry of ``MIGRATIONS`` turns the data of version ``n`` into version
``n + 1``. Format v1 is the first, so there are none yet; when v2 arrives,
``MIGRATIONS[1]`` will make every v1 file readable by it.

>>> migrate({"schema_version": 1, "meta": {"title": "T"}})["schema_version"]
1
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from logicmodel.core.errors import FrameworkError, Problem
from logicmodel.core.models import FORMAT_VERSION

__all__ = ["MIGRATIONS", "migrate"]

MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""``MIGRATIONS[n]`` upgrades a version ``n`` document to version ``n + 1``."""


def migrate(data: object) -> dict[str, Any]:
    """Check that ``data`` is a framework document and upgrade it to the current version.

    Raises ``FrameworkError`` when it is not a framework, or is from a newer version of the format.
    """
    if not isinstance(data, dict):
        raise FrameworkError([Problem("", f"not a framework file: expected a JSON object, found {_kind(data)}")])
    if "schema_version" not in data:
        raise FrameworkError([Problem("", "not a framework file: it has no schema_version")])
    version = data["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FrameworkError([Problem("schema_version", f"should be a whole number from 1, found {version!r:.40}")])
    if version > FORMAT_VERSION:
        raise FrameworkError(
            [
                Problem(
                    "schema_version",
                    f"this file is format version {version}; this tool reads versions up to "
                    f"{FORMAT_VERSION}: update Logic Model Builder to open it",
                )
            ]
        )
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        version = data["schema_version"]
    return data


def _kind(value: object) -> str:
    return {list: "a list", str: "a text", bool: "true or false", type(None): "null"}.get(type(value), "a number")
