"""A campaign record as one spreadsheet workbook, for evaluators who work in Excel or
LibreOffice: one sheet per part of the record, a comment on every column heading, drop-down
lists for every vocabulary. A workbook is read by turning it into a record folder (the one
format the loader knows) and its problems are located back on the sheet and cell they come
from: `activities!E12: kind: 'lobying' is not one of …`.

The sheets follow the record's contract (schema.py), so a field added there appears here:
- `campaign`: the record's single fields, one per row (`name.en`, `discourse.rational.level`);
- one sheet per list of entries (`sources`, `phases`, `goals`, `hashtags`, `accounts`, …),
  a column per field; the entries inside an entry (a goal's `judgements`, a coalition's
  `members`) on a sheet of their own, tied to their entry by its id;
- one sheet per table (`activities`, `metrics`, `engagements`, `decisions`, `series`), as
  the CSV file has it.
A list of words in one cell (a goal's decision makers, an audience's languages) has one per
line. `[]` says "none" (there were no coalitions), which an empty sheet cannot."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
import tempfile
import typing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel

from evalkit.record import schema
from evalkit.i18n import N_, Exact, Msg, Verbatim, direction, tr
from evalkit.record.problems import SHEET_WORDS, Problem, closest, did_you_mean, names, quoted
from evalkit.record.problems import named
from evalkit.record.series import SERIES_FILE

SUFFIX = ".xlsx"
README = "README"
CAMPAIGN = "campaign"
LISTS = "_lists"  # hidden: the drop-down lists' words
COMMENTS = "comments"  # campaign.yaml's comments, written back by `evalkit convert`
PAPER_GRID = "paper_grid"  # the paper's own grid beside a record (paper_grid.csv)
COMMENT_COLUMNS = ("where", "place", "comment")
NONE = "[]"  # a list that the evaluator says is empty
EXAMPLE_FILL = "EEEEEE"  # the scaffold's example rows, to be replaced

# An .xlsx is a zip of XML: a few KB can inflate to gigabytes ("zip bomb"). A real record's
# workbook inflates well under these (the four case studies: under 1 MB, ratio under 20).
MAX_INFLATED = 2_000_000_000
MAX_RATIO = 200


def _zip_problem(path: Path) -> Optional[str]:
    """Why the workbook at `path` must not be opened (None when it may): its parts inflate
    past MAX_INFLATED bytes or MAX_RATIO times their stored size. Read from the zip's
    directory alone, before anything is inflated."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            parts = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a zip: openpyxl's own error says the file is not a workbook
    inflated = sum(p.file_size for p in parts)
    stored = sum(p.compress_size for p in parts)
    if inflated > MAX_INFLATED or inflated > MAX_RATIO * max(stored, 1) + 1_000_000:
        return Msg(
            "its parts would inflate to {n} byte from {stored} stored, more than any "
            "record needs (a damaged or hostile file); save it again from Excel or LibreOffice "
            "as .xlsx",
            "its parts would inflate to {n} bytes from {stored} stored, more than any "
            "record needs (a damaged or hostile file); save it again from Excel or LibreOffice "
            "as .xlsx",
            n=f"{inflated:,}",
            stored=f"{stored:,}",
        )
    return None


TABLE_SHEETS = {name.removesuffix(".csv"): name for name in (*schema.TABLES, SERIES_FILE)}
SERIES_COLUMNS = ("date", "metric", "value", "measures", "exposure", "source")
REQUIRED_TABLES = ("activities.csv", "metrics.csv", "engagements.csv")


