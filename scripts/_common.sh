# shellcheck shell=bash
# Shared helpers for scripts/run, scripts/test, scripts/bench and scripts/pg.
# Sourced, never executed. Everything lives under $AS_LOCAL (an ignored folder).

AS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
AS_LOCAL=${AFTERSALES_LOCAL:-$AS_ROOT/.local}
AS_PGPORT=${AFTERSALES_PGPORT:-55432}
AS_PGUSER=odoo
AS_MODULES=aftersales_repair,aftersales_warranty,aftersales_feedback,aftersales_warranty_forecast
PYTHON=${PYTHON:-python3}

as_die() { echo "error: $*" >&2; exit 1; }
as_info() { echo "==> $*" >&2; }

# --- Odoo ------------------------------------------------------------------
as_require_odoo() {
    if ! "$PYTHON" -c 'import odoo.release as r; assert r.version_info[0] == 18' >/dev/null 2>&1; then
        cat >&2 <<MSG
error: Odoo 18 cannot be imported by '$PYTHON'.
  The suite is a set of Odoo 18 add-ons; Odoo itself is provided by you, either:
  - with Docker: 'docker compose up' (official odoo:18.0 image, see README.md), or
  - as an Odoo 18.0 source install in this Python: clone Odoo 18.0 Community,
    'pip install -r requirements.txt' and 'pip install -e .' inside it
    (see README.md, section "Providing Odoo 18"), or set PYTHON=/path/to/python.
MSG
        exit 2
    fi
}

as_require_python_deps() {
    # The project's own Python dependencies (requirements.txt): installed when missing.
    if ! "$PYTHON" - <<'PY' >/dev/null 2>&1
import importlib.util, sys
mods = ["num2words", "xlsxwriter", "openpyxl", "psycopg2", "pytest", "yaml", "ruff", "pylint_odoo", "freezegun", "websocket"]
sys.exit(any(importlib.util.find_spec(m) is None for m in mods))
PY
    then
        as_info "installing the project's Python dependencies (requirements.txt)"
        "$PYTHON" -m pip install -q -r "$AS_ROOT/requirements.txt" || as_die "pip could not install requirements.txt"
    fi
}

as_addons_path() {
    "$PYTHON" - "$AS_ROOT/addons" <<'PY'
import sys
from odoo.tools import config
config.parse_config([])
paths = [p for p in config["addons_path"].split(",") if p]
print(",".join([sys.argv[1]] + [p for p in paths if p != sys.argv[1]]))
PY
}

as_odoo() {
    # Runs Odoo against the private cluster. Extra arguments are passed through.
    "$PYTHON" -m odoo -c "$AS_ROOT/config/local.conf" \
        --addons-path="$(as_addons_path)" \
        --db_host="$AS_PGSOCK" --db_port="$AS_PGPORT" --db_user="$AS_PGUSER" \
        --data-dir="$AS_LOCAL/filestore" \
        "$@"
}

# --- Private PostgreSQL cluster ------------------------------------------------
as_pg_bindir() {
    local d
    if command -v pg_config >/dev/null 2>&1; then
        d=$(pg_config --bindir 2>/dev/null)
        [ -x "$d/initdb" ] && { echo "$d"; return; }
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/initdb" ] && { echo "$d"; return; }
    done
    d=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
    [ -x "$d/initdb" ] && { echo "$d"; return; }
    return 1
}

as_pg_setup_vars() {
    AS_PGBIN=$(as_pg_bindir) || {
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            as_info "PostgreSQL server not found: installing Debian's postgresql"
            (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql libpq-dev) >/dev/null \
                || as_die "could not install PostgreSQL; install Debian's 'postgresql' package"
            AS_PGBIN=$(as_pg_bindir) || as_die "PostgreSQL server binaries still not found"
        else
            as_die "PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's 'postgresql' package (15 or newer)"
        fi
    }
    as_pg_paths
    AS_PGRUNAS=""
    if [ "$(id -u)" = 0 ]; then
        # initdb refuses root: the cluster belongs to an unprivileged system user.
        AS_PGRUNAS=${AFTERSALES_PGOS_USER:-postgres}
        if ! id "$AS_PGRUNAS" >/dev/null 2>&1; then
            useradd --system --no-create-home --shell /usr/sbin/nologin "$AS_PGRUNAS" \
                || as_die "could not create system user $AS_PGRUNAS for PostgreSQL"
        fi
    fi
}

