#!/usr/bin/env python3
"""Benchmark of the After-Sales suite against Odoo's plain repair flow (see scripts/bench).

Two sub-commands, both driven by scripts/bench:

- ``generate`` fills a suite database with data at a scale, with batched ORM ``create`` calls
  (one transaction per batch, never one record per transaction);
- ``measure`` runs the paired measurements, each repeated, and prints medians with min and max,
  as ratios to a baseline measured in the same run; ``--json PATH`` writes every figure.

Every measurement runs in a transaction that is rolled back, so repeats see the same data.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import statistics
import sys
import time
import tracemalloc

SCALES = {
    # delivered serials (3 warranted parts each), repairs, feedback answers, open part returns
    "small": {"serials": 1000, "repairs": 200, "feedback": 500, "returns": 50},
    "medium": {"serials": 20000, "repairs": 4000, "feedback": 10000, "returns": 1000},
    "large": {"serials": 100000, "repairs": 20000, "feedback": 50000, "returns": 5000},
}
BATCH = 2000


def _odoo(args):
    import odoo
    from odoo.tools import config

    config.parse_config(
        [
            "--db_host",
            args.db_host,
            "--db_port",
            str(args.db_port),
            "--db_user",
            args.db_user,
            "--addons-path",
            args.addons_path,
            "--data-dir",
            args.data_dir,
            "--log-level",
            "warn",
        ]
    )
    return odoo


@contextlib.contextmanager
def environment(odoo, db, commit=False):
    """An environment on a fresh cursor; rolled back at the end unless commit."""
    registry = odoo.modules.registry.Registry(db)
    cr = registry.cursor()
    try:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        yield env
        if commit:
            cr.commit()  # the benchmark's own database, generated data only
    finally:
        cr.rollback()
        cr.close()


def _batches(seq, size=BATCH):
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


# --- fixtures shared by both flows ---------------------------------------------------------


def _flow_fixtures(env, n_orders, tag):
    """A customer, a serial-tracked unit with n_orders serials in the workshop (owned by the
    customer) and three parts in stock: the same for the plain and the suite flow."""
    stock = env.ref("stock.warehouse0").lot_stock_id
    partner = env["res.partner"].create({"name": f"Bench Customer {tag}"})
    unit = env["product.product"].create(
        {"name": f"Bench Unit {tag}", "is_storable": True, "tracking": "serial"}
    )
    parts = env["product.product"].create(
        [
            {
                "name": f"Bench Part {tag} {i}",
                "is_storable": True,
                "list_price": 100.0 * (i + 1),
                "standard_price": 60.0 * (i + 1),
            }
            for i in range(3)
        ]
    )
    quant = env["stock.quant"]
    for part in parts:
        quant._update_available_quantity(part, stock, float(n_orders))
    lots = env["stock.lot"].create(
        [{"name": f"BENCH-{tag}-{i:06d}", "product_id": unit.id} for i in range(n_orders)]
    )
    for lot in lots:
        quant._update_available_quantity(unit, stock, 1.0, lot_id=lot, owner_id=partner)
    env.flush_all()
    return partner, unit, parts, lots


def _repair_vals(partner, unit, parts, lots):
    return [
        {
            "partner_id": partner.id,
            "product_id": unit.id,
            "lot_id": lot.id,
            "move_ids": [
                (0, 0, {"repair_line_type": "add", "product_id": p.id, "product_uom_qty": 1.0})
                for p in parts
            ],
        }
        for lot in lots
    ]


def flow_plain(env, n_orders):
    partner, unit, parts, lots = _flow_fixtures(env, n_orders, "plain")

    def run():
        repairs = env["repair.order"].create(_repair_vals(partner, unit, parts, lots))
        for repair in repairs:
            repair.action_validate()
        repairs.action_repair_start()
        repairs.action_repair_end()
        env.flush_all()
        assert set(repairs.mapped("state")) == {"done"}, set(repairs.mapped("state"))
        return len(repairs)

    return run


def flow_suite(env, n_orders):
    """The suite's flow: coverage pricing, approvals granted by a test approver, inspection."""
    partner, unit, parts, lots = _flow_fixtures(env, n_orders, "suite")
    suite = SuiteFlow(env)

    def run():
        repairs = env["repair.order"].create(_repair_vals(partner, unit, parts, lots))
        for repair in repairs:
            suite.before_confirm(repair)
            repair.action_validate()
            suite.before_start(repair)
        repairs.action_repair_start()
        repairs.action_repair_end()
        suite.after_end(repairs)
        env.flush_all()
        assert set(repairs.mapped("state")) == {"done"}, set(repairs.mapped("state"))
        return len(repairs)

    return run


class SuiteFlow:
    """What a front desk, an approver and an inspector do on each order, through the suite's
    own actions (each step only when the suite asks for it)."""

    def __init__(self, env):
        self.env = env
        users = env["res.users"].with_context(no_reset_password=True)
        group = env.ref("aftersales_repair.aftersales_group_general_manager")
        self.approver = users.create(
            {"name": "Bench Approver", "login": "bench_approver", "groups_id": [(6, 0, group.ids)]}
        )
        inspector_group = env.ref("aftersales_repair.aftersales_group_quality_inspector")
        self.inspector = users.create(
            {
                "name": "Bench Inspector",
                "login": "bench_inspector",
                "groups_id": [(6, 0, inspector_group.ids)],
            }
        )

    def before_confirm(self, repair):
        approve = getattr(repair, "_bench_grant_approvals", None)
        if approve:
            approve(self.approver)

    def before_start(self, repair):
        record = getattr(repair, "_bench_record_customer_approval", None)
        if record:
            record(self.approver)

    def after_end(self, repairs):
        to_inspect = repairs.filtered(lambda r: r.state == "inspection")
        if to_inspect:
            to_inspect.with_user(self.inspector).action_inspection_pass()