# --- the contract, read as sheets ------------------------------------------------------------
def _unwrap(annotation) -> tuple[Any, bool]:
    """(the inner type, is it a list) of Optional[...], list[...], Annotated[...]."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (list, tuple):
            is_list, annotation = True, args[0]
        elif (
            origin in (typing.Union, getattr(__import__("types"), "UnionType", None))
            and len(args) == 1
        ):
            annotation = args[0]
        else:
            return annotation, is_list


def _model(annotation) -> Optional[type[BaseModel]]:
    inner, _ = _unwrap(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


@dataclass
class Sheet:
    """One sheet of entries: where its entries sit in the record, their model, and for the
    entries of an entry the sheet of their parent."""

    name: str
    path: tuple[str, ...]  # the key path to the list (parent's path for a child)
    model: type[BaseModel]
    parent: Optional["Sheet"] = None
    key: str = ""  # the child's list key inside its parent entry
    children: list["Sheet"] = field(default_factory=list)

    @property
    def parent_column(self) -> str:
        return self.parent.name.removesuffix("s") if self.parent else ""


def _sheets() -> tuple[list[Sheet], list[tuple[str, ...]]]:
    """The entry sheets and the single fields' paths (the `campaign` sheet), from the
    contract."""
    sheets: list[Sheet] = []
    singles: list[tuple[str, ...]] = []

    def walk(model: type[BaseModel], prefix: tuple[str, ...]) -> None:
        for name, info in model.model_fields.items():
            sub = _model(info.annotation)
            _, is_list = _unwrap(info.annotation)
            if sub is not None and is_list:
                sheet = Sheet(name, (*prefix, name), sub)
                sheets.append(sheet)
                for cname, cinfo in sub.model_fields.items():
                    csub = _model(cinfo.annotation)
                    if csub is not None and _unwrap(cinfo.annotation)[1]:
                        child = Sheet(cname, (*prefix, name), csub, sheet, cname)
                        sheet.children.append(child)
                        sheets.append(child)
            elif sub is not None:
                walk(sub, (*prefix, name))
            else:
                singles.append((*prefix, name))

    walk(schema.CampaignRecord, ())
    return sheets, singles


SHEETS, SINGLES = _sheets()


def _columns(model: type[BaseModel]) -> list[tuple[str, ...]]:
    """The columns of an entry sheet: each field, a nested model's fields as `a.b`; lists of
    entries left to their own sheet."""
    out: list[tuple[str, ...]] = []
    for name, info in model.model_fields.items():
        sub = _model(info.annotation)
        if sub is None:
            out.append((name,))
        elif not _unwrap(info.annotation)[1]:
            out.extend((name, *c) for c in _columns(sub))
    return out


def _info(model: type[BaseModel], path: tuple[str, ...]):
    for part in path[:-1]:
        inner = _model(model.model_fields[part].annotation)
        if inner is None:
            raise KeyError(part)
        model = inner
    return model.model_fields[path[-1]]


def _is_list(model: type[BaseModel], path: tuple[str, ...]) -> bool:
    return _unwrap(_info(model, path).annotation)[1]


def vocabulary(info) -> list[str]:
    """The words a field allows (a Literal), for its drop-down list; [] for free text."""
    inner, _ = _unwrap(info.annotation)
    if typing.get_origin(inner) is typing.Literal:
        return [str(v) for v in typing.get_args(inner)]
    return []


def _said(text: str, lang: str, **fields) -> str:
    """A workbook's text in `lang` (the catalogue's; English where it has none), its fields
    filled in as they are: a cell or a comment holds plain text, no isolates."""
    return str.format(str(tr(text, lang)), **fields) if fields else str(tr(text, lang))


def explanation(info, required: bool, lang: str = "en") -> str:
    """What a column holds, for its heading's comment, in `lang` (its codes and the shapes
    of its dates and counts as the record writes them)."""
    inner, is_list = _unwrap(info.annotation)
    kind = getattr(inner, "__name__", "")
    # 'required unless …' says it itself (schema.SOURCE_UNLESS_UNKNOWN)
    said = (info.description or "").startswith("required")
    parts = [] if said else [_said(N_("required") if required else N_("optional"), lang)]
    if info.description:
        parts.append(_said(info.description, lang))
    words = vocabulary(info)
    if words:
        parts.append(_said(N_("one of: {words}"), lang, words=", ".join(words)))
    elif kind == "DateSpan":
        parts.append(
            _said(
                N_(
                    "a date as the source gives it: 2016, 2016-04, 2016-04-20, late 2016-04, "
                    "2016-04..2016-06"
                ),
                lang,
            )
        )
    elif kind == "Quantity":
        parts.append(
            _said(
                N_(
                    "a count as the source gives it: 1800, about 806, more than 60, "
                    "50000..70000, thousands"
                ),
                lang,
            )
        )
    if is_list:
        parts.append(_said(N_("several: one per line in the cell; [] for none"), lang))
    return _said("; ", lang).join(parts)


# --- folder -> workbook ----------------------------------------------------------------------
def _get(data: dict, path: tuple[str, ...]):
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _cell_value(value):
    if isinstance(value, list):
        return "\n".join(str(v) for v in value) if value else NONE
    return value


def _read_csv(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


def folder_to_workbook(
    folder: str | Path, target: str | Path, examples: bool = False, lang: str = "en"
) -> Path:
    """Write the record in `folder` as the workbook `target` (`examples`: its rows are the
    scaffold's examples, shaded, to be replaced). Its instructions, its headings' comments
    and its drop-down lists' messages are in `lang`, its sheets laid out right to left in a
    language written so; the sheet names, headings and codes are the format's, as the
    record's values are the record's."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from evalkit.record.load import _yaml

    from evalkit.record.comments import yaml_comments
    from evalkit.record.load import PAPER_GRID_FILE

    folder, target = Path(folder), Path(target)
    yaml_text = (folder / schema.RECORD_FILE).read_text(encoding="utf-8")
    data = _yaml("safe").load(yaml_text) or {}
    wb = Workbook()
    readme = wb.active
    readme.title = README
    lists = wb.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    bold = Font(bold=True)
    shade = PatternFill("solid", fgColor=EXAMPLE_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    list_columns: dict[tuple[str, ...], str] = {}

    def choices(words: list[str]) -> str:
        key = tuple(words)
        if key not in list_columns:
            col = get_column_letter(len(list_columns) + 1)
            for i, w in enumerate(words, start=1):
                lists[f"{col}{i}"] = w
            list_columns[key] = f"{LISTS}!${col}$1:${col}${len(words)}"
        return list_columns[key]

    def heading(ws, col: int, name: str, comment: str, words: list[str], rows: int) -> None:
        cell = ws.cell(row=1, column=col, value=name)
        cell.font, cell.comment = bold, Comment(comment, "evalkit", width=320, height=140)
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = max(12, min(40, len(name) + 4))
        # text, so that Excel keeps what is typed: "2014-06" stays a month, "1.200" a string
        # the loader can refuse, instead of a date or the number 1.2
        ws.column_dimensions[letter].number_format = "@"
        if words:
            dv = drop_down(name, words)
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{max(rows + 200, 1000)}")

    def drop_down(name: str, words: list[str]):
        """A drop-down list of `words`, with its prompt and its error in `lang` (Excel
        keeps at most 255 characters of either)."""
        listed = ", ".join(words)
        return DataValidation(
            type="list",
            formula1=choices(words),
            allow_blank=True,
            showInputMessage=True,
            promptTitle=name[:32],
            prompt=_said(N_("choose one of the list: {words}"), lang, words=listed)[:255],
            showErrorMessage=True,
            errorTitle=name[:32],
            error=_said(
                N_("{name}: not a word of the list; choose one of: {words}"),
                lang,
                name=name,
                words=listed,
            )[:255],
        )

    # the record's single fields
    ws = wb.create_sheet(CAMPAIGN)
    heading(
        ws,
        1,
        "field",
        _said(N_("the record's field (docs/campaign-format.md explains each)"), lang),
        [],
        0,
    )
    heading(ws, 2, "value", _said(N_("its value; empty: not recorded"), lang), [], 0)
    ws.column_dimensions["B"].width = 70
    row = 2
    for path in SINGLES:
        value = _get(data, path)
        info = _info(schema.CampaignRecord, path)
        ws.cell(row=row, column=1, value=".".join(path)).comment = Comment(
            explanation(info, info.is_required(), lang), "evalkit", width=320, height=140
        )
        if value is not None:
            ws.cell(row=row, column=2, value=_cell_value(value)).alignment = wrap
        words = vocabulary(info)
        if words:
            dv = drop_down(".".join(path), words)
            ws.add_data_validation(dv)
            dv.add(f"B{row}")
        row += 1
    for sheet in SHEETS:  # lists the evaluator says are empty
        if sheet.parent is None and _get(data, sheet.path) == []:
            ws.cell(row=row, column=1, value=".".join(sheet.path))
            ws.cell(row=row, column=2, value=NONE)
            row += 1

    # the lists of entries
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.name)
        columns = _columns(sheet.model)
        if sheet.parent:
            entries = [
                (parent.get("id"), e)
                for parent in (_get(data, sheet.path) or [])
                if isinstance(parent, dict)
                for e in (parent.get(sheet.key) or [])
            ]
            names = [sheet.parent_column, *(".".join(c) for c in columns)]
        else:
            entries = [(None, e) for e in (_get(data, sheet.path) or [])]
            names = [".".join(c) for c in columns]
        for col, name in enumerate(names, start=1):
            if sheet.parent and col == 1:
                heading(
                    ws,
                    1,
                    name,
                    _said(
                        N_("required; the id of its entry on the {sheet} sheet"),
                        lang,
                        sheet=sheet.parent.name,
                    ),
                    [],
                    len(entries),
                )
                continue
            path = tuple(name.split("."))
            info = _info(sheet.model, path)
            heading(
                ws,
                col,
                name,
                explanation(info, info.is_required(), lang),
                vocabulary(info),
                len(entries),
            )
        for r, (parent_id, entry) in enumerate(entries, start=2):
            values = ([parent_id] if sheet.parent else []) + [
                _cell_value(_get(entry, c)) for c in columns
            ]
            for col, value in enumerate(values, start=1):
                if value is not None:
                    cell = ws.cell(row=r, column=col, value=value)
                    if examples:
                        cell.fill = shade
        ws.freeze_panes = "A2"

    # the tables, as their CSV files have them (text: Excel must not turn 2016-04 into a date)
    for name, file in TABLE_SHEETS.items():
        ws = wb.create_sheet(name)
        csv_path = folder / file
        rows = _read_csv(csv_path) if csv_path.is_file() else []
        model = schema.TABLES.get(file)
        header = rows[0] if rows else (list(model.model_fields) if model else list(SERIES_COLUMNS))
        if examples and model:  # the template offers every column, the examples fill some
            header = [*header, *(f for f in model.model_fields if f not in header)]
        for col, h in enumerate(header, start=1):
            info = model.model_fields.get(h) if model else None
            if info is not None:
                comment, words = explanation(info, info.is_required(), lang), vocabulary(info)
            else:
                comment = _said(
                    N_("a column of the {table} table (docs/campaign-format.md)"), lang, table=name
                )
                words = []
            heading(ws, col, h, comment, words, len(rows))
        for r, fields in enumerate(rows[1:], start=2):
            for col, text in enumerate(fields, start=1):
                if text != "":
                    cell = ws.cell(row=r, column=col, value=text)
                    cell.number_format = "@"
                    if examples:
                        cell.fill = shade
        ws.freeze_panes = "A2"

    # what the folder holds beyond the contract: its YAML's comments (a template's explain
    # its fields, and are not copied), the paper's grid
    comments = [] if examples else yaml_comments(yaml_text)
    if comments:
        ws = wb.create_sheet(COMMENTS)
        for col, (name, said) in enumerate(
            zip(
                COMMENT_COLUMNS,
                (
                    _said(
                        N_(
                            "the entry or field the comment stands by (its path, as on the "
                            "campaign sheet)"
                        ),
                        lang,
                    ),
                    _said(
                        N_(
                            "before: on its own line before it; after: at the end of its line; "
                            "end: at the end of the file"
                        ),
                        lang,
                    ),
                    _said(N_("the comment, without its #"), lang),
                ),
            ),
            start=1,
        ):
            heading(ws, col, name, said, [], len(comments))
        ws.column_dimensions["C"].width = 90
        for r, noted in enumerate(comments, start=2):
            for col, value in enumerate(noted, start=1):
                ws.cell(row=r, column=col, value=value).number_format = "@"
    if (folder / PAPER_GRID_FILE).is_file():
        ws = wb.create_sheet(PAPER_GRID)
        for r, fields in enumerate(_read_csv(folder / PAPER_GRID_FILE), start=1):
            for col, text in enumerate(fields, start=1):
                if text != "":
                    cell = ws.cell(row=r, column=col, value=text)
                    cell.number_format = "@"
                    if r == 1:
                        cell.font = bold

    readme["A1"] = _said(N_("evalkit campaign record"), lang)
    readme["A1"].font = Font(bold=True, size=14)
    lines = [
        N_("One sheet per part of the record; docs/campaign-format.md explains every field."),
        N_(
            "Each column heading has a comment saying what it holds; closed fields have a "
            "drop-down list."
        ),
        N_(
            "campaign: the record's single fields, one per row. The other sheets: one row per "
            "entry or table row."
        ),
        N_(
            "A cell listing several things (languages, decision makers): one per line "
            "(Alt+Enter in Excel, Ctrl+Enter in LibreOffice)."
        ),
        N_(
            "[] says 'none': typed alone on the first row of a list's sheet (the coalitions "
            "sheet: there was no coalition) or in a cell that lists several things; an empty "
            "sheet or cell says 'not recorded'."
        ),
        N_("judgements and members: each row names its goal or coalition by its id."),
        N_(
            "The sheet names, column headings and the words of the drop-down lists are the "
            "record format's: keep them as they are."
        ),
        N_("Check it with: evalkit validate THIS-FILE.xlsx — problems are given as sheet!cell."),
        N_(
            "comments (when there): the record file's comments, by the entry they stand by; "
            "paper_grid (when there): the paper's own grid of the campaign. evalkit convert "
            "writes both back."
        ),
    ]
    if examples:
        lines.append(N_("Shaded rows are examples: replace them with your campaign's facts."))
    for i, line in enumerate(lines, start=3):
        readme.cell(row=i, column=1, value=_said(line, lang))
    readme.column_dimensions["A"].width = 110
    if direction(lang) == "rtl":  # every sheet read from the right, its column A there
        for sheet_ in wb.worksheets:
            sheet_.sheet_view.rightToLeft = True
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


# --- workbook -> folder ----------------------------------------------------------------------
def _text(value) -> str:
    """A cell as the text a CSV or YAML scalar holds (Excel's dates and numbers included)."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _shaded(cells) -> bool:
    """Every filled-in cell of the row still has the template's example shading."""
    filled = [c for c in cells if c.value is not None and _text(c.value).strip() != ""]
    return bool(filled) and all(
        str(getattr(getattr(getattr(c, "fill", None), "fgColor", None), "rgb", "")).endswith(
            EXAMPLE_FILL
        )
        for c in filled
    )


def _row_key(values) -> tuple[str, ...]:
    texts = [_text(v).strip() for v in values]
    while texts and texts[-1] == "":
        texts.pop()
    return tuple(texts)


def _like_an_example(values, examples) -> bool:
    """At least half of some example row's cells are still there, each in its column (an
    example row overwritten with the campaign's own keeps its shading, not its words)."""
    row = _row_key(values)
    for ex in examples:
        kept = sum(1 for i, v in enumerate(ex) if v and i < len(row) and row[i] == v)
        if kept * 2 >= sum(1 for v in ex if v):
            return True
    return False


@functools.lru_cache(maxsize=1)
def _template_examples() -> dict[str, frozenset[tuple[str, ...]]]:
    """The example rows `evalkit new --xlsx` writes, per sheet: a row still equal to one of
    them (and still shaded) is the template's, not the campaign's."""
    from openpyxl import load_workbook

    from evalkit.i18n import LANGUAGES
    from evalkit.record.template import write_scaffold

    found: dict[str, frozenset[tuple[str, ...]]] = {}
    for lang in LANGUAGES:  # `evalkit new --xlsx --lang …` writes each language's
        with tempfile.TemporaryDirectory(prefix="evalkit-template-") as tmp:
            scaffold = Path(tmp) / "my-campaign"
            scaffold.mkdir()
            write_scaffold(scaffold, "my-campaign", lang=lang)
            wb = load_workbook(
                folder_to_workbook(scaffold, Path(tmp) / "template.xlsx", examples=True),
                read_only=True,
            )
            for name in wb.sheetnames:
                if name not in (README, LISTS, CAMPAIGN):
                    rows = frozenset(
                        _row_key(r) for r in wb[name].iter_rows(min_row=2, values_only=True)
                    )
                    found[name] = found.get(name, frozenset()) | rows
            wb.close()
    return found


def _as_shown(cell):
    """A cell's value, but a date at the precision its format shows: Excel stores a month
    typed "June 2014" as the day 2014-06-01 formatted `mmm-yy`, and a vague date
    must not become an exact day."""
    import datetime as dt

    value = cell.value
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and "%" in re.sub(r'"[^"]*"|\\.', "", getattr(cell, "number_format", None) or "")
    ):
        # a cell Excel formatted as a percentage holds 0.45 and shows 45%: read as shown,
        # so the value is what the evaluator typed, not a fraction of it
        return f"{value * 100:.10g}%"
    if not isinstance(value, (dt.date, dt.datetime)):
        return value
    fmt = re.sub(
        r'"[^"]*"|\\.|\[[^\]]*\]', "", (getattr(cell, "number_format", None) or "").lower()
    )
    if not re.search(r"[dmy]", fmt) or "d" in fmt:
        # a day shown (or no date format at all): the day it holds, without the time of day
        # Excel keeps with it (a record's dates are days: "15/03/2020 14:30" is 2020-03-15)
        return value.date() if isinstance(value, dt.datetime) else value
    return f"{value.year:04d}-{value.month:02d}" if "m" in fmt else f"{value.year:04d}"


