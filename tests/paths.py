"""Where the tests find the project, its bundled samples and the shared gold annotations."""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT_ROOT / "data" / "samples"
# The gold annotations and their scorer live outside the project: `shared/` beside the clone,
# or wherever SHARED_DIR says (a worktree elsewhere).
SHARED = Path(os.environ.get("SHARED_DIR") or PROJECT_ROOT.parent / "shared")
