# shellcheck shell=bash
# Shared helpers for scripts/run, scripts/test, scripts/bench and scripts/pg.
# Sourced, never executed. Everything lives under $AS_LOCAL (an ignored folder).

AS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
AS_LOCAL=${AFTERSALES_LOCAL:-$AS_ROOT/.local}
AS_PGPORT=${AFTERSALES_PGPORT:-55432}
AS_PGUSER=odoo
AS_MODULES=aftersales_approval,aftersales_sla,aftersales_repair,aftersales_warranty,aftersales_feedback,aftersales_rma,aftersales_portal,aftersales_warranty_forecast,aftersales_dashboard,aftersales_dashboard_forecast
PYTHON=${PYTHON:-python3}
AS_VENV=$AS_LOCAL/venv
# Odoo's official 18.0 Community source archive (used when PYTHON cannot import Odoo 18 and
# ODOO_SOURCE is not set).
AS_ODOO_OFFICIAL_URL=https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz
# Debian packages the suite needs on a bare machine (each only when what it provides is missing):
# PostgreSQL; to build Odoo's psycopg2 and python-ldap when Odoo is installed into the venv:
# libpq, ldap and sasl headers, a compiler and Python headers; venv; a CJK font for Chinese
# PDFs; Chromium for the browser tests; wkhtmltopdf for PDF reports (see README.md).
AS_DEBIAN_PACKAGES="postgresql libpq-dev libldap2-dev libsasl2-dev build-essential python3-dev python3-venv fonts-noto-cjk chromium wkhtmltopdf"

as_die() { echo "error: $*" >&2; exit 1; }
as_info() { echo "==> $*" >&2; }

as_step() {
    # as_step "what it does" COMMAND [ARGS...]: announces the step, runs it and says how long
    # it took. Returns the command's exit code.
    local what=$1 t0 rc ms
    shift
    echo "==> $what" >&2
    t0=$(date +%s%N)
    "$@"
    rc=$?
    ms=$((($(date +%s%N) - t0) / 1000000))
    if [ "$rc" = 0 ]; then
        printf '    done in %d.%d s\n' $((ms / 1000)) $((ms % 1000 / 100)) >&2
    else
        printf '    FAILED after %d.%d s (exit %d)\n' $((ms / 1000)) $((ms % 1000 / 100)) "$rc" >&2
    fi
    return "$rc"
}

# --- Debian packages -------------------------------------------------------------------
as_debian_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

as_debian_missing() {
    # as_debian_missing PYTHON MODE: the packages of AS_DEBIAN_PACKAGES this machine lacks
    # (none on a system without dpkg). MODE own-odoo: Odoo is to be built into the venv.
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local py=$1 mode=$2 pkg missing=()
    for pkg in $AS_DEBIAN_PACKAGES; do
        case "$pkg" in
            postgresql) as_pg_bindir >/dev/null && continue ;;
            libpq-dev|libldap2-dev|libsasl2-dev|build-essential|python3-dev)
                [ "$mode" = own-odoo ] || continue ;;
            python3-venv) "$py" -c 'import ensurepip, venv' 2>/dev/null && continue ;;
            fonts-noto-cjk)
                command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family 2>/dev/null)" ] && continue ;;
            chromium)
                command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
                    || command -v google-chrome >/dev/null 2>&1 || command -v google-chrome-stable >/dev/null 2>&1 \
                    && continue ;;
            wkhtmltopdf) command -v wkhtmltopdf >/dev/null 2>&1 && continue ;;
        esac
        as_debian_installed "$pkg" || missing+=("$pkg")
    done
    echo "${missing[*]}"
}

as_apt_install() {
    apt-get update -qq >"$AS_LOCAL/log/apt-get.log" 2>&1 \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
            >>"$AS_LOCAL/log/apt-get.log" 2>&1
}