@dataclass
class _SheetFacts:
    """What a sheet's cells hold that openpyxl's values do not tell: formulas saved without
    their result (read as empty) and merged ranges (only their first cell holds a value)."""

    uncached: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> formula
    # formulas whose saved result is an error: (row, col) -> (formula, '#DIV/0!')
    errors: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    merged: list[str] = field(default_factory=list)  # "H2:H3"


_FORMULA_OR_MERGE = re.compile(rb"<(?:\w+:)?(?:f|mergeCell)[\s/>]")


def _sheet_facts(wb, names) -> dict[str, _SheetFacts]:
    """The formulas without a saved result and the merged ranges of the sheets `names`, read
    from each sheet's XML (a read-only workbook gives neither: a formula with no saved
    result reads as an empty cell). A sheet with neither is scanned, not parsed."""
    import xml.etree.ElementTree as ET

    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    archive = getattr(wb, "_archive", None)
    facts: dict[str, _SheetFacts] = {}
    if archive is None:
        return facts
    for name in names:
        part = getattr(wb[name], "_worksheet_path", None)
        if not part:
            continue
        try:
            with archive.open(part) as fh:
                tail, found = b"", False
                while chunk := fh.read(1 << 20):
                    if _FORMULA_OR_MERGE.search(tail + chunk):
                        found = True
                        break
                    tail = chunk[-16:]
            if not found:
                continue
            got = _SheetFacts()
            with archive.open(part) as fh:
                for _, el in ET.iterparse(fh, events=("end",)):
                    tag = el.tag.rsplit("}", 1)[-1]
                    if tag == "c":
                        f = v = None
                        for child in el:
                            local = child.tag.rsplit("}", 1)[-1]
                            if local == "f":
                                f = child
                            elif local in ("v", "is"):
                                v = child
                        # no <v>, or an empty one not typed as a text result ("" is one)
                        empty = v is None or (
                            v.tag.endswith("v") and not (v.text or "") and el.get("t") != "str"
                        )
                        if f is not None and el.get("r"):
                            letters, row = coordinate_from_string(el.get("r"))
                            at = (row, column_index_from_string(letters))
                            formula = "=" + f.text if f.text else ""
                            if empty:
                                got.uncached[at] = formula
                            elif el.get("t") == "e" and v is not None:
                                got.errors[at] = (formula, (v.text or "").strip())
                        el.clear()
                    elif tag == "row":
                        el.clear()
                    elif tag == "mergeCell" and el.get("ref"):
                        got.merged.append(el.get("ref"))
            if got.uncached or got.errors or got.merged:
                facts[name] = got
        except (KeyError, OSError, ET.ParseError, ValueError):
            continue  # openpyxl read the sheet: what it read stands
    return facts


