"""The benchmark suite still runs end to end (issue 9), at its smoke-test size ``T``.

Nothing here looks at a time: the figures are for ``make bench`` to print. This only keeps
``benchmarks/`` working as the services it drives change, and checks that the plaintext
comparison copy is gone when the run ends.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OPERATIONS = [
    "unlock (KDF + open + sign-in)",
    "roster import (new students)",
    "roster search: prefix",
    "roster search: substring",
    "roster search: accent",
    "roster search: district",
    "roster count (prefix)",
    "open chart (header + timeline p1)",
    "save visit + screening (durable)",
    "follow-up list (page 1 + count)",
    "follow-up list: all rows",
    "form: consent",
    "form: release",
    "form: referral",
    "form: results",
    "form: pass",
    "form: instrument (blank PHQ-9)",
    "consent packet (30 students)",
    "export full batch",
    "verify batch (district)",
    "verify + import batch (district)",
    "start to sign-in window (offscreen)",
    "--version floor (python -m)",
]
STORE_OPERATIONS = OPERATIONS[2:11]


def _run(bench_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    script = str(ROOT / "benchmarks" / "run.py")
    return subprocess.run(
        [sys.executable, script, "--scale", "T", "--bench-dir", str(bench_dir), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _table(stdout: str) -> dict[str, list[str]]:
    """The table's rows by operation name: the cells after the name."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line and set(line) == {"-"})
    rows = {}
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        name = next(op for op in OPERATIONS if line.startswith(op))
        rows[name] = line[len(name) :].split()
    return rows


@pytest.fixture(scope="module")
def bench_dir(tmp_path_factory):
    """One smoke-size site for the module (generating it is most of a short run)."""
    return tmp_path_factory.mktemp("bench")


@pytest.mark.slow
def test_the_whole_table_at_smoke_size(bench_dir):
    done = _run(bench_dir, "--n", "2", "--reps", "1")
    assert done.returncode == 0, done.stderr
    rows = _table(done.stdout)
    assert list(rows) == OPERATIONS
    for name in STORE_OPERATIONS:  # n, p50, p95, the target, met, plain p50, the ratio
        assert float(rows[name][-1]) > 0, (name, rows[name])
    assert "rec/s, peak RSS" in done.stdout
    assert "300 rows, " in done.stdout and " rows/s" in done.stdout  # the roster import
    leftovers = [p for p in bench_dir.rglob("*") if "PLAINTEXT" in p.name or p.suffix == ".batch"]
    assert leftovers == []
    assert "only the encrypted site remains" in done.stdout


def test_only_runs_the_named_store_operations_or_says_none_match(bench_dir):
    done = _run(bench_dir, "--n", "2", "--only", "open chart")
    assert done.returncode == 0, done.stderr
    assert list(_table(done.stdout)) == ["open chart (header + timeline p1)"]

    done = _run(bench_dir, "--n", "2", "--only", "no such operation")
    assert done.returncode != 0
    assert "no store operation has that name" in done.stderr
