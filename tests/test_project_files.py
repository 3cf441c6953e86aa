"""Checks of the repository's own files that need no database and no Docker engine."""

import ast
import pathlib
import subprocess

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
MODULES = ("aftersales_repair", "aftersales_warranty", "aftersales_feedback")


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_uses_official_images_and_healthcheck():
    services = _compose()["services"]
    assert services["odoo"]["image"] == "odoo:18.0"
    assert services["init"]["image"] == "odoo:18.0"
    assert services["db"]["image"] == "postgres:16"
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["odoo"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_compose_mounts_addons_config_and_named_volumes():
    compose = _compose()
    odoo = compose["services"]["odoo"]
    assert "./addons:/mnt/extra-addons:ro" in odoo["volumes"]
    assert "./config/odoo.conf:/etc/odoo/odoo.conf:ro" in odoo["volumes"]
    assert "odoo-data:/var/lib/odoo" in odoo["volumes"]
    assert "db-data:/var/lib/postgresql/data" in compose["services"]["db"]["volumes"]
    assert set(compose["volumes"]) == {"db-data", "odoo-data"}
    assert (ROOT / "config" / "odoo.conf").is_file()


def test_compose_init_installs_the_three_modules():
    command = _compose()["services"]["init"]["command"]
    modules = command[command.index("-i") + 1].split(",")
    assert sorted(modules) == sorted(MODULES)
    assert "--stop-after-init" in command


def test_odoo_conf_points_at_mounted_addons():
    text = (ROOT / "config" / "odoo.conf").read_text(encoding="utf-8")
    assert "addons_path = /mnt/extra-addons," in text
    assert "db_host = db" in text


def test_manifests():
    for module in MODULES:
        manifest = ast.literal_eval(
            (ROOT / "addons" / module / "__manifest__.py").read_text(encoding="utf-8")
        )
        assert manifest["version"] == "18.0.1.0.0"
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
    assert "docker compose up" in res.stderr
