"""Times `resistance-atlas export` against a geopandas + matplotlib peer drawing the same map.

Each run is a fresh process writing a 1920x1080 PNG; for every run the harness records the
wall-clock time and the child's peak resident memory (ru_maxrss from wait4). One warm-up run of
each comes first, then the measured runs, interleaved. Python 3.11 standard library only.

    python3 benches/peer/run.py [--runs 11] [--peer-runs 5] [--binary PATH] [--venv DIR]

The first run creates <root>/target/peer-venv and pip-installs the pinned packages below.
Without --binary, ours is built first with `cargo build --release`.
Exits 0 whatever the figures (it is a report), non-zero if a command fails.
"""

import argparse
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
# geopandas and matplotlib with every dependency pinned, so that reruns measure the same code.
PEER_PACKAGES = [
    "geopandas==1.2.0",
    "matplotlib==3.11.2",
    "certifi==2026.10.19.post1",
    "contourpy==1.3.3",
    "cycler==0.12.1",
    "fonttools==4.68.0",
    "kiwisolver==1.5.1",
    "numpy==2.4.6",
    "packaging==26.4",
    "pandas==3.1.1",
    "pillow==13.0.0",
    "pyogrio==0.13.0",
    "pyparsing==3.3.3",
    "pyproj==3.7.2",
    "python-dateutil==4.0.0",
    "shapely==2.2.0",
    "tzdata==2026.6",
]
SIZE = (1920, 1080)
TARGET_SPEEDUP = 15.0


def fail(message, stderr=""):
    """Prints what went wrong (and the command's stderr) and exits non-zero."""
    print(f"error: {message}", file=sys.stderr)
    if stderr:
        print(stderr.rstrip(), file=sys.stderr)
    sys.exit(1)


def ensure_venv(venv):
    """Creates `venv` if needed and installs the pinned peer packages; returns its python.

    pip runs only when `pip freeze` lacks one of the pins.
    """
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"creating {venv}", file=sys.stderr)
        if subprocess.run([sys.executable, "-m", "venv", str(venv)]).returncode != 0:
            fail(f"could not create a virtualenv at {venv}")
    freeze = subprocess.run([str(python), "-m", "pip", "freeze"], capture_output=True, text=True)
    installed = set(freeze.stdout.lower().split())
    if all(pin.lower() in installed for pin in PEER_PACKAGES):
        return python
    print(f"installing the peer's packages into {venv}", file=sys.stderr)
    pip = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", *PEER_PACKAGES],
        capture_output=True, text=True,
    )
    if pip.returncode != 0:
        fail("pip install failed", pip.stderr)
    return python


def build_ours(root):
    """Runs `cargo build --release` in `root`; returns the path of the binary."""
    if subprocess.run(["cargo", "build", "--release"], cwd=root).returncode != 0:
        fail("cargo build --release failed (its messages are above)")
    package = tomllib.loads((root / "Cargo.toml").read_text())["package"]
    name = package.get("default-run", package["name"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", root / "target"))
    return target / "release" / name


def png_size(path):
    """(width, height) from a PNG's IHDR chunk, or None if it is not a PNG."""
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or not head.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    return struct.unpack(">II", head[16:24])


def run_once(cmd, cwd=None):
    """Runs `cmd` as a fresh process; returns (seconds, peak RSS in kB).

    On Linux a child's ru_maxrss starts at its parent's RSS at fork time (the harness's own,
    ~15 MiB), so a figure at that floor is only an upper bound; the report prints the floor.
    """
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            fail(f"{' '.join(map(str, cmd))} exited with {proc.returncode}",
                 err.read().decode(errors="replace"))
    return seconds, usage.ru_maxrss


def measure(cmd, out, cwd):
    """One run of `cmd` that must write `out` as a 1920x1080 PNG; returns (seconds, kB)."""
    out.unlink(missing_ok=True)
    result = run_once(cmd, cwd)
    if not out.exists():
        fail(f"{cmd[0]} wrote no {out}")
    if png_size(out) != SIZE:
        fail(f"{out} is {png_size(out)}, not a {SIZE[0]}x{SIZE[1]} PNG")
    return result


def report(results, floor):
    """Prints the table and the ratios; `results` maps a label to a list of (s, kB)."""
    medians = {}
    print(f"{'':<24}{'runs':>5}{'median':>10}{'min':>10}{'max':>10}{'peak RSS':>12}")
    for label, runs in results.items():
        times = [t for t, _ in runs]
        rss = statistics.median(m for _, m in runs)
        medians[label] = (statistics.median(times), rss)
        print(f"{label:<24}{len(runs):>5}{medians[label][0] * 1000:>8.1f}ms"
              f"{min(times) * 1000:>8.1f}ms{max(times) * 1000:>8.1f}ms{rss / 1024:>8.1f} MiB")
    (ours_t, ours_m), (peer_t, peer_m) = medians.values()
    speed, memory = peer_t / ours_t, peer_m / ours_m
    print(f"(peak RSS floor: `true` started by this harness shows {floor / 1024:.1f} MiB)")
    print(f"\npeer / ours (medians): time {speed:.1f}x, peak memory {memory:.1f}x")
    met = speed >= TARGET_SPEEDUP and ours_m < peer_m
    print(f"target (>= {TARGET_SPEEDUP:g}x faster and less peak memory): "
          f"{'met' if met else 'NOT met'}")


def main():
    """Parses the arguments, prepares both commands, runs them and prints the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE.parents[1], help="project root")
    parser.add_argument("--runs", type=int, default=11, help="measured runs of ours")
    parser.add_argument("--peer-runs", type=int, default=5, help="measured runs of the peer")
    parser.add_argument("--binary", type=Path,
                        help="use this resistance-atlas binary instead of cargo build --release")
    parser.add_argument("--venv", type=Path,
                        help="virtualenv for the peer (default: <root>/target/peer-venv)")
    args = parser.parse_args()
    if args.runs < 1 or args.peer_runs < 1:
        parser.error("--runs and --peer-runs must be at least 1")
    root = args.root.resolve()

    python = ensure_venv((args.venv or root / "target" / "peer-venv").absolute())
    binary = args.binary.resolve() if args.binary else build_ours(root)
    if not binary.exists():
        fail(f"no binary at {binary}")

    with tempfile.TemporaryDirectory(prefix="atlas-peer-") as tmp:
        ours_png, peer_png = Path(tmp, "ours.png"), Path(tmp, "peer.png")
        ours = [str(binary), "export", "--groups", "NRF,AFF", "--size", "1920x1080",
                "--out", str(ours_png), "--force"]
        peer = [str(python), str(HERE / "peer_map.py"), "--root", str(root),
                "--out", str(peer_png)]
        jobs = {"resistance-atlas export": (ours, ours_png, args.runs),
                "geopandas + matplotlib": (peer, peer_png, args.peer_runs)}

        for cmd, out, _ in jobs.values():  # warm-up: caches, bytecode, font cache
            measure(cmd, out, root)
        # Interleaved, each command's runs spread evenly over the whole session.
        order = sorted((i / n, label) for label, (_, _, n) in jobs.items() for i in range(n))
        results = {label: [] for label in jobs}
        for _, label in order:
            cmd, out, _ = jobs[label]
            results[label].append(measure(cmd, out, root))

    print(f"{SIZE[0]}x{SIZE[1]} PNG, each run a fresh process, after one warm-up run each\n")
    report(results, run_once(["true"])[1])


if __name__ == "__main__":
    main()
