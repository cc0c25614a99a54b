"""WeasyPrint (~0.4 s) loads only when a PDF is made: HTML, JSON and CSV exports never pay for it."""

from __future__ import annotations

import json
import subprocess
import sys


def test_report_modules_do_not_load_weasyprint() -> None:
    code = (
        "import json, sys\n"
        "import cisec.report, cisec.services.report, cisec.cli.report\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(result.stdout))
    assert "jinja2" in loaded  # the check itself works: the report does load its templating
    assert "weasyprint" not in loaded
    assert "fontTools" not in loaded
