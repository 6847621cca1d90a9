"""core: reading a user's file honestly - only regular files, never more than a limit.

A directory, a named pipe or a device (`/dev/zero`) is refused with what it is, before
it is opened: reading a pipe blocks until someone writes, and a device may never end.
The file is opened without blocking and checked again through its descriptor, so a path
swapped for a pipe in between is caught too; at most `max_bytes + 1` bytes are read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from gradflow.core.errors import GradflowError
from gradflow.core.i18n import _


def _kind(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("is a directory")
    if stat.S_ISFIFO(mode):
        return _("is not a regular file (it is a named pipe)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("is not a regular file (it is a device)")
    if stat.S_ISSOCK(mode):
        return _("is not a regular file (it is a socket)")
    return _("is not a regular file")


def _reason(err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return _("no such file")
    if isinstance(err, IsADirectoryError):
        return _("is a directory")
    return err.strerror or str(err)


def size_text(n_bytes: int) -> str:
    """A size for messages: '50 MB' or '120 bytes'."""
    return f"{n_bytes / 2**20:.0f} MB" if n_bytes >= 2**20 else f"{n_bytes} bytes"


def file_problem(path: str | os.PathLike[str]) -> str | None:
    """Why `path` cannot be read as a regular file ("no such file", "is a directory"...)."""
    try:
        return _kind(os.stat(path).st_mode)
    except OSError as err:
        return _reason(err)


def read_regular_file(path: Path, max_bytes: int, error: type[GradflowError], what: str) -> bytes:
    """The bytes of regular file `path`, at most `max_bytes`; `error` says why not."""
    problem = file_problem(path)
    if problem:
        raise error(_("cannot read {path}: {problem}").format(path=path, problem=problem))
    too_big = _("{path}: the file is over the {limit} limit for {what}")
    try:
        if os.stat(path).st_size > max_bytes:
            raise error(too_big.format(path=path, limit=size_text(max_bytes), what=what))
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as fh:
            kind = _kind(os.fstat(fh.fileno()).st_mode)
            if kind:
                raise error(_("cannot read {path}: {problem}").format(path=path, problem=kind))
            data = fh.read(max_bytes + 1)
    except OSError as err:
        raise error(
            _("cannot read {path}: {problem}").format(path=path, problem=_reason(err))
        ) from None
    if len(data) > max_bytes:
        raise error(too_big.format(path=path, limit=size_text(max_bytes), what=what))
    return data