as_ensure_debian_packages() {
    # as_ensure_debian_packages PYTHON MODE — as root on Debian/Ubuntu: installs the missing
    # packages with apt-get (unless AFTERSALES_APT=0). Otherwise: one message listing them
    # (the scripts go on; PostgreSQL is checked when the cluster starts, the build tools when
    # pip needs them).
    local missing
    missing=$(as_debian_missing "$1" "$2")
    [ -z "$missing" ] && return 0
    mkdir -p "$AS_LOCAL/log"
    if [ "$(id -u)" = 0 ] && [ "${AFTERSALES_APT:-1}" != 0 ] && command -v apt-get >/dev/null 2>&1; then
        # shellcheck disable=SC2086
        as_step "installing Debian packages (apt-get, as root): $missing" as_apt_install $missing \
            || as_die "apt-get could not install: $missing (log: $AS_LOCAL/log/apt-get.log)"
    else
        echo "note: Debian packages the suite uses are missing: $missing" >&2
        echo "      (as root: apt-get install $missing)" >&2
    fi
}

# --- Python: the project's virtualenv in .local/venv -----------------------------------
as_python_has_odoo() {
    "$1" -c 'import odoo.release as r; assert r.version_info[0] == 18' >/dev/null 2>&1
}

as_offline_message() {
    cat >&2 <<MSG
error: Odoo 18 cannot be imported by '$PYTHON' and no Odoo 18 source could be obtained
  from $1.
  Either:
  - set ODOO_SOURCE to an Odoo 18.0 Community source tree, a source archive (.tar.gz, .zip)
    or its URL (e.g. ODOO_SOURCE=\$HOME/src/odoo-18.0 scripts/run): the scripts install it
    into .local/venv; or
  - set PYTHON to an interpreter that already imports Odoo 18; or
  - with Docker: 'docker compose up' (official odoo:18.0 image, see README.md).
MSG
    exit 2
}

as_odoo_source_tree() {
    # Prints the path of an Odoo 18 source tree from ODOO_SOURCE (tree, archive or URL;
    # default: Odoo's official 18.0 archive), downloading and unpacking into .local/ as needed.
    local src=${ODOO_SOURCE:-$AS_ODOO_OFFICIAL_URL} archive tree=$AS_LOCAL/odoo-src
    case "$src" in
        http://*|https://*)
            archive=$AS_LOCAL/cache/$(basename "${src%%\?*}")
            if [ ! -s "$archive" ]; then
                mkdir -p "$AS_LOCAL/cache"
                as_step "downloading Odoo 18.0 source from $src" \
                    "$PYTHON" "$AS_ROOT/scripts/fetch_odoo.py" download "$src" "$archive" >&2 \
                    || as_offline_message "$src"
            fi
            ;;
        *)
            [ -e "$src" ] || as_offline_message "ODOO_SOURCE=$src (no such file or directory)"
            if [ -d "$src" ]; then
                [ -f "$src/odoo/release.py" ] && [ -f "$src/setup.py" ] \
                    || as_die "ODOO_SOURCE=$src is not an Odoo source tree (no odoo/release.py, setup.py)"
                src=$(cd "$src" && pwd -P)
                if [ "$(cat "$tree/.aftersales-from" 2>/dev/null)" != "$src" ]; then
                    as_step "copying the Odoo source tree $src into .local/odoo-src (hard links where possible; nothing is written in $src)" \
                        "$PYTHON" "$AS_ROOT/scripts/fetch_odoo.py" copy "$src" "$tree" >&2 \
                        || as_die "could not copy $src"
                fi
                echo "$tree"
                return 0
            fi
            archive=$(cd "$(dirname "$src")" && pwd)/$(basename "$src")
            ;;
    esac
    if [ "$(cat "$tree/.aftersales-from" 2>/dev/null)" != "$archive" ]; then
        as_step "unpacking $(basename "$archive") into .local/odoo-src" \
            "$PYTHON" "$AS_ROOT/scripts/fetch_odoo.py" unpack "$archive" "$tree" >&2 \
            || as_die "could not unpack $archive"
    fi
    echo "$tree"
}

as_logged() {
    # as_logged LOG COMMAND [ARGS...]: runs the command with its output appended to LOG; on
    # failure, the end of LOG is shown.
    local log=$1
    shift
    "$@" >>"$log" 2>&1 || { local rc=$?; tail -20 "$log" >&2; return "$rc"; }
}

as_pip_logged() {
    # as_pip_logged PYTHON ARGS...: pip install, its output in .local/log/odoo-install.log
    local py=$1
    shift
    as_logged "$AS_LOCAL/log/odoo-install.log" "$py" -m pip install --disable-pip-version-check "$@"
}

