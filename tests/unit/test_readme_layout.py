"""The README's table of `ingestion/` modules names every module of each stage, and no other."""
import re

from tests.paths import PROJECT_ROOT

INGESTION = PROJECT_ROOT / "ingestion"


def _readme_modules() -> dict[str, set[str]]:
    table = PROJECT_ROOT.joinpath("README.md").read_text(encoding="utf-8").split("| stage | modules | concern |")[1]
    stages: dict[str, set[str]] = {}
    stage = ""
    for line in table.split("\n\n")[0].splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        stage = cells[0].strip("`/") or stage
        names = re.findall(r"`([a-z_]+)/?`", re.sub(r"\([^)]*\)", "", cells[1]))
        stages.setdefault(stage, set()).update(names)
    return stages


def test_every_stage_lists_its_modules() -> None:
    listed = _readme_modules()
    for stage, names in listed.items():
        folder = INGESTION / stage
        actual = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
        actual |= {p.name for p in folder.iterdir() if (p / "__init__.py").exists()}
        if stage == "chinese":  # the row after it names the top-level modules errors and version
            names = names - {"errors", "version"}
        assert names == actual, stage
    stages = {p.name for p in INGESTION.iterdir() if (p / "__init__.py").exists()}
    assert set(listed) == stages
