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
import random
import statistics
import sys
import time
import tracemalloc

SCALES = {
    # delivered serials (3 warranted parts each), repairs, feedback answers, open part returns,
    # technicians and customers
    "small": {
        "serials": 1000,
        "repairs": 200,
        "feedback": 500,
        "returns": 50,
        "technicians": 10,
        "customers": 50,
    },
    "medium": {
        "serials": 20000,
        "repairs": 4000,
        "feedback": 10000,
        "returns": 1000,
        "technicians": 60,
        "customers": 1000,
    },
    "large": {
        "serials": 100000,
        "repairs": 20000,
        "feedback": 50000,
        "returns": 5000,
        "technicians": 300,
        "customers": 5000,
    },
}
BATCH = 2000
# serials per delivery (one picking per customer order)
SERIALS_PER_DELIVERY = 20
# deliveries spread over the last 36 months; repairs over the last 12 full months
DELIVERY_MONTHS = 36
REPAIR_MONTHS = 12
# share of the open part returns already overdue
OVERDUE_SHARE = 0.2
# generation context: no chatter tracking nor creation messages for generated history
GEN_CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
SEED = 20260101

RATING_LEVELS = ("very_satisfied", "satisfied", "fair", "unsatisfied")


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
def environment(odoo, db, commit=False, context=None):
    """An environment on a fresh cursor; rolled back at the end unless commit."""
    registry = odoo.modules.registry.Registry(db)
    cr = registry.cursor()
    try:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, dict(context or {}))
        yield env
        if commit:
            cr.commit()  # the benchmark's own database, generated data only
    finally:
        cr.rollback()
        cr.close()


def _batches(seq, size=BATCH):
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def split_counts(total, weights):
    """Split ``total`` into len(weights) integers proportional to weights, summing to total."""
    if not weights:
        return []
    scale = sum(weights)
    counts = [int(total * w / scale) for w in weights]
    # the remainder goes to the largest weights first
    order = sorted(range(len(weights)), key=lambda i: -weights[i])
    for i in range(total - sum(counts)):
        counts[order[i % len(order)]] += 1
    return counts


def month_starts(today, months):
    """First days of the ``months`` full months before the month of ``today``, oldest first."""
    first = today.replace(day=1)
    result = []
    for _ in range(months):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
        result.append(first)
    return result[::-1]


# --- fixtures shared by both flows ---------------------------------------------------------


def _flow_fixtures(env, n_orders, tag, n_parts=3):
    """A customer, a serial-tracked unit with n_orders serials in the workshop (owned by the
    customer) and n_parts parts in stock: the same for the plain and the suite flow."""
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
            for i in range(n_parts)
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


class Steps:
    """SQL queries, wall time and CPU time of this process of each step of a flow (each step
    flushed at its end); with PROFILER set (--profile), a cProfile.Profile per step."""

    # set by measure() from --profile: step name -> cProfile.Profile, filled by every Steps
    profilers = None

    def __init__(self, env):
        self.env = env
        self.queries = {}
        self.seconds = {}
        self.cpu_seconds = {}
        # step -> the queries of each of its runs after the first (one run per order for the
        # steps run order by order): the steady cost, without what the first run reads into
        # the transaction's caches
        self.queries_after_first = {}

    @contextlib.contextmanager
    def __call__(self, name):
        profiler = None
        if Steps.profilers is not None:
            import cProfile

            profiler = Steps.profilers.setdefault(name, cProfile.Profile())
        q0 = self.env.cr.sql_log_count
        c0 = time.process_time()
        t0 = time.perf_counter()
        if profiler:
            profiler.enable()
        yield
        self.env.flush_all()
        if profiler:
            profiler.disable()
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0
        self.cpu_seconds[name] = self.cpu_seconds.get(name, 0.0) + time.process_time() - c0
        queries = self.env.cr.sql_log_count - q0
        if name in self.queries:  # a run after the first
            self.queries_after_first.setdefault(name, []).append(queries)
        self.queries[name] = self.queries.get(name, 0) + queries


def flow_plain(env, n_orders, n_parts=3):
    partner, unit, parts, lots = _flow_fixtures(env, n_orders, "plain", n_parts)
    steps = Steps(env)

    def run():
        with steps("create"):
            repairs = env["repair.order"].create(_repair_vals(partner, unit, parts, lots))
        for repair in repairs:
            with steps("confirm"):
                repair.action_validate()
        with steps("start"):
            repairs.action_repair_start()
        with steps("end (+ inspection in the suite)"):
            repairs.action_repair_end()
        assert set(repairs.mapped("state")) == {"done"}, set(repairs.mapped("state"))
        return len(repairs)

    run.steps = steps
    return run


def flow_suite(env, n_orders, n_parts=3):
    """The suite's flow: coverage pricing, approvals granted by a test approver, inspection."""
    partner, unit, parts, lots = _flow_fixtures(env, n_orders, "suite", n_parts)
    suite = SuiteFlow(env)
    steps = Steps(env)

    def run():
        with steps("create"):
            repairs = env["repair.order"].create(_repair_vals(partner, unit, parts, lots))
        for repair in repairs:
            with steps("price approval (request + approve)"):
                suite.approve_price(repair)
            with steps("customer acceptance"):
                suite.record_customer_acceptance(repair)
            with steps("confirm"):
                repair.action_validate()
        with steps("start"):
            repairs.action_repair_start()
        with steps("end (+ inspection in the suite)"):
            repairs.action_repair_end()
            suite.after_end(repairs)
        assert set(repairs.mapped("state")) == {"done"}, set(repairs.mapped("state"))
        return len(repairs)

    run.steps = steps
    return run


def _bench_user(env, login, groups):
    users = env["res.users"].with_context(no_reset_password=True)
    return users.create(
        {
            "name": login.replace("_", " ").title(),
            "login": login,
            "email": f"{login}@bench.example.com",
            "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
        }
    )


class SuiteFlow:
    """What a front desk, an approver and an inspector do on each order, through the suite's
    own actions (each step only when the suite asks for it):

    - the coverage service prices every part line when the order is created (the serials of
      the flow were never delivered: every line is charged, the repair is 'paid');
    - the front desk requests the service price approval, a General Manager (who implies every
      approval role) approves it — the requester cannot approve their own request;
    - a second front desk member records the customer's acceptance (phone);
    - after 'End Repair' the order waits for the final inspection, passed by a quality
      inspector who is not the technician.
    """

    def __init__(self, env, tag="flow"):
        self.env = env
        self.frontdesk = _bench_user(
            env, f"bench_frontdesk_{tag}", ["aftersales_repair.aftersales_group_user"]
        )
        self.recorder = _bench_user(
            env, f"bench_recorder_{tag}", ["aftersales_repair.aftersales_group_user"]
        )
        self.approver = _bench_user(
            env,
            f"bench_approver_{tag}",
            ["aftersales_repair.aftersales_group_general_manager"],
        )
        self.inspector = _bench_user(
            env,
            f"bench_inspector_{tag}",
            ["aftersales_repair.aftersales_group_quality_inspector"],
        )

    def approve_price(self, repair):
        if repair.approval_state == "to_request":
            repair.with_user(self.frontdesk).action_request_approval()
            repair.with_user(self.approver).action_approve()

    def record_customer_acceptance(self, repair):
        if repair.customer_acceptance_state == "pending":
            repair.with_user(self.recorder)._aftersales_set_customer_decision(
                "accepted", repair.partner_id.name, "phone"
            )

    def after_end(self, repairs):
        to_inspect = repairs.filtered(lambda r: r.state == "inspection")
        if to_inspect:
            to_inspect.with_user(self.inspector).action_inspection_pass()