as_pg_paths() {
    # .local/pg may be a link to a folder the unprivileged user can reach (see below):
    # PostgreSQL is always given the real path.
    local base=$AS_LOCAL/pg
    [ -L "$base" ] && base=$(readlink -f "$base")
    AS_PGDATA=$base/data
    AS_PGSOCK=$base/run
    AS_PGLOG=$base/postgresql.log
}

as_pg_cmd() {
    if [ -n "$AS_PGRUNAS" ]; then
        (cd / && runuser -u "$AS_PGRUNAS" -- "$@")
    else
        "$@"
    fi
}

as_pg_ensure_dirs() {
    mkdir -p "$AS_LOCAL/pg" "$AS_LOCAL/filestore"
    if [ -n "$AS_PGRUNAS" ]; then
        if ! runuser -u "$AS_PGRUNAS" -- test -x "$AS_LOCAL" 2>/dev/null; then
            # The checkout is not reachable by the unprivileged user (e.g. under /root):
            # keep the cluster in a per-checkout folder it can reach, linked from .local/.
            local ext
            ext=/var/tmp/aftersales-pg-$(echo "$AS_ROOT" | cksum | cut -d' ' -f1)
            mkdir -p "$ext"
            chmod 711 "$ext"
            [ -L "$AS_LOCAL/pg" ] || { rmdir "$AS_LOCAL/pg" 2>/dev/null; ln -sfn "$ext" "$AS_LOCAL/pg"; }
        fi
        chown "$AS_PGRUNAS" "$AS_LOCAL/pg/" 2>/dev/null || true
        as_pg_paths
    fi
    as_pg_cmd mkdir -p "$AS_PGSOCK"
}

as_pg_is_running() {
    as_pg_cmd "$AS_PGBIN/pg_ctl" -D "$AS_PGDATA" status >/dev/null 2>&1
}

as_pg_start() {
    # Starts the private cluster (creating it on first use). Sets AS_PG_STARTED=1 when this
    # call started it, so that the caller stops it again; a cluster already running is reused.
    as_pg_setup_vars
    as_pg_ensure_dirs
    AS_PG_STARTED=0
    if [ ! -f "$AS_PGDATA/PG_VERSION" ]; then
        as_info "creating the private PostgreSQL cluster in $AS_PGDATA"
        as_pg_cmd "$AS_PGBIN/initdb" -D "$AS_PGDATA" -U "$AS_PGUSER" --auth=trust -E UTF8 \
            --locale=C.UTF-8 >"$AS_LOCAL/initdb.log" 2>&1 \
            || as_pg_cmd "$AS_PGBIN/initdb" -D "$AS_PGDATA" -U "$AS_PGUSER" --auth=trust -E UTF8 \
                --locale=C >"$AS_LOCAL/initdb.log" 2>&1 \
            || { cat "$AS_LOCAL/initdb.log" >&2; as_die "initdb failed (log above)"; }
    fi
    if as_pg_is_running; then
        return 0
    fi
    if [ -f "$AS_PGDATA/postmaster.pid" ]; then
        local pid
        pid=$(head -1 "$AS_PGDATA/postmaster.pid")
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            as_die "a PostgreSQL process ($pid) holds $AS_PGDATA but does not answer; stop it (kill $pid) and retry"
        fi
        as_info "removing a stale PostgreSQL lock ($AS_PGDATA/postmaster.pid, process $pid is gone)"
        rm -f "$AS_PGDATA/postmaster.pid"
    fi
    rm -f "$AS_PGSOCK/.s.PGSQL.$AS_PGPORT.lock" 2>/dev/null
    as_pg_cmd "$AS_PGBIN/pg_ctl" -D "$AS_PGDATA" -l "$AS_PGLOG" -w -t 60 \
        -o "-p $AS_PGPORT -k $AS_PGSOCK -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null \
        || { tail -20 "$AS_PGLOG" >&2; as_die "PostgreSQL did not start (log: $AS_PGLOG)"; }
    AS_PG_STARTED=1
}