def _formula(formula: str) -> Msg:
    return Msg("a formula ({formula})", formula=quoted(formula)) if formula else Msg("a formula")


def _uncached_message(formula: str) -> Msg:
    return Msg(
        "{what} with no saved result: the workbook holds the formula but not its value "
        "(as a program that writes .xlsx files, not Excel or LibreOffice, saves it), and "
        "evalkit reads the saved values, so the cell reads as empty; open the workbook in "
        "Excel or LibreOffice and save it, so that it stores the results, or type the value",
        what=_formula(formula),
    )


def _error_message(formula: str, error: str) -> Msg:
    return Msg(
        "{what} whose result is an error ({error}), not a value of the record: correct the "
        "formula, or type the value",
        what=_formula(formula),
        error=quoted(error),
    )


def _merged_note(cell_range: str) -> Msg:
    first = cell_range.split(":")[0]
    return Msg(
        "the cell is part of the merged range {cells}, and only its first cell, {first}, "
        "holds a value (the others are read as empty); unmerge the range and fill in each cell",
        cells=named(cell_range),
        first=named(first),
    )


def _scalar(value):
    """A cell as a YAML value: numbers and true/false keep their type, text stays text."""
    import datetime as dt

    if isinstance(value, (bool, int)) or value is None:
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, (dt.date, dt.datetime)):
        return _text(value)
    text = str(value)
    return (
        {"true": True, "false": False}.get(text.strip().lower(), text)
        if text.strip().lower() in ("true", "false")
        else text
    )


def _required(sheet: Sheet) -> bool:
    """The sheet holds a list the record needs (sources, phases, goals)."""
    info = _info(schema.CampaignRecord, sheet.path)
    return info.is_required()


# what each sheet of a list the record needs holds, said when the sheet is missing
_NEEDS = {
    "sources": Msg("the record needs at least one source"),
    "phases": Msg("the record needs at least one phase"),
    "goals": Msg("the record needs at least one main goal"),
}


def _missing_sheet(path: Path, sheet: Sheet, why: "Msg | str" = "") -> Problem:
    """The record's sheet `sheet` is not in the workbook at `path`: said once, at the
    workbook, with what the sheet holds and why the record needs it."""
    columns = [".".join(c) for c in _columns(sheet.model)]
    required = [c for c in columns if _info(sheet.model, tuple(c.split("."))).is_required()]
    need = _NEEDS.get(sheet.name)
    return Problem(
        str(path),
        None,
        "",
        Msg(
            "the sheet {sheet} is missing{need}{why}: add it back, with one row per entry "
            "and the columns {columns} (required: {required}); `evalkit new NAME --xlsx` "
            "writes a workbook with every sheet and its columns",
            sheet=Exact(f"'{sheet.name}'"),
            need=Msg(" ({need})", need=need) if need else "",
            why=why,
            columns=names(columns),
            required=names(required) if required else Msg("none"),
        ),
    )


def _none_beside_entries(sheet: str, row: int) -> Problem:
    """`[]` alone on a row of a list's sheet that also lists entries: which is meant?"""
    return Problem(
        f"{sheet}!A{row}",
        None,
        "",
        Msg(
            "[] says there were no {sheet}, but the sheet lists some: remove the [] row, or "
            "the entries",
            sheet=named(sheet),
        ),
    )


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _set(data: dict, path: tuple[str, ...], value) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value


@dataclass
class Converted:
    """A workbook read as a record folder, and where each part of it came from."""

    folder: Path
    problems: list[Problem]
    yaml_cells: dict[tuple, str]  # record path -> "sheet!B7"
    table_rows: dict[str, dict[int, int]]  # file -> CSV line -> sheet row
    table_columns: dict[str, list[str]]  # file -> its header
    # cells whose formula has no saved result (their own problem says so) and the cells a
    # merged range empties (a cell -> its range): the loader's problem there is their effect
    formula_cells: set[str] = field(default_factory=set)
    merged: dict[str, str] = field(default_factory=dict)
    merged_ranges: list[Problem] = field(default_factory=list)
    # record sheets with no header row (emptied, or row 1 left blank), each with whether
    # rows follow below it; said once (_headerless_problems), and their knock-ons left out
    headerless: dict[str, bool] = field(default_factory=dict)
    # the record's sheets the workbook lacks, said as such: the loader's problems that
    # follow from them (the list they hold is missing) are not said again
    missing_sheets: set[str] = field(default_factory=set)
    warnings: list[Problem] = field(default_factory=list)

    def explained(self, located: list[Problem]) -> list[Problem]:
        """The loader's problems, located, with their workbook cause: none at a formula
        cell (its own problem names the cause), the merge named at a cell it emptied, and
        a merged range no problem was found in said on its own."""
        out, touched = [], set()
        for p in located:
            if p.file in self.formula_cells:
                continue
            if p.file == CAMPAIGN and p.field in self.missing_sheets:
                continue  # `phases: required field is missing`: the sheet is, and is said
            cell_range = self.merged.get(p.file)
            if cell_range:
                touched.add(p.file.split("!")[0] + "!" + cell_range)
                p = Problem(
                    p.file,
                    p.line,
                    p.field,
                    Msg("{message}: {note}", message=p.message, note=_merged_note(cell_range)),
                )
            out.append(p)
        return out + [m for m in self.merged_ranges if m.file not in touched]

    def locate(self, p: Problem) -> Problem:
        """The loader's problem at its sheet and cell, in the workbook's words (its sheets,
        rows), never the folder's (campaign.yaml, activities.csv, lines)."""
        name = Path(p.file).name
        message = self._in_sheet_words(name, p.message)
        p = replace(p, message=message)  # a warning stays one
        if name == schema.RECORD_FILE:
            path = _parse_path(p.field)
            for n in range(len(path), 0, -1):
                cell = self.yaml_cells.get(path[:n])
                if cell:
                    return replace(
                        p, file=cell, line=None, field=_column_of(path, n, cell), column=None
                    )
            return replace(p, file=CAMPAIGN, line=None, column=None)
        if name in self.table_columns:
            sheet = name.removesuffix(".csv")
            row = self.table_rows[name].get(p.line or 0)
            header = self.table_columns[name]
            column = p.field.split(".")[0]
            where = sheet
            if row:
                where += (
                    f"!{_letter(header.index(column) + 1)}{row}"
                    if column in header
                    else f"!{row}:{row}"
                )
            elif column in header:
                where += f"!{_letter(header.index(column) + 1)}1"
            return replace(p, file=where, line=None, column=None)
        return p

    def _in_sheet_words(self, name: str, message):
        """A message of the folder's in the workbook's words: its sheets for campaign.yaml
        (SHEET_WORDS), a table's rows for its CSV lines; a catalogue sentence keeps its
        fields (translated the same way), rebuilt with theirs."""
        if isinstance(message, Msg):
            if message.template in SHEET_WORDS:
                return SHEET_WORDS[message]
            if message.template in ("line {lines}", "lines {lines}") and name in self.table_rows:
                rows = self.table_rows[name]
                numbers = [rows.get(n, n) for n in message.fields["numbers"]]
                return _row_list(numbers, message.fields["more"])
            fields = {k: self._in_sheet_words(name, v) for k, v in message.fields.items()}
            if fields == message.fields and all(fields[k] is message.fields[k] for k in fields):
                return message
            rebuilt = Msg(message.template, **fields)
            return rebuilt
        if not isinstance(message, str) or isinstance(message, Verbatim):
            return message  # a number, or the record's own words: as they are
        text = message
        for folder_words, sheet_words in SHEET_WORDS.items():
            text = text.replace(folder_words, sheet_words)
        if name in self.table_rows:
            text = _LINES.sub(lambda m: self._rows(name, m), text)
        return message if text == message else text

    def _rows(self, name: str, m: re.Match) -> str:
        """'lines 4, 5, …' of a table's CSV as the sheet's 'rows 4, 5, …' (a cell of
        several lines makes the CSV's lines run ahead of the sheet's rows)."""
        rows = self.table_rows[name]
        numbers = [rows.get(int(n), int(n)) for n in re.findall(r"\d+", m.group("numbers"))]
        word = "row" if len(numbers) == 1 and not m.group("more") else "rows"
        return f"{m.group('on') or ''}{word} {', '.join(map(str, numbers))}{m.group('more') or ''}"


