"""Child process of ``run.py``: export one full batch and report time, records and peak RSS.

Separate so its peak memory counts only what an IT export needs (no PDF or UI imports).
Usage: python benchmarks/export_child.py DATA_DIR OUT_DIR [PLAIN_DB]
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import delete  # noqa: E402

from benchmarks import generate  # noqa: E402
from benchmarks.plain import plain_session  # noqa: E402
from clinic_desktop.paths import SitePaths  # noqa: E402
from clinic_desktop.services import site as site_service  # noqa: E402
from clinic_desktop.services import sync as sync_service  # noqa: E402
from clinic_desktop.store.models import SyncBatch  # noqa: E402


def _rss_mb() -> float:
    """Peak resident memory of this process (VmHWM; ru_maxrss can carry the parent's peak
    across fork + exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    data_dir, out_dir = Path(argv[0]), Path(argv[1])
    plain = Path(argv[2]) if len(argv) > 2 else None
    imported = _rss_mb()
    if plain is None:
        session = site_service.sign_in(data_dir, "it", generate.PASSWORD)
    else:
        session = plain_session(plain, "it")
        session.paths = SitePaths(data_dir)  # the bench site's lock file
    with session:
        with session.write() as db:  # a full batch: forget earlier benchmark batches
            db.execute(delete(SyncBatch))
        started, cpu_started = time.perf_counter(), time.process_time()
        result = sync_service.export_batch(session, out_dir)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
    report = {
        "seconds": seconds,
        # On a shared machine the wall time says as much about the neighbours as about
        # the export; the CPU time is what the export itself cost (issue 9).
        "cpu_seconds": cpu_seconds,
        "records": sum(result.counts.values()),
        "peak_rss_mb": _rss_mb(),
        "base_rss_mb": imported,
        "path": str(result.path),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