as_pg_stop() {
    as_pg_setup_vars
    if as_pg_is_running; then
        as_pg_cmd "$AS_PGBIN/pg_ctl" -D "$AS_PGDATA" -m fast -w stop >/dev/null || true
    fi
}

as_psql() {
    "$AS_PGBIN/psql" -h "$AS_PGSOCK" -p "$AS_PGPORT" -U "$AS_PGUSER" -X -q -v ON_ERROR_STOP=1 "$@"
}

as_db_exists() {
    [ "$(as_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

as_dropdb() {
    "$AS_PGBIN/dropdb" -h "$AS_PGSOCK" -p "$AS_PGPORT" -U "$AS_PGUSER" --if-exists --force "$1" >/dev/null 2>&1 || true
    rm -rf "$AS_LOCAL/filestore/filestore/$1"
}

as_external_deps() {
    # The Odoo modules the suite depends on (outside this repository), from the manifests.
    "$PYTHON" - "$AS_ROOT/addons" <<'PY'
import ast, pathlib, sys
root = pathlib.Path(sys.argv[1])
ours = {p.parent.name for p in root.glob("*/__manifest__.py")}
deps = set()
for p in root.glob("*/__manifest__.py"):
    deps |= set(ast.literal_eval(p.read_text()).get("depends", []))
print(",".join(sorted(deps - ours)))
PY
}

as_template_db() {
    # A database with the suite's Odoo dependencies installed, reused as a template
    # (createdb -T) so that each test database costs seconds. $1: demo|nodemo.
    local demo=$1 deps name log
    deps=$(as_external_deps)
    name=aftersales_tpl_${demo}_$(echo "$deps $(as_odoo_version_tag)" | cksum | cut -d' ' -f1)
    mkdir -p "$AS_LOCAL/log"
    exec 9>"$AS_LOCAL/log/$name.lock"
    flock 9
    if ! as_db_exists "$name"; then
        log=$AS_LOCAL/log/$name.log
        as_info "building template database $name ($deps, $demo)"
        local demo_opt=()
        [ "$demo" = nodemo ] && demo_opt=(--without-demo=all)
        as_dropdb "$name.tmp"
        as_odoo -d "$name.tmp" -i "$deps" "${demo_opt[@]}" --stop-after-init --no-http \
            --log-level=warn --logfile="$log" \
            || { tail -30 "$log" >&2; as_die "could not build $name (log: $log)"; }
        as_psql -d postgres -c "ALTER DATABASE \"$name.tmp\" RENAME TO \"$name\"" \
            || as_die "could not rename the template database"
        if [ -d "$AS_LOCAL/filestore/filestore/$name.tmp" ]; then
            mv "$AS_LOCAL/filestore/filestore/$name.tmp" "$AS_LOCAL/filestore/filestore/$name"
        fi
    fi
    flock -u 9
    exec 9>&-
    echo "$name"
}

as_odoo_version_tag() {
    "$PYTHON" -c 'import odoo.release as r; print(r.serie)'
}

as_clone_db() {
    # as_clone_db TEMPLATE NEW
    as_dropdb "$2"
    "$AS_PGBIN/createdb" -h "$AS_PGSOCK" -p "$AS_PGPORT" -U "$AS_PGUSER" -T "$1" "$2" \
        || as_die "could not create database $2 from $1"
    if [ -d "$AS_LOCAL/filestore/filestore/$1" ]; then
        mkdir -p "$AS_LOCAL/filestore/filestore"
        cp -r "$AS_LOCAL/filestore/filestore/$1" "$AS_LOCAL/filestore/filestore/$2"
    fi
}
