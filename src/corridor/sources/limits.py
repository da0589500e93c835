"""Limits on hostile or odd input files, checked before a parser reads them.

A list file comes from outside: it may be a zip bomb dressed as a workbook, a CSV with one
field of a gigabyte, JSON nested ten thousand deep, or a path that is the whole disk. Each
limit below turns such a file into :class:`~corridor.exc.InvalidData` naming the file (exit 2)
before memory or time is spent on it.

>>> check_json_depth('{"a": [[1]]}', max_depth=3)
>>> check_json_depth('[[[[1]]]]', max_depth=3)
Traceback (most recent call last):
...
ValueError: JSON nested deeper than 3 levels
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from corridor.exc import InvalidData

# a list file (or a whole folder) larger than this is refused: the biggest official list
# (OFAC SDN XML) is about 120 MB
MAX_FILE_BYTES = 512 * 1024 * 1024
# a zip (xlsx) may unpack to at most this much in all ...
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
# ... and no member may unpack to more than this many times its packed size (real workbooks:
# 5-20x; zip bombs: 1,000x and more)
MAX_ZIP_RATIO = 200
# members smaller than this are not held to the ratio (tiny XML parts compress very well)
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
# a CSV cell longer than this is refused (Python's csv default; real list cells stay < 10,000)
MAX_CSV_FIELD = 131_072
# JSON (FtM lines) nested deeper than this is refused
MAX_JSON_DEPTH = 64
# a folder of list files holds at most this many files, read from the folder itself only
MAX_FOLDER_FILES = 64


def list_folder(path: Path) -> list[Path]:
    """The regular files directly in ``path`` (no walk into sub-folders, no links leaving it).

    A folder of list files is one snapshot (the OFAC CSV set): its files lie side by side.
    """
    root = path.resolve()
    files: list[Path] = []
    try:
        children = sorted(path.iterdir())
    except OSError as exc:
        raise InvalidData.at(f"cannot read folder: {exc.strerror}", file=str(path)) from exc
    for child in children:
        try:
            if not child.is_file():
                continue
            if child.resolve().parent != root:
                raise InvalidData.at("link leading out of the folder is refused", file=str(child))
        except OSError:
            continue
        files.append(child)
        if len(files) > MAX_FOLDER_FILES:
            raise InvalidData.at(
                f"more than {MAX_FOLDER_FILES} files: not one list snapshot "
                "(give the list file or its own folder)",
                file=str(path),
            )
    return files


def snapshot_files(path: Path) -> list[Path]:
    """The files of a snapshot path (a file, or a folder of files), checked for size.

    Raises InvalidData naming the path when it does not exist, is not a regular file or folder,
    is empty, or is larger than :data:`MAX_FILE_BYTES`.
    """
    if not path.exists():
        raise InvalidData.at("no such file or folder", file=str(path))
    if path.is_dir():
        files = list_folder(path)
        if not files:
            raise InvalidData.at("empty folder: no list file in it", file=str(path))
    elif path.is_file():
        files = [path]
    else:
        raise InvalidData.at("not a regular file or folder", file=str(path))
    total = sum(p.stat().st_size for p in files)
    if total == 0:
        raise InvalidData.at("empty file", file=str(path))
    if total > MAX_FILE_BYTES:
        raise InvalidData.at(
            f"{total:,} bytes: larger than the {MAX_FILE_BYTES:,} a list file may have",
            file=str(path),
        )
    return files


def check_zip(path: Path) -> None:
    """Refuse a zip (an xlsx) that would unpack to too much, or too much for its size."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InvalidData.at(f"not a readable zip/Excel file: {exc}", file=str(path)) from exc
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InvalidData.at(f"zip with {len(infos):,} members refused", file=str(path))
    total = 0
    for info in infos:
        total += info.file_size
        packed = max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size / packed > MAX_ZIP_RATIO:
            raise InvalidData.at(
                f"zip member {info.filename!r} unpacks {info.file_size / packed:,.0f} times its "
                f"size (limit {MAX_ZIP_RATIO}): a zip bomb is refused",
                file=str(path),
            )
    if total > MAX_UNZIPPED_BYTES:
        raise InvalidData.at(
            f"zip unpacks to {total:,} bytes, more than the {MAX_UNZIPPED_BYTES:,} allowed",
            file=str(path),
        )


def csv_error(exc: csv.Error, path: Path, line: int | None) -> InvalidData:
    """A csv module error (a field over the limit, a NUL byte...) as InvalidData at its line."""
    text = str(exc)
    if "field larger than field limit" in text:
        text = f"a field is longer than {MAX_CSV_FIELD:,} characters"
    return InvalidData.at(f"unreadable CSV: {text}", file=str(path), line=line)


def check_json_depth(text: str, *, max_depth: int = MAX_JSON_DEPTH) -> None:
    """ValueError when ``text`` (JSON) nests brackets deeper than ``max_depth``.

    Counts brackets outside strings in one pass, before :func:`json.loads` recurses.
    """
    depth = 0
    in_string = False
    escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                raise ValueError(f"JSON nested deeper than {max_depth} levels")
        elif char in "]}":
            depth -= 1