def _row_list(numbers: list[int], more: bool) -> Msg:
    """`problems.line_list` in a sheet's words: 'row 7', 'rows 4, 5, …'."""
    from evalkit.i18n import joined

    listed = joined(", ", [str(n) for n in numbers] + (["…"] if more else []), cap=None)
    if more or len(numbers) != 1:
        return Msg("rows {lines}", lines=listed)
    return Msg("row {lines}", lines=listed)


# a table's lines named in a message: 'on line 7', 'lines 4, 5, 6, 7, …'
_LINES = re.compile(r"\b(?P<on>on )?lines? (?P<numbers>\d+(?:, \d+)*)(?P<more>, …)?")


def _column_of(path: tuple, n: int, cell: str) -> str:
    """The field as the cell's sheet names it: the campaign sheet's dotted field
    (`discourse.rational.level`), an entry sheet's column (`languages`, not
    `audiences[2].languages[1]`)."""
    if cell.startswith(f"{CAMPAIGN}!"):  # a list's items are the lines of one cell
        return ".".join(str(part) for part in path if not isinstance(part, int))
    head = path[:n]
    last = max((i for i, part in enumerate(head) if isinstance(part, int)), default=-1)
    inner = head[last + 1 :] or path[n:]
    return ".".join(str(part) for part in inner if not isinstance(part, int)) or ".".join(
        str(part) for part in path
    )


def _parse_path(field_path: str) -> tuple:
    parts: list = []
    for m in re.finditer(r"([^.\[\]]+)|\[(\d+)\]", field_path or ""):
        parts.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
    return tuple(parts)


