"""Imports WeasyPrint, the PDF engine, finding its libraries through the linker cache only.

WeasyPrint opens pango, harfbuzz, fontconfig and gobject by trying several names for each
(Linux, macOS and Windows spell them differently). cffi hands every name it cannot open
directly to `ctypes.util.find_library`, which on Linux reads the linker cache (`ldconfig -p`)
and, for a name the cache lacks, runs gcc and then ld to look further (WeasyPrint issue
#1125). About fifteen names miss on every import, at some 10 ms each: 0.15 s of every report.

During the import, `find_library` asks the linker cache alone. A library it cannot find that
way is still opened when its file name is on the list (cffi opens `libpango-1.0.so.0` itself,
through the dynamic loader's own search path). Should the import fail all the same, it is
done again the usual way, so the shortcut never costs a report.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys
from collections.abc import Iterator
from types import ModuleType


@contextlib.contextmanager
def _linker_cache_lookup() -> Iterator[None]:
    lookup = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if lookup is None or not sys.platform.startswith("linux"):
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = lookup
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
    return weasyprint