# --- data generation -----------------------------------------------------------------------
# The same generators fill the suite's databases and the plain baselines (Odoo's modules only,
# no suite): what only the suite has (warranties, inspections, customer acceptance, feedback,
# part returns, its fields) is generated only where its module is installed, so that both
# databases have the same customers, serials, deliveries and done repairs, same counts, same
# dates.


def _installed(env, module):
    """Whether ``module`` is installed in the database of ``env``."""
    return module in env.registry._init_modules


def gen_master_data(odoo, db, sizes, state):
    """Customers, technicians, a serial-tracked unit and three parts; with the suite, an
    inspector, the unit's warranted parts and its warranty policy (unit 24 months, parts 12,
    24 and 36 months)."""
    with environment(odoo, db, commit=True, context=GEN_CONTEXT) as env:
        company = env.company
        suite = _installed(env, "aftersales_repair")
        warranty = _installed(env, "aftersales_warranty")
        if suite:
            # the generated flow has no remote attempt before its trips and no self-check or
            # team-lead check before its inspections, two human steps:
            # (aftersales_repair/readme/CONFIGURE.md, "Remote guidance before on-site visits")
            # and (aftersales_repair/readme/CONFIGURE.md, "Self-check and team-lead check")
            company.write(
                {"aftersales_remote_first": False, "aftersales_pre_inspection_checks": False}
            )
        customers = env["res.partner"].create(
            [
                {"name": f"Bench Customer {i:05d}", "is_company": True}
                for i in range(sizes["customers"])
            ]
        )
        users = env["res.users"].with_context(no_reset_password=True, **GEN_CONTEXT)
        tech_group = env.ref(
            "aftersales_repair.aftersales_group_technician" if suite else "base.group_user"
        )
        technicians = users.create(
            [
                {
                    "name": f"Bench Technician {i:04d}",
                    "login": f"bench_tech_{i:04d}",
                    "email": f"bench_tech_{i:04d}@bench.example.com",
                    "groups_id": [(6, 0, tech_group.ids)],
                }
                for i in range(sizes["technicians"])
            ]
        )
        inspector = suite and _bench_user(
            env, "bench_gen_inspector", ["aftersales_repair.aftersales_group_quality_inspector"]
        )
        categ = env["product.category"].create({"name": "Bench Forklifts"})
        parts = env["product.product"].create(
            [
                {
                    "name": f"Bench Warranted Part {name}",
                    "is_storable": True,
                    "categ_id": categ.id,
                    "list_price": price,
                    "standard_price": price * 0.6,
                }
                for name, price in (("Battery", 420.0), ("Motor", 310.0), ("Controller", 96.0))
            ]
        )
        unit_vals = {
            "name": "Bench Forklift",
            "is_storable": True,
            "tracking": "serial",
            "categ_id": categ.id,
            "list_price": 28500.0,
            "standard_price": 19800.0,
        }
        if warranty:
            unit_vals["warranty_part_ids"] = [(6, 0, parts.product_tmpl_id.ids)]
        unit = env["product.product"].create(unit_vals)
        if warranty:
            env["aftersales.warranty.policy"].create(
                {
                    "name": "Bench Forklift warranty",
                    "company_id": company.id,
                    "product_tmpl_id": unit.product_tmpl_id.id,
                    "period_months": 24,
                    "line_ids": [
                        (0, 0, {"part_product_id": part.id, "period_months": months})
                        for part, months in zip(parts, (12, 24, 36), strict=True)
                    ],
                }
            )
        state.update(
            customers=customers.ids,
            technicians=technicians.ids,
            inspector=inspector and inspector.id,
            parts=parts.ids,
            unit=unit.id,
        )


def gen_deliveries(odoo, db, sizes, state):
    """Delivered serials through Odoo's own delivery flow, in batches: per batch, serials put
    in stock, one delivery per customer order of SERIALS_PER_DELIVERY serials, all validated
    at once (Odoo's ``_action_done``, which registers the warranties through the suite's own
    hook when the suite is installed), then dated over the last DELIVERY_MONTHS months."""
    rnd = random.Random(SEED)
    today = datetime.date.today()
    total = sizes["serials"]
    lot_ids = []
    for start in range(0, total, BATCH):
        count = min(BATCH, total - start)
        with environment(odoo, db, commit=True, context=GEN_CONTEXT) as env:
            warehouse = env.ref("stock.warehouse0")
            stock = warehouse.lot_stock_id
            customer_location = env.ref("stock.stock_location_customers")
            unit = env["product.product"].browse(state["unit"])
            lots = env["stock.lot"].create(
                [
                    {"name": f"BENCH-SN-{start + i:07d}", "product_id": unit.id}
                    for i in range(count)
                ]
            )
            env["stock.quant"].sudo().create(
                [
                    {
                        "product_id": unit.id,
                        "location_id": stock.id,
                        "lot_id": lot.id,
                        "quantity": 1.0,
                    }
                    for lot in lots
                ]
            )
            picking_vals = []
            dates = []
            for chunk in _batches(lots, SERIALS_PER_DELIVERY):
                partner_id = rnd.choice(state["customers"])
                days_ago = rnd.randint(1, DELIVERY_MONTHS * 30)
                dates.append(
                    datetime.datetime.combine(
                        today - datetime.timedelta(days=days_ago), datetime.time(10, 0)
                    )
                )
                picking_vals.append(
                    {
                        "picking_type_id": warehouse.out_type_id.id,
                        "partner_id": partner_id,
                        "location_id": stock.id,
                        "location_dest_id": customer_location.id,
                        "move_ids": [
                            (
                                0,
                                0,
                                {
                                    "name": unit.name,
                                    "product_id": unit.id,
                                    "product_uom_qty": float(len(chunk)),
                                    "product_uom": unit.uom_id.id,
                                    "location_id": stock.id,
                                    "location_dest_id": customer_location.id,
                                    "partner_id": partner_id,
                                },
                            )
                        ],
                    }
                )
            pickings = env["stock.picking"].create(picking_vals)
            # Odoo reserves the serials just put in stock (the earlier ones were delivered)
            pickings.action_confirm()
            pickings.action_assign()
            pickings.move_ids.picked = True
            pickings._action_done()
            # date each delivery (and the warranties it registered) in the past
            warranty = _installed(env, "aftersales_warranty")
            for picking, when in zip(pickings, dates, strict=True):
                picking.write({"date_done": when})
                picking.move_ids.write({"date": when})
                picking.move_line_ids.write({"date": when})
                if warranty:
                    env["aftersales.warranty"].search([("picking_id", "=", picking.id)]).write(
                        {"delivery_date": when.date()}
                    )
            lot_ids += lots.ids
            assert all(p.state == "done" for p in pickings)
            # what Odoo's daily quant task does: without it every reservation of the next
            # batches reads the empty quants of the serials delivered before
            env["stock.quant"]._unlink_zero_quants()
    state["lots"] = lot_ids


