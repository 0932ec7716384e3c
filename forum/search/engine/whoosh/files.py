"""The Whoosh folder's files as a searcher opened them, to notice one deleted or truncated."""

import os
from pathlib import Path


def file_sizes(directory: Path) -> dict[str, int]:
    try:
        entries = list(os.scandir(directory))
    except FileNotFoundError:
        return {}
    return {e.name: e.stat().st_size for e in entries if e.is_file() and "LOCK" not in e.name}


def files_whole(directory: Path, sizes: dict[str, int]) -> bool:
    """Whether the files a searcher opened are all still there, none shorter.

    A searcher keeps its files open, and an open file outlives its deletion: without this
    check, a worker would go on answering from an index folder that is gone or emptied. A
    few stat() calls a search let a damaged folder be noticed, so that search says it is
    unavailable until `search rebuild`.
    """
    for name, size in sizes.items():
        try:
            if os.stat(directory / name).st_size < size:
                return False
        except FileNotFoundError:
            return False
    return True
