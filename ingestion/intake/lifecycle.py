"""The file lifecycle rule, as a pure plan from what the inbox holds and what was loaded.

A report belongs to its source file, the path inside the inbox; the SHA-256 of the bytes
says whether it changed.
- new path, new bytes → parsed;
- same path, new bytes → changed: the new parse replaces the old report in one transaction;
- path gone → removed: its report leaves every table (the path stays in raw.files as history);
- new path, bytes already loaded from a path that is gone → moved: same report, path updated;
- the same bytes under two present paths → one report, the second path an alias;
- a new parser version → every report parsed again.
A path whose new bytes cannot be parsed keeps its last good report until it is fixed or
removed, so a bad save never deletes data.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from ingestion.intake.inventory import InboxFile

PathEvent = Literal["new", "changed", "unchanged", "moved", "alias"]
PathStatus = Literal["parsed", "alias", "quarantined", "removed"]


@dataclass(frozen=True)
class KnownPath:
    """A row of raw.files from an earlier run."""

    file_id: str | None
    size_bytes: int | None
    modified_at: datetime | None
    status: PathStatus
    report_id: str | None


@dataclass(frozen=True)
class LoadedReport:
    report_id: str
    parser_version: str
    source_path: str


@dataclass(frozen=True)
class ParseJob:
    primary: InboxFile  # the path the report is read from and named by
    aliases: tuple[InboxFile, ...]  # other present paths with the same bytes
    replaces: tuple[str, ...]  # report ids that leave when this parse loads (the old bytes of changed paths)


@dataclass
class Plan:
    parse: list[ParseJob] = field(default_factory=list)
    keep: list[tuple[InboxFile, PathStatus]] = field(default_factory=list)  # loaded bytes, no parse
    moved_reports: dict[str, str] = field(default_factory=dict)  # report id → its new primary path
    events: dict[str, PathEvent] = field(default_factory=dict)  # present path → what happened to it
    removed_paths: list[str] = field(default_factory=list)


def plan_inbox(files: Iterable[InboxFile], refused: Iterable[str], known: Mapping[str, KnownPath],
               loaded: Mapping[str, LoadedReport], version: str) -> Plan:
    """`files` are the hashed readable paths; `refused` the paths present but refused."""
    plan = Plan()
    by_id: dict[str, list[InboxFile]] = {}
    for file in sorted(files, key=lambda f: f.path):
        by_id.setdefault(file.file_id, []).append(file)
    present = {f.report_id for group in by_id.values() for f in group}
    for file_id, group in by_id.items():
        report = loaded.get(file_id)
        primary = _primary(group, report)
        for file in group:
            plan.events[file.path] = _event(file, primary, known.get(file.path), report)
        if report and report.parser_version == version:
            plan.keep.extend((f, "parsed" if f is primary else "alias") for f in group)
            if primary.path != report.source_path:
                plan.moved_reports[report.report_id] = primary.path
            continue
        replaces = {known[f.path].report_id for f in group
                    if f.path in known and known[f.path].report_id not in (None, primary.report_id)}
        plan.parse.append(ParseJob(primary, tuple(f for f in group if f is not primary),
                                   tuple(sorted(replaces - present))))
    present = set(plan.events) | set(refused)
    plan.removed_paths = sorted(p for p, k in known.items() if k.status != "removed" and p not in present)
    return plan


def _primary(group: list[InboxFile], report: LoadedReport | None) -> InboxFile:
    """The report keeps the path it was loaded from while that path still holds its bytes."""
    if report:
        for file in group:
            if file.path == report.source_path:
                return file
    return group[0]


def _event(file: InboxFile, primary: InboxFile, before: KnownPath | None,
           report: LoadedReport | None) -> PathEvent:
    if before is not None and before.status != "removed":
        return "unchanged" if before.file_id == file.file_id else "changed"
    if file is not primary:
        return "alias"
    return "moved" if report else "new"


def reports_leaving(plan: Plan, loaded: Mapping[str, LoadedReport], known: Mapping[str, KnownPath],
                    refused: Iterable[str]) -> set[str]:
    """The loaded reports the plan drops: those no present path will hold any more. A changed
    path's old report is replaced, not dropped; a refused path keeps the report it held."""
    held = {f.report_id for f, _ in plan.keep} | set(plan.moved_reports)
    for job in plan.parse:
        held.add(job.primary.report_id)
        held.update(job.replaces)
        held.update(known[f.path].report_id for f in (job.primary, *job.aliases)
                    if f.path in known and known[f.path].report_id)
    held.update(known[p].report_id for p in refused if p in known and known[p].report_id)
    return {report.report_id for report in loaded.values()} - held
