"""Times `resistance-atlas events FILE --by province` against pandas + geopandas (events_peer.py)
and against polars + shapely 2 (events_peer_polars.py) on a generated 1,000,000-row ACLED-format
file, and checks that all three find the same counts.

Each run is a fresh process; for each the harness records the wall-clock time and the child's
peak resident memory (ru_maxrss from wait4). One warm-up run of each, then interleaved runs.
Reuses run.py's pinned virtualenv (geopandas, pandas, shapely) and adds the pinned polars to it.
Python 3.11 standard library.

    python3 benches/peer/run_events.py [--rows 1000000] [--runs 7] [--peer-runs 3]
                                       [--binary PATH] [--venv DIR] [--csv FILE]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (the export peer's harness: venv, build, run_once)

PANDAS = "pandas + geopandas"
POLARS = "polars + shapely 2"
OURS = "resistance-atlas events"
# Issue 21: at least 10x pandas + geopandas and 8x polars + shapely, peak RSS <= 250 MiB.
TARGET_SPEEDUP = {PANDAS: 10.0, POLARS: 8.0}
TARGET_PEAK_MIB = 250
POLARS_PACKAGES = ["polars==2.2.0"]


def ensure_polars(python):
    """Installs the pinned polars into the peer virtualenv unless it is there."""
    freeze = subprocess.run([str(python), "-m", "pip", "freeze"], capture_output=True, text=True)
    if all(pin in freeze.stdout.split() for pin in POLARS_PACKAGES):
        return
    print("installing polars into the peer virtualenv", file=sys.stderr)
    pip = subprocess.run([str(python), "-m", "pip", "install", "--quiet", *POLARS_PACKAGES],
                         capture_output=True, text=True)
    if pip.returncode != 0:
        run.fail("pip install polars failed", pip.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE.parents[1])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--peer-runs", type=int, default=3)
    parser.add_argument("--binary", type=Path)
    parser.add_argument("--venv", type=Path)
    parser.add_argument("--csv", type=Path, help="event file (default: generated, seed 1)")
    args = parser.parse_args()
    root = args.root.resolve()
    python = run.ensure_venv((args.venv or root / "target" / "peer-venv").absolute())
    ensure_polars(python)
    binary = args.binary.resolve() if args.binary else run.build_ours(root)

    csv_path = args.csv or Path(tempfile.gettempdir()) / f"atlas-acled-{args.rows}-seed1.csv"
    if not csv_path.exists():
        print(f"generating {csv_path}", file=sys.stderr)
        subprocess.run([sys.executable, str(root / "tools" / "make_events.py"), "--rows",
                        str(args.rows), "--seed", "1", "--out", str(csv_path)], check=True)
    size = csv_path.stat().st_size

    with tempfile.TemporaryDirectory(prefix="atlas-events-peer-") as tmp:
        outs = {OURS: Path(tmp, "ours.csv"), PANDAS: Path(tmp, "pandas.csv"),
                POLARS: Path(tmp, "polars.csv")}
        peer = lambda script, label: [str(python), str(HERE / script), "--root", str(root),
                                      "--csv", str(csv_path), "--out", str(outs[label])]
        jobs = {
            OURS: ([str(binary), "events", str(csv_path), "--by", "province", "--out",
                    str(outs[OURS]), "--force"], args.runs),
            PANDAS: (peer("events_peer.py", PANDAS), args.peer_runs),
            POLARS: (peer("events_peer_polars.py", POLARS), args.peer_runs),
        }
        for cmd, _ in jobs.values():
            run.run_once(cmd, root)
        tables = {label: sorted(out.read_text().splitlines()) for label, out in outs.items()}
        order = sorted((i / n, label) for label, (_, n) in jobs.items() for i in range(n))
        results = {label: [] for label in jobs}
        for _, label in order:
            results[label].append(run.run_once(jobs[label][0], root))

    print(f"{csv_path} ({size / 2**20:.0f} MiB), each run a fresh process, after one warm-up each\n")
    medians = {}
    print(f"{'':<26}{'runs':>5}{'median':>10}{'min':>10}{'max':>10}{'peak RSS':>12}")
    for label, runs in results.items():
        times = [t for t, _ in runs]
        rss = statistics.median(m for _, m in runs)
        medians[label] = (statistics.median(times), rss)
        print(f"{label:<26}{len(runs):>5}{medians[label][0]:>9.2f}s{min(times):>9.2f}s"
              f"{max(times):>9.2f}s{rss / 1024:>8.0f} MiB")
    ours_t, ours_m = medians[OURS]
    met = ours_m / 1024 <= TARGET_PEAK_MIB
    print()
    for label, target in TARGET_SPEEDUP.items():
        peer_t, peer_m = medians[label]
        same = tables[label] == tables[OURS]
        met = met and same and peer_t / ours_t >= target
        print(f"{label} / ours (medians): time {peer_t / ours_t:.1f}x (target {target:g}x), "
              f"peak memory {peer_m / ours_m:.1f}x; same counts: {'yes' if same else 'NO'}")
    print(f"peak RSS of ours: {ours_m / 1024:.0f} MiB (target <= {TARGET_PEAK_MIB} MiB)")
    print(f"targets (time, memory, same counts): {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