as_install_odoo_into_venv() {
    # as_install_odoo_into_venv SRC: Odoo 18.0 Community from the source tree SRC into
    # .local/venv (editable: the venv runs the tree).
    local src=$1 vpy=$AS_VENV/bin/python log=$AS_LOCAL/log/odoo-install.log
    grep -q "^version_info = (18, 0" "$src/odoo/release.py" || as_die "$src is not Odoo 18.0"
    : >"$log"
    # Odoo's pins are Debian 12's versions; cbor2 5.4.2 does not build on Python 3.11.
    sed 's/^cbor2==5\.4\.2\b.*/cbor2==5.4.6/' "$src/requirements.txt" >"$AS_LOCAL/odoo-requirements.txt"
    as_step "installing Odoo's build tools into .local/venv (setuptools<70, wheel, Cython)" \
        as_pip_logged "$vpy" 'setuptools<70' wheel Cython \
        || as_die "pip failed (log: $log)"
    as_step "installing Odoo's requirements into .local/venv (builds psycopg2, python-ldap)" \
        as_pip_logged "$vpy" --no-build-isolation -r "$AS_LOCAL/odoo-requirements.txt" \
        || as_die "pip failed (log: $log; Debian packages needed: $AS_DEBIAN_PACKAGES)"
    as_step "installing Odoo 18.0 from $src into .local/venv" \
        as_pip_logged "$vpy" --no-build-isolation --no-deps -e "$src" \
        || as_die "pip failed (log: $log)"
    as_python_has_odoo "$vpy" || as_die "Odoo 18 still cannot be imported by $vpy (log: $log)"
}

as_setup_python() {
    # as_setup_python runtime|dev — the project's virtualenv .local/venv; PYTHON then points
    # at it. Nothing is installed into the interpreter given by PYTHON:
    # - a PYTHON that imports Odoo 18 is used as it is: the venv is made on top of it with
    #   --system-site-packages (its Odoo and packages are seen, not reinstalled);
    # - otherwise the venv is a plain one and Odoo 18.0 is installed into it from ODOO_SOURCE
    #   (default: Odoo's official 18.0 source archive).
    # runtime: requirements.txt (serving); dev: requirements-dev.txt (tests and lint).
    local kind=$1 base mode src="" reqfile stamp digest vpy=$AS_VENV/bin/python
    mkdir -p "$AS_LOCAL/log"
    base=$("$PYTHON" -c 'import os, sys; print(os.path.abspath(sys.executable))' 2>/dev/null) \
        || as_offline_message "PYTHON='$PYTHON' (not a Python interpreter)"
    "$PYTHON" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))' \
        || as_die "Odoo 18 needs Python 3.10 to 3.12; PYTHON='$PYTHON' is $("$PYTHON" -V 2>&1)"
    if as_python_has_odoo "$PYTHON"; then mode=system-site; else mode=own-odoo; fi
    as_ensure_debian_packages "$PYTHON" "$mode"
    local fresh=0
    [ -x "$vpy" ] && [ "$(cat "$AS_VENV/.aftersales-base" 2>/dev/null)" = "$base $mode" ] || fresh=1
    if [ "$mode" = own-odoo ] && { [ "$fresh" = 1 ] || ! as_python_has_odoo "$vpy"; }; then
        # the source first: offline without one, nothing is created
        src=$(as_odoo_source_tree) || exit $?
    fi
    if [ "$fresh" = 1 ]; then
        rm -rf "$AS_VENV"
        local opt=() what="from $base; Odoo 18 is installed into it"
        if [ "$mode" = system-site ]; then
            opt=(--system-site-packages)
            what="on top of $base, which imports Odoo 18"
        fi
        as_step "creating the project virtualenv .local/venv ($what)" \
            "$PYTHON" -m venv "${opt[@]}" "$AS_VENV" \
            || as_die "could not create $AS_VENV (on Debian: apt-get install python3-venv)"
        if [ "$mode" = system-site ]; then
            # PYTHON may itself be a virtualenv: its site-packages (and their .pth files, such
            # as an editable Odoo's) are added after the project venv's own.
            "$PYTHON" - "$("$vpy" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" <<'PY' \
                || as_die "could not link $AS_VENV to PYTHON's site-packages"
