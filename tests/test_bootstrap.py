"""The bare-machine bootstrap of scripts/_common.sh: where Odoo's source comes from, what
happens offline, and scripts/fetch_odoo.py (download, unpack, copy, digest)."""

import os
import pathlib
import socket
import subprocess
import sys
import tarfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
FETCH = ROOT / "scripts" / "fetch_odoo.py"


def _fetch(*args):
    return subprocess.run(
        [sys.executable, str(FETCH), *map(str, args)], capture_output=True, text=True, check=False
    )


def _fake_odoo_tree(path):
    (path / "odoo").mkdir(parents=True)
    (path / "odoo" / "release.py").write_text("version_info = (18, 0, 0, 'final', 0, '')\n")
    (path / "setup.py").write_text("")
    (path / "requirements.txt").write_text("")
    (path / ".git").mkdir()
    (path / ".git" / "HEAD").write_text("ref: refs/heads/18.0\n")
    (path / "odoo.egg-info").mkdir()
    (path / "odoo.egg-info" / "PKG-INFO").write_text("Name: odoo\n")
    return path


def _python_without_odoo(tmp_path):
    """An interpreter that cannot import Odoo (no site-packages), as on a bare machine."""
    fake = tmp_path / "bare-python"
    fake.write_text(f'#!/bin/sh\nexec "{sys.executable}" -S "$@"\n', encoding="utf-8")
    fake.chmod(0o755)
    return fake


def _run_offline(tmp_path, odoo_source):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHON": str(_python_without_odoo(tmp_path)),
        "AFTERSALES_LOCAL": str(tmp_path / "local"),
        "ODOO_SOURCE": odoo_source,
        "AFTERSALES_APT": "0",
    }
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "run"), "--port", "8173"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )


def test_offline_without_source_names_odoo_source_and_docker(tmp_path):
    """No Odoo in PYTHON, and the source cannot be fetched: one message, exit 2, nothing
    created (no venv)."""
    res = _run_offline(tmp_path, "http://127.0.0.1:9/odoo_18.0.latest.tar.gz")
    assert res.returncode == 2, res.stderr
    assert "Odoo 18 cannot be imported" in res.stderr
    assert "ODOO_SOURCE" in res.stderr
    assert "docker compose up" in res.stderr
    assert "downloading Odoo 18.0 source from http://127.0.0.1:9/" in res.stderr
    assert not (tmp_path / "local" / "venv").exists()


def test_missing_source_path_is_explained(tmp_path):
    res = _run_offline(tmp_path, str(tmp_path / "no-such-odoo"))
    assert res.returncode == 2
    assert "no such file or directory" in res.stderr
    assert "ODOO_SOURCE" in res.stderr


def test_official_archive_is_the_default():
    common = (ROOT / "scripts" / "_common.sh").read_text(encoding="utf-8")
    assert (
        "AS_ODOO_OFFICIAL_URL=https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"
        in common
    )
    assert "${ODOO_SOURCE:-$AS_ODOO_OFFICIAL_URL}" in common


def test_unpack_strips_the_top_folder(tmp_path):
    tree = _fake_odoo_tree(tmp_path / "odoo-18.0.post20260101")
    archive = tmp_path / "odoo.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tree, arcname=tree.name)
    target = tmp_path / "local" / "odoo-src"
    assert _fetch("unpack", archive, target).returncode == 0
    assert (target / "odoo" / "release.py").is_file()
    assert (target / ".aftersales-from").read_text() == str(archive)
    bad = tmp_path / "bad.tar.gz"
    with tarfile.open(bad, "w:gz") as tar:
        tar.add(tmp_path / "odoo.tar.gz", arcname="x/odoo.tar.gz")
    res = _fetch("unpack", bad, tmp_path / "other")
    assert res.returncode == 1
    assert "no odoo/release.py" in res.stderr


def test_copy_links_the_tree_and_leaves_the_source_alone(tmp_path):
    source = _fake_odoo_tree(tmp_path / "src")
    target = tmp_path / "local" / "odoo-src"
    assert _fetch("copy", source, target).returncode == 0
    copied = target / "odoo" / "release.py"
    assert copied.read_text() == (source / "odoo" / "release.py").read_text()
    assert os.stat(copied).st_ino == os.stat(source / "odoo" / "release.py").st_ino
    # pip writes odoo.egg-info in the copy: the source's own is not shared
    assert not (target / "odoo.egg-info").exists()
    assert not (target / ".git").exists()
    assert _fetch("copy", tmp_path / "local", tmp_path / "x").returncode == 1


def test_download_failure_leaves_no_partial_file(tmp_path):
    target = tmp_path / "odoo.tar.gz"
    res = _fetch("download", "http://127.0.0.1:9/odoo.tar.gz", target)
    assert res.returncode == 1
    assert not target.exists()
    assert not (tmp_path / "odoo.tar.gz.part").exists()


def test_digest_follows_included_files(tmp_path):
    (tmp_path / "base.txt").write_text("num2words\n")
    (tmp_path / "dev.txt").write_text("-r base.txt\npytest\n")
    first = _fetch("digest", tmp_path / "dev.txt").stdout
    (tmp_path / "base.txt").write_text("num2words\nscipy\n")
    second = _fetch("digest", tmp_path / "dev.txt").stdout
    assert len(first.strip()) == 64
    assert first != second


def test_run_sets_up_its_venv_then_checks_the_port(tmp_path):
    """scripts/run (set -e) gets through the environment set-up with an interpreter that
    imports Odoo: a venv on top of it with requirements.txt only, then the next check (here:
    the port, taken by this test) speaks."""
    if subprocess.run([sys.executable, "-c", "import odoo"], check=False).returncode:
        pytest.skip("needs an interpreter that imports Odoo 18")
    with socket.socket() as busy:
        busy.bind(("0.0.0.0", 0))
        port = busy.getsockname()[1]
        res = subprocess.run(
            ["bash", str(ROOT / "scripts" / "run"), "--port", str(port)],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
            env={
                **os.environ,
                "PYTHON": sys.executable,
                "AFTERSALES_LOCAL": str(tmp_path / "local"),
                "AFTERSALES_APT": "0",
            },
        )
    assert f"port {port} is already in use" in res.stderr, res.stderr
    assert "creating the project virtualenv .local/venv" in res.stderr
    assert "installing requirements.txt into .local/venv" in res.stderr
    venv = tmp_path / "local" / "venv"
    assert (venv / ".aftersales-runtime").is_file()
    assert not (venv / ".aftersales-dev").exists()
    assert "include-system-site-packages = true" in (venv / "pyvenv.cfg").read_text()
