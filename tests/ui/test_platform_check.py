"""A desktop missing Qt's X11 libraries gets an install command, not Qt's abort."""

from pathlib import Path

from clinic_desktop.ui import platform_check


def test_only_linux_x11_without_override_is_checked(monkeypatch):
    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    assert platform_check.uses_xcb({"DISPLAY": ":0"})
    assert not platform_check.uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"})
    assert not platform_check.uses_xcb({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"})
    assert platform_check.uses_xcb({"QT_QPA_PLATFORM": "xcb"})
    monkeypatch.setattr(platform_check.sys, "platform", "win32")
    assert not platform_check.uses_xcb({"DISPLAY": ":0"})


def test_missing_libraries_are_read_from_ldd(tmp_path, monkeypatch):
    plugin = tmp_path / "plugins" / "platforms" / "libqxcb.so"
    plugin.parent.mkdir(parents=True)
    plugin.write_bytes(b"")

    class Result:
        stdout = (
            "\tlibxcb.so.1 => /lib/libxcb.so.1 (0x1)\n"
            "\tlibxcb-cursor.so.0 => not found\n"
            "\tlibxcb-icccm.so.4 => not found\n"
        )

    monkeypatch.setattr(platform_check.subprocess, "run", lambda *a, **k: Result())
    missing = platform_check.missing_libraries(Path(tmp_path / "plugins"))
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]
    message = platform_check.advice(missing)
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4" in message


def test_offscreen_tests_need_no_check():
    assert platform_check.check_desktop() is None  # QT_QPA_PLATFORM=offscreen here
