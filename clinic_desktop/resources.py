"""Where the read-only files shipped with the app (demo data, forms, fonts, icons) live.

Only this module knows the location, so a packaging change (a wheel, a frozen app) touches
one function, and the pure ``domain`` package can read its data files without knowing paths.
"""

from __future__ import annotations

import sys
from pathlib import Path, PurePath


def resources_dir() -> Path:
    """The top-level ``resources`` folder, found relative to this file (not the working
    directory) so the app, the CLI and the tests find the same files wherever they start.

    In the PyInstaller bundle (``packaging/clinic_desktop.spec``) it sits at the top of the
    bundle's data folder, ``sys._MEIPASS``, whatever the installed program is called.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    """A path inside ``resources``, e.g. ``resource_path("demo", "names.json")``.

    Absolute and ``..`` segments are refused, so a name read from data or settings can never
    point outside the folder.
    """
    for part in parts:
        pure = PurePath(part)
        if pure.is_absolute() or ".." in pure.parts:
            raise ValueError("resource paths must stay inside the resources folder")
    return resources_dir().joinpath(*parts)