def workbook_to_folder(path: str | Path, folder: str | Path) -> Converted:
    """Read the workbook at `path` into the record folder `folder` (created; its files
    replaced). Problems of the workbook itself (not a workbook, unknown sheets, an entry
    naming no parent) are returned located; the record's own are the loader's."""
    from openpyxl import load_workbook
    from ruamel.yaml import YAML

    path, folder = Path(path), Path(folder)
    problems: list[Problem] = []
    conv = Converted(folder, problems, {}, {}, {})
    bomb = _zip_problem(path)
    if bomb:
        problems.append(Problem(str(path), None, "", bomb))
        return conv
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a corrupt or foreign file: say so, never a traceback
        problems.append(
            Problem(
                str(path),
                None,
                "",
                Msg(
                    "cannot be read as an .xlsx workbook ({error}); save it from Excel or "
                    "LibreOffice as .xlsx",
                    error=Exact(type(exc).__name__),
                ),
            )
        )
        return conv
    known = {
        README,
        LISTS,
        CAMPAIGN,
        COMMENTS,
        PAPER_GRID,
        *(s.name for s in SHEETS),
        *TABLE_SHEETS,
    }
    optional = (COMMENTS, PAPER_GRID)  # kept by convert when the folder had them
    strays = [name for name in wb.sheetnames if name not in known]
    missing = [n for n in known if n not in wb.sheetnames and n not in (README, LISTS, *optional)]
    renamed = _renamed(strays, missing, {name: _first_row(wb[name]) for name in strays})
    left = sorted(set(missing) - {was for was in renamed.values() if was})
    # a renamed sheet is said once, as renamed: what follows from its missing (the list it
    # holds, the rows of its child sheet that name its entries) is not said again
    conv.missing_sheets.update(was for was in renamed.values() if was)
    for name, was in renamed.items():
        problems.append(
            Problem(
                name,
                None,
                "",
                Msg(
                    "sheet {sheet} is not a record sheet, and is not read; the sheet {was} is "
                    "missing: was it renamed? Name it {was} again",
                    sheet=quoted(name),
                    was=quoted(was),
                )
                if was
                else Msg(
                    "sheet {sheet} is not a record sheet, and is not read; the sheets are "
                    "{sheets}{missing}",
                    sheet=quoted(name),
                    sheets=names(sorted(known - {LISTS})),
                    missing=Msg(" (missing here: {sheets})", sheets=names(left)) if left else "",
                ),
            )
        )
    if CAMPAIGN not in wb.sheetnames:
        problems.append(
            Problem(
                str(path),
                None,
                "",
                Msg(
                    "no {sheet} sheet: start from `evalkit new NAME --xlsx`",
                    sheet=Exact(f"'{CAMPAIGN}'"),
                ),
            )
        )
        return conv
    has = [n for n in wb.sheetnames if n != LISTS]
    for sheet in SHEETS:
        if sheet.name in left and sheet.parent is None and _required(sheet):
            problems.append(_missing_sheet(path, sheet))
            conv.missing_sheets.add(sheet.name)
    # every other sheet `evalkit new` writes, deleted, is read as recording none of its
    # entries or rows: said, since an evaluator rarely means it (a deleted decisions or
    # judgements sheet changes questions 3 and 4 as much as a deleted activities sheet)
    by_name = {s.name: s for s in SHEETS}
    for name in left:
        gone = by_name.get(name)
        if gone is not None and gone.parent is None and _required(gone):
            continue  # an error, above
        if gone is not None:
            columns = [".".join(c) for c in _columns(gone.model)]
        elif TABLE_SHEETS[name] in schema.TABLES:
            columns = list(schema.TABLES[TABLE_SHEETS[name]].model_fields)
        else:
            columns = list(SERIES_COLUMNS)
        conv.warnings.append(
            Problem(
                str(path),
                None,
                "",
                Msg(
                    "the workbook has no sheet {sheet}, and is read as recording no {sheet} "
                    "(its sheets: {sheets}); if the sheet was deleted by mistake, add it "
                    "back with its columns ({columns})",
                    sheet=named(name),
                    sheets=names(has),
                    columns=names(columns),
                ),
                warning=True,
            )
        )
    facts = _sheet_facts(wb, [n for n in wb.sheetnames if n in known and n not in (README, LISTS)])

    def uncached(name: str, r: int, col: int) -> bool:
        """The cell (row r, column col, from 1) holds a formula with no saved result."""
        return (r, col) in (facts[name].uncached if name in facts else {})

    headers: dict[str, list[str]] = {}

    def id_letter(name: str) -> str:
        """The letter of a sheet's id column ('-', which no cell has, when it has none)."""
        header = headers.get(name, [])
        return _letter(header.index("id") + 1) if "id" in header else "-"

    def rows(name: str):
        if name not in wb.sheetnames:
            return None, []
        cells = list(wb[name].iter_rows())
        grid = [[_as_shown(c) for c in r] for r in cells]
        while grid and all(v is None or str(v).strip() == "" for v in grid[-1]):
            grid.pop()
        if not grid:
            conv.headerless[name] = False
            return None, []
        header = [_text(h).strip() for h in grid[0]]
        while header and header[-1] == "":
            header.pop()
        if not header and name != CAMPAIGN:
            conv.headerless[name] = True  # rows with no column names: none can be read
            return None, []
        got = facts.get(name, _SheetFacts())
        said = {
            **{at: _uncached_message(formula) for at, formula in got.uncached.items()},
            **{at: _error_message(*error) for at, error in got.errors.items()},
        }
        for (r, col), message in sorted(said.items()):
            if name == CAMPAIGN:
                row = grid[r - 1] if r <= len(grid) else []
                what = _text(row[0]).strip() if row and col > 1 else ""
            else:
                what = header[col - 1] if col <= len(header) else ""
            cell = f"{name}!{_letter(col)}{r}"
            conv.formula_cells.add(cell)
            problems.append(Problem(cell, None, what, message))
        for cell_range in got.merged:
            from openpyxl.utils.cell import range_boundaries

            c1, r1, c2, r2 = range_boundaries(cell_range)
            for r in range(r1, r2 + 1):
                for col in range(c1, c2 + 1):
                    if (r, col) != (r1, c1):
                        conv.merged[f"{name}!{_letter(col)}{r}"] = cell_range
            what = header[c1 - 1] if name != CAMPAIGN and c1 <= len(header) else ""
            first = cell_range.split(":")[0]
            conv.merged_ranges.append(
                Problem(
                    f"{name}!{cell_range}",
                    None,
                    what,
                    Msg(
                        "the cells {cells} are merged: only the first, {first}, holds a value "
                        "(the others are read as empty); unmerge them and fill in each cell",
                        cells=named(cell_range),
                        first=named(first),
                    ),
                )
            )
        for r, (row_cells, values) in enumerate(zip(cells[1:], grid[1:]), start=2):
            if _shaded(row_cells) and _like_an_example(values, _template_examples().get(name, ())):
                problems.append(
                    Problem(
                        f"{name}!A{r}",
                        None,
                        "",
                        Msg(
                            "still the template's example row (shaded grey, mostly unchanged): "
                            "replace it with the campaign's own, or delete the row"
                        ),
                    )
                )
        headers[name] = header
        return header, grid[1:]

    data: dict = {}
    header, body = rows(CAMPAIGN)
    for r, values in enumerate(body, start=2):
        key = _text(values[0]).strip() if values else ""
        value = values[1] if len(values) > 1 else None
        if key and uncached(CAMPAIGN, r, 2):  # the loader's 'missing' is located there
            conv.yaml_cells[tuple(key.split("."))] = f"{CAMPAIGN}!B{r}"
        if not key:
            continue
        kpath = tuple(key.split("."))
        conv.yaml_cells[kpath] = f"{CAMPAIGN}!B{r}"  # an empty one too: where to fill it in
        if value is None or _text(value) == "":
            continue
        if _text(value).strip() == NONE:
            _set(data, kpath, [])
        elif kpath in SINGLES and _is_list(schema.CampaignRecord, kpath):
            _set(data, kpath, [v for v in _text(value).split("\n") if v.strip()])
        else:
            _set(data, kpath, _scalar(value))

    orphans: dict[str, list[int]] = {}  # a sheet -> its rows, whose parent sheet is missing
    none_at: dict[str, int] = {}  # a list's sheet -> its row of `[]` alone ("none")
    for sheet in SHEETS:
        header, body = rows(sheet.name)
        if header is None:
            continue
        for r, values in enumerate(body, start=2):
            if all(v is None or _text(v).strip() == "" for v in values):
                continue
            filled = [_text(v).strip() for v in values if v is not None and _text(v).strip()]
            if sheet.parent is None and filled == [NONE]:
                # `[]` alone on a row of a list's own sheet: the list is empty, as a `[]`
                # row on the campaign sheet says (trial 11, L5: three errors of an id, a name
                # and a source it never meant to give)
                none_at.setdefault(sheet.name, r)
                if _get(data, sheet.path):
                    problems.append(_none_beside_entries(sheet.name, r))
                elif _get(data, sheet.path) is None:
                    _set(data, sheet.path, [])
                continue
            entry: dict = {}
            cells: dict[tuple, str] = {}
            parent_id = None
            for col, name in enumerate(header):
                value = values[col] if col < len(values) else None
                if sheet.parent and col == 0:
                    parent_id = _text(value).strip()
                    continue
                if name and uncached(sheet.name, r, col + 1):
                    cells[tuple(name.split("."))] = f"{sheet.name}!{_letter(col + 1)}{r}"
                if not name:
                    continue
                cpath = tuple(name.split("."))
                # its cell even when empty: a field left out is found in its own column
                cells[cpath] = f"{sheet.name}!{_letter(col + 1)}{r}"
                if value is None or _text(value) == "":
                    continue
                try:
                    listed = _is_list(sheet.model, cpath)
                except (KeyError, AttributeError, TypeError):
                    listed = False  # an unknown column: the loader names the key
                if _text(value).strip() == NONE and listed:
                    _set(entry, cpath, [])
                elif listed:
                    _set(entry, cpath, [v for v in _text(value).split("\n") if v.strip()])
                else:
                    _set(entry, cpath, _scalar(value))
            if sheet.parent and sheet.parent.name not in wb.sheetnames:
                orphans.setdefault(sheet.name, []).append(r)
                continue
            if sheet.parent:
                parents = _get(data, sheet.path) or []
                owner = next((i for i, p in enumerate(parents) if p.get("id") == parent_id), None)
                if owner is None and sheet.parent.name in conv.headerless:
                    continue  # its parents' sheet has no header row: said once, there
                if owner is None:
                    # an id a merge emptied on the parent's sheet is the likely cause
                    emptied = sorted(
                        {
                            cell_range
                            for cell, cell_range in conv.merged.items()
                            if cell.split("!")[0] == sheet.parent.name
                            and re.fullmatch(
                                f"{id_letter(sheet.parent.name)}\\d+", cell.split("!")[1]
                            )
                        }
                    )
                    problems.append(
                        Problem(
                            f"{sheet.name}!A{r}",
                            None,
                            sheet.parent_column,
                            Msg(
                                "{id} is not the id of an entry on the {sheet} sheet{meant}{merged}",
                                id=quoted(parent_id),
                                sheet=named(sheet.parent.name),
                                meant=did_you_mean(parent_id, [p.get("id") for p in parents]),
                                merged=Msg(
                                    " (its ids in the merged range {cells} are read as empty "
                                    "but for the first: unmerge them and fill in each)",
                                    cells=names(emptied),
                                )
                                if emptied
                                else "",
                            ),
                        )
                    )
                    continue
                items = parents[owner].setdefault(sheet.key, [])
                base = (*sheet.path, owner, sheet.key, len(items))
                items.append(entry)
            else:
                items = data
                for part in sheet.path[:-1]:
                    items = items.setdefault(part, {})
                listed_items = items.setdefault(sheet.path[-1], [])
                if sheet.name in none_at and not listed_items:  # `[]` above, entries below
                    problems.append(_none_beside_entries(sheet.name, none_at[sheet.name]))
                base = (*sheet.path, len(listed_items))
                listed_items.append(entry)
            conv.yaml_cells[base] = f"{sheet.name}!A{r}"
            for cpath, cell in cells.items():
                conv.yaml_cells[(*base, *cpath)] = cell

    for name, at in orphans.items():
        child = next(c for c in SHEETS if c.name == name)
        assert child.parent is not None
        if child.parent.name in conv.missing_sheets:
            continue  # the missing sheet is said: its entries' rows follow from it
        conv.missing_sheets.add(child.parent.name)
        problems.append(
            _missing_sheet(
                path,
                child.parent,
                Msg(
                    "; the {sheet} sheet's rows name its entries ({rows})",
                    sheet=named(name),
                    rows=_row_list(at[:8], len(at) > 8),
                ),
            )
        )
    folder.mkdir(parents=True, exist_ok=True)
    for stale in [*TABLE_SHEETS.values(), schema.RECORD_FILE]:
        (folder / stale).unlink(missing_ok=True)
    y = YAML(typ="safe", pure=True)
    y.default_flow_style = False
    y.allow_unicode = True
    y.width = 4096
    y.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    out = io.StringIO()
    y.dump(data, out)
    yaml_text = out.getvalue()
    _, body = rows(COMMENTS)

    def said(values, i: int) -> str:
        return _text(values[i]).strip() if i < len(values) and values[i] is not None else ""

    # (where, place, comment), as folder_to_workbook wrote them
    kept = [(said(v, 0), said(v, 1), said(v, 2)) for v in body if said(v, 2)]
    if kept:
        from evalkit.record.comments import with_comments

        try:
            yaml_text = with_comments(yaml_text, kept)
        except Exception:  # the record itself does not parse: its validation says why
            pass
    (folder / schema.RECORD_FILE).write_text(yaml_text, encoding="utf-8")
    from evalkit.record.load import PAPER_GRID_FILE

    (folder / PAPER_GRID_FILE).unlink(missing_ok=True)
    if PAPER_GRID in wb.sheetnames:
        grid = [[_text(v) for v in r] for r in wb[PAPER_GRID].iter_rows(values_only=True)]
        grid = [r for r in grid if any(c.strip() for c in r)]
        if grid:
            width = max(len(r) for r in grid)
            while width and all(len(r) < width or not r[width - 1].strip() for r in grid):
                width -= 1
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows(
                [(r + [""] * width)[:width] for r in grid]
            )
            (folder / PAPER_GRID_FILE).write_text(buf.getvalue(), encoding="utf-8")

    for name, file in TABLE_SHEETS.items():
        header, body = rows(name)
        if header is None or (
            file not in REQUIRED_TABLES
            and not any(any(_text(v).strip() for v in values) for values in body)
        ):
            continue  # an optional table (decisions, series) with no rows is not written
        line_rows: dict[int, int] = {}
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(header)
        line = 2
        for r, values in enumerate(body, start=2):
            texts = [_text(values[c]) if c < len(values) else "" for c in range(len(header))]
            if all(c.strip() == "" for c in texts):
                # a blank line (skipped by the loader) for a blank row: line N of the CSV
                # stays row N of the sheet, so the report's `activities.csv:10` is row 10
                buf.write("\n")
                line += 1
                continue
            line_rows[line] = r
            for c, text in enumerate(texts):
                if "\n" in text or "\r" in text:
                    # a table's cell is one line (the CSV's rule): said here, at its cell,
                    # and written as one line so that the CSV's line stays the sheet's row
                    problems.append(
                        Problem(
                            f"{name}!{_letter(c + 1)}{r}",
                            None,
                            header[c],
                            Msg(
                                "the cell holds a line break (Alt+Enter in Excel, Ctrl+Enter in "
                                "LibreOffice), and a table's cell is one line: join its lines"
                            ),
                        )
                    )
                    texts[c] = " ".join(text.split())
            writer.writerow(texts)
            line += 1
        (folder / file).write_text(buf.getvalue(), encoding="utf-8")
        conv.table_rows[file], conv.table_columns[file] = line_rows, header
    _headerless_problems(conv)
    _write_places(folder, path, conv)
    return conv