# --- measurements ----------------------------------------------------------------------------


def timed(odoo, db, make, repeat, label):
    """Runs make(env) -> run() `repeat` times, each in a rolled-back transaction."""
    samples = []
    for _ in range(repeat):
        with environment(odoo, db) as env:
            run = make(env)
            env.flush_all()
            q0 = odoo.sql_db.sql_counter
            t0 = time.perf_counter()
            count = run() or 1
            elapsed = time.perf_counter() - t0
            queries = odoo.sql_db.sql_counter - q0
        samples.append({"seconds": elapsed, "queries": queries, "count": count})
        print(f"  {label}: {elapsed:.3f}s, {queries} queries, {count} records", file=sys.stderr)
    return samples


def summary(samples, key, per_record=False):
    values = [s[key] / (s["count"] if per_record else 1) for s in samples]
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
    }


def measure(args):
    odoo = _odoo(args)
    figures = []

    def add(name, value, baseline, unit, target=None, note=""):
        ratio = value["median"] / baseline["median"] if baseline and baseline["median"] else None
        figures.append(
            {
                "name": name,
                "value": value,
                "baseline": baseline,
                "ratio": ratio,
                "unit": unit,
                "target": target,
                "note": note,
            }
        )

    n = args.orders
    print(f"repair flow: {n} orders x 3 parts, plain vs suite", file=sys.stderr)
    plain = timed(odoo, args.plain_db, lambda env: flow_plain(env, n), args.repeat, "plain")
    suite = timed(odoo, args.suite_db, lambda env: flow_suite(env, n), args.repeat, "suite")
    add(
        f"repair flow wall time ({n} orders)",
        summary(suite, "seconds"),
        summary(plain, "seconds"),
        "s",
        target="ratio <= 1.3",
    )
    add(
        "repair flow SQL queries per order",
        summary(suite, "queries", per_record=True),
        summary(plain, "queries", per_record=True),
        "queries/order",
        target="constant per order",
    )

    for extra in EXTRA_MEASUREMENTS:
        try:
            extra(odoo, args, add)
        except Exception as exc:  # a missing feature is reported, not fatal
            figures.append({"name": extra.__name__, "error": repr(exc)})
            print(f"  {extra.__name__}: not measured ({exc!r})", file=sys.stderr)

    report(odoo, args, figures)


def report(odoo, args, figures):
    with environment(odoo, args.suite_db) as env:
        env.cr.execute("SHOW server_version")
        pg_version = env.cr.fetchone()[0]
    meta = {
        "scale": args.scale,
        "repeat": args.repeat,
        "orders": args.orders,
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cores": os.cpu_count(),
            "ram_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "odoo": odoo.release.version,
        "postgresql": pg_version,
    }
    width = max(len(f["name"]) for f in figures) + 2
    lines = [
        f"After-Sales suite benchmark — scale {args.scale}, median of {args.repeat} "
        f"(min–max), Odoo {meta['odoo']}, PostgreSQL {pg_version}, "
        f"{meta['machine']['cores']} cores, {meta['machine']['ram_gib']} GiB",
        f"{'measurement':<{width}} {'suite':>22} {'baseline':>22} {'ratio':>7}  target",
    ]

    def fmt(v):
        if not v:
            return "-"
        return f"{v['median']:.4g} ({v['min']:.3g}–{v['max']:.3g})"

    for f in figures:
        if "error" in f:
            lines.append(f"{f['name']:<{width}} not measured: {f['error']}")
            continue
        ratio = f"{f['ratio']:.2f}" if f["ratio"] is not None else "-"
        lines.append(
            f"{f['name']:<{width}} {fmt(f['value']):>22} {fmt(f['baseline']):>22} "
            f"{ratio:>7}  {f['target'] or ''} {f['unit']}"
        )
    print("\n".join(lines))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"meta": meta, "figures": figures}, fh, indent=2)
        print(f"written: {args.json}")


# Further measurements (coverage, crons, workbook, KPI views) register themselves here.
EXTRA_MEASUREMENTS = []


def generate(args):
    odoo = _odoo(args)
    sizes = SCALES[args.scale]
    for step in GENERATORS:
        t0 = time.perf_counter()
        step(odoo, args.db, sizes)
        print(f"  generated {step.__name__} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)


GENERATORS = []


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("generate", "measure"):
        p = sub.add_parser(name)
        p.add_argument("--db-host", required=True)
        p.add_argument("--db-port", required=True)
        p.add_argument("--db-user", required=True)
        p.add_argument("--addons-path", required=True)
        p.add_argument("--data-dir", required=True)
        p.add_argument("--scale", choices=sorted(SCALES), default="small")
    g = sub.choices["generate"]
    g.add_argument("--db", required=True)
    m = sub.choices["measure"]
    m.add_argument("--plain-db", required=True)
    m.add_argument("--suite-db", required=True)
    m.add_argument("--small-db", required=True)
    m.add_argument("--repeat", type=int, default=5)
    m.add_argument("--orders", type=int, default=1000)
    m.add_argument("--json")
    args = parser.parse_args(argv)
    if args.command == "generate":
        generate(args)
    else:
        measure(args)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    tracemalloc  # noqa: B018 (used by the workbook measurement)
    main()
