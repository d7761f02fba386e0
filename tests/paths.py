"""Where the tests find the project, its bundled samples and ../shared."""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT_ROOT / "data" / "samples"
SHARED = PROJECT_ROOT.parent / "shared"
