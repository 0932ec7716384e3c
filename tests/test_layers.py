"""The code's layering, read from its imports: the arrows point down, never in a circle.

From the top: the app (create_app, the command line, backups, a worker's warm-up), the
features, the write rule, the shared services the write rule needs (notices, the moderation
queue's pieces), web/, the content core (posts/ and the member's account), and the foundation
modules. A module may import its own package and the layers below it; a feature may reach
another feature only through that feature's `queries` module.
"""

import ast
from pathlib import Path

import pytest

FORUM = Path(__file__).resolve().parent.parent / "forum"

# (layer, module prefixes), top to bottom; the first prefix that matches a module wins.
LAYERS = (
    (
        "app",
        (
            "forum",
            "forum.cli",
            "forum.backup",
            "forum.warmup",
            "forum.header",
            # The jobs and the worker: they wire the features' functions to the task queue.
            "forum.tasks.jobs",
            "forum.tasks.cli",
        ),
    ),
    ("writing", ("forum.writing",)),
    (
        "shared services",
        (
            "forum.notices.models",
            "forum.notices.services",
            # The fixed words a notice stores in English, read in each member's language.
            "forum.notices.words",
            "forum.moderation.models",
            "forum.moderation.log",
            "forum.moderation.reports",
            # How often a member may report: filing a report (above) asks it first.
            "forum.moderation.report_limits",
            # The watched words the moderators keep, which the write rule applies.
            "forum.moderation.watched.models",
            "forum.moderation.watched.rules",
            # A member's saved drafts: the write rule lets go of one once it is sent.
            "forum.drafts.models",
        ),
    ),
    ("web", ("forum.web",)),
    (
        "core",
        (
            "forum.posts",
            "forum.accounts.models",
            "forum.accounts.names",
            # Private messages are content too: the write rule stores them, as it does posts.
            "forum.conversations.models",
            "forum.conversations.store",
            "forum.conversations.shield",
            # Who shut whom out: the content core consults it when it shows or notifies.
            "forum.blocks.models",
            "forum.blocks.queries",
            # Who is whose mentor: the newcomer shield lets a chosen mentor through.
            "forum.mentors.models",
        ),
    ),
    (
        "foundation",
        (
            "forum.config",
            "forum.extensions",
            "forum.errors",
            "forum.text",
            "forum.text_bounds",
            "forum.timeutil",
            # The languages and which one a request gets: every page and message reads it.
            "forum.i18n",
            "forum.permissions",
            # The task queue, to which any feature hands work over by the job's name.
            "forum.tasks.queue",
            "forum.tasks",
            # The trust levels and what each unlocks: the table the permission checks read.
            "forum.trust.levels",
        ),
    ),
)
# Everything else in forum/ is a feature (accounts, boards, following, moderation, ...),
# placed between the app and the write rule.
ORDER = ("app", "features", "writing", "shared services", "web", "core", "foundation")

# Only the write rule stores a person's text; moderation may put a redaction in a post.
STORE_CALLERS = {
    "create_thread": {"forum.writing.services"},
    "create_reply": {"forum.writing.services"},
    "revise_post": {"forum.writing.services"},
    "replace_body": {"forum.writing.services", "forum.moderation.actions"},
    "redact_revision": {"forum.moderation.actions"},
    "create_conversation": {"forum.writing.messages"},
    "create_message": {"forum.writing.messages"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(FORUM.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(FORUM.rglob("*.py"))}


def _matches(module: str, prefix: str) -> bool:
    return module == prefix or (prefix != "forum" and module.startswith(prefix + "."))


def layer_of(module: str) -> str:
    for layer, prefixes in LAYERS:
        if any(_matches(module, prefix) for prefix in prefixes):
            return layer
    return "features"


def package_of(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def _imports(path: Path) -> list[tuple[str, list[str], ast.ImportFrom | ast.Import, bool]]:
    """(module imported, names, node, inside a function?) for every import of forum."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom) and (child.module or "").startswith("forum"):
                names = [alias.name for alias in child.names]
                submodules = [f"{child.module}.{n}" for n in names]
                if all(m in MODULES for m in submodules):  # from forum.x import module
                    found.extend((m, [], child, nested) for m in submodules)
                else:
                    found.append((child.module, names, child, nested))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("forum"):
                        found.append((alias.name, [], child, nested))
            visit(child, nested)

    visit(tree, False)
    return found


EDGES = {module: _imports(path) for module, path in MODULES.items()}


def _problem(importer: str, imported: str) -> str | None:
    if package_of(importer) == package_of(imported):
        return None
    here, there = layer_of(importer), layer_of(imported)
    if ORDER.index(there) < ORDER.index(here):
        return f"{importer} ({here}) imports {imported} ({there}), a layer above it"
    if here == there == "features" and not imported.endswith(".queries"):
        return f"{importer} reaches into another feature: {imported} (only its queries)"
    return None


def test_every_import_points_down_the_layers():
    """posts/ and web/ import no feature; features meet only through each other's queries."""
    problems = [
        problem
        for importer, imports in EDGES.items()
        for imported, _names, _node, _nested in imports
        if (problem := _problem(importer, imported))
    ]
    assert problems == []


def test_no_import_hides_inside_a_function():
    """Imports sit at the top of the module, where a reader sees them, never to dodge a cycle."""
    hidden = [
        f"{importer}:{node.lineno} imports {imported}"
        for importer, imports in EDGES.items()
        for imported, _names, node, nested in imports
        if nested
    ]
    assert hidden == []


def test_no_module_imports_itself_back_through_a_circle():
    """The modules' imports form no circle, however long."""
    graph = {m: {i for i, *_ in imports if i in MODULES} for m, imports in EDGES.items()}
    # A module imports its package's __init__ too; leave that out, it only names the package.
    graph = {m: {i for i in targets if i != "forum" or m == "wsgi"} for m, targets in graph.items()}
    circles = []
    state: dict[str, int] = {}

    def walk(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                circles.append(path[path.index(target) :] + [target])
            elif target not in state:
                walk(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            walk(module, [module])
    assert circles == []


@pytest.mark.parametrize("function", sorted(STORE_CALLERS))
def test_only_the_write_rule_stores_what_a_person_wrote(function):
    """No path stores text beside the one write rule (a milestone share once did)."""
    callers = {
        importer
        for importer, imports in EDGES.items()
        for imported, names, _node, _nested in imports
        if imported in ("forum.posts.store", "forum.conversations.store") and function in names
    }
    assert callers <= STORE_CALLERS[function]


def test_the_layer_table_names_real_modules():
    """A renamed package cannot slip out of the table unnoticed."""
    for _layer, prefixes in LAYERS:
        for prefix in prefixes:
            assert any(_matches(m, prefix) for m in MODULES), prefix