def _delivered_to(env, lot_ids):
    """{lot id: customer id} of delivered serials: the partner of the warranty the delivery
    registered with the suite, of the delivery itself without it."""
    if _installed(env, "aftersales_warranty"):
        warranties = env["aftersales.warranty"].search([("lot_id", "in", lot_ids)])
        return {w.lot_id.id: w.partner_id.id for w in warranties}
    lines = env["stock.move.line"].search(
        [
            ("lot_id", "in", lot_ids),
            ("state", "=", "done"),
            ("picking_code", "=", "outgoing"),
        ]
    )
    return {line.lot_id.id: line.picking_partner_id.id for line in lines}


def gen_repairs(odoo, db, sizes, state):
    """Done repairs of delivered serials (in batches, through Odoo's actions confirm, start
    and end, then with the suite its inspection passed, which creates each repair's feedback
    request), dated over the last REPAIR_MONTHS full months with more repairs in recent months
    (the last month is the largest); each with 3 part lines (priced by the suite's coverage
    service when it is installed)."""
    rnd = random.Random(SEED + 1)
    today = datetime.date.today()
    months = month_starts(today, REPAIR_MONTHS)
    per_month = split_counts(sizes["repairs"], list(range(1, REPAIR_MONTHS + 1)))
    days = []
    for first, count in zip(months, per_month, strict=True):
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        days += [
            datetime.datetime.combine(
                first + datetime.timedelta(days=rnd.randint(0, (last - first).days)),
                datetime.time(15, 0),
            )
            for _ in range(count)
        ]
    lots = rnd.sample(state["lots"], sizes["repairs"])
    repair_ids = []
    for start in range(0, len(lots), BATCH // 4):
        batch_lots = lots[start : start + BATCH // 4]
        batch_days = days[start : start + BATCH // 4]
        with environment(odoo, db, commit=True, context=GEN_CONTEXT) as env:
            stock = env.ref("stock.warehouse0").lot_stock_id
            unit = env["product.product"].browse(state["unit"])
            parts = env["product.product"].browse(state["parts"])
            Quant = env["stock.quant"]
            for part in parts:
                Quant._update_available_quantity(part, stock, float(len(batch_lots)))
            lot_records = env["stock.lot"].browse(batch_lots)
            owner = _delivered_to(env, batch_lots)
            suite = _installed(env, "aftersales_repair")
            # the unit is brought to the workshop: in stock, owned by its customer
            Quant.sudo().create(
                [
                    {
                        "product_id": unit.id,
                        "location_id": stock.id,
                        "lot_id": lot.id,
                        "owner_id": owner[lot.id],
                        "quantity": 1.0,
                    }
                    for lot in lot_records
                ]
            )
            repairs = env["repair.order"].create(
                [
                    {
                        "partner_id": owner[lot.id],
                        "product_id": unit.id,
                        "lot_id": lot.id,
                        "user_id": rnd.choice(state["technicians"]),
                        "move_ids": [
                            (
                                0,
                                0,
                                {
                                    "repair_line_type": "add",
                                    "product_id": part.id,
                                    "product_uom_qty": 1.0,
                                },
                            )
                            for part in parts
                        ],
                    }
                    for lot in lot_records
                ]
            )
            if suite:
                # paid repairs (a part out of warranty): the customer accepted the estimate
                for repair in repairs.filtered(lambda r: r.customer_acceptance_state == "pending"):
                    repair._aftersales_set_customer_decision(
                        "accepted", repair.partner_id.name, "phone"
                    )
            repairs._action_repair_confirm()
            repairs.action_repair_start()
            repairs.action_repair_end()
            if suite:
                inspector = env["res.users"].browse(state["inspector"])
                repairs.with_user(inspector).action_inspection_pass()
            assert set(repairs.mapped("state")) == {"done"}, set(repairs.mapped("state"))
            # the suite's date of repair; Odoo's own repair has only its scheduled date
            date_field = "date_repaired" if suite else "schedule_date"
            by_day = {}
            for repair, when in zip(repairs, batch_days, strict=True):
                by_day.setdefault(when, env["repair.order"])
                by_day[when] |= repair
            for when, group in by_day.items():
                group.write({date_field: when})
            repair_ids += repairs.ids
    state["repairs"] = repair_ids


def gen_feedback(odoo, db, sizes, state):
    """Feedback answers: the requests of the generated repairs answered, then answered
    requests of on-site visits (dispatches of those repairs) up to the scale's count."""
    rnd = random.Random(SEED + 2)
    with environment(odoo, db, commit=True, context=GEN_CONTEXT) as env:
        Request = env["aftersales.feedback.request"]
        requests = Request.search([("repair_id", "in", state["repairs"])])
        groups = {}
        for request in requests[: sizes["feedback"]]:
            ratings = tuple(rnd.choice(RATING_LEVELS) for _ in range(4))
            when = request.repair_id.date_repaired + datetime.timedelta(days=2)
            groups.setdefault((ratings, when.replace(day=1)), Request)
            groups[(ratings, when.replace(day=1))] |= request
        for (ratings, when), group in groups.items():
            group.write(_answer_vals(ratings, when))
        env.cr.commit()  # the benchmark's own database, generated data only
        remaining = sizes["feedback"] - min(len(requests), sizes["feedback"])
        repairs = env["repair.order"].browse(state["repairs"])
        for start in range(0, remaining, BATCH):
            count = min(BATCH, remaining - start)
            chosen = [repairs[rnd.randrange(len(repairs))] for _ in range(count)]
            dispatches = env["aftersales.dispatch"].create(
                [
                    {
                        "repair_id": repair.id,
                        "technician_ids": [(6, 0, repair.user_id.ids)],
                        "planned_start": repair.date_repaired - datetime.timedelta(hours=3),
                        "planned_end": repair.date_repaired - datetime.timedelta(hours=1),
                        "checkin_datetime": repair.date_repaired - datetime.timedelta(hours=3),
                        "checkout_datetime": repair.date_repaired - datetime.timedelta(hours=1),
                        "state": "returned",
                    }
                    for repair in chosen
                ]
            )
            Request.create(
                [
                    {
                        "repair_id": dispatch.repair_id.id,
                        "dispatch_id": dispatch.id,
                        "partner_id": dispatch.repair_id.partner_id.id,
                        "technician_id": dispatch.repair_id.user_id.id,
                        "company_id": dispatch.company_id.id,
                        "expiry_date": dispatch.checkout_datetime + datetime.timedelta(days=30),
                        **_answer_vals(
                            tuple(rnd.choice(RATING_LEVELS) for _ in range(4)),
                            dispatch.checkout_datetime + datetime.timedelta(days=1),
                        ),
                    }
                    for dispatch in dispatches
                ]
            )
            env.cr.commit()  # the benchmark's own database, generated data only


def _answer_vals(ratings, when):
    return {
        "state": "answered",
        "answer_channel": "web",
        "answered_date": when,
        "rating_attitude": ratings[0],
        "rating_skill": ratings[1],
        "rating_arrival": ratings[2],
        "rating_promise": ratings[3],
    }


def gen_returns(odoo, db, sizes, state):
    """Open defective-part returns: issued warranty part requests of generated repairs (one
    part each) and their expected returns, OVERDUE_SHARE of them past their due date."""
    rnd = random.Random(SEED + 3)
    today = datetime.date.today()
    total = sizes["returns"]
    for start in range(0, total, BATCH):
        count = min(BATCH, total - start)
        with environment(odoo, db, commit=True, context=GEN_CONTEXT) as env:
            repairs = env["repair.order"].browse(rnd.sample(state["repairs"], count))
            parts = env["product.product"].browse(state["parts"])
            requests = env["aftersales.warranty.part.request"].create(
                [
                    {
                        "company_id": repair.company_id.id,
                        "repair_id": repair.id,
                        "requester_id": repair.user_id.id,
                        "technician_id": repair.user_id.id,
                        "recipient_type": "technician",
                        "line_ids": [(0, 0, {"product_id": rnd.choice(parts).id})],
                    }
                    for repair in repairs
                ]
            )
            requests.write({"state": "issued"})
            vals_list = []
            for i, request in enumerate(requests):
                line = request.line_ids
                overdue = (start + i) < total * OVERDUE_SHARE
                issued = today - datetime.timedelta(days=rnd.randint(5, 40) if overdue else 1)
                due = issued + datetime.timedelta(days=3)
                if not overdue:
                    due = today + datetime.timedelta(days=rnd.randint(1, 30))
                vals_list.append(
                    {
                        "company_id": request.company_id.id,
                        "request_id": request.id,
                        "request_line_id": line.id,
                        "returner_type": "technician",
                        "partner_id": request.technician_id.partner_id.id,
                        "product_id": line.product_id.id,
                        "quantity": 1.0,
                        "unit_cost": line.product_id.standard_price,
                        "date_issued": issued,
                        "date_due": due,
                    }
                )
            env["aftersales.part.return"].create(vals_list)


# each generator and the module it needs (None: Odoo's own, run in the plain baselines too)
GENERATORS = [
    (gen_master_data, None),
    (gen_deliveries, None),
    (gen_repairs, None),
    (gen_feedback, "aftersales_feedback"),
    (gen_returns, "aftersales_warranty"),
]


def generate(args):
    odoo = _odoo(args)
    sizes = SCALES[args.scale]
    state = {}
    with environment(odoo, args.db) as env:
        modules = {module for __, module in GENERATORS if module and _installed(env, module)}
    for step, module in GENERATORS:
        if module and module not in modules:
            print(f"  skipped {step.__name__} ({module} not installed)", file=sys.stderr)
            continue
        t0 = time.perf_counter()
        step(odoo, args.db, sizes, state)
        print(f"  generated {step.__name__} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)


# --- measurements ----------------------------------------------------------------------------


def _queries(env):
    return env.cr.sql_log_count


def timed(odoo, db, make, repeat, label):
    """Runs make(env) -> run() `repeat` times, each in a rolled-back transaction."""
    samples = []
    for _ in range(repeat):
        with environment(odoo, db) as env:
            run = make(env)
            env.flush_all()
            env.invalidate_all()
            q0 = _queries(env)
            t0 = time.perf_counter()
            count = run() or 1
            elapsed = time.perf_counter() - t0
            queries = _queries(env) - q0
        sample = {"seconds": elapsed, "queries": queries, "count": count}
        if getattr(run, "steps", None):
            sample["steps"] = dict(run.steps.queries)
            sample["step_seconds"] = dict(run.steps.seconds)
            sample["step_cpu_seconds"] = dict(run.steps.cpu_seconds)
            sample["step_queries_after_first"] = {
                step: {"value": sum(values), "count": len(values)}
                for step, values in run.steps.queries_after_first.items()
            }
        samples.append(sample)
        print(f"  {label}: {elapsed:.3f}s, {queries} queries, {count} records", file=sys.stderr)
    return samples


def summary(samples, key, per_record=False):
    """Median, min and max of ``key`` over the samples (divided by each sample's count when
    per_record); None without samples."""
    if not samples:
        return None
    values = [s[key] / (s["count"] or 1 if per_record else 1) for s in samples]
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
    }


def step_summary(samples, step, key="steps"):
    """summary() per record of one step of a flow: its queries (key "steps") or its wall time
    (key "step_seconds") or its CPU time (key "step_cpu_seconds"); None when the flow has no
    such step."""
    values = [
        {"value": s[key][step], "count": s["count"]} for s in samples if step in s.get(key, {})
    ]
    return summary(values, "value", per_record=True)


def shared_steps_summary(samples, steps, key="step_seconds"):
    """summary() of the wall time (or CPU time, key "step_cpu_seconds") of the given steps
    only (those both flows have)."""
    values = [
        {"seconds": sum(s[key].get(step, 0.0) for step in steps), "count": 1}
        for s in samples
        if key in s
    ]
    return summary(values, "seconds")


def ratio(value, baseline):
    """Median of value over median of baseline, or None when there is no usable baseline."""
    if not value or not baseline or not baseline["median"]:
        return None
    return value["median"] / baseline["median"]


def figure(name, value, baseline, unit, target=None, note=""):
    return {
        "name": name,
        "value": value,
        "baseline": baseline,
        "ratio": ratio(value, baseline),
        "unit": unit,
        "target": target,
        "note": note,
    }


def measure_line_growth(odoo, args, add):
    """Queries per order of the same flows with 6 part lines instead of 3: the growth per
    added line, suite vs plain (a small constant per line is the target)."""
    n = max(1, args.orders // 4)
    per_line = {}
    for name, db, flow in (
        ("plain", args.plain_db, flow_plain),
        ("suite", args.suite_db, flow_suite),
    ):
        samples = []
        for n_parts in (3, 6):
            samples.append(
                timed(
                    odoo,
                    db,
                    lambda env, f=flow, k=n_parts: f(env, n, k),
                    args.repeat,
                    f"{name} {n_parts} lines",
                )
            )
        per_line[name] = [
            {
                "seconds": (six["seconds"] - three["seconds"]) / n / 3,
                "queries": (six["queries"] - three["queries"]) / n / 3,
                "count": 1,
            }
            for three, six in zip(samples[0], samples[1], strict=True)
        ]
    add(
        "repair flow queries per added part line",
        summary(per_line["suite"], "queries"),
        summary(per_line["plain"], "queries"),
        "queries/line/order",
        target="small constant",
        note=f"{n} orders, 6 vs 3 lines",
    )


def _delivered_lines(env, count):
    """(lot, part) pairs of registered serials: the lines a repair of those serials prices."""
    warranties = env["aftersales.warranty"].search(
        [("state", "=", "active"), ("policy_id", "!=", False)], limit=count, order="id"
    )
    parts = warranties.line_ids.filtered("part_product_id").part_product_id
    pairs = [(w.lot_id, p) for w in warranties for p in parts]
    return pairs[:count]


def measure_coverage(odoo, args, add):
    """coverage() for one repair line (small vs current scale) and coverage_batch of 1,000
    lines (small vs current scale)."""
    calls = 50

    def one(env):
        lot, part = _delivered_lines(env, 1)[0]
        Warranty = env["aftersales.warranty"]
        lot_ids, part_id = lot.id, part.id

        def run():
            for _ in range(calls):
                env.invalidate_all()
                Warranty.coverage(env["stock.lot"].browse(lot_ids), part.browse(part_id))
            return calls

        return run

    def batch(env):
        pairs = _delivered_lines(env, 1000)
        Warranty = env["aftersales.warranty"]

        def run():
            env.invalidate_all()
            Warranty.coverage_batch([(lot, part, None, None) for lot, part in pairs])
            return len(pairs)

        return run

    small_one = timed(odoo, args.small_db, one, args.repeat, "coverage() small")
    large_one = timed(odoo, args.suite_db, one, args.repeat, f"coverage() {args.scale}")
    add(
        "coverage() one line, time",
        summary(large_one, "seconds", per_record=True),
        summary(small_one, "seconds", per_record=True),
        "s/call",
        target="ratio <= 1.2 (vs small scale)",
    )
    add(
        "coverage() one line, queries",
        summary(large_one, "queries", per_record=True),
        summary(small_one, "queries", per_record=True),
        "queries/call",
        target="constant",
    )
    small_batch = timed(odoo, args.small_db, batch, args.repeat, "coverage_batch small")
    large_batch = timed(odoo, args.suite_db, batch, args.repeat, f"coverage_batch {args.scale}")
    count = large_batch[0]["count"]
    add(
        f"coverage_batch {count} lines, time",
        summary(large_batch, "seconds"),
        summary(small_batch, "seconds"),
        "s",
        target="ratio <= 1.2 (vs small scale)",
    )
    add(
        f"coverage_batch {count} lines, queries",
        summary(large_batch, "queries"),
        summary(small_batch, "queries"),
        "queries",
        target="constant",
    )


def _cron_figures(odoo, args, add, label, make):
    small = timed(odoo, args.small_db, make, args.repeat, f"{label} small")
    large = timed(odoo, args.suite_db, make, args.repeat, f"{label} {args.scale}")
    counts = f"{large[0]['count']} vs {small[0]['count']} records"
    add(
        f"{label}, time per record",
        summary(large, "seconds", per_record=True),
        summary(small, "seconds", per_record=True),
        "s/record",
        target="ratio ~1 (linear in due records)",
        note=counts,
    )
    add(
        f"{label}, queries per record",
        summary(large, "queries", per_record=True),
        summary(small, "queries", per_record=True),
        "queries/record",
        target="constant per batch",
        note=counts,
    )


def measure_callback_cron(odoo, args, add):
    """aftersales_feedback's callback scheduler: every callback falling due by tomorrow."""

    def make(env):
        def run():
            return env["aftersales.callback"]._cron_generate_callbacks()

        return run

    _cron_figures(odoo, args, add, "callback cron", make)

    def make_rerun(env):
        created = env["aftersales.callback"]._cron_generate_callbacks()

        def run():
            env["aftersales.callback"]._cron_generate_callbacks()
            return created

        return run

    label = "callback cron re-run"
    small = timed(odoo, args.small_db, make_rerun, args.repeat, f"{label} small")
    large = timed(odoo, args.suite_db, make_rerun, args.repeat, f"{label} {args.scale}")
    add(
        "callback cron re-run (all created), time per due record",
        summary(large, "seconds", per_record=True),
        summary(small, "seconds", per_record=True),
        "s/record",
        target="ratio ~1 (due records only, not the history)",
        note=f"{large[0]['count']} vs {small[0]['count']} due records",
    )


def measure_return_cron(odoo, args, add):
    """aftersales_warranty's cron charging defective parts not returned in time (one batch)."""

    def make(env):
        def run():
            return len(env["aftersales.part.return"]._cron_charge_overdue_returns())

        return run

    _cron_figures(odoo, args, add, "return-overdue cron", make)


def _dealer_overdue_returns(env, count):
    """``count`` overdue defective-part returns of one new dealer (issued warranty part
    requests of done repairs); every other expected return is made not yet due, so that the
    cron charges this dealer's batch only."""
    today = datetime.date.today()
    Return = env["aftersales.part.return"]
    Return.search([("state", "=", "expected")]).write(
        {"date_due": today + datetime.timedelta(days=60)}
    )
    dealer = env["res.partner"].create({"name": f"Bench Dealer {count}", "is_company": True})
    repairs = env["repair.order"].search([("state", "=", "done")], limit=count)
    part = repairs[:1].move_ids.product_id[:1]  # one of the generated warranted parts
    requests = env["aftersales.warranty.part.request"].create(
        [
            {
                "company_id": repair.company_id.id,
                "repair_id": repair.id,
                "requester_id": repair.user_id.id,
                "technician_id": repair.user_id.id,
                "recipient_type": "dealer",
                "dealer_id": dealer.id,
                "delivery_mode": "ship_dealer",
                "line_ids": [(0, 0, {"product_id": part.id})],
            }
            for repair in repairs
        ]
    )
    requests.write({"state": "issued"})
    issued = today - datetime.timedelta(days=40)
    Return.create(
        [
            {
                "company_id": request.company_id.id,
                "request_id": request.id,
                "request_line_id": request.line_ids.id,
                "returner_type": "dealer",
                "partner_id": dealer.id,
                "product_id": part.id,
                "quantity": 1.0,
                "unit_cost": part.standard_price,
                "date_issued": issued,
                "date_due": issued + datetime.timedelta(days=30),
            }
            for request in requests
        ]
    )
    return len(requests)


def _plain_parts_sale(env, count):
    """What Odoo alone does for the same charge: a sale order to a new dealer with ``count``
    lines of a part, confirmed and invoiced (the baseline of a dealer's batch)."""
    dealer = env["res.partner"].create({"name": f"Plain Dealer {count}", "is_company": True})
    part = env["repair.order"].search([("state", "=", "done")], limit=1).move_ids.product_id[:1]

    def run():
        order = env["sale.order"].create(
            {
                "partner_id": dealer.id,
                "order_line": [
                    (0, 0, {"product_id": part.id, "product_uom_qty": 1.0}) for _i in range(count)
                ],
            }
        )
        order.action_confirm()
        order._create_invoices()
        return 1

    return run


def measure_return_cron_dealer(odoo, args, add):
    """The return-overdue cron on one dealer's batch (all its overdue parts in one parts sale
    and one invoice) against what Odoo alone does for the same charge (a sale order with a
    line per part, confirmed and invoiced): the suite's own queries are the difference, the
    same for 10 and 100 parts."""

    def make_for(count):
        def make(env):
            created = _dealer_overdue_returns(env, count)

            def run():
                charged = env["aftersales.part.return"]._cron_charge_overdue_returns(
                    batch_size=1000
                )
                assert len(charged) == created, (len(charged), created)
                return 1

            return run

        return make

    for count in (10, 100):
        suite = timed(odoo, args.small_db, make_for(count), args.repeat, f"dealer batch {count}")
        plain = timed(
            odoo,
            args.small_db,
            lambda env, count=count: _plain_parts_sale(env, count),
            args.repeat,
            f"plain parts sale {count}",
        )
        add(
            f"return-overdue cron, one dealer's {count} parts, queries",
            summary(suite, "queries"),
            summary(plain, "queries"),
            "queries/batch",
            target="suite - plain constant (10 vs 100 parts)",
            note="baseline: Odoo's sale order with the same lines, confirmed and invoiced",
        )
        add(
            f"return-overdue cron, one dealer's {count} parts, time",
            summary(suite, "seconds"),
            summary(plain, "seconds"),
            "s/batch",
            note="baseline: Odoo's sale order with the same lines, confirmed and invoiced",
        )


def _workbook_months(env):
    """(largest month, smallest non-empty month) of done repairs, as first days."""
    groups = env["repair.order"]._read_group(
        [("state", "=", "done"), ("date_repaired", "!=", False)],
        ["date_repaired:month"],
        ["__count"],
    )
    groups = sorted(groups, key=lambda g: g[1])
    return groups[-1][0].date(), groups[0][0].date(), groups[-1][1], groups[0][1]


def measure_workbook(odoo, args, add):
    """The monthly workbook of the largest month vs the smallest month: time and peak memory
    (tracemalloc) of generating the XLSX."""
    with environment(odoo, args.suite_db) as env:
        large_month, small_month, large_count, small_count = _workbook_months(env)

    def sample(month):
        with environment(odoo, args.suite_db) as env:
            Workbook = env["aftersales.monthly.workbook"]
            env.invalidate_all()
            tracemalloc.start()
            t0 = time.perf_counter()
            q0 = _queries(env)
            __, data = Workbook._aftersales_workbook_generate(month, env.company)
            elapsed = time.perf_counter() - t0
            queries = _queries(env) - q0
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        return {"seconds": elapsed, "queries": queries, "peak": peak / 2**20, "count": 1}

    sample(large_month)  # warm-up: imports, registry and view caches
    small = [sample(small_month) for _ in range(args.repeat)]
    large = [sample(large_month) for _ in range(args.repeat)]
    for s in small + large:
        print(f"  workbook: {s['seconds']:.3f}s, {s['peak']:.1f} MiB", file=sys.stderr)
    note = f"{large_month:%Y-%m} ({large_count} repairs) vs {small_month:%Y-%m} ({small_count})"
    add(
        "workbook largest month, time",
        summary(large, "seconds"),
        summary(small, "seconds"),
        "s",
        note=note,
    )
    add(
        "workbook largest month, peak memory",
        summary(large, "peak"),
        summary(small, "peak"),
        "MiB",
        target="ratio <= 1.2",
        note=note,
    )
    add(
        "workbook largest month, queries",
        summary(large, "queries"),
        summary(small, "queries"),
        "queries",
        note=note,
    )


def measure_feedback_kpi(odoo, args, add):
    """Feedback KPI views: read_group of the technician ratings (all answers, by technician
    and by month), current scale vs small scale."""

    def make(env):
        Report = env["aftersales.technician.rating.report"]

        def run():
            env.invalidate_all()
            by_tech = Report._read_group(
                [], ["technician_id"], ["rating_count:sum", "score_average:avg"]
            )
            Report._read_group([], ["date:month"], ["rating_count:sum", "score_average:avg"])
            return sum(count or 0 for __, count, __avg in by_tech)

        return run

    small = timed(odoo, args.small_db, make, args.repeat, "rating KPI small")
    large = timed(odoo, args.suite_db, make, args.repeat, f"rating KPI {args.scale}")
    add(
        "feedback KPI read_group, time",
        summary(large, "seconds"),
        summary(small, "seconds"),
        "s",
        note=f"{large[0]['count']} vs {small[0]['count']} answers",
    )


def odoo_mail_plain(env, n_orders):
    """What a price approval tells people, done with Odoo's own mail API on repairs of the
    plain baseline (no suite), order by order: a clerk's note notifying one user by e-mail
    (`message_post`), a to-do for that user (`activity_schedule`, which also tells them), the
    to-do marked done by the user (`action_feedback`), the user's note notifying nobody."""
    partner, unit, parts, lots = _flow_fixtures(env, n_orders, "mail")
    repairs = env["repair.order"].create(_repair_vals(partner, unit, parts, lots))
    clerk = _bench_user(env, "bench_mail_clerk", ["stock.group_stock_user"])
    approver = _bench_user(env, "bench_mail_approver", ["stock.group_stock_manager"])
    steps = Steps(env)

    def run():
        for repair in repairs:
            with steps("note notifying one user by e-mail (message_post)"):
                repair.with_user(clerk).message_post(
                    body="Approval requested.",
                    partner_ids=approver.partner_id.ids,
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
            with steps("to-do for that user (activity_schedule)"):
                repair.with_user(clerk).activity_schedule(
                    "mail.mail_activity_data_todo", summary="Approve", user_id=approver.id
                )
            with steps("to-do done by that user (action_feedback)"):
                repair.activity_ids.with_user(approver).action_feedback(feedback="Approved.")
            with steps("note notifying nobody (message_post)"):
                repair.with_user(approver).message_post(
                    body="Approved.", message_type="comment", subtype_xmlid="mail.mt_note"
                )
        return len(repairs)

    run.steps = steps
    return run


def measure_odoo_mail(odoo, args, add):
    """Odoo's own cost of the chatter notes and to-dos a price approval consists of, per
    order, on the plain baseline: a measure of what the suite's price approval (the repair
    flow's step) does with them."""
    n = args.orders
    samples = timed(
        odoo, args.plain_db, lambda env: odoo_mail_plain(env, n), args.repeat, "Odoo's mail"
    )
    for step in samples[0]["steps"]:
        add(f"Odoo's mail: {step}", step_summary(samples, step), None, "queries/order")
        add(
            f"Odoo's mail: {step}",
            step_summary(samples, step, "step_seconds"),
            None,
            "s/order",
            note="on the plain baseline, no suite",
        )
    for key, unit in (("steps", "queries/order"), ("step_seconds", "s/order")):
        add(
            "Odoo's mail: the four together",
            summary(
                [{"value": sum(s[key].values()), "count": s["count"]} for s in samples],
                "value",
                per_record=True,
            ),
            None,
            unit,
            note="compare the suite's price approval (request + approve) in the repair flow",
        )


EXTRA_MEASUREMENTS = [
    measure_line_growth,
    measure_coverage,
    measure_callback_cron,
    measure_return_cron,
    measure_return_cron_dealer,
    measure_workbook,
    measure_feedback_kpi,
    measure_odoo_mail,
]


@contextlib.contextmanager
def profiled(directory, label):
    """With --profile DIR: a cProfile of each step of the flow, written to
    DIR/<label>-<step>.prof (read them with python3 -m pstats)."""
    if not directory:
        yield
        return
    Steps.profilers = PROFILERS.setdefault(label, {})
    try:
        yield
    finally:
        os.makedirs(directory, exist_ok=True)
        for step, profiler in Steps.profilers.items():
            name = "".join(c if c.isalnum() else "_" for c in step.split(" (")[0])
            profiler.dump_stats(os.path.join(directory, f"{label}-{name}.prof"))
        Steps.profilers = None


# the suite's own steps of the flow with a target on their steady queries per order (issue 15)
STEADY_TARGETS = {"price approval (request + approve)": "<= 12"}

# --profile: the profilers of each flow (label -> step -> cProfile.Profile), over all repeats
PROFILERS = {}


def measure(args):
    odoo = _odoo(args)
    figures = []

    def add(name, value, baseline, unit, target=None, note=""):
        figures.append(figure(name, value, baseline, unit, target, note))

    n = args.orders
    only = set(args.only or [])
    if not only or "flow" in only:
        print(f"repair flow: {n} orders x 3 parts, plain vs suite", file=sys.stderr)
        # plain and suite alternate, so that a load that changes during the run (the machine
        # may be shared) weighs on both flows alike
        plain, suite = [], []
        for _ in range(args.repeat):
            with profiled(args.profile, "plain"):
                plain += timed(odoo, args.plain_db, lambda env: flow_plain(env, n), 1, "plain")
            with profiled(args.profile, "suite"):
                suite += timed(odoo, args.suite_db, lambda env: flow_suite(env, n), 1, "suite")
        add(
            f"repair flow wall time ({n} orders)",
            summary(suite, "seconds"),
            summary(plain, "seconds"),
            "s",
            target="ratio <= 1.3",
        )
        add(
            f"repair flow CPU time, sum of the steps ({n} orders)",
            shared_steps_summary(suite, list(suite[0].get("steps", {})), "step_cpu_seconds"),
            shared_steps_summary(plain, list(plain[0].get("steps", {})), "step_cpu_seconds"),
            "s",
            note="CPU time of the benchmark's process (not PostgreSQL's)",
        )
        add(
            "repair flow SQL queries per order",
            summary(suite, "queries", per_record=True),
            summary(plain, "queries", per_record=True),
            "queries/order",
            target="constant per order",
        )
        shared = [step for step in suite[0].get("steps", {}) if step in plain[0].get("steps", {})]
        add(
            f"repair flow wall time, steps Odoo's flow also has ({n} orders)",
            shared_steps_summary(suite, shared),
            shared_steps_summary(plain, shared),
            "s",
            target="ratio <= 1.3",
            note=", ".join(shared),
        )
        for step in suite[0].get("steps", {}):
            add(
                f"  step: {step}",
                step_summary(suite, step),
                step_summary(plain, step),
                "queries/order",
            )
            if step not in shared and step in suite[0].get("step_queries_after_first", {}):
                # the suite's own steps run order by order: their steady cost, the first order
                # excepted (it also reads what the later ones find in the transaction's caches)
                add(
                    f"  step: {step}, each order after the first",
                    summary(
                        [s["step_queries_after_first"][step] for s in suite],
                        "value",
                        per_record=True,
                    ),
                    None,
                    "queries/order",
                    target=STEADY_TARGETS.get(step),
                    note="steady: the first order also fills the transaction's caches",
                )
            add(
                f"  step: {step}",
                step_summary(suite, step, "step_seconds"),
                step_summary(plain, step, "step_seconds"),
                "s/order",
                note="" if step in shared else "the suite's own step",
            )
            add(
                f"  step: {step} (CPU)",
                step_summary(suite, step, "step_cpu_seconds"),
                step_summary(plain, step, "step_cpu_seconds"),
                "s/order",
                note="CPU time of the benchmark's process (not PostgreSQL's)",
            )

    for extra in EXTRA_MEASUREMENTS:
        if only and extra.__name__.removeprefix("measure_") not in only:
            continue
        try:
            extra(odoo, args, add)
        except Exception as exc:  # a missing feature is reported, not fatal
            figures.append({"name": extra.__name__, "error": repr(exc)})
            print(f"  {extra.__name__}: not measured ({exc!r})", file=sys.stderr)

    report(odoo, args, figures)


def machine():
    return {
        "cores": os.cpu_count(),
        "ram_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def format_value(v):
    if not v:
        return "-"
    return f"{v['median']:.4g} ({v['min']:.3g}–{v['max']:.3g})"


def format_table(meta, figures):
    """The console table (a list of lines) of the figures."""
    width = max([len(f["name"]) for f in figures] + [len("measurement")]) + 2
    lines = [
        f"After-Sales suite benchmark — scale {meta['scale']}, median of {meta['repeat']} "
        f"(min–max), Odoo {meta['odoo']}, PostgreSQL {meta['postgresql']}, "
        f"{meta['machine']['cores']} cores, {meta['machine']['ram_gib']} GiB",
        f"{'measurement':<{width}} {'suite':>24} {'baseline':>24} {'ratio':>7}  target",
    ]
    for f in figures:
        if "error" in f:
            lines.append(f"{f['name']:<{width}} not measured: {f['error']}")
            continue
        ratio_text = f"{f['ratio']:.2f}" if f["ratio"] is not None else "-"
        note = f" [{f['note']}]" if f.get("note") else ""
        lines.append(
            f"{f['name']:<{width}} {format_value(f['value']):>24} "
            f"{format_value(f['baseline']):>24} {ratio_text:>7}  "
            f"{f['target'] or ''} ({f['unit']}){note}"
        )
    return lines


def build_meta(args, odoo_version, pg_version):
    """What the figures were measured on: scale, repeats, machine, Odoo and PostgreSQL."""
    return {
        "scale": args.scale,
        "baseline_scale": "small",
        # the repair flow's baseline: Odoo's modules only, data of the same scale
        "flow_baseline_db": args.plain_db,
        "repeat": args.repeat,
        "orders": args.orders,
        "sizes": SCALES[args.scale],
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "odoo": odoo_version,
        "postgresql": pg_version,
    }


def write_json(path, meta, figures):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"meta": meta, "figures": figures}, fh, indent=2)


def report(odoo, args, figures):
    with environment(odoo, args.suite_db) as env:
        env.cr.execute("SHOW server_version")
        pg_version = env.cr.fetchone()[0]
    meta = build_meta(args, odoo.release.version, pg_version)
    print("\n".join(format_table(meta, figures)))
    if args.json:
        write_json(args.json, meta, figures)
        print(f"written: {args.json}")


# --- warranty forecast: fit and forecast on synthetic arrays (no database) --------------
# Three warranted parts per serial (as the generated data), their true Weibull (shape,
# scale in months) and warranty months, chosen so that 100,000 serials delivered over 36
# months have about 20,000 warranty failures (the large scale's repairs); five products.
FORECAST_PARTS = [(1.6, 100.0, 36), (1.2, 90.0, 12), (2.2, 52.0, 18)]
FORECAST_PRODUCTS = 5


def _load_reliability():
    import importlib.util

    path = os.path.join(
        os.path.dirname(os.path.abspath(__file__)),
        "..",
        "addons",
        "aftersales_warranty_forecast",
        "tools",
        "reliability.py",
    )
    spec = importlib.util.spec_from_file_location("warranty_reliability", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def forecast_rows(serials, seed=1):
    """Register rows (part, product, start, return, state, end, failure dates) of ``serials``
    units delivered over DELIVERY_MONTHS months with three parts each, their failures drawn
    from the parts' Weibull lives (failures within the warranty and before today count)."""
    rng = random.Random(seed)
    today = datetime.date(2026, 11, 1)
    rows, failures = [], 0
    for index in range(serials):
        start = today - datetime.timedelta(days=rng.randrange(DELIVERY_MONTHS * 30))
        product = index % FORECAST_PRODUCTS
        for part, (shape, scale, months) in enumerate(FORECAST_PARTS):
            end = start + datetime.timedelta(days=int(months * 30.4375))
            life = rng.weibullvariate(scale, shape)
            day = start + datetime.timedelta(days=int(life * 30.4375))
            row = [part, product, start, None, "active", end, None]
            if day <= min(today, end):
                failures += 1
                row[6] = [day]
            rows.append(tuple(row))
    return today, rows, failures


def forecast_bench(args):
    rel = _load_reliability()
    today, rows, failures = forecast_rows(args.serials)
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    offset = rel.months_between(today, first)

    def run():
        steps = [(time.perf_counter(), time.process_time())]
        data = rel.life_data(rows, today)
        steps.append((time.perf_counter(), time.process_time()))
        fits = {part: rel.fit(f, c) for part, (f, c, __) in data.items()}
        steps.append((time.perf_counter(), time.process_time()))
        claims = 0.0
        for part, (__, __, at_risk) in data.items():
            by_product, __ = rel.forecast(fits[part], at_risk, offset, 12)
            claims += sum(float(v.sum()) for v in by_product.values())
        steps.append((time.perf_counter(), time.process_time()))
        sample = {}
        for name, (before, after) in zip(
            ("life_data", "fit", "forecast"), zip(steps[:-1], steps[1:], strict=True), strict=True
        ):
            sample[f"{name}_s"] = after[0] - before[0]
            sample[f"{name}_cpu_s"] = after[1] - before[1]
        sample["total_s"] = steps[-1][0] - steps[0][0]
        sample["total_cpu_s"] = steps[-1][1] - steps[0][1]
        return sample, fits, claims

    # timings without tracemalloc (it slows Python code down); one more run for the peak
    samples = []
    for __ in range(args.repeat):
        sample, fits, claims = run()
        samples.append(sample)
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    for sample in samples:
        sample["peak_mb"] = peak
    figures = {
        key: {
            "median": statistics.median(s[key] for s in samples),
            "min": min(s[key] for s in samples),
            "max": max(s[key] for s in samples),
        }
        for key in samples[0]
    }
    meta = {
        "serials": args.serials,
        "failures": failures,
        "rows": len(rows),
        "parts": {
            str(part): {
                "method": fit.method,
                "failures": fit.failures,
                "shape": round(fit.shape, 3),
                "scale": round(fit.scale, 1),
                "true": FORECAST_PARTS[part][:2],
            }
            for part, fit in fits.items()
        },
        "expected_claims_12_months": round(claims, 1),
        "repeat": args.repeat,
        "python": platform.python_version(),
    }
    print(
        f"warranty forecast on {args.serials:,} serials x {len(FORECAST_PARTS)} parts "
        f"({len(rows):,} rows), {failures:,} failures; median (min-max) of {args.repeat}:"
    )
    for key, value in figures.items():
        print(f"  {key:<16} {value['median']:8.3f} ({value['min']:.3f}-{value['max']:.3f})")
    for part, values in meta["parts"].items():
        print(f"  part {part}: {values}")
    if args.json:
        write_json(args.json, meta, figures)
        print(f"written: {args.json}")
    return meta, figures


MEASUREMENT_NAMES = ["flow"] + [m.__name__.removeprefix("measure_") for m in EXTRA_MEASUREMENTS]


def parse_args(argv=None):
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
    f = sub.add_parser("forecast", help="warranty fit and forecast on synthetic arrays")
    f.add_argument("--serials", type=_positive, default=SCALES["large"]["serials"])
    f.add_argument("--repeat", type=_positive, default=3)
    f.add_argument("--json")
    g = sub.choices["generate"]
    g.add_argument("--db", required=True)
    m = sub.choices["measure"]
    m.add_argument("--plain-db", required=True)
    m.add_argument("--suite-db", required=True)
    m.add_argument("--small-db", required=True)
    m.add_argument("--repeat", type=_positive, default=5)
    m.add_argument("--orders", type=_positive, default=1000)
    m.add_argument("--json")
    m.add_argument("--profile", help="write a cProfile of each flow step to this directory")
    m.add_argument(
        "--only",
        action="append",
        choices=MEASUREMENT_NAMES,
        help="run only this measurement (repeatable)",
    )
    return parser.parse_args(argv)


def _positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive integer")
    return value


def main(argv=None):
    args = parse_args(argv)
    if args.command == "generate":
        generate(args)
    elif args.command == "forecast":
        forecast_bench(args)
    else:
        measure(args)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
