"""The layers of `src/vakr/` import only downwards (domain ← ingest ← derive ← publish ←
adapter), and only the adapter and the hooks know MkDocs or Material: what README's layout
section promises, checked on every module so a shortcut across layers fails here."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from conftest import ROOT

LAYERS = ("domain", "ingest", "derive", "publish", "adapter")
INTAKE = ("importer", "intake", "translation")  # documents into data/: may use any layer but the adapter
GENERATOR = ("mkdocs", "material", "mkdocs_static_i18n")


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.lineno, node.module)]
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names if node.module == "vakr"]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return found


def violations(src: Path) -> list[str]:
    """Every import that goes up a layer, out of the intake into the adapter, or to the generator
    from anywhere but the adapter."""
    out = []
    for path in sorted(src.rglob("*.py")):
        parts = path.relative_to(src).parts
        own = parts[0] if len(parts) > 1 else None
        for line, module in _imports(path):
            where = f"{path.relative_to(src.parent)}:{line} imports {module}"
            if module.split(".")[0] in GENERATOR and own != "adapter":
                out.append(where)
            names = module.split(".")
            if names[0] != "vakr" or len(names) < 2:
                continue
            target = names[1]
            if own in LAYERS and target in LAYERS and LAYERS.index(target) > LAYERS.index(own):
                out.append(where)
            elif own in LAYERS and target in INTAKE:
                out.append(where)
            elif own in INTAKE and target == "adapter":
                out.append(where)
    return out


def test_every_layer_imports_only_the_layers_below_it() -> None:
    assert violations(ROOT / "src" / "vakr") == []


def test_a_shortcut_across_layers_is_found(tmp_path: Path) -> None:
    """The check itself: a derivation that reaches into the published form, and a router that
    imports MkDocs, are each reported with their place."""
    src = tmp_path / "vakr"
    shutil.copytree(ROOT / "src" / "vakr", src, ignore=shutil.ignore_patterns("__pycache__"))
    (src / "derive" / "shortcut.py").write_text("from vakr.publish import strings\n", encoding="utf-8")
    with (src / "publish" / "routes.py").open("a", encoding="utf-8") as routes:
        routes.write("\nfrom mkdocs.utils import get_relative_url\n")
    found = violations(src)
    assert found[0] == "vakr/derive/shortcut.py:1 imports vakr.publish"
    assert any(f.startswith("vakr/publish/routes.py:") and f.endswith("imports mkdocs.utils") for f in found)
    assert len(found) == 2


def test_the_hooks_are_the_only_other_code_that_knows_the_generator() -> None:
    """hooks/ may import MkDocs (it is the adapter's entry point); bench/ and tests/ aside, no
    other project code does."""
    users = {path.relative_to(ROOT).as_posix() for folder in ("src", "hooks") for path in (ROOT / folder).rglob("*.py")
             if any(module.split(".")[0] in GENERATOR for _, module in _imports(path))}
    assert users and all(u.startswith(("hooks/", "src/vakr/adapter/")) for u in users), sorted(users)
