"""Render the app icon set from ``resources/icons/clinic-desktop.svg`` at build time.

Usage: ``python packaging/icons.py OUT_DIR`` (``make package`` uses ``build/icons``).

Writes the freedesktop theme layout (``OUT_DIR/hicolor/NxN/apps/clinic-desktop.png`` for
16 to 512 pixels, plus the SVG under ``scalable``) that ``packaging/linux/install.sh`` copies
into ``~/.local/share/icons``, and ``clinic-desktop.ico`` (Windows) and
``clinic-desktop.icns`` (macOS) for the PyInstaller spec. Rendered rather than committed, so
the one SVG stays the only source. Qt's SVG renderer draws each size (offscreen, no display
needed); Pillow, already installed for ReportLab, writes the .ico and .icns containers.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "clinic-desktop.svg"
NAME = "clinic-desktop"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int, path: Path) -> None:
    """One square PNG with a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise SystemExit(f"could not write {path}")


def theme_png(out: Path, size: int) -> Path:
    return out / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"


def build(out: Path) -> list[Path]:
    """Every icon file; returns the paths written."""
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    written = []
    for size in SIZES:
        render(renderer, size, theme_png(out, size))
        written.append(theme_png(out, size))
    scalable = out / "hicolor" / "scalable" / "apps" / f"{NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    largest = Image.open(theme_png(out, max(SIZES)))
    largest.save(out / f"{NAME}.ico", sizes=[(s, s) for s in ICO_SIZES])
    largest.save(out / f"{NAME}.icns")
    return [*written, scalable, out / f"{NAME}.ico", out / f"{NAME}.icns"]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a build machine has no display
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    written = build(Path(argv[0]))
    del app
    print(f"{len(written)} icon files in {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
