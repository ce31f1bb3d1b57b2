"""The package's one direction (docs/architecture.md): a module imports only from its own
stage and the stages before it, so the folder list reads as the pipeline. (The questions'
shape is held by test_architecture.py.)"""

import ast

from conftest import ROOT

PACKAGE = ROOT / "evalkit"
# record → evaluation/stats → results → comparison → render → workshop/run → cli; i18n (tr,
# Msg) and style (colours, matplotlib set up for record text) serve every stage, and the
# top-level package re-exports the record's types
STAGES = {
    "i18n": 0,
    "style": 0,
    "record": 1,
    "stats": 2,
    "evaluation": 2,
    "results": 3,
    "comparison": 4,
    "render": 5,
    "workshop": 6,
    "run": 6,
    "cli": 7,
    "": 1,
}
# the catalogue's extractor lists every stage's messages: a tool over the package, not a stage
TOOLS = {"evalkit.i18n.messages"}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "notebooks" in path.parts:
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        yield name, path, ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "evalkit":  # `from evalkit import comparison`
                yield from (
                    f"evalkit.{a.name}"
                    for a in node.names
                    if not a.name.startswith("_") and (PACKAGE / a.name).is_dir()
                )
            elif node.module.startswith("evalkit."):
                yield node.module
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("evalkit."))


def test_every_stage_is_a_known_folder():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders | {"cli", ""} == set(STAGES)


def test_no_module_imports_from_a_later_stage():
    backwards = []
    for name, path, tree in _modules():
        if name in TOOLS:
            continue
        here = STAGES[_stage(name)]
        for imported in _imports(tree):
            if STAGES[_stage(imported)] > here:
                backwards.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert backwards == []


def test_a_module_docstring_comes_first():
    """A string after the first statement is not the module's docstring: tools and readers
    never see it (evaluation/impact.py had one after its imports)."""
    misplaced = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for _, path, tree in _modules()
        for node in tree.body[1:]
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        and "\n" in node.value.value
    ]
    assert misplaced == []
