"""Checks of the repository's own files that need no database and no Docker engine."""

import ast
import configparser
import pathlib
import re
import subprocess

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
MODULES = ("aftersales_repair", "aftersales_warranty", "aftersales_feedback")


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def _dockerfile_stages():
    """{stage: (base image, [instructions])} of the Dockerfile (continuation lines joined)."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = re.sub(r"\\\n", " ", text).splitlines()
    stages, current = {}, None
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = re.match(r"FROM\s+(\S+)\s+AS\s+(\S+)$", line, re.I)
        if match:
            current = match.group(2)
            stages[current] = (match.group(1), [])
            continue
        assert current, f"instruction before FROM: {line}"
        stages[current][1].append(line)
    return stages


def test_dockerfile_builds_on_the_official_image():
    stages = _dockerfile_stages()
    assert stages["suite"][0] == "odoo:18.0"
    assert stages["test"][0] == "suite"
    suite = " ".join(stages["suite"][1])
    assert "fonts-noto-cjk" in suite
    assert "pip3 install" in suite and "/opt/aftersales/requirements.txt" in suite
    # the OCA wheels' "odoo" requirement cannot be met by the image's Debian-packaged Odoo
    assert "grep '^odoo-addon-' /opt/aftersales/requirements.txt" in suite
    assert "--no-deps" in suite
    assert "requirements-dev" not in suite, "serving image without the test tools"
    assert "COPY --chown=odoo:odoo addons /mnt/extra-addons" in suite
    assert stages["suite"][1][-1] == "USER odoo"
    test = " ".join(stages["test"][1])
    assert "postgresql" in test and "python3-venv" in test and "google-chrome" in test
    assert "AFTERSALES_LOCAL=/var/lib/aftersales" in test
    assert stages["test"][1][-1] == "USER odoo"
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".local"} <= set(ignored)


def test_compose_structure():
    compose = _compose()
    services = compose["services"]
    assert set(services) == {"db", "init", "odoo", "test"}
    assert services["db"]["image"] == "postgres:16"
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    declared_volumes = set(compose["volumes"])
    for name, service in services.items():
        for dep in service.get("depends_on", {}):
            assert dep in services, (name, dep)
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (ROOT / source).exists(), (name, volume)
            else:
                assert source in declared_volumes, (name, volume)
        if "build" in service:
            assert service["build"]["context"] == "."
            assert service["build"]["target"] in _dockerfile_stages()
    assert declared_volumes == {"db-data", "odoo-data", "test-local"}


def test_compose_up_alone_gives_a_ready_instance():
    """`docker compose up`: init (no profile, so `up` runs it) creates the database with the
    suite, and odoo starts only once init has completed successfully."""
    services = _compose()["services"]
    odoo, init = services["odoo"], services["init"]
    assert "profiles" not in init and "profiles" not in odoo
    assert odoo["depends_on"]["init"]["condition"] == "service_completed_successfully"
    assert odoo["depends_on"]["db"]["condition"] == "service_healthy"
    assert init["depends_on"]["db"]["condition"] == "service_healthy"
    assert init["image"] == odoo["image"]
    assert init["build"]["target"] == odoo["build"]["target"] == "suite"
    assert init["command"] == ["bash", "/opt/aftersales/scripts/docker-init"]
    assert init.get("restart") == "no"
    for service in (odoo, init):
        assert "./addons:/mnt/extra-addons:ro" in service["volumes"]
        assert "./config/odoo.conf:/etc/odoo/odoo.conf:ro" in service["volumes"]
        assert "odoo-data:/var/lib/odoo" in service["volumes"]
    assert odoo["command"] == ["odoo", "-c", "/etc/odoo/odoo.conf"]
    assert "8069:8069" in odoo["ports"]
    script = (ROOT / "scripts" / "docker-init").read_text(encoding="utf-8")
    assert '-i "$AS_MODULES"' in script and "--stop-after-init" in script
    assert "state = 'installed'" in script


def test_compose_test_service_runs_scripts_test():
    test = _compose()["services"]["test"]
    assert test["profiles"] == ["test"]  # not started by `up`; `run --rm test` starts it
    assert test["build"]["target"] == "test"
    assert test["command"] == ["bash", "scripts/test"]
    assert ".:/opt/aftersales" in test["volumes"]
    assert "test-local:/var/lib/aftersales" in test["volumes"]


def test_odoo_conf_points_at_mounted_addons():
    text = (ROOT / "config" / "odoo.conf").read_text(encoding="utf-8")
    assert "addons_path = /mnt/extra-addons," in text
    assert "db_host = db" in text


def test_production_conf():
    """config/production.conf: the settings of a production node, each a real Odoo option."""
    conf = configparser.ConfigParser()
    conf.read(ROOT / "config" / "production.conf", encoding="utf-8")
    options = conf["options"]
    assert int(options["workers"]) >= 2
    assert int(options["max_cron_threads"]) >= 1
    assert options["proxy_mode"] == "True"
    assert options["list_db"] == "False"
    assert options["dbfilter"] == "^aftersales$"
    soft, hard = int(options["limit_memory_soft"]), int(options["limit_memory_hard"])
    assert 0 < soft < hard
    assert 0 < int(options["limit_time_cpu"]) <= int(options["limit_time_real"])
    assert int(options["limit_time_real_cron"]) > 0
    assert options["without_demo"] == "all"
    odoo_config = pytest.importorskip("odoo.tools.config")
    unknown = set(options) - set(odoo_config.config.options)
    assert not unknown, f"not options of Odoo 18: {unknown}"


def test_manifests():
    for module in MODULES:
        manifest = ast.literal_eval(
            (ROOT / "addons" / module / "__manifest__.py").read_text(encoding="utf-8")
        )
        # 18.0.x.y.z; a migration (migrations/<version>/) comes with a higher version
        assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", manifest["version"])
        assert manifest["license"] == "LGPL-3"
        assert "description" not in manifest
        assert (ROOT / "addons" / module / "security" / "ir.model.access.csv").is_file()
        assert (ROOT / "addons" / module / "tests" / "__init__.py").is_file()
        if module != "aftersales_repair":
            assert "aftersales_repair" in manifest["depends"]
        for path in manifest.get("data", []) + manifest.get("demo", []):
            assert (ROOT / "addons" / module / path).is_file(), path
    repair = ast.literal_eval(
        (ROOT / "addons" / "aftersales_repair" / "__manifest__.py").read_text(encoding="utf-8")
    )
    assert {"repair", "sale_management", "stock", "account", "mail", "portal"} <= set(
        repair["depends"]
    )


def test_technical_approval_addon():
    """The approval engine is a technical add-on the product add-ons depend on."""
    manifest = ast.literal_eval(
        (ROOT / "addons" / "aftersales_approval" / "__manifest__.py").read_text(encoding="utf-8")
    )
    # an Odoo 18 add-on's version; migrations/ has a folder for every later version
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", manifest["version"])
    migrations = ROOT / "addons" / "aftersales_approval" / "migrations"
    if manifest["version"] != "18.0.1.0.0":
        assert (migrations / manifest["version"]).is_dir()
    assert manifest["license"] == "LGPL-3"
    assert not manifest.get("application")
    assert manifest["category"] == "Hidden"
    assert "aftersales_repair" not in manifest["depends"]
    repair = ast.literal_eval(
        (ROOT / "addons" / "aftersales_repair" / "__manifest__.py").read_text(encoding="utf-8")
    )
    assert "aftersales_approval" in repair["depends"]


def test_ci_runs_scripts_test():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test" in text


def test_scripts_help_and_bad_options():
    for script in ("run", "test"):
        out = subprocess.run(
            ["bash", str(ROOT / "scripts" / script), "--help"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert f"scripts/{script}" in out
        bad = subprocess.run(
            ["bash", str(ROOT / "scripts" / script), "--no-such-option"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert bad.returncode == 2
        assert "unknown option" in bad.stderr


def test_run_rejects_a_bad_port():
    res = subprocess.run(
        ["bash", str(ROOT / "scripts" / "run"), "--port", "80a"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode != 0
    assert "--port takes a number" in res.stderr


def test_missing_odoo_is_explained(tmp_path):
    """With a Python that cannot import Odoo, scripts/test stops with a message saying how
    to provide it, and never silently skips the Odoo suite."""
    fake = tmp_path / "python3"
    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    res = subprocess.run(
        ["bash", str(ROOT / "scripts" / "test")],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHON": str(fake)},
    )
    assert res.returncode == 2
    assert "Odoo 18 cannot be imported" in res.stderr
    assert "ODOO_SOURCE" in res.stderr
    assert "docker compose up" in res.stderr
