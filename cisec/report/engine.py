"""Imports WeasyPrint, the PDF engine, finding its libraries in one reading of the linker cache.

WeasyPrint opens pango, harfbuzz, fontconfig and gobject by trying several names for each
(Linux, macOS and Windows spell them differently). cffi hands each of some twenty names to
`ctypes.util.find_library`, which on Linux runs `ldconfig -p` for every name and, for one the
cache lacks, gcc and then ld as well (WeasyPrint issue #1125): 0.3 s of every report.

During the import, `find_library` answers from one run of `ldconfig -p`, read the way
CPython reads it. A library the cache lacks is still opened when its file name is on
WeasyPrint's list (cffi opens `libpango-1.0.so.0` itself, through the dynamic loader's own
search path). Should the import fail all the same, it is done again the usual way, so the
shortcut never costs a report.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import os
import re
import struct
import subprocess
import sys
from collections.abc import Iterator
from types import ModuleType

# The C library ABI that `ldconfig -p` names for this machine, as CPython's ctypes.util has it.
_ABI = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}


def linker_cache() -> bytes:
    """The output of `ldconfig -p`: every library the dynamic loader knows by name."""
    try:
        found = subprocess.run(
            ["/sbin/ldconfig", "-p"],
            stdin=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
        )
    except OSError:
        return b""
    return found.stdout


def library_in(cache: bytes, name: str) -> str | None:
    """The file name `find_library(name)` would give from the linker cache, or None."""
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    pattern = rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({_ABI.get(machine, 'libc6')}"
    match = re.search(os.fsencode(pattern), cache)
    return os.fsdecode(match.group(1)) if match else None


@contextlib.contextmanager
def _linker_cache_lookup() -> Iterator[None]:
    if not sys.platform.startswith("linux"):
        yield
        return
    cache = linker_cache()
    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: library_in(cache, name)
    try:
        yield
    finally:
        ctypes.util.find_library = original


def import_weasyprint() -> ModuleType:
    """The weasyprint module, imported once per process."""
    loaded = sys.modules.get("weasyprint")
    if loaded is not None:
        return loaded
    try:
        # WeasyPrint prints installation advice before it gives up; the second try says it.
        with _linker_cache_lookup(), contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except OSError:
        for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
            del sys.modules[name]
        import weasyprint
    module: ModuleType = weasyprint
    return module
