"""The import rules of ARCHITECTURE.md, checked on the source: arrows only run downward, no cycles.

Every ``import`` statement of every module under ``src/warta`` counts, including those inside functions and
under ``TYPE_CHECKING``: an import hidden in a function is still an arrow, and a cycle through one still
ties two modules together. The checker is tested on synthetic trees below, so a broken checker cannot pass
a broken tree.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

#: The layers, bottom first (ARCHITECTURE.md). A unit (``warta.<name>``, a package or a top-level module)
#: may import units of lower layers and, within its own layer, units listed before it; never upward.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("records", "settings", "data", "models"),
    ("pipeline", "output"),
    ("ingest",),
    ("extract",),
    ("nlp",),
    ("quotes", "events"),
    ("build",),
    ("store",),
    ("claims",),
    ("export",),
    ("training",),
    ("evaluation",),
    ("runners",),
    ("jobs",),
    ("api", "cli", ""),  # "" is the package itself: `import warta`'s public surface
)

#: Units that may import only the units named, whatever their layer.
ONLY: dict[str, frozenset[str]] = {
    "store": frozenset({"errors", "records", "settings"}),
}


def module_name(path: Path, root: Path) -> str:
    """``warta.store.sql`` for ``<root>/warta/store/sql.py``; a package is its ``__init__``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(node: ast.AST, name: str, is_package: bool, modules: set[str]) -> Iterable[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = name.split(".") if is_package else name.split(".")[:-1]
            base = base[: len(base) - node.level + 1]
            target = ".".join([*base, node.module] if node.module else base)
        else:
            target = node.module or ""
        for alias in node.names:
            # `from warta.store import codec` imports the module warta.store.codec.
            sub = f"{target}.{alias.name}"
            yield sub if sub in modules else target


def import_graph(root: Path, package: str = "warta") -> dict[str, set[str]]:
    """Each module of ``package`` under ``root`` with the modules of ``package`` it imports anywhere."""
    paths = {module_name(p, root): p for p in sorted((root / package).rglob("*.py"))}
    modules = set(paths)
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found = set()
        for node in ast.walk(tree):  # every node: imports inside functions and classes too
            for target in _imported(node, name, path.name == "__init__.py", modules):
                if target == package or target.startswith(package + "."):
                    found.add(target)
        found.discard(name)
        graph[name] = found
    return graph


def unit_of(module: str) -> str:
    """The layer unit of a module: ``warta.store.sql`` -> ``store``; ``warta`` itself -> ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def upward_imports(
    graph: Mapping[str, Iterable[str]],
    layers: tuple[tuple[str, ...], ...] = LAYERS,
    only: Mapping[str, frozenset[str]] = ONLY,
) -> list[str]:
    """Every import that breaks the layering, as ``"a -> b: why"``."""
    rank = {unit: (level, pos) for level, units in enumerate(layers) for pos, unit in enumerate(units)}
    problems = []
    for module, targets in sorted(graph.items()):
        unit = unit_of(module)
        if unit not in rank:
            problems.append(f"{module}: unit {unit!r} is in no layer of ARCHITECTURE.md")
            continue
        for target in sorted(targets):
            other = unit_of(target)
            if other == unit:
                continue
            if other not in rank:
                problems.append(f"{module} -> {target}: unit {other!r} is in no layer")
            elif unit in only and other not in only[unit]:
                problems.append(f"{module} -> {target}: {unit} may import only {', '.join(sorted(only[unit]))}")
            elif rank[other] > rank[unit]:
                problems.append(f"{module} -> {target}: upward ({other} is above {unit})")
    return problems


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan), each sorted: the import cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in graph.get(node, ()):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def unit_graph(graph: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    """The module graph collapsed to units (packages and top-level modules)."""
    units: dict[str, set[str]] = {}
    for module, targets in graph.items():
        edges = units.setdefault(unit_of(module), set())
        edges.update(unit_of(t) for t in targets if unit_of(t) != unit_of(module))
    return units


# -- the rules on warta itself ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def warta_graph() -> dict[str, set[str]]:
    return import_graph(SRC)


def test_architecture_no_upward_import(warta_graph: dict[str, set[str]]) -> None:
    assert upward_imports(warta_graph) == []


def test_architecture_no_module_cycle(warta_graph: dict[str, set[str]]) -> None:
    assert cycles(warta_graph) == []


def test_architecture_no_package_cycle(warta_graph: dict[str, set[str]]) -> None:
    assert cycles(unit_graph(warta_graph)) == []


def test_architecture_every_unit_has_a_layer(warta_graph: dict[str, set[str]]) -> None:
    placed = {unit for units in LAYERS for unit in units}
    assert {unit_of(module) for module in warta_graph} <= placed


# -- the checker on synthetic trees -----------------------------------------------------------------------


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_architecture_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "warta/__init__.py": "",
            "warta/store/__init__.py": "",
            "warta/store/sql.py": "def save():\n    from warta.claims import ledger\n    return ledger\n",
            "warta/claims/__init__.py": "",
            "warta/claims/ledger.py": "from warta.store import sql\n",
        },
    )
    graph = import_graph(root)
    assert graph["warta.store.sql"] == {"warta.claims.ledger"}
    assert upward_imports(graph) == [
        "warta.store.sql -> warta.claims.ledger: store may import only errors, records, settings"
    ]
    assert cycles(graph) == [["warta.claims.ledger", "warta.store.sql"]]


def test_architecture_checker_finds_upward_import_and_relative_import(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "warta/__init__.py": "",
            "warta/records.py": "",
            "warta/nlp/__init__.py": "",
            "warta/nlp/segment.py": "from ..records import Page\nimport warta.cli.main\n",
            "warta/cli/__init__.py": "",
            "warta/cli/main.py": "",
        },
    )
    graph = import_graph(root)
    assert graph["warta.nlp.segment"] == {"warta.records", "warta.cli.main"}
    assert upward_imports(graph) == ["warta.nlp.segment -> warta.cli.main: upward (cli is above nlp)"]


def test_architecture_checker_finds_package_cycle_between_modules_without_module_cycle() -> None:
    graph = {"warta.a.x": {"warta.b.y"}, "warta.b.z": {"warta.a.w"}, "warta.a.w": set(), "warta.b.y": set()}
    assert cycles(graph) == []
    assert cycles(unit_graph(graph)) == [["a", "b"]]


def test_architecture_checker_refuses_unknown_unit() -> None:
    assert upward_imports({"warta.elsewhere": set()}) == [
        "warta.elsewhere: unit 'elsewhere' is in no layer of ARCHITECTURE.md"
    ]