import pathlib, site, sys
if sys.prefix != sys.base_prefix:  # --system-site-packages covers a plain interpreter
    dirs = [d for d in site.getsitepackages([sys.prefix]) if pathlib.Path(d).is_dir()]
    lines = [f"import site; site.addsitedir({d!r})" for d in dirs]
    (pathlib.Path(sys.argv[1]) / "aftersales_base_python.pth").write_text("\n".join(lines) + "\n")
PY
        fi
        echo "$base $mode" >"$AS_VENV/.aftersales-base"
    fi
    if [ -n "$src" ]; then
        as_install_odoo_into_venv "$src"
    fi
    PYTHON=$vpy
    reqfile=$AS_ROOT/requirements.txt
    [ "$kind" = dev ] && reqfile=$AS_ROOT/requirements-dev.txt
    stamp=$AS_VENV/.aftersales-$kind
    digest=$("$PYTHON" "$AS_ROOT/scripts/fetch_odoo.py" digest "$reqfile")
    local current
    current=$(cat "$stamp" 2>/dev/null || true)
    if [ "$kind" = runtime ] && [ "$(cat "$AS_VENV/.aftersales-dev" 2>/dev/null)" \
        = "$("$PYTHON" "$AS_ROOT/scripts/fetch_odoo.py" digest "$AS_ROOT/requirements-dev.txt")" ]; then
        current=$digest  # installed with the dev requirements, which include the runtime ones
    fi
    if [ "$current" != "$digest" ]; then
        : >"$AS_LOCAL/log/pip-$kind.log"
        as_step "installing $(basename "$reqfile") into .local/venv" \
            as_logged "$AS_LOCAL/log/pip-$kind.log" \
            "$PYTHON" -m pip install --disable-pip-version-check -r "$reqfile" \
            || as_die "pip could not install $(basename "$reqfile") (log: $AS_LOCAL/log/pip-$kind.log)"
        echo "$digest" >"$stamp"
    fi
}

as_console_script() {
    # as_console_script NAME [ARGS...]: runs the console script NAME of a package installed in
    # PYTHON's environment (the venv or, through --system-site-packages, the Python below it).
    local name=$1
    shift
    "$PYTHON" -c 'import sys
from importlib.metadata import entry_points
eps = entry_points(group="console_scripts", name=sys.argv[1])
if not eps:
    sys.exit(f"{sys.argv[1]}: not installed (is it declared in requirements-dev.txt?)")
sys.argv = sys.argv[1:]
sys.exit(next(iter(eps)).load()())' "$name" "$@"
}

as_addons_path() {
    # This repository's addons, then every folder Odoo's own lookup finds: Odoo's addons and
    # each site-packages/odoo/addons of the venv and of the Python below it (where the
    # odoo-addon-* wheels of requirements.txt put their add-ons), then the configured paths.
    "$PYTHON" - "$AS_ROOT/addons" <<'PY'
import os, sys
import odoo.addons
from odoo.tools import config
config.parse_config([])
paths = [sys.argv[1], *odoo.addons.__path__, *config["addons_path"].split(",")]
found = []
for path in paths:
    path = os.path.abspath(path) if path else ""
    if path and path not in found and os.path.isdir(path) and any(
        os.path.isfile(os.path.join(path, entry, "__manifest__.py")) for entry in os.listdir(path)
    ):
        found.append(path)
print(",".join(found))
PY
}

as_odoo() {
    # Runs Odoo against the private cluster. Extra arguments are passed through.
    "$PYTHON" "$AS_ROOT/scripts/odoo_server.py" -c "$AS_ROOT/config/local.conf" \
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
            mkdir -p "$AS_LOCAL/log"
            as_step "PostgreSQL server not found: installing Debian's postgresql (apt-get, as root)" \
                as_apt_install postgresql \
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
            as_step "creating the system user $AS_PGRUNAS for PostgreSQL (initdb refuses root)" \
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
    # the paths found when the cluster started (an EXIT trap needs no new lookup)
    if [ -z "${AS_PGBIN:-}" ] || [ -z "${AS_PGDATA:-}" ]; then
        as_pg_setup_vars
    fi
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
        local demo_opt=()
        [ "$demo" = nodemo ] && demo_opt=(--without-demo=all)
        as_dropdb "$name.tmp"
        as_step "building the template database $name: Odoo's modules $deps, $demo (once; minutes)" \
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
