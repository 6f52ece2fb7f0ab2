"""Reading and writing files safely in folders other people can write to.

A framework arrives by email or in a shared folder, so the file, and the folder
it sits in, may have been prepared by someone else. Reading takes regular files
only (a FIFO or a device would block or never end) and no more than the size
limit. Writing never follows a name someone else could plant: it writes a new,
randomly named file created exclusively in the same folder, flushes it to disk
and renames it over the target in one step, keeping the target's permission
bits; a target that is a symbolic link is written through, not replaced.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_file(folder / "f.json", b"{}")
>>> read_file(folder / "f.json", 100)
b'{}'
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["FileProblem", "read_file", "write_file"]


class FileProblem(OSError):
    """A file cannot be read or written; the message says why in plain words (no file name)."""


def read_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or ``FileProblem`` saying why not.

    The file is checked before it is opened, and again once it is open (a name can be swapped
    between the two); it is opened without blocking, so a FIFO in its place cannot hold the reader.
    """
    try:
        _check_regular(os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileProblem:
        raise
    except FileNotFoundError:
        raise FileProblem("no such file") from None
    except OSError as exc:
        raise FileProblem(f"cannot be read ({_reason(exc)})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        _check_regular(info.st_mode)
        if info.st_size > limit:
            raise FileProblem(too_large(info.st_size, limit))
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise FileProblem(f"cannot be read ({_reason(exc)})") from None
    if len(data) > limit:  # it grew while being read
        raise FileProblem(too_large(len(data), limit))
    return data


def too_large(size: int, limit: int) -> str:
    """The one message for a file over the size limit, with both figures.

    >>> too_large(10_000_001, 10_000_000)
    'file is too large (10,000,001 bytes): the limit is 10 MB (10,000,000 bytes)'
    """
    return f"file is too large ({size:,} bytes): the limit is {limit / 1_000_000:g} MB ({limit:,} bytes)"


def write_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` in one step, or raise ``FileProblem`` and change nothing.

    A new file gets the usual permissions (as the umask allows); an existing one keeps its
    permission bits and, where this user may set them, its owner and group.
    """
    target = Path(os.path.realpath(path))  # a symbolic link is written through, not replaced
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise FileProblem(f"cannot be written ({_reason(exc)})") from None
    if info is not None:
        _check_regular(info.st_mode)
    try:
        # mkstemp opens with O_CREAT | O_EXCL: it never follows a planted link, and tries another
        # random name if one exists. The prefix is cut so that the name fits even for a long file name.
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name[:64]}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise FileProblem(f"cannot be written ({_reason(exc)})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if info is None:
                os.fchmod(handle.fileno(), 0o666 & ~_umask())
            else:
                with contextlib.suppress(OSError):  # only the owner's own ids, unless this user may change them
                    os.fchown(handle.fileno(), info.st_uid, info.st_gid)
                os.fchmod(handle.fileno(), stat.S_IMODE(info.st_mode))
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise FileProblem(f"cannot be written ({_reason(exc)})") from None
        raise
    _sync_folder(target.parent)


def _check_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise FileProblem("is a folder, not a file")
    kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a device or socket"
    raise FileProblem(f"is not a regular file: it is {kind}")


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _umask() -> int:
    """This process's umask, read without changing it where the system allows (Linux)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system lets a folder be flushed)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
