"""Every tool scripts/test runs comes from a requirement the project declares, and serving
(requirements.txt) does not install the test and lint tools (requirements-dev.txt)."""

import ast
import configparser
import pathlib
import re
import sys
from importlib.metadata import entry_points, packages_distributions

ROOT = pathlib.Path(__file__).resolve().parents[1]
TEST_SCRIPT = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
DEV_TOOLS = {"pytest", "ruff", "pylint-odoo", "oca-odoo-pre-commit-hooks", "pypandoc-binary"}


def _canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(filename, seen=None):
    """Canonical project names of a requirements file and the files it includes (-r)."""
    seen = set() if seen is None else seen
    names = set()
    for line in (ROOT / filename).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r"):
            included = line[2:].strip()
            if included not in seen:
                seen.add(included)
                names |= _requirements(included, seen)
            continue
        names.add(_canonical(re.match(r"[A-Za-z0-9_.\-]+", line).group(0)))
    return names


def _distribution_of_module(module):
    top = module.split(".")[0]
    dists = packages_distributions().get(top)
    assert dists, f"module {top} (run by scripts/test) is not installed"
    return {_canonical(d) for d in dists}


def _distribution_of_script(name):
    eps = entry_points(group="console_scripts", name=name)
    assert eps, f"console script {name} (run by scripts/test) is not installed"
    return {_canonical(ep.dist.name) for ep in eps}


def _tools():
    """(kind, name) of each Python tool scripts/test calls: `"$PYTHON" -m MODULE`,
    `as_console_script NAME`, and the pylint plugins .pylintrc loads."""
    tools = {("module", m) for m in re.findall(r'"\$PYTHON" -m ([\w.]+)', TEST_SCRIPT)}
    tools |= {("script", s) for s in re.findall(r"as_console_script ([\w.-]+)", TEST_SCRIPT)}
    rc = configparser.ConfigParser()
    rc.read(ROOT / ".pylintrc", encoding="utf-8")
    for section in rc.sections():
        plugins = rc[section].get("load-plugins", "")
        tools |= {("module", p.strip()) for p in plugins.split(",") if p.strip()}
    return tools


def test_the_parse_finds_the_tools():
    names = {name for _kind, name in _tools()}
    assert {"ruff", "pylint", "pytest", "oca-checks-odoo-module", "pylint_odoo"} <= names


def test_every_tool_of_scripts_test_is_declared():
    dev = _requirements("requirements-dev.txt")
    undeclared = {}
    for kind, name in sorted(_tools()):
        dists = (
            _distribution_of_module(name) if kind == "module" else _distribution_of_script(name)
        )
        # pylint itself arrives with pylint-odoo, which requires it
        if name == "pylint":
            dists |= {"pylint-odoo"}
        if not dists & dev:
            undeclared[name] = sorted(dists)
    assert not undeclared, f"tools of scripts/test from undeclared packages: {undeclared}"


def test_imports_of_the_pytest_tests_are_declared():
    """Third-party imports of tests/*.py (not the standard library, not Odoo)."""
    dev = _requirements("requirements-dev.txt")
    local = {p.stem for p in (ROOT / "scripts").glob("*.py")} | {"odoo"}
    missing = {}
    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top in local:
                    continue
                if not _distribution_of_module(top) & dev:
                    missing[f"{path.name}: {top}"] = sorted(_distribution_of_module(top))
    assert not missing, missing


def test_imports_of_the_scripts_scripts_test_runs_are_declared():
    """Third-party imports of the Python scripts that scripts/test runs ("$PYTHON"
    scripts/NAME.py), e.g. pypandoc and docutils of the README generator."""
    dev = _requirements("requirements-dev.txt")
    local = {p.stem for p in (ROOT / "scripts").glob("*.py")} | {"odoo"}
    scripts = sorted(set(re.findall(r'"\$PYTHON" (scripts/\w+\.py)', TEST_SCRIPT)))
    assert "scripts/gen_addon_readme.py" in scripts
    missing = {}
    for script in scripts:
        for node in ast.walk(ast.parse((ROOT / script).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top in local:
                    continue
                if not _distribution_of_module(top) & dev:
                    missing[f"{script}: {top}"] = sorted(_distribution_of_module(top))
    assert not missing, missing


def test_serving_does_not_install_the_dev_tools():
    runtime = _requirements("requirements.txt")
    dev = _requirements("requirements-dev.txt")
    assert runtime <= dev, "requirements-dev.txt includes requirements.txt (-r)"
    assert not runtime & DEV_TOOLS, runtime & DEV_TOOLS
    assert DEV_TOOLS <= dev
    # what the add-ons' manifests declare as external Python dependencies is runtime
    for manifest in (ROOT / "addons").glob("*/__manifest__.py"):
        external = ast.literal_eval(manifest.read_text(encoding="utf-8"))
        for module in external.get("external_dependencies", {}).get("python", []):
            assert _canonical(module) in runtime, (manifest.parent.name, module)


def test_scripts_use_the_declared_files():
    common = (ROOT / "scripts" / "_common.sh").read_text(encoding="utf-8")
    assert "requirements-dev.txt" in common and "requirements.txt" in common
    assert "as_setup_python dev" in TEST_SCRIPT
    assert "as_setup_python runtime" in (ROOT / "scripts" / "run").read_text(encoding="utf-8")
    # the only non-Python tool, Docker, is optional: called only when installed
    for line in TEST_SCRIPT.splitlines():
        if re.match(r"\s*docker ", line):
            assert "command -v docker" in TEST_SCRIPT
    assert re.search(r"^AS_DEBIAN_PACKAGES=.*\bpostgresql\b", common, re.M)
