import atexit
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CASE_STUDIES = ROOT / "case_studies"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# `evalkit new`'s template as it is: its made-up examples are refused as a campaign's
TEMPLATE = ROOT / "evalkit" / "record" / "scaffold"
# The template as an evaluator who filled it in leaves it: each example's words made the
# campaign's own (the rest — ids, codes, dates, counts — kept), so it is a valid record.
# (its name first: `evalkit new "A Name"` writes the name itself)
NAME_FILLED_IN = [
    ("  en: My campaign\n", "  en: My campaign (filled in)\n"),
    ("  ar: حملتي ", "  ar: حملتي التجريبية "),
]
FILLED_IN = {
    "campaign.yaml": [
        ("(e.g. an offensive on a city).", "(e.g. an offensive on a city), filled in."),
        ("  - Example organisation\n", "  - Example organisation (filled in)\n"),
        ("evaluator: Your name\n", "evaluator: Your name (filled in)\n"),
        ("organiser, 2024-03-01", "organiser, 2024-03-01, filled in"),
        ('name: "Phase 1"', 'name: "Phase 1 (filled in)"'),
        ("reacted to.", "reacted to, filled in."),
        ("text: Mobilise the diaspora.", "text: Mobilise the diaspora, filled in."),
        ("in activities.csv.", "in activities.csv, filled in."),
        ("text: Stop the offensive.", "text: Stop the offensive, filled in."),
        ('"#MyCampaign"', '"#MyCampaignFilledIn"'),
        ('"@mycampaign"', '"@mycampaign_filled_in"'),
        ("join the stands.", "join the stands (filled in)."),
        ("name: Example NGO,", "name: Example NGO (filled in),"),
    ],
    "activities.csv": [("European capitals,", "European capitals (filled in),")],
    "metrics.csv": [("#MyCampaign", "#MyCampaignFilledIn")],
    "engagements.csv": [("a desk officer,", "a desk officer (filled in),")],
}


def fill_in(folder: Path, name: bool = True) -> Path:
    """Replace the words of every example in the template copied at `folder` (FILLED_IN;
    with `name`, its name too)."""
    for old, new in NAME_FILLED_IN if name else []:
        edit(folder / "campaign.yaml", old, new)
    for file, changes in FILLED_IN.items():
        for old, new in changes:
            edit(folder / file, old, new)
    return folder


def filled_in(target: Path) -> Path:
    """A copy of the template at `target` with every example's words replaced."""
    shutil.copytree(TEMPLATE, target)
    return fill_in(target)


_filled = Path(tempfile.mkdtemp(prefix="evalkit-filled-in-"))
atexit.register(shutil.rmtree, _filled, True)
# the filled-in template, the valid record most tests start from and break
SCAFFOLD = filled_in(_filled / "scaffold")
CASE_IDS = ["aleppo-is-burning", "save-ghouta", "idlib-under-fire", "caesar"]
# session fixtures that run a whole batch of notebooks (about a minute each): a test that
# uses one is slow, whatever its own time (`pytest -m "not slow"` is the fast set)
BATCH_FIXTURES = {
    "case_reports",
    "arabic_reports",
    "other_reports",
    "sicily_report",
    "trial_reports",
}


def pytest_collection_modifyitems(items):
    for item in items:
        if BATCH_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def run_all_in_both_languages(records: Path, root: Path) -> dict[str, Path]:
    """`evalkit run-all` of a folder of records in English and in Arabic: each language's
    output folder (root/en, root/ar), after checking that the run succeeded."""
    from click.testing import CliRunner

    from evalkit.cli import main

    out = {}
    for lang in ("en", "ar"):
        out[lang] = root / lang
        result = CliRunner().invoke(
            main,
            ["run-all", str(records), "--out", str(out[lang]), "--lang", lang, "--no-progress"],
        )
        assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def case_reports(tmp_path_factory) -> Path:
    """The main job, once per session: `evalkit run-all case_studies --jobs 2`, with --pdf
    when Chromium is installed (scripts/test.sh installs it; the PDF tests skip without)."""
    from click.testing import CliRunner
    from evalkit.cli import main
    from evalkit.render.pdf import find_chromium

    out = tmp_path_factory.mktemp("reports")
    pdf = ["--pdf"] if find_chromium() else []
    result = CliRunner().invoke(
        main,
        ["run-all", str(CASE_STUDIES), "--out", str(out), "--jobs", "2", "--no-progress", *pdf],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def arabic_reports(tmp_path_factory) -> Path:
    """The main job in Arabic, once per session: `evalkit run-all case_studies --lang ar`."""
    from click.testing import CliRunner
    from evalkit.cli import main

    out = tmp_path_factory.mktemp("arabic")
    result = CliRunner().invoke(
        main,
        ["run-all", str(CASE_STUDIES), "--out", str(out), "--lang", "ar", "--jobs", "2"]
        + ["--no-progress"],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by playwright (never a browser of its own), for the tests
    that look at reports as a reader's browser lays them out."""
    from evalkit.render.pdf import find_chromium

    chromium = find_chromium()
    if chromium is None:
        pytest.skip(
            "Chromium is not installed (scripts/test.sh installs Debian's chromium "
            "with apt-get when run as root)"
        )
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e .[test])"
    )
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


