"""What can go wrong with the library, each error one plain line a user can read.

>>> str(NotFound("k3Jx9"))
"No framework 'k3Jx9' in the library"
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from logicmodel.core.wording import plural

if TYPE_CHECKING:
    from logicmodel.store.records import Saved, VersionInfo

__all__ = ["Conflict", "NotAllowed", "NotFound", "NotShared", "StoreError", "TooLarge"]


class StoreError(Exception):
    """Any problem with the library; ``str()`` is one plain line."""

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


class NotFound(StoreError):
    """No such framework (or version), or it is in the bin."""

    def __init__(self, framework_id: str, what: str = ""):
        self.framework_id = framework_id
        super().__init__(what or f"No framework {framework_id!r} in the library")


class NotShared(NotFound):
    """A signed-in person asked for a framework that is not shared with them, or is not there at all.

    The message is the same either way and never names the framework's title, so no one can learn what
    is in a library by guessing addresses.
    """

    def __init__(self, framework_id: str):
        super().__init__(framework_id, f"Framework {framework_id!r} is not shared with you (or is not in the library)")


class NotAllowed(StoreError):
    """The framework is shared with them, but not for this: a viewer saving, an editor sharing, and so on."""


class TooLarge(StoreError):
    """The framework is larger than the file format allows (``logicmodel.core.limits.MAX_FILE_BYTES``)."""


class Conflict(StoreError):
    """Someone saved the framework since it was loaded: nothing was written.

    ``current`` is the framework as stored now; ``since`` the versions saved
    after the one the writer had loaded, newest first (who, when, what).
    """

    def __init__(self, current: Saved, since: list[VersionInfo]):
        self.current = current
        self.since = since
        latest = since[0] if since else None
        if latest is None:
            who = f"it is at version {current.version}"
        else:
            more = f" and {plural(len(since) - 1, 'more change')}" if len(since) > 1 else ""
            who = (
                f"{latest.author} saved version {latest.version} at "
                f"{latest.saved_at:%Y-%m-%d %H:%M} UTC ({latest.summary}){more}"
            )
        super().__init__(
            f"'{current.title}' changed since you opened it: {who}. Nothing was overwritten: "
            "reload it, or keep your change as a copy."
        )
