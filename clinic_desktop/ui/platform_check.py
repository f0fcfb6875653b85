"""Before Qt starts on a Linux desktop: are the system libraries its X11 plugin needs there?

Since Qt 6.5 the xcb platform plugin needs libraries (libxcb-cursor0 and friends) that
many desktop installs lack; Qt then aborts with a message that helps nobody. This check
names the missing libraries and the command that installs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

#: Debian/Ubuntu package for each library the xcb plugin links against.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
}


def uses_xcb(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Whether Qt will pick its X11 plugin (Linux with a display and no override)."""
    if not sys.platform.startswith("linux"):
        return False
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.startswith("xcb")
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def missing_libraries(plugin_dir: Path) -> list[str]:
    """Shared libraries the xcb plugin needs but the dynamic loader cannot find."""
    ldd = shutil.which("ldd")
    targets = [plugin_dir / "platforms" / "libqxcb.so"]
    targets += sorted((plugin_dir.parent / "lib").glob("libQt6XcbQpa.so*"))[:1]
    if ldd is None:
        return []
    missing: set[str] = set()
    for target in (t for t in targets if t.exists()):
        result = subprocess.run(  # noqa: S603 - fixed tool, our own file
            [ldd, str(target)], capture_output=True, text=True, check=False
        )
        for line in result.stdout.splitlines():
            if "=> not found" in line:
                missing.add(line.split("=>")[0].strip())
    return sorted(missing)


def advice(missing: list[str]) -> str:
    """A message naming the libraries and the install command."""
    packages = sorted({DEBIAN_PACKAGES.get(name, name) for name in missing})
    return (
        "Clinic Desktop cannot open a window: the Qt X11 plugin needs system libraries "
        f"that are not installed ({', '.join(missing)}).\n"
        f"On Debian or Ubuntu: sudo apt-get install {' '.join(packages)}\n"
        "On Fedora: sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms"
    )


def check_desktop() -> str | None:
    """The advice to print when Qt would fail to start, else None."""
    if not uses_xcb():
        return None
    from PySide6.QtCore import QLibraryInfo

    plugin_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    missing = missing_libraries(plugin_dir)
    return advice(missing) if missing else None
