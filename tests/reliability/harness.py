"""The parent side of the crash tests: start the fork server, run a worker, kill it."""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINE_TIMEOUT = 60.0


@dataclass
class Run:
    """What one killed worker printed: its acknowledgements, in order."""

    pid: int
    lines: list[str] = field(default_factory=list)

    def acked(self, kind: str) -> list[str]:
        return [line.split(" ", 1)[1] for line in self.lines if line.startswith(kind + " ")]


class ForkServer:
    """``tests.reliability.child`` running in its own process, one worker at a time."""

    def __init__(self, scratch: Path) -> None:
        home = scratch / "home"
        home.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home)}
        env["CLINIC_DESKTOP_DATA_DIR"] = str(scratch / "no-site-here")
        self._log = (scratch / "fork-server.log").open("wb")
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            cwd=ROOT,
            env=env,
            text=True,
            bufsize=1,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._expect("server ready")

    def _read(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def _next(self, timeout: float = LINE_TIMEOUT) -> str:
        line = self._lines.get(timeout=timeout)
        if line is None:
            raise RuntimeError("the fork server died")
        return line

    def _expect(self, text: str) -> None:
        line = self._next()
        if line != text:
            raise AssertionError(f"expected {text!r}, got {line!r}")

    def start(self, *command: object) -> Run:
        """Fork a worker and wait until it has signed in (it printed ``ready``)."""
        assert self._proc.stdin is not None
        self._proc.stdin.write(" ".join(str(c) for c in command) + "\n")
        self._proc.stdin.flush()
        first = self._next()
        assert first.startswith("pid "), first
        run = Run(int(first.split()[1]))
        line = self._next()
        if line != "ready":
            raise AssertionError(f"worker failed to start: {line}")
        return run

    def kill_after(self, run: Run, delay: float, *, after_acks: int = 0) -> Run:
        """Let the worker run ``delay`` seconds, SIGKILL it, and collect what it printed.

        With ``after_acks`` the delay starts only once the worker acknowledged that many
        commits, so every kill lands in the middle of the work however slow (loaded) the
        machine is, never only during start-up.
        """
        while len(run.lines) < after_acks:
            run.lines.append(self._worker_line(run))
        time.sleep(delay)
        os.kill(run.pid, signal.SIGKILL)
        while True:
            line = self._next()
            if line.startswith(f"exit {run.pid} "):
                break
            run.lines.append(self._checked(line))
        status = int(line.split()[2])
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
        return run

    def _worker_line(self, run: Run) -> str:
        line = self._next()
        if line.startswith(f"exit {run.pid} "):
            raise AssertionError(f"worker ended before it was killed: {line}")
        return self._checked(line)

    @staticmethod
    def _checked(line: str) -> str:
        if line.startswith("error "):
            raise AssertionError(f"worker raised before the kill: {line}")
        return line

    def close(self) -> None:
        assert self._proc.stdin is not None
        self._proc.stdin.close()
        try:
            self._proc.wait(timeout=30)
        finally:
            if self._proc.poll() is None:
                self._proc.kill()
                self._proc.wait()
            assert self._proc.stdout is not None
            self._reader.join(timeout=5)
            self._proc.stdout.close()
            self._log.close()


def random_delays(seed: int, count: int, low: float = 0.0, high: float = 0.25) -> list[float]:
    """Kill moments, reproducible from ``seed`` (printed by the test on failure)."""
    rng = random.Random(seed)
    return [rng.uniform(low, high) for _ in range(count)]
