"""core: replacing a file atomically - temporary file, fsync, rename, folder sync, cleanup.

A save writes `.name.<pid>.<random>.tmp` beside the target and renames it over the
target only when the bytes are on disk, so a crash at any moment leaves either the old
file or the new one. A process killed mid-save leaves its temporary file behind; the
next successful save (or `remove_stray_temporaries`, which the window calls for its
recent files at start) deletes it, knowing from the pid that its writer is gone.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at `path` by `data` all at once; OSError if that cannot be done.

    A symbolic link is written through: its target is replaced and the link stays. The
    folder is synced after the rename, and temporary files that interrupted saves left
    beside the file are removed once this one has succeeded.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
    fd, tmp = tempfile.mkstemp(
        prefix=f"{tmp_prefix(target)}{os.getpid()}.", suffix=TMP_SUFFIX, dir=target.parent
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(target.parent)
    remove_stray_temporaries(target)


TMP_SUFFIX = ".tmp"


def tmp_prefix(target: Path) -> str:
    """How the temporary files of a save to `target` start: `.name.` (then pid, random)."""
    return f".{target.name}."


def remove_stray_temporaries(target: str | os.PathLike[str]) -> list[Path]:
    """Delete the temporary files that interrupted saves to `target` left; returns them.

    A temporary file names the process that wrote it (`.g.gflow.<pid>.<random>.tmp`); one
    whose process is gone is stray. One without a pid (older gradflow) is stray after an
    hour. A save in progress in another live process is never touched.
    """
    target = Path(target)
    removed = []
    prefix = tmp_prefix(target)
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix)]
    except OSError:
        return []
    for name in names:
        if not name.endswith(TMP_SUFFIX) or not _stray(target.parent / name, name[len(prefix) :]):
            continue
        with contextlib.suppress(OSError):
            os.unlink(target.parent / name)
            removed.append(target.parent / name)
    return removed


def _stray(path: Path, rest: str) -> bool:
    pid_text = rest.split(".", 1)[0]
    if pid_text.isdigit() and "." in rest:
        pid = int(pid_text)
        if pid == os.getpid():
            return True  # this process saves one file at a time, and is done with it
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:  # alive, but someone else's
            return False
        return False
    try:
        return time.time() - path.lstat().st_mtime > 3600
    except OSError:
        return False


def _sync_folder(folder: Path) -> None:
    """fsync the folder so the rename itself survives a power cut (where the OS allows)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
