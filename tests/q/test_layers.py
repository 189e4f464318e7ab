"""The engine's layering is a contract (.importlinter), checked here so CI runs it; ARCHITECTURE.md's
engine table is checked against the contract and the files on disk."""
import ast
import configparser
import pathlib
import re

import grimp
from importlinter.cli import lint_imports

ROOT = pathlib.Path(__file__).resolve().parents[2]
Q = ROOT / "qblueprint" / "q"


def contract_layers():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / ".importlinter")
    sec = cfg["importlinter:contract:q-layers"]
    assert sec["containers"].split() == ["qblueprint.q"]
    return sec["layers"].split()[::-1]      # bottom first


def test_import_linter_contracts_are_kept():
    assert lint_imports(config_filename=str(ROOT / ".importlinter")) == 0


def test_every_engine_module_lies_in_a_layer():
    layers = set(contract_layers())
    stray = [str(p.relative_to(Q)) for p in Q.rglob("*.py")
             if p.parent == Q and p.name not in ("__init__.py", "__main__.py")
             or p.parent != Q and p.relative_to(Q).parts[0] not in layers]
    assert not stray, f"modules outside the layers of .importlinter: {stray}"
    assert all((Q / layer / "__init__.py").exists() for layer in layers)


def _graph():
    g = grimp.build_graph("qblueprint", include_external_packages=False)
    mods = sorted(m for m in g.modules if m.startswith("qblueprint.q."))
    return {m: sorted(d for d in g.find_modules_directly_imported_by(m) if d.startswith("qblueprint.q."))
            for m in mods}


def _cycles(adj):
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], 0
    for root in adj:
        if root in index:
            continue
        work = [(root, iter(adj[root]))]
        index[root] = low[root] = n; n += 1; stack.append(root); on.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = n; n += 1; stack.append(w); on.add(w)
                    work.append((w, iter(adj[w])))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop(); on.discard(w); comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return sorted(out)


def test_cycle_finder_finds_cycles():
    assert _cycles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c"]]
    assert _cycles({"a": ["b"], "b": []}) == []


def test_layer_graph_has_no_cycle_and_goes_down():
    order = contract_layers()
    adj = {}
    for m, deps in _graph().items():
        parts = m.split(".")
        if len(parts) < 4:
            continue
        for d in deps:
            dp = d.split(".")
            if len(dp) >= 4 and dp[2] != parts[2]:
                adj.setdefault(parts[2], set()).add(dp[2])
                assert order.index(dp[2]) < order.index(parts[2]), f"{m} imports {d}, a higher layer"
    assert _cycles({k: sorted(v) for k, v in adj.items()} | {k: [] for k in order if k not in adj}) == []


def test_module_import_graph_has_no_cycle():
    assert [[m[len("qblueprint.q."):] for m in comp] for comp in _cycles(_graph())] == []


def test_no_engine_import_hides_inside_a_function():
    """Imports of engine modules are at module level, where the graph above sees them in order."""
    hidden = []
    for path in Q.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = set(map(id, tree.body))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level > 0 and id(node) not in top:
                hidden.append(f"{path.relative_to(Q)}:{node.lineno}")
    assert not hidden, f"function-level engine imports: {hidden}"


def test_architecture_table_matches_contract_and_files():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text[text.index("## The embedded q engine"):text.index("## The execution service")]
    rows = [line for line in section.splitlines() if re.match(r"^\| [^-|][^|]* \| `[a-z]+/` \|", line)]
    packages = [re.search(r"\| `([a-z]+)/` \|", r).group(1) for r in rows]
    assert packages == contract_layers(), "ARCHITECTURE.md's engine table and .importlinter disagree"
    for row, pkg in zip(rows, packages):
        listed = set(re.findall(r"`([a-z_]+\.py)`", row))
        on_disk = {p.name for p in (Q / pkg).glob("*.py")} - {"__init__.py"}
        assert listed == on_disk, f"ARCHITECTURE.md row {pkg}/: listed {sorted(listed)}, on disk {sorted(on_disk)}"


def test_every_upcall_slot_is_filled():
    import qblueprint.q  # noqa: F401  (imports every layer)
    from qblueprint.q.base.upcalls import UP
    assert UP.missing() == []
