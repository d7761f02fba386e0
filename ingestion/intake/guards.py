"""What a run must not do unasked: read a folder that is not there, or publish less than it had.

An unmounted share or a mistyped REPORTS_INBOX looks, to a listing, like an inbox whose files
were all deleted; followed blindly it would empty the warehouse, the snapshot and the site.
So a run stops before it writes anything when the inbox is missing or not a folder, or when it
would remove more than a share of the warehouse's reports (or all of them), unless the run
says the removal is meant. Nothing is changed when it stops.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MAX_REMOVED_SHARE = 0.5
CONFIRM_VARIABLE = "CONFIRM_REMOVAL"
SHARE_VARIABLE = "MAX_REMOVED_SHARE"
HOW_TO_CONFIRM = (f"If the folder is right and those reports should leave, run again with {CONFIRM_VARIABLE}=1 "
                  f"(make run {CONFIRM_VARIABLE}=1; in the launchpad: ops: raw_tables: config: confirm_removal: true).")


@dataclass(frozen=True)
class RemovalPolicy:
    max_removed_share: float = MAX_REMOVED_SHARE  # of the warehouse's reports, in one run
    confirmed: bool = False

    @classmethod
    def from_settings(cls, confirmed: bool = False, max_removed_share: float | None = None) -> RemovalPolicy:
        """The run's config, else the environment (CONFIRM_REMOVAL=1, MAX_REMOVED_SHARE=0.8), else the default."""
        env_confirmed = os.environ.get(CONFIRM_VARIABLE, "").strip().lower() in {"1", "true", "yes"}
        share = max_removed_share if max_removed_share is not None else float(
            os.environ.get(SHARE_VARIABLE) or MAX_REMOVED_SHARE)
        return cls(share, confirmed or env_confirmed)


class InboxUnavailableError(Exception):
    """The inbox folder does not exist, is not a folder, or cannot be listed."""

    def __init__(self, folder: Path, problem: str):
        self.folder, self.problem = folder, problem
        super().__init__(
            f"The inbox {folder} {problem}: an unmounted share or a mistyped REPORTS_INBOX? Nothing was changed: "
            f"the warehouse, its snapshot and the site are as they were. Point REPORTS_INBOX at the folder of "
            f"report files; to empty the warehouse on purpose, point it at an empty folder and confirm the "
            f"removal ({CONFIRM_VARIABLE}=1).")


class RemovalNotConfirmedError(Exception):
    """The run would remove more of the warehouse's reports than its policy allows unasked."""

    def __init__(self, folder: Path, reports: int, leaving: int, policy: RemovalPolicy):
        self.folder, self.reports, self.leaving, self.policy = folder, reports, leaving, policy
        share = leaving / reports
        what = "all" if leaving == reports else f"{share:.0%}, more than {policy.max_removed_share:.0%},"
        super().__init__(
            f"The inbox {folder} no longer holds {leaving} of the warehouse's {reports} reports: this run would "
            f"remove {what} of them. Nothing was changed: the warehouse, its snapshot and the site are as they "
            f"were. Is REPORTS_INBOX the right folder (not an unmounted share, not a typo)? {HOW_TO_CONFIRM}")


def check_inbox(folder: Path) -> None:
    """Raises InboxUnavailableError unless the folder exists, is a folder and can be listed."""
    if not folder.exists():
        raise InboxUnavailableError(folder, "does not exist")
    if not folder.is_dir():
        raise InboxUnavailableError(folder, "is a file, not a folder")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise InboxUnavailableError(folder, "cannot be listed (permissions)")


def check_removal(folder: Path, reports: int, leaving: int, policy: RemovalPolicy) -> None:
    """Raises RemovalNotConfirmedError when `leaving` of `reports` is too many to remove unasked:
    all of them, or more than the policy's share."""
    if policy.confirmed or reports == 0 or leaving == 0:
        return
    if leaving == reports or leaving / reports > policy.max_removed_share:
        raise RemovalNotConfirmedError(folder, reports, leaving, policy)
