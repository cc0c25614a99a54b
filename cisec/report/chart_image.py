"""Draws a report chart (cisec.report.charts geometry) as a PNG, for documents that take images.

Word cannot show the inline SVG the HTML report carries, so the same rectangles, lines,
polygons and texts are drawn with Pillow at print resolution, in the report's Hong Kong CJK
font so that Chinese labels are letters and not boxes.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from cisec.report import charts
from cisec.report.fonts import REPORT_FONT_FAMILIES, report_font

# Pixels per chart unit: charts are laid out in points for a 680-point column; three pixels a
# point prints sharp at the width Word shows them.
SCALE = 3
_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


@lru_cache(maxsize=32)
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    """The report font at `size` points (a collection holds several faces: pick the HK one)."""
    found = report_font()
    path = str(found.path)
    if bold:
        bold_path = path.replace("-Regular.", "-Bold.")
        if bold_path != path:
            try:
                return _face(bold_path, found.family, size)
            except OSError:
                pass
    return _face(path, found.family, size)


def _face(path: str, family: str, size: float) -> ImageFont.FreeTypeFont:
    pixels = max(1, round(size * SCALE))
    for index in range(32):
        try:
            face = ImageFont.truetype(path, pixels, index=index)
        except OSError:
            break
        if face.getname()[0] in (family, *REPORT_FONT_FAMILIES):
            return face
    return ImageFont.truetype(path, pixels)


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def chart_png(chart: charts.Chart) -> bytes:
    """The chart as PNG bytes, on white, `SCALE` pixels per chart unit."""
    width, height = round(chart.width * SCALE), round(chart.height * SCALE)
    image = Image.new("RGBA", (width, height), (255, 255, 255, 255))
    draw = ImageDraw.Draw(image)
    for line in chart.lines:
        draw.line(
            [(line.x1 * SCALE, line.y1 * SCALE), (line.x2 * SCALE, line.y2 * SCALE)],
            fill=_rgb(line.stroke),
            width=max(1, round(0.6 * SCALE)),
        )
    for polygon in chart.polygons:
        points = [
            (float(x) * SCALE, float(y) * SCALE)
            for x, y in (pair.split(",") for pair in polygon.points.split())
        ]
        layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
        shape = ImageDraw.Draw(layer)
        if polygon.fill != "none":
            alpha = round(255 * polygon.fill_opacity)
            shape.polygon(points, fill=(*_rgb(polygon.fill), alpha))
        shape.line(
            [*points, points[0]],
            fill=(*_rgb(polygon.stroke), 255),
            width=max(1, round(polygon.stroke_width * SCALE)),
        )
        image = Image.alpha_composite(image, layer)
        draw = ImageDraw.Draw(image)
    for rect in chart.rects:
        draw.rectangle(
            [
                rect.x * SCALE,
                rect.y * SCALE,
                (rect.x + rect.width) * SCALE - 1,
                (rect.y + rect.height) * SCALE - 1,
            ],
            fill=_rgb(rect.fill),
        )
    for text in chart.texts:
        draw.text(
            (text.x * SCALE, text.y * SCALE),
            text.text,
            fill=_rgb(text.fill),
            font=_font(text.size, text.weight == "bold"),
            anchor=_ANCHORS.get(text.anchor, "ls"),
        )
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