def _required_columns(model: type[BaseModel]) -> list[str]:
    return [
        n for n, f in model.model_fields.items() if f.is_required() and _model(f.annotation) is None
    ]


def _headerless_problems(conv: "Converted") -> None:
    """A record sheet with no header row is said once, at its A1: an error when rows follow
    (none can be read) or when the record needs its entries (sources, phases, goals);
    otherwise a warning, since the sheet is read as empty (a cleared sheet is rarely what
    was meant)."""
    from evalkit.record.load import empty_table

    entries = {s.name: s for s in SHEETS}
    for name, rows_below in conv.headerless.items():
        if name in TABLE_SHEETS:
            file = TABLE_SHEETS[name]
            if not rows_below:
                conv.warnings.append(empty_table(file, f"{name}!A1", None, sheet=True))
                continue
            from evalkit.record.load import table_columns_needed

            columns = names(table_columns_needed(file))
        elif name in entries:
            sheet = entries[name]
            columns = names(_required_columns(sheet.model))
            info = None if sheet.parent else schema.CampaignRecord.model_fields.get(sheet.path[0])
            needed = len(sheet.path) == 1 and info is not None and info.is_required()
            if not rows_below and not needed:
                conv.warnings.append(
                    Problem(
                        f"{name}!A1",
                        None,
                        "",
                        Msg(
                            "empty sheet, not even a header row: write the header row (at "
                            "least {columns}) and the entries; left empty, the sheet is read "
                            "as not recorded",
                            columns=columns,
                        ),
                        warning=True,
                    )
                )
                continue
            if not rows_below:
                conv.problems.append(
                    Problem(
                        f"{name}!A1",
                        None,
                        "",
                        Msg(
                            "empty sheet, not even a header row: the record needs at least one "
                            "entry here; write the header row (at least {columns}) and the "
                            "entries (`evalkit new NAME --xlsx` writes every sheet's header)",
                            columns=columns,
                        ),
                    )
                )
                continue
        else:
            continue  # the campaign sheet, comments, the paper's grid: not read as a table
        conv.problems.append(
            Problem(
                f"{name}!A1",
                None,
                "",
                Msg(
                    "the header row (row 1) is empty, so the rows below it cannot be read: "
                    "write the column names in row 1 (at least {columns})",
                    columns=columns,
                ),
            )
        )


# beside a workbook's record folder: where each entry the report cites is on the workbook's
# sheets, so that its evidence names the place the evaluator has (`goals!A3`,
# `activities!A6`), not the folder's (`campaign.yaml goals[keep-open]`, `activities.csv:6`)
PLACES_FILE = ".workbook-places.json"


def _write_places(folder: Path, path: Path, conv: "Converted") -> None:
    import json

    from ruamel.yaml import YAML

    entries: dict[str, str] = {}
    try:
        data = YAML(typ="safe").load((folder / schema.RECORD_FILE).read_text(encoding="utf-8"))
    except Exception:  # the loader says what is wrong with it
        data = None
    for key, cell in conv.yaml_cells.items():
        if not key or not isinstance(key[-1], int) or not isinstance(data, dict):
            continue
        # the entry at `key` (goals.3, media_tools.hashtags.0), cited as the report cites it
        # (evalkit.render.page.yaml_entry_lines): its list's path and its id, and its place
        # in the list from 0 (hashtags and accounts have no ids)
        items: object = data
        for part in key[:-1]:
            items = items.get(part) if isinstance(items, dict) else None
        i = key[-1]
        item = items[i] if isinstance(items, list) and i < len(items) else None
        if not isinstance(item, dict):
            continue
        if not all(isinstance(part, str) for part in key[:-1]):
            continue  # a list inside an entry (a goal's judgements): never cited
        listed = ".".join(key[:-1])
        entries.setdefault(f"{listed}[{i}]", cell)
        if isinstance(item.get("id"), str):
            entries.setdefault(f"{listed}[{item['id']}]", cell)
    places = {"workbook": path.name, "campaign": CAMPAIGN, "entries": entries}
    (folder / PLACES_FILE).write_text(json.dumps(places, ensure_ascii=False), encoding="utf-8")


def workbook_places(folder: str | Path) -> Optional[dict]:
    """The places `_write_places` kept beside a workbook's record folder; None for a record
    that is a folder."""
    import json

    file = Path(folder) / PLACES_FILE
    return json.loads(file.read_text(encoding="utf-8")) if file.is_file() else None


