"""Every published build kept, listed and restorable: the history of what users could query.

A build is published as a file of its own, `<warehouse>_builds/<build id>.duckdb`, a copy of the
warehouse taken when the run finished, and the snapshot path users open
(`data/warehouse_snapshot.duckdb`) is then swapped, atomically, for a hard link to it: no second
copy, and a reader that holds the old snapshot open keeps reading the old build until it
reconnects. `builds.json` beside them lists every kept build (when, which run, how many reports,
what changed) and which one is published. Restoring a build makes it the published one and puts
it back in place of the warehouse, so the next run continues from it. Pruning keeps the last
builds and the recent ones, and never the published one away.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from ingestion.warehouse.build_state import forget_published
from ingestion.warehouse.locations import snapshot_path

MANIFEST = "builds.json"


@dataclass(frozen=True)
class Build:
    build_id: str
    published_at: str  # ISO time
    run_id: str
    counts: Mapping[str, int] = field(default_factory=dict)  # reports, sections, mentions, quarantined
    changes: Mapping[str, int] = field(default_factory=dict)  # files new, changed, removed, … in its run


def builds_folder(warehouse: Path) -> Path:
    return warehouse.with_name(f"{warehouse.stem}_builds")


def build_file(warehouse: Path, build_id: str) -> Path:
    return builds_folder(warehouse) / f"{build_id}.duckdb"


def _read(warehouse: Path) -> dict:
    path = builds_folder(warehouse) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"published": None, "builds": []}


def _write(warehouse: Path, manifest: dict) -> None:
    path = builds_folder(warehouse) / MANIFEST
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, path)


def list_builds(warehouse: Path) -> tuple[list[Build], str | None]:
    """Every kept build, oldest first, and the id of the published one."""
    manifest = _read(warehouse)
    return [Build(**b) for b in manifest["builds"]], manifest["published"]


def _link_snapshot(warehouse: Path, source: Path) -> None:
    """The snapshot path becomes `source` (a hard link; a copy where links are not possible), atomically."""
    target = snapshot_path(warehouse)
    partial = target.with_name(target.name + ".tmp")
    partial.unlink(missing_ok=True)
    try:
        os.link(source, partial)
    except OSError:
        shutil.copyfile(source, partial)
    try:
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def new_build_id(run_id: str, now: datetime | None = None) -> str:
    return f"{(now or datetime.now()).strftime('%Y%m%d-%H%M%S')}-{run_id[:8]}"


def publish(warehouse: Path, run_id: str, counts: Mapping[str, int], changes: Mapping[str, int],
            now: datetime | None = None) -> Build:
    """Copy the (checkpointed) warehouse into a new build file and make it the published build."""
    now = now or datetime.now()
    build = Build(new_build_id(run_id, now), now.isoformat(timespec="seconds"), run_id, dict(counts), dict(changes))
    folder = builds_folder(warehouse)
    folder.mkdir(parents=True, exist_ok=True)
    target = build_file(warehouse, build.build_id)
    partial = target.with_name(target.name + ".tmp")
    try:
        shutil.copyfile(warehouse, partial)
        os.chmod(partial, 0o444)  # a kept build is read as it was; no client writes into it
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    manifest = _read(warehouse)
    manifest["builds"].append(asdict(build))
    manifest["published"] = build.build_id
    _write(warehouse, manifest)  # listed before the snapshot moves to it: restore can always find it
    _link_snapshot(warehouse, target)
    return build


def find_build(warehouse: Path, build_id: str) -> Build:
    """The kept build a full id or a unique prefix of one names."""
    builds, _ = list_builds(warehouse)
    matches = [b for b in builds if b.build_id == build_id or b.build_id.startswith(build_id)]
    if len(matches) != 1:
        known = ", ".join(b.build_id for b in builds) or "none"
        raise FileNotFoundError(f"no single build {build_id!r} among the kept builds ({known}); "
                                "`make builds` lists them")
    return matches[0]


def restore(warehouse: Path, build_id: str | None = None) -> tuple[Build | None, Path | None]:
    """Make a kept build (the published one when none is named) the published build and the
    warehouse the next run continues from. Returns the build and where the replaced warehouse file
    was kept. Without a kept build the snapshot itself is restored."""
    _, published = list_builds(warehouse)
    build = find_build(warehouse, build_id or published) if (build_id or published) else None
    source = build_file(warehouse, build.build_id) if build else snapshot_path(warehouse)
    if not source.exists():
        raise FileNotFoundError(f"There is no published build to restore: {source} does not exist. Move "
                                f"{warehouse} away and `make run` rebuilds every report from the inbox.")
    partial = warehouse.with_name(warehouse.name + ".restoring")
    try:
        shutil.copyfile(source, partial)  # first: a full disk leaves the warehouse where it was
        os.chmod(partial, 0o644)
        with duckdb.connect(str(partial)) as conn:
            # The copy was taken before its run recorded the site it published: no record at all,
            # so the next run publishes docs, snapshot and site for this warehouse again.
            forget_published(conn)
        kept = _set_aside(warehouse)
        os.replace(partial, warehouse)
    finally:
        partial.unlink(missing_ok=True)
    if build is not None:
        manifest = _read(warehouse)
        manifest["published"] = build.build_id
        _write(warehouse, manifest)
        _link_snapshot(warehouse, source)
    return build, kept


def _set_aside(warehouse: Path) -> Path | None:
    """The warehouse file (and a write-ahead log it has) moved aside, never replayed onto a restored file."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    while warehouse.with_name(f"{warehouse.name}.replaced-{stamp}").exists():  # two restores in one second
        stamp += "+"
    kept = None
    if warehouse.exists():
        kept = warehouse.with_name(f"{warehouse.name}.replaced-{stamp}")
        os.replace(warehouse, kept)
    wal = warehouse.with_name(warehouse.name + ".wal")
    if wal.exists():
        os.replace(wal, warehouse.with_name(f"{warehouse.name}.replaced-{stamp}.wal"))
    return kept


def prune(warehouse: Path, keep_last: int, keep_days: float, now: datetime | None = None) -> list[Build]:
    """Delete the builds that are neither among the last `keep_last` nor younger than `keep_days`;
    the published build is always kept. Returns the deleted builds."""
    now = now or datetime.now()
    builds, published = list_builds(warehouse)
    recent = {b.build_id for b in builds[-keep_last:]} if keep_last > 0 else set()
    cutoff = now - timedelta(days=keep_days)
    gone = [b for b in builds if b.build_id != published and b.build_id not in recent
            and datetime.fromisoformat(b.published_at) < cutoff]
    for build in gone:
        build_file(warehouse, build.build_id).unlink(missing_ok=True)
    if gone:
        manifest = _read(warehouse)
        names = {b.build_id for b in gone}
        manifest["builds"] = [b for b in manifest["builds"] if b["build_id"] not in names]
        _write(warehouse, manifest)
    return gone


def prune_replaced(warehouse: Path, keep_days: float, now: datetime | None = None) -> list[Path]:
    """Delete the files restore set aside (`<warehouse>.replaced-<time>`) older than `keep_days`."""
    cutoff = (now or datetime.now()) - timedelta(days=keep_days)
    gone = [p for p in warehouse.parent.glob(f"{warehouse.name}.replaced-*")
            if datetime.fromtimestamp(p.stat().st_mtime) < cutoff]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone
