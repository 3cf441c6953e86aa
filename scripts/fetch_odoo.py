"""Helpers of scripts/_common.sh that are easier in Python than in bash (standard library only,
run by the interpreter given by PYTHON before any package is installed):

    fetch_odoo.py download URL FILE     download URL to FILE (atomically; exit 1 when offline)
    fetch_odoo.py unpack ARCHIVE TREE   unpack an Odoo source archive into TREE (its top folder
                                        stripped); TREE/.aftersales-from names the archive
    fetch_odoo.py copy SOURCE TREE      copy an Odoo source tree into TREE with hard links where
                                        possible (pip then writes its build files in TREE, never
                                        in SOURCE); .git, build files and egg-info left out
    fetch_odoo.py digest REQUIREMENTS   SHA-256 of a requirements file and those it includes (-r)
"""

import hashlib
import os
import pathlib
import re
import shutil
import sys
import tempfile
import urllib.request


def download(url, target):
    target = pathlib.Path(target)
    part = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=30) as response, part.open("wb") as out:
            shutil.copyfileobj(response, out, 1 << 20)
    except OSError as exc:
        part.unlink(missing_ok=True)
        print(f"cannot download {url}: {exc}", file=sys.stderr)
        return 1
    os.replace(part, target)
    return 0


def unpack(archive, tree):
    tree = pathlib.Path(tree)
    tree.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(tree, ignore_errors=True)
    tmp = pathlib.Path(tempfile.mkdtemp(dir=tree.parent))
    try:
        shutil.unpack_archive(archive, tmp)
        entries = list(tmp.iterdir())
        root = entries[0] if len(entries) == 1 and entries[0].is_dir() else tmp
        if not (root / "odoo" / "release.py").is_file():
            print(f"{archive} holds no Odoo source tree (no odoo/release.py)", file=sys.stderr)
            return 1
        os.replace(root, tree)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    (tree / ".aftersales-from").write_text(str(archive), encoding="utf-8")
    return 0


def copy(source, tree):
    source, tree = pathlib.Path(source).resolve(), pathlib.Path(tree)
    if not (source / "odoo" / "release.py").is_file():
        print(f"{source} is not an Odoo source tree (no odoo/release.py)", file=sys.stderr)
        return 1
    tree.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(tree, ignore_errors=True)

    def link_or_copy(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(
        source,
        tree,
        symlinks=True,
        copy_function=link_or_copy,
        ignore=shutil.ignore_patterns(".git", "*.egg-info", "build", "dist", "__pycache__"),
    )
    (tree / ".aftersales-from").write_text(str(source), encoding="utf-8")
    return 0


def digest(requirements):
    seen, sha = set(), hashlib.sha256()

    def walk(path):
        path = path.resolve()
        if path in seen:
            return
        seen.add(path)
        text = path.read_text(encoding="utf-8")
        sha.update(text.encode())
        for included in re.findall(r"^-r\s+(\S+)", text, re.M):
            walk(path.parent / included)

    walk(pathlib.Path(requirements))
    print(sha.hexdigest())
    return 0


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    commands = {"download": download, "unpack": unpack, "copy": copy, "digest": digest}
    sys.exit(commands[command](*args))
