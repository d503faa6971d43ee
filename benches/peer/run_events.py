"""Times `resistance-atlas events FILE --by province` against pandas + geopandas (events_peer.py)
on a generated 1,000,000-row ACLED-format file, and checks that both find the same counts.

Each run is a fresh process; for each the harness records the wall-clock time and the child's
peak resident memory (ru_maxrss from wait4). One warm-up run of each, then interleaved runs.
Reuses run.py's pinned virtualenv (geopandas, pandas, shapely). Python 3.11 standard library.

    python3 benches/peer/run_events.py [--rows 1000000] [--runs 5] [--peer-runs 3]
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

TARGET_SPEEDUP = 5.0
TARGET_PEAK_MIB = 400


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE.parents[1])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--peer-runs", type=int, default=3)
    parser.add_argument("--binary", type=Path)
    parser.add_argument("--venv", type=Path)
    parser.add_argument("--csv", type=Path, help="event file (default: generated, seed 1)")
    args = parser.parse_args()
    root = args.root.resolve()
    python = run.ensure_venv((args.venv or root / "target" / "peer-venv").absolute())
    binary = args.binary.resolve() if args.binary else run.build_ours(root)

    csv_path = args.csv or Path(tempfile.gettempdir()) / f"atlas-acled-{args.rows}-seed1.csv"
    if not csv_path.exists():
        print(f"generating {csv_path}", file=sys.stderr)
        subprocess.run([sys.executable, str(root / "tools" / "make_events.py"), "--rows",
                        str(args.rows), "--seed", "1", "--out", str(csv_path)], check=True)
    size = csv_path.stat().st_size

    with tempfile.TemporaryDirectory(prefix="atlas-events-peer-") as tmp:
        ours_out, peer_out = Path(tmp, "ours.csv"), Path(tmp, "peer.csv")
        ours = [str(binary), "events", str(csv_path), "--by", "province", "--out", str(ours_out)]
        peer = [str(python), str(HERE / "events_peer.py"), "--root", str(root),
                "--csv", str(csv_path), "--out", str(peer_out)]
        jobs = {"resistance-atlas events": (ours, args.runs),
                "pandas + geopandas": (peer, args.peer_runs)}
        for cmd, _ in jobs.values():
            run.run_once(cmd, root)
        same = sorted(ours_out.read_text().splitlines()) == sorted(peer_out.read_text().splitlines())
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
    (ours_t, ours_m), (peer_t, peer_m) = medians.values()
    print(f"\npeer / ours (medians): time {peer_t / ours_t:.1f}x, peak memory {peer_m / ours_m:.1f}x")
    print(f"same counts as the spatial join: {'yes' if same else 'NO'}")
    met = peer_t / ours_t >= TARGET_SPEEDUP and ours_m / 1024 <= TARGET_PEAK_MIB and same
    print(f"target (>= {TARGET_SPEEDUP:g}x faster, <= {TARGET_PEAK_MIB} MiB, same counts): "
          f"{'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
