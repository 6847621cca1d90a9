"""nn: reading the arrays X and y of an `.npz` file without trusting what it claims.

An `.npz` is a zip of `.npy` members, and each member's header states a shape and a
dtype; numpy allocates the whole array from that claim before reading a byte of data.
So each header is read first and its size checked against the member's actual length
and a limit; a `.npy` renamed `.npz`, a zip whose members are not arrays, a pickled
(object) array and a truncated member are all one DatasetError.
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import numpy as np

from gradflow.core.errors import DatasetError
from gradflow.core.i18n import _
from gradflow.core.paths import file_problem

MAX_ARRAY_BYTES = 4 * 2**30  # one array of a data set: 4 GB (CIFAR-10 as float32 is 0.7 GB)


def read_xy(file: Path) -> tuple[np.ndarray, np.ndarray]:
    """The arrays X and y of `file`; DatasetError naming what is wrong."""
    problem = file_problem(file)
    if problem:
        raise DatasetError(_("cannot read {file}: {problem}").format(file=file, problem=problem))
    try:
        archive = zipfile.ZipFile(file)
    except zipfile.BadZipFile:
        with file.open("rb") as fh:
            is_npy = fh.read(6) == b"\x93NUMPY"
        what = _("it is a single .npy array") if is_npy else _("it is not a zip archive")
        raise DatasetError(
            _("cannot read {file} as .npz: {what}").format(file=file, what=what)
        ) from None
    except OSError as err:
        said = _("cannot read {path}: {why}")
        raise DatasetError(said.format(path=file, why=err.strerror or err)) from None
    with archive:
        names = {n[:-4] if n.endswith(".npy") else n: n for n in archive.namelist()}
        if "X" not in names or "y" not in names:
            has = ", ".join(sorted(names)) or _("nothing")
            raise DatasetError(
                _("{file} must contain arrays X and y, has {has}").format(file=file, has=has)
            )
        return _member(archive, names["X"], file), _member(archive, names["y"], file)


def read_members(file: Path) -> dict[str, np.ndarray]:
    """Every array of `file` (a model file, say), each header checked as in `read_xy`."""
    problem = file_problem(file)
    if problem:
        raise DatasetError(_("cannot read {file}: {problem}").format(file=file, problem=problem))
    try:
        with zipfile.ZipFile(file) as archive:
            return {
                (n[:-4] if n.endswith(".npy") else n): _member(archive, n, file)
                for n in archive.namelist()
            }
    except zipfile.BadZipFile:
        raise DatasetError(_("{file} is not a zip archive").format(file=file)) from None
    except OSError as err:
        said = _("cannot read {path}: {why}")
        raise DatasetError(said.format(path=file, why=err.strerror or err)) from None


def _member(archive: zipfile.ZipFile, name: str, file: Path) -> np.ndarray:
    where = f"{file}: {name}"
    info = archive.getinfo(name)
    try:
        with archive.open(info) as fh:
            shape, fortran, dtype = _header(fh, where)
            _check_claim(where, shape, dtype, info.file_size - fh.tell())
            data = fh.read(math.prod(shape) * dtype.itemsize)
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as err:
        raise DatasetError(_("cannot read {where}: {err}").format(where=where, err=err)) from None
    arr = np.frombuffer(data, dtype=dtype, count=math.prod(shape))
    return arr.reshape(shape[::-1]).T if fortran else arr.reshape(shape)


def _check_claim(where: str, shape: tuple[int, ...], dtype: np.dtype, left: int) -> None:
    """Refuse a header whose array would be objects, too big, or bigger than its data."""
    if dtype.hasobject:
        raise DatasetError(_("{where} holds Python objects, not numbers").format(where=where))
    count = math.prod(shape)
    need = count * dtype.itemsize
    if need > MAX_ARRAY_BYTES:
        text = _(
            "{where} claims {shape} = {n:,} values ({gb:.1f} GB), over the {limit:.0f} GB "
            "limit for a data set array"
        )
        raise DatasetError(
            text.format(
                where=where, shape=shape, n=count, gb=need / 2**30, limit=MAX_ARRAY_BYTES / 2**30
            )
        )
    if need > left:
        text = _("{where} claims {shape} = {n:,} values but holds only {left:,} bytes of data")
        raise DatasetError(text.format(where=where, shape=shape, n=count, left=left))


def _header(fh, where: str) -> tuple[tuple[int, ...], bool, np.dtype]:  # type: ignore[no-untyped-def]
    try:
        version = np.lib.format.read_magic(fh)
        if version == (1, 0):
            return np.lib.format.read_array_header_1_0(fh)
        return np.lib.format.read_array_header_2_0(fh)
    except ValueError:
        raise DatasetError(_("{where} is not a numpy array").format(where=where)) from None
