"""The workshop core is headless: no face, no renderer, no network library gets imported."""

from __future__ import annotations

import json
import subprocess
import sys


def test_core_and_service_import_no_face_or_renderer() -> None:
    code = (
        "import json, sys\n"
        "import cisec.model.exercise, cisec.content.exercise\n"
        "import cisec.workshop.answers, cisec.workshop.practice\n"
        "import cisec.workshop.class_results, cisec.workshop.debrief\n"
        "import cisec.services.workshop\n"
        "print(json.dumps(sorted(m for m in ('textual', 'click', 'jinja2', 'weasyprint', "
        "'requests', 'textual_serve') if m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []
