"""The scale benchmark: every stage timed on one generated corpus, in one run.

    make bench N=200                      (or: .venv/bin/python -m benchmarks.harness --n 200)
    make bench N=1000 BENCH_SOURCE=worktree      (BENCH_SOURCE: a git revision, default HEAD)

Stages, each in its own child process so its peak memory (with its children: parse
workers, dbt) is its own:
  segment_jieba    bare jieba.lcut(HMM=False) with the user dictionary, one process, pure Python: the baseline
  segment_rjieba   the same words from rjieba (the segmenter ingestion/chinese/tokens.py uses)
  parse_all        the parse stage alone (decode … rows, the pool's results arriving in this
                   process) with one worker per core, nothing loaded
  ingest_1         ingest_inbox, one process, into a fresh DuckDB: split into parse (parse_chunk)
                   and load (time spent in ingestion.warehouse.store)
  ingest_all       the same with one parse worker per core (the loader overlaps the pool, so
                   its parse share is the wait for results, not the parse cost: see parse_all)
  dbt_build        `dbt build` on the warehouse ingest_1 loaded (with --standalone-dbt; else the
                   dbt step of job_full, from Dagster's step timings)
  job_full         `make run`'s command (python -m dagster_project.runner: the Dagster job build_warehouse
                   in process) on an empty warehouse: parse, load, dbt build, docs, snapshot, site
  job_noop         the same command again, nothing changed: it finds nothing to do before importing Dagster
  job_noop_dagster the job launched anyway (`dagster job execute`, as the UI or a schedule would): its
                   steps find nothing changed and skip dbt, docs, snapshot and site
  job_add_one      `make run`'s command after one new report lands in the inbox

The scorecard's share of the full build is read from the dbt step's run_results.json of
job_full: the execution seconds of every scorecard node (its seeds, models, data and unit
tests: every node whose name holds "scorecard") against those of all dbt nodes, and, scaled
by dbt's parallelism (the run's elapsed seconds ÷ all node seconds: dbt runs four threads),
against the full job's wall time.

The code measured is a private copy of the project (git HEAD by default, or the working
tree), run from a temp folder, so the warehouse, DAGSTER_HOME, dbt target and logs all live in a temp folder and
nobody's edits land mid-run. Ratios are measured in one run, so they hold under load
from other processes; seconds do not. Results go to benchmarks/results/latest.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
# The code under test; the benchmark's own modules run from this checkout (PYTHONPATH after the copy).
COPIED = ("ingestion", "dagster_project", "dbt_project", "analytics", "workspace.yaml", "pyproject.toml")
NOT_COPIED = ("target", "logs", "__pycache__", "results", ".user.yml")
# Dagster writes a step's duration as 500ms, 59.0s, 1m59s or 1h1m (dagster_shared.utils.timing);
# `make run` (dagster_project/runner/quiet_run.py) prints "  done   raw/* (parse the inbox)     1.0 s".
_STEP_DONE = re.compile(r'Finished execution of step "([^"]+)" in ((?:[\d.]+(?:ms|h|m|s))+)\.'
                        r'|^  done   (.+?) +([\d.]+) s$', re.MULTILINE)
_DURATION_PART = re.compile(r"([\d.]+)(ms|h|m|s)")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}


def step_seconds(duration: str) -> float:
    """Seconds of a duration as Dagster prints it: "1m59s" → 119."""
    return sum(float(n) * _UNIT_SECONDS[unit] for n, unit in _DURATION_PART.findall(duration))


def step_durations(log: str) -> dict[str, float]:
    """Step → seconds, from Dagster's event lines or from `make run`'s step lines."""
    return {m.group(1) or m.group(3): step_seconds(m.group(2) or f"{m.group(4)}s") for m in _STEP_DONE.finditer(log)}


@dataclass
class Stage:
    name: str
    wall_s: float  # the child's whole life, imports included
    cpu_s: float  # user + system of the child and its waited-for children
    peak_rss_mb: float  # largest resident set of the child or any one of its children
    measured_s: float | None = None  # the stage's own work, timed inside the child
    detail: dict = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        return self.measured_s if self.measured_s is not None else self.wall_s


def copy_project(source: str, dest: Path) -> Path:
    """The code under test, frozen: a git revision (HEAD: what is committed) or the working tree as it is now."""
    dest.mkdir(parents=True)
    if source != "worktree":
        archive = dest / "source.tar"
        subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), source, *COPIED], check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(dest, filter="data")
        archive.unlink()
    else:
        for name in COPIED:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(*NOT_COPIED))
            elif src.exists():
                shutil.copy2(src, dest / name)
    return dest


def run_stage(name: str, argv: list[str], env: dict[str, str], cwd: Path, log: Path) -> Stage:
    """Run one child; its rusage from wait4 covers it and every child it waited for."""
    start = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    text = log.read_text(errors="replace")
    if proc.returncode != 0:
        tail = "\n".join(text.splitlines()[-30:])
        raise RuntimeError(f"stage {name} failed (exit {proc.returncode}); log {log}:\n{tail}")
    stage = Stage(name, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
    for line in reversed(text.splitlines()):
        if line.startswith("BENCH_RESULT "):
            result = json.loads(line.removeprefix("BENCH_RESULT "))
            stage.measured_s = result.pop("seconds", None)
            stage.detail = result
            break
    steps = step_durations(text)
    if steps:
        stage.detail["dagster_steps_s"] = steps
    return stage


def scorecard_node_seconds(run_results: dict) -> dict[str, float]:
    """Execution seconds of the scorecard's dbt nodes and of all nodes, from a run_results.json."""
    results = run_results.get("results", [])
    return {"scorecard_s": round(sum(r["execution_time"] for r in results if "scorecard" in r["unique_id"]), 2),
            "all_nodes_s": round(sum(r["execution_time"] for r in results), 2),
            "scorecard_nodes": sum("scorecard" in r["unique_id"] for r in results),
            "elapsed_s": round(run_results.get("elapsed_time", 0.0), 2)}


def _file_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6, 1)


def run(n: int, source: str, seed: int, keep: Path | None, standalone_dbt: bool) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="bench_", dir=keep))
    project = copy_project(source, tmp / "project")
    inbox, extra = tmp / "inbox", tmp / "extra"
    python = sys.executable
    bin_dir = Path(python).parent
    base_env = {k: v for k, v in os.environ.items() if k not in ("WAREHOUSE_PATH", "DAGSTER_HOME", "DBT_TARGET_PATH")}
    base_env.update({
        "PYTHONPATH": f"{project}:{ROOT}", "PATH": f"{bin_dir}:{base_env.get('PATH', '')}",
        "REPORTS_INBOX": str(inbox), "DBT_LOG_PATH": str(tmp / "dbt_logs"),
        "DAGSTER_HOME": str(tmp / "dagster_home"), "DBT_TARGET_PATH": str(tmp / "dbt_target"),
        "DO_NOT_TRACK": "1", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    })
    (tmp / "dagster_home").mkdir()
    shutil.copy(project / "dagster_project" / "dagster.yaml", tmp / "dagster_home" / "dagster.yaml")
    logs = tmp / "logs"
    logs.mkdir()
    # The corpus comes from the samples as the copied parser outlines them.
    corpus = [python, "-m", "benchmarks.corpus", "--seed", str(seed)]
    subprocess.run([*corpus, "--n", str(n), "--out", str(inbox)], env=base_env, cwd=project, check=True)
    subprocess.run([*corpus, "--n", "1", "--start", str(n), "--out", str(extra)], env=base_env, cwd=project,
                   check=True, stdout=subprocess.DEVNULL)
    added = next(extra.glob("*.txt"))
    chars = sum(len(p.read_text(encoding="utf-8")) for p in inbox.glob("*.txt"))
    stages: list[Stage] = []

    def stage(name: str, argv: list[str], **env: str) -> Stage:
        print(f"  {name} …", end="", flush=True)
        result = run_stage(name, argv, {**base_env, **env}, project, logs / f"{name}.log")
        print(f" {result.seconds:.1f} s", flush=True)
        stages.append(result)
        return result

    step = [python, "-m", "benchmarks.steps"]
    cores = os.cpu_count() or 1
    stage("segment_jieba", [*step, "segment", "jieba", str(inbox)])
    stage("segment_rjieba", [*step, "segment", "rjieba", str(inbox)])
    stage("parse_all", [*step, "parse", str(inbox), str(cores)])
    stage("ingest_1", [*step, "ingest", str(inbox), str(tmp / "ingest_1.duckdb"), "1"])
    stage("ingest_all", [*step, "ingest", str(inbox), str(tmp / "ingest_all.duckdb"), str(cores)])
    dbt = [str(bin_dir / "dbt"), "--quiet"]
    dbt_dirs = ["--project-dir", str(project / "dbt_project"), "--profiles-dir", str(project / "dbt_project")]
    if standalone_dbt:
        stage("dbt_build", [*dbt, "build", *dbt_dirs, "--target-path", str(tmp / "dbt_build_target")],
              WAREHOUSE_PATH=str(tmp / "ingest_1.duckdb"))
    # The job reads its manifest from the copy's dbt_project/target, as `make run` prepares it.
    # (and from DBT_TARGET_PATH, should the job come to read that).
    manifest_dir = project / "dbt_project" / "target"
    subprocess.run([*dbt, "parse", *dbt_dirs, "--target-path", str(manifest_dir)],
                   env={**base_env, "WAREHOUSE_PATH": str(tmp / "job.duckdb")}, cwd=project, check=True)
    shutil.copytree(manifest_dir, base_env["DBT_TARGET_PATH"], dirs_exist_ok=True)
    make_run = [python, "-m", "dagster_project.runner"]
    launched = [str(bin_dir / "dagster"), "job", "execute", "-m", "dagster_project.definitions", "-j",
                "build_warehouse"]
    warehouse = tmp / "job.duckdb"
    stage("job_full", make_run, WAREHOUSE_PATH=str(warehouse))
    size_full = _file_mb(warehouse)
    # The dbt step keeps its run_results.json as build_run_results.json (dagster_project/paths.py).
    dbt_results = next(tmp.rglob("build_run_results.json"), None)
    scorecard = scorecard_node_seconds(json.loads(dbt_results.read_text())) if dbt_results else {}
    stage("job_noop", make_run, WAREHOUSE_PATH=str(warehouse))
    stage("job_noop_dagster", launched, WAREHOUSE_PATH=str(warehouse))
    size_noop = _file_mb(warehouse)
    shutil.copy(added, inbox / added.name)
    stage("job_add_one", make_run, WAREHOUSE_PATH=str(warehouse))

    by_name = {s.name: s for s in stages}
    baseline = by_name["segment_jieba"].seconds
    full = by_name["job_full"].seconds
    rows = []
    for s in stages:
        rows.append({
            **asdict(s), "seconds": round(s.seconds, 2),
            "throughput_vs_jieba": round(baseline / s.seconds, 3),
            "share_of_full_job": round(s.seconds / full, 3),
            "reports_per_s": round(n / s.seconds, 1),
        })
    ingest_1, ingest_all = by_name["ingest_1"].detail, by_name["ingest_all"].detail
    jieba_cpu = by_name["segment_jieba"].detail.get("cpu_s")
    job_steps = by_name["job_full"].detail.get("dagster_steps_s", {})
    dbt_step = next((v for k, v in job_steps.items() if "dbt" in k and "docs" not in k), None)
    dbt_s = by_name["dbt_build"].seconds if "dbt_build" in by_name else dbt_step
    derived = {
        "parse_1_s": ingest_1.get("parse_s"), "parse_1_cpu_s": ingest_1.get("parse_cpu_s"),
        "load_s": ingest_1.get("load_s"), "parse_all_s": by_name["parse_all"].measured_s,
        # Inside ingest_all the loader overlaps the pool: the run waits this long for results.
        "ingest_all_parse_wait_s": ingest_all.get("parse_s"),
        "parse_1_throughput_vs_jieba": _ratio(baseline, ingest_1.get("parse_s")),
        "parse_1_cpu_throughput_vs_jieba_cpu": _ratio(jieba_cpu, ingest_1.get("parse_cpu_s")),
        "parse_all_throughput_vs_jieba": _ratio(baseline, by_name["parse_all"].measured_s),
        "parse_all_speedup_vs_1": _ratio(ingest_1.get("parse_s"), by_name["parse_all"].measured_s),
        "rjieba_speedup_vs_jieba": _ratio(baseline, by_name["segment_rjieba"].seconds),
        "dbt_build_s": dbt_s, "dbt_build_share_of_full": _ratio(dbt_s, full),
        "noop_share_of_full": round(by_name["job_noop"].seconds / full, 3),
        "noop_dagster_share_of_full": round(by_name["job_noop_dagster"].seconds / full, 3),
        "add_one_share_of_full": round(by_name["job_add_one"].seconds / full, 3),
        "job_full_reports_per_s": round(n / full, 2),
        "job_full_peak_rss_mb": round(by_name["job_full"].peak_rss_mb),
        "warehouse_mb_after_full": size_full, "warehouse_mb_after_noop": size_noop,
        "warehouse_mb_after_add_one": _file_mb(warehouse),
        "scorecard_dbt_node_s": scorecard.get("scorecard_s"),
        "scorecard_share_of_dbt_nodes": _ratio(scorecard.get("scorecard_s"), scorecard.get("all_nodes_s")),
        # node seconds × (dbt's elapsed ÷ node seconds): the wall time the scorecard's nodes took
        "scorecard_wall_s": _ratio(scorecard.get("scorecard_s"),
                                   _ratio(scorecard.get("all_nodes_s"), scorecard.get("elapsed_s"))),
        "scorecard_share_of_full": _ratio(_ratio(scorecard.get("scorecard_s"), scorecard.get("all_nodes_s")),
                                          _ratio(full, scorecard.get("elapsed_s"))),
    }
    result = {
        "n_reports": n, "characters": chars, "source": source, "seed": seed, "cores": cores,
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(), "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "stages": rows, "derived": derived, "temp_folder": str(tmp) if keep else None,
    }
    if not keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return result


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def print_table(result: dict) -> None:
    print(f"\n{result['n_reports']} reports, {result['characters']:,} characters, {result['cores']} cores,"
          f" code: {result['source']}, load average at end {result['load_average_at_end']}")
    print(f"{'stage':<15} {'seconds':>8} {'× jieba':>8} {'of job':>7} {'reports/s':>10} {'CPU s':>7} {'peak MB':>8}")
    for r in result["stages"]:
        print(f"{r['name']:<15} {r['seconds']:8.1f} {r['throughput_vs_jieba']:8.2f} {r['share_of_full_job']:7.1%}"
              f" {r['reports_per_s']:10.1f} {r['cpu_s']:7.1f} {r['peak_rss_mb']:8.0f}")
    d = result["derived"]
    print("× jieba = bare-jieba seconds / stage seconds (above 1: faster than bare jieba);"
          " seconds are measured inside the child where it says so, else its wall time")
    for key, value in d.items():
        print(f"  {key:<32} {value}")
    for r in result["stages"]:
        if "dagster_steps_s" in r["detail"]:
            steps = ", ".join(f"{k} {v:.1f}" for k, v in r["detail"]["dagster_steps_s"].items())
            print(f"  {r['name']} steps (s): {steps}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--source", default="HEAD", help="a git revision, or 'worktree' for the files as they are now")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="keep the temp folder (corpus, warehouse, logs) under this folder")
    ap.add_argument("--standalone-dbt", action="store_true",
                    help="also time `dbt build` on its own (else it is the dbt step of the full job)")
    ap.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    args = ap.parse_args()
    started = time.perf_counter()
    print(f"benchmark: {args.n} reports, code from {args.source}")
    result = run(args.n, args.source, args.seed, args.keep, args.standalone_dbt)
    result["harness_wall_s"] = round(time.perf_counter() - started, 1)
    print_table(result)
    print(f"whole benchmark {result['harness_wall_s']} s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