def _renamed(
    strays: list[str], missing: list[str], headers: Optional[dict[str, list[str]]] = None
) -> dict[str, Optional[str]]:
    """Each sheet that is not a record's, and the missing record sheet it most likely was,
    or None ('Notes' beside a deleted 'series' sheet is no rename of it): the one whose
    columns its header row holds (a sheet renamed in any language keeps its columns:
    «الأهداف» with id, level, horizon … is the goals sheet), else the closest by its
    letters ('metrics (2)', 'Activities1', 'Goals': a copy, a rename, a capital)."""

    def plain(name: str) -> str:
        return re.sub(r"[^a-z_]", "", name.lower().replace(" ", "_")).strip("_")

    out: dict[str, Optional[str]] = {}
    left = [m for m in missing if m != README and m != LISTS]
    for name in strays:
        candidates = [m for m in left if m not in out.values()]
        by_columns = _sheet_with_columns((headers or {}).get(name, []), candidates)
        out[name] = (
            by_columns
            or (plain(name) if plain(name) in candidates else closest(plain(name), candidates))
            if plain(name) or by_columns
            else None
        )
    return out


def _first_row(ws) -> list[str]:
    """A sheet's header row, as text (a workbook opened read-only)."""
    row = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
    return [_text(v).strip() for v in row if v is not None and _text(v).strip()]


@functools.cache
def _record_sheet_columns() -> dict[str, frozenset[str]]:
    """The columns of each record sheet, as `folder_to_workbook` writes them."""
    out = {CAMPAIGN: frozenset({"field", "value"})}
    for sheet in SHEETS:
        columns = {".".join(c) for c in _columns(sheet.model)}
        out[sheet.name] = frozenset(columns | ({sheet.parent_column} if sheet.parent else set()))
    for name, file in TABLE_SHEETS.items():
        out[name] = frozenset(
            SERIES_COLUMNS if file == SERIES_FILE else schema.TABLES[file].model_fields
        )
    return out


def _sheet_with_columns(header: list[str], candidates: list[str]) -> Optional[str]:
    """The one candidate sheet whose columns `header` is mostly made of (at least half of
    the two together are shared, and more than any other candidate's), or None."""
    if not header:
        return None
    columns = _record_sheet_columns()
    given = set(header)
    scored = sorted(
        (
            (len(given & columns[c]) / len(given | columns[c]), c)
            for c in candidates
            if c in columns
        ),
        reverse=True,
    )
    if not scored or scored[0][0] < 0.5 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _id_row(path: str | Path) -> tuple[Optional[str], Optional[int]]:
    """The id a workbook declares and its row on the campaign sheet, read without
    validating ((None, None) when it cannot tell)."""
    from openpyxl import load_workbook

    if _zip_problem(Path(path)):
        return None, None
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
        for r, row in enumerate(wb[CAMPAIGN].iter_rows(values_only=True), start=1):
            if row and row[0] == "id":
                return (_text(row[1]).strip() if len(row) > 1 else "") or None, r
    except Exception:  # the workbook's own validation says what is wrong
        return None, None
    return None, None


def record_id(path: str | Path) -> Optional[str]:
    """The id a workbook declares, read without validating (None when it cannot tell)."""
    return _id_row(path)[0]


def id_location(record: str | Path) -> tuple[str, Optional[int]]:
    """Where a record's id is written, as a Problem's place: (`… campaign!B3`, None) of a
    workbook, (its campaign.yaml, the line of its top-level `id:`) of a folder (None when
    it cannot tell)."""
    if is_workbook(record):
        row = _id_row(record)[1]
        return (f"{record}: {CAMPAIGN}!B{row}" if row else f"{record}: {CAMPAIGN}"), None
    yaml = Path(record) / schema.RECORD_FILE
    try:
        lines = yaml.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):  # the record's own validation says what is wrong
        return str(yaml), None
    # a top-level key starts its line; an `id:` of a goal or phase is indented
    line = next((n for n, text in enumerate(lines, 1) if re.match(r"id\s*:", text)), None)
    return str(yaml), line


def id_place(record: str | Path) -> str:
    """Where a record's id is written, for a message: `campaign!B3` of a workbook, the
    campaign.yaml of a folder and its line."""
    file, line = id_location(record)
    return f"{file}:{line}" if line else file


def is_workbook(path: str | Path) -> bool:
    return Path(path).suffix.lower() == SUFFIX


def converted_folder(path: str | Path) -> Path:
    """Where a workbook's record folder is kept: one per content, so reading the same
    workbook again (a batch worker, the report's kernel) finds the same folder."""
    path = Path(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / "evalkit-workbooks" / digest / path.stem


def is_converted_folder(path: str | Path) -> bool:
    """Whether `path` is a workbook's record folder as `converted_folder` keeps it (the
    folder a run's report kernel is given for a workbook)."""
    here = Path(path).resolve()
    return here.parent.parent == (Path(tempfile.gettempdir()) / "evalkit-workbooks").resolve()


_CELL = re.compile(r"^(?P<sheet>.+?)!(?:(?P<col>[A-Z]+)?(?P<row>\d+)(?::[A-Z]*\d+)?)?$")


def _place(p: Problem) -> tuple:
    """Where a workbook's problem is, as its reader goes through the workbook: the whole
    workbook's first, then sheet by sheet in the workbook's order (the campaign sheet
    first), and on a sheet row by row, left to right (`activities!E9` before
    `activities!B12`: the cell's text would put B12 first, and row 12 before row 9)."""
    from openpyxl.utils import column_index_from_string

    order = [CAMPAIGN, *(s.name for s in SHEETS), *TABLE_SHEETS]
    m = _CELL.match(p.file)
    sheet = m.group("sheet") if m else p.file
    if sheet not in order and not m:
        return (0, 0, p.file, 0, 0, p.field, p.message)  # the workbook itself
    rank = order.index(sheet) if sheet in order else len(order)  # an unknown sheet: last
    row = int(m.group("row")) if m and m.group("row") else 0
    col = column_index_from_string(m.group("col")) if m and m.group("col") else 0
    return (1, rank, sheet, row, col, p.field, p.message)


def check_workbook(path: str | Path, build: bool = True, warnings: Optional[list] = None):
    """`check_record` for a workbook: the campaign (read from its record folder), or every
    problem located on its sheets and cells; its warnings located alike (into `warnings`,
    when given, and the campaign's own)."""
    from evalkit.record.load import check_record

    path = Path(path)
    if not path.is_file():
        return None, [Problem(str(path), None, "", Msg("no such workbook"))]
    try:
        folder = converted_folder(path)
    except OSError as exc:
        return None, [
            Problem(
                str(path),
                None,
                "",
                Msg("cannot be read: {error}", error=Exact(exc.strerror or exc)),
            )
        ]
    conv = workbook_to_folder(path, folder)
    if conv.problems and not (folder / schema.RECORD_FILE).is_file():
        return None, conv.problems
    found: list[Problem] = []
    campaign, problems = check_record(folder, build, examples="fields", warnings=found)
    # a sheet with no header row is said at its A1: the list it should hold, then missing
    # from the record, is not said again
    said_empty = {
        ".".join(s.path) for s in SHEETS if s.name in conv.headerless and s.parent is None
    }
    loader = [
        p
        for p in problems
        if not (
            Path(p.file).name == schema.RECORD_FILE
            and p.field in said_empty
            and isinstance(p.message, Msg)
            and p.message.template.startswith("required field is missing")
        )
    ]
    located = sorted(
        {*conv.problems, *conv.explained([conv.locate(p) for p in loader])}, key=_place
    )
    if warnings is not None:
        warnings.extend(sorted([*conv.warnings, *(conv.locate(w) for w in found)], key=_place))
    if located:
        return None, located
    if campaign is not None:
        campaign.warnings = [*conv.warnings, *(conv.locate(w) for w in campaign.warnings)]
    return campaign, []