def validate_lines(*args: str) -> tuple[int, list[str]]:
    """`evalkit validate ARGS` as a user sees it: its exit code and its lines, without the
    bidi isolates that wrap names (no traceback: a crash fails the test)."""
    from click.testing import CliRunner
    from evalkit.cli import main
    from evalkit.i18n import FSI, PDI

    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, [
        line.replace(FSI, "").replace(PDI, "") for line in result.output.splitlines()
    ]


def make_workbook_own(book: Path, fill=lambda name, example: f"{example} (river)") -> dict:
    """A workbook `evalkit new --xlsx` wrote, its example rows made the campaign's (their
    shading cleared) and the campaign sheet's cause, evaluator and organisers written
    (`fill(name, example text)`); the campaign sheet's value cells by field, for more."""
    import openpyxl
    from openpyxl.styles import PatternFill

    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.fill = PatternFill()
    fields = {r[0].value: r[1] for r in wb["campaign"].iter_rows(min_row=2)}
    for name in ("cause", "evaluator", "organisers"):
        fields[name].value = fill(name, fields[name].value)
    return {"book": wb, "fields": fields}


@pytest.fixture
def record(tmp_path) -> Path:
    """A fresh copy of the filled-in template (SCAFFOLD), a valid record, for a test to
    break."""
    target = tmp_path / "rec"
    shutil.copytree(SCAFFOLD, target)
    return target


ACT_HEADER = (
    "id,date,phase,description,kind,paper_kind,effort,channel,scope,country,city,"
    "language,audience,participants,foreign_participants,events,source"
)
MET_HEADER = "date,metric,value,language,hashtag,platform,country,scope,phase,note,source"
ENG_HEADER = "date,decision_maker,institution,type,response,description,source"
DEC_HEADER = "date,decision_maker,institution,act,direction,campaign_answer,description,source"


# the small record's two audiences (small_record), for a test that adds to them
SMALL_DECISION_MAKERS = {
    "id": "dm",
    "segment": "decision_makers",
    "tier": "primary",
    "region": "international",
    "languages": ["en"],
    "stance": "neutral",
    "targeted": "yes",
    "reached": "unknown",
    "source": "s",
}
SMALL_PUBLIC = {
    "id": "public",
    "segment": "general_public",
    "tier": "secondary",
    "region": "local",
    "languages": ["ar"],
    "stance": "ally",
    "targeted": "yes",
    "reached": "yes",
    "source": "s",
}


# the small record's one goal, without a judgement (a test adds its own)
SMALL_MAIN_GOAL = {
    "id": "main",
    "level": "main",
    "horizon": "long",
    "text": "Stop it.",
    "decision_makers": ["UN Security Council"],
    "source": "s",
}


def small_record(
    tmp_path,
    activities=(),
    metrics=(),
    engagements=(),
    activity_header=None,
    decisions=None,
    **yaml_changes,
):
    """A minimal valid record with the given table rows and top-level YAML keys replaced.
    Rows are CSV lines without the header; `s` is the only source id. `decisions` rows
    (decision makers' own acts) write a decisions.csv; without them there is none."""
    from ruamel.yaml import YAML
    import evalkit

    base = {
        "format_version": 1,
        "id": "small",
        "name": {"en": "Small"},
        "cause": "test",
        "evaluator": "tester",
        "sources": [{"id": "s", "citation": "hand-made test record"}],
        "phases": [
            {
                "id": "p1",
                "name": "Phase 1",
                "start": "2020-01-01",
                "end": "2020-03-31",
                "source": "s",
            }
        ],
        "goals": [dict(SMALL_MAIN_GOAL)],
        "audiences": [dict(SMALL_DECISION_MAKERS), dict(SMALL_PUBLIC)],
    }
    base.update(yaml_changes)
    folder = tmp_path / "small"
    folder.mkdir(exist_ok=True)
    with open(folder / "campaign.yaml", "w", encoding="utf-8") as fh:
        YAML(typ="safe").dump(base, fh)
    for name, header, rows in (
        ("activities.csv", activity_header or ACT_HEADER, activities),
        ("metrics.csv", MET_HEADER, metrics),
        ("engagements.csv", ENG_HEADER, engagements),
    ):
        (folder / name).write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    if decisions is not None:
        (folder / "decisions.csv").write_text(
            "\n".join([DEC_HEADER, *decisions]) + "\n", encoding="utf-8"
        )
    campaign, problems = evalkit.check_record(folder)
    assert not problems, [str(p) for p in problems]
    return campaign


def act(
    id,
    kind="mobilisation",
    effort="low",
    channel="virtual",
    scope="international",
    audience="public",
    language="ar",
    date="2020-01",
    city="",
    paper_kind="",
    events="",
):
    return (
        f"{id},{date},,activity {id},{kind},{paper_kind},{effort},{channel},{scope},,{city},"
        f"{language},{audience},,,{events},s"
    )
