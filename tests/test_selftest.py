"""The installed app's self-test: every step passes here, a broken install names the step
that failed, and nothing is left behind either way."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from clinic_desktop import resources
from clinic_desktop.cli import selftest

ROOT = Path(__file__).resolve().parents[1]
STEP_LINE = re.compile(r"^ok  (?P<step>.+?)  \d+ ms(  \(.*\))?$")


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The self-test's temporary folder goes under ``tmp_path`` so leftovers can be seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def run(**kwargs) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = selftest.run_self_test(out=out, err=err, **kwargs)
    return status, out.getvalue(), err.getvalue()


def test_every_step_passes_and_nothing_is_left_behind(qapp, private_tmp):
    status, out, err = run()
    assert (status, err) == (0, "")
    lines = out.splitlines()
    steps = [STEP_LINE.match(line)["step"] for line in lines[:-1]]
    assert steps == [name for name, _ in selftest.STEPS]
    assert lines[-1] == "self-test passed"
    assert list(private_tmp.iterdir()) == []


def test_the_steps_cover_what_a_bundle_can_lose():
    names = " ".join(name for name, _ in selftest.STEPS)
    for needed in ("resources", "qt", "svg", "translations", "encrypted store", "screening"):
        assert needed in names
    for needed in ("render form", "QtPdf", "export batch", "verify batch", "plaintext"):
        assert needed in names


def test_missing_resources_fail_the_first_step_by_name(qapp, private_tmp, monkeypatch):
    monkeypatch.setattr(resources, "resources_dir", lambda: private_tmp / "not-bundled")
    status, out, err = run()
    assert status == 1
    assert out == ""
    assert err.startswith("FAILED  resources: SelfTestError: no instruments in ")
    assert list(private_tmp.iterdir()) == []


def test_a_failure_mid_way_closes_the_store_and_removes_the_folder(qapp, private_tmp, monkeypatch):
    def refuse(run_state):
        raise OSError("disk full")

    steps = tuple(
        (name, refuse if name == "render form" else step) for name, step in selftest.STEPS
    )
    monkeypatch.setattr(selftest, "STEPS", steps)
    status, out, err = run()
    assert status == 1
    assert "ok  score screening" in out and "render form" not in out
    assert err == "FAILED  render form: OSError: disk full\n"
    assert list(private_tmp.iterdir()) == []


def test_the_store_is_found_encrypted(qapp, private_tmp, monkeypatch):
    """The plaintext check itself works: a database with a plain SQLite header fails."""
    original = selftest.check_encrypted

    def plain_header(state):
        database = state.data_dir / "clinic.db"
        with database.open("r+b") as handle:
            handle.write(selftest.SQLITE_HEADER)
        return original(state)

    steps = tuple(
        (name, plain_header if step is original else step) for name, step in selftest.STEPS
    )
    monkeypatch.setattr(selftest, "STEPS", steps)
    status, _out, err = run()
    assert status == 1
    assert err == "FAILED  nothing in plaintext: SelfTestError: the database is not encrypted\n"


@pytest.mark.slow
def test_the_command_line_flag_runs_it(tmp_path):
    """``python -m clinic_desktop --self-test`` as IT runs it, with the real key derivation."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "TMPDIR": str(tmp_path),
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "clinic_desktop", "--self-test"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "self-test passed"
    assert "ok  export batch" in result.stdout
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("clinic-selftest-")] == []
