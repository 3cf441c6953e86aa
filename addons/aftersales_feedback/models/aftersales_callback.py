# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, split_every

from .aftersales_callback_plan import TRIGGERS

_logger = logging.getLogger(__name__)

BATCH_SIZE = 1000


class AftersalesCallback(models.Model):
    _name = "aftersales.callback"
    _description = "Customer Callback"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "call_at desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    source_key = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        index=True,
        help="Plan, source, unit, step and occurrence: one callback each.",
    )
    plan_id = fields.Many2one("aftersales.callback.plan", required=True, ondelete="restrict")
    step_id = fields.Many2one("aftersales.callback.plan.step", ondelete="set null")
    occurrence = fields.Integer(help="0 for a plan step, n for the n-th yearly call after it.")
    trigger = fields.Selection(TRIGGERS, required=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="restrict"
    )
    phone = fields.Char(related="partner_id.phone")
    product_id = fields.Many2one("product.product", check_company=True)
    lot_id = fields.Many2one("stock.lot", string="Unit", check_company=True)
    repair_id = fields.Many2one("repair.order", index="btree_not_null", check_company=True)
    user_id = fields.Many2one("res.users", string="Caller", index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    due_date = fields.Datetime(required=True)
    call_at = fields.Datetime(required=True, index=True)
    script = fields.Html(related="plan_id.script", string="Script Questions")
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done")], default="planned", required=True, index=True
    )
    outcome = fields.Selection(
        [
            ("reached", "Reached"),
            ("satisfied", "Satisfied"),
            ("issue_found", "Issue found"),
            ("call_again", "Call again"),
        ],
        tracking=True,
    )
    notes = fields.Text(string="Call Notes")
    call_again_date = fields.Datetime()
    complaint_id = fields.Many2one(
        "aftersales.complaint", readonly=True, copy=False, check_company=True
    )
    created_repair_id = fields.Many2one(
        "repair.order", readonly=True, copy=False, check_company=True
    )

    _sql_constraints = [
        ("source_key_uniq", "unique(source_key)", "This callback exists already."),
    ]

    def action_record_outcome(self):
        # the call tasks open before this outcome: the planned call and an earlier "call
        # again", recognised by their activity types (never by their summary, which is
        # written in the caller's language)
        call_types = self.env.ref("mail.mail_activity_data_call") | self.env.ref(
            "aftersales_feedback.mail_activity_type_callback_call_again"
        )
        for callback in self:
            if not callback.outcome:
                raise UserError(_("Record the outcome of the call first."))
            if callback.outcome == "call_again" and not callback.call_again_date:
                raise UserError(_("Set when to call again."))
        done = self.activity_ids.filtered(lambda a: a.activity_type_id in call_types)
        for callback in self.filtered(lambda c: c.outcome == "call_again"):
            caller = callback.user_id or self.env.user
            # the caller's task in the caller's language
            caller_callback = callback.with_context(lang=caller.lang or self.env.lang)
            caller_callback.activity_schedule(
                "aftersales_feedback.mail_activity_type_callback_call_again",
                date_deadline=callback.call_again_date.date(),
                summary=caller_callback.env._("Call again"),
                user_id=caller.id,
            )
        done.action_feedback(feedback=_("Callback recorded."))
        self.filtered(lambda c: c.outcome != "call_again").state = "done"
        return True

    def action_open_complaint(self):
        self.ensure_one()
        if not self.complaint_id:
            self.complaint_id = self.env["aftersales.complaint"].create(
                {
                    "subject": _("Issue found on callback %(name)s", name=self.name),
                    "description": self.notes,
                    "channel": "callback",
                    "partner_id": self.partner_id.id,
                    "product_id": self.product_id.id,
                    "lot_id": self.lot_id.id,
                    "repair_id": self.repair_id.id,
                    "company_id": self.company_id.id,
                }
            )
            self.outcome = "issue_found"
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.complaint",
            "res_id": self.complaint_id.id,
            "view_mode": "form",
        }

    def action_create_repair(self):
        self.ensure_one()
        if not self.product_id:
            raise UserError(_("This callback has no unit to repair: open a complaint instead."))
        if not self.created_repair_id:
            self.created_repair_id = self.env["repair.order"].create(
                {
                    "partner_id": self.partner_id.id,
                    "product_id": self.product_id.id,
                    "lot_id": self.lot_id.id,
                    "company_id": self.company_id.id,
                    "internal_notes": self.notes or self.name,
                }
            )
            self.outcome = "issue_found"
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "res_id": self.created_repair_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Scheduling
    # ------------------------------------------------------------------
    @api.model
    def _cron_generate_callbacks(self):
        """Create every callback falling due by the next run; idempotent (source_key)."""
        plans = self.env["aftersales.callback.plan"].search([("step_ids", "!=", False)])
        total = 0
        for plan in plans:
            total += self._generate_for_plan(plan)
        _logger.info("Callback scheduler created %s callbacks", total)
        return total

    @api.model
    def _generate_for_plan(self, plan, source_ids=None, now=None):
        now = now or fields.Datetime.now()
        horizon = now + timedelta(days=1)
        steps = plan.step_ids.sorted(lambda s: (s.sequence, s.id))
        if not steps:
            return 0
        max_delta_days = max(self._delta_days(step) for step in steps)
        oldest = None
        if not plan.repeat_yearly:
            oldest = now - timedelta(days=max_delta_days + plan.catch_up_days + 1)
        due_window = (now - timedelta(days=plan.catch_up_days), horizon)
        rows = self._plan_sources(plan, oldest, now, source_ids, due_window=due_window)
        created = 0
        for chunk in split_every(BATCH_SIZE, rows, list):
            created += self._create_callbacks(plan, steps, chunk, now, horizon)
        return created

    @api.model
    def _delta_days(self, step):
        factor = {"hours": 1 / 24.0, "days": 1, "months": 31, "years": 366}[step.offset_unit]
        return step.offset_value * factor

    @api.model
    def _due_filter(self, plan, due_window):
        """SQL condition on ``src.anchor`` keeping the sources with a call falling due in
        ``due_window`` (a superset: _create_callbacks decides exactly). Without it a plan
        repeated yearly reads every delivery ever made on each run."""
        due_from, due_to = due_window
        margin = timedelta(days=3)  # month arithmetic of SQL and relativedelta may differ
        low, high = due_from - margin, due_to + margin
        steps = plan.step_ids.sorted(lambda s: (s.sequence, s.id))
        conditions = [
            SQL(
                "(src.anchor + %s::interval) BETWEEN %s AND %s",
                f"{step.offset_value} {step.offset_unit}",
                low,
                high,
            )
            for step in steps
        ]
        if plan.repeat_yearly and steps:
            last = steps[-1]
            if (high - low).days >= 360:
                return SQL("TRUE")
            # a yearly call falls on the anniversary (month and day) of the last step
            anniversary = SQL(
                "to_char(src.anchor + %s::interval, 'MMDD')",
                f"{last.offset_value} {last.offset_unit}",
            )
            low_md, high_md = low.strftime("%m%d"), high.strftime("%m%d")
            if low_md <= high_md:
                conditions.append(SQL("%s BETWEEN %s AND %s", anniversary, low_md, high_md))
            else:  # the window spans the new year
                conditions.append(
                    SQL("(%s >= %s OR %s <= %s)", anniversary, low_md, anniversary, high_md)
                )
        return SQL("(%s)", SQL(" OR ").join(conditions)) if conditions else SQL("TRUE")

    @api.model
    def _plan_sources(self, plan, oldest, now, source_ids=None, due_window=None):
        """Rows (source, source_id, anchor, partner, product, lot, repair, user, company);
        with ``due_window`` (from, to), only the sources with a call due in it."""
        categ_ids = (
            self.env["product.category"]
            .search([("id", "child_of", plan.product_categ_ids.ids)])
            .ids
            if plan.product_categ_ids
            else None
        )
        where = [SQL("TRUE")]
        if categ_ids is not None:
            where.append(SQL("pt.categ_id = ANY(%s)", categ_ids))
        if plan.company_id:
            where.append(SQL("src.company_id = %s", plan.company_id.id))
        if oldest:
            where.append(SQL("src.anchor >= %s", oldest))
        if due_window:
            where.append(self._due_filter(plan, due_window))
        if source_ids is not None:
            source_name, ids = source_ids
            where.append(SQL("src.source = %s AND src.source_id = ANY(%s)", source_name, ids))
        if plan.trigger == "delivery":
            source = SQL(
                """
                SELECT 'delivery' AS source, sml.id AS source_id, sml.date AS anchor,
                       COALESCE(sp.partner_id, sm.partner_id) AS partner_id,
                       sml.product_id, sml.lot_id, NULL::int AS repair_id,
                       rp.user_id AS user_id, sml.company_id
                  FROM stock_move_line sml
                  JOIN stock_move sm ON sm.id = sml.move_id
                  JOIN stock_location dest ON dest.id = sml.location_dest_id
                  JOIN stock_location orig ON orig.id = sml.location_id
             LEFT JOIN stock_picking sp ON sp.id = sml.picking_id
             LEFT JOIN res_partner rp ON rp.id = COALESCE(sp.partner_id, sm.partner_id)
                 WHERE sml.state = 'done' AND sml.lot_id IS NOT NULL
                   AND dest.usage = 'customer' AND orig.usage != 'customer'
                   AND sm.repair_id IS NULL
                """
            )
        else:
            if plan.trigger == "repair":
                mode = SQL("AND ro.service_mode IS DISTINCT FROM 'remote'")
            else:
                mode = SQL("AND ro.service_mode = 'remote'")
            source = SQL(
                """
                SELECT 'repair' AS source, ro.id AS source_id,
                       ro.date_repaired AS anchor, ro.partner_id,
                       ro.product_id, ro.lot_id, ro.id AS repair_id, ro.user_id, ro.company_id
                  FROM repair_order ro
                 WHERE ro.state = 'done' AND ro.date_repaired IS NOT NULL
                   AND ro.partner_id IS NOT NULL %s
                """,
                mode,
            )
            if plan.trigger == "phone_guidance":
                source = SQL(
                    """%s
                    UNION ALL
                    SELECT 'enquiry', c.id, c.closed_date, c.partner_id, c.product_id,
                           c.lot_id, c.repair_id, c.user_id, c.company_id
                      FROM aftersales_complaint c
                     WHERE c.kind = 'enquiry' AND c.state = 'closed'
                       AND c.answer_method = 'phone' AND c.partner_id IS NOT NULL
                    """,
                    source,
                )
        query = SQL(
            """
            SELECT src.* FROM (%s) src
         LEFT JOIN product_product pp ON pp.id = src.product_id
         LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE src.partner_id IS NOT NULL AND src.anchor <= %s AND %s
          ORDER BY src.source, src.source_id
            """,
            source,
            now,
            SQL(" AND ").join(where),
        )
        self.env.flush_all()
        self.env.cr.execute(query)
        return self.env.cr.dictfetchall()

    @api.model
    def _create_callbacks(self, plan, steps, rows, now, horizon):
        oldest_due = now - timedelta(days=plan.catch_up_days)
        candidates = {}
        last = steps[-1]
        for row in rows:
            anchor = row["anchor"]
            base = f"{plan.id}:{row['source']}:{row['source_id']}"
            for step in steps:
                due = anchor + step._delta()
                if oldest_due <= due <= horizon:
                    candidates[f"{base}:{step.id}:0"] = (row, step, 0, due)
            if plan.repeat_yearly:
                last_due = anchor + last._delta()
                years = max(1, relativedelta(oldest_due, last_due).years)
                while True:
                    due = last_due + relativedelta(years=years)
                    if due > horizon:
                        break
                    if due >= oldest_due:
                        candidates[f"{base}:{last.id}:{years}"] = (row, last, years, due)
                    years += 1
        if not candidates:
            return 0
        self.env.cr.execute(
            SQL(
                "SELECT source_key FROM aftersales_callback WHERE source_key = ANY(%s)",
                list(candidates),
            )
        )
        existing = {key for (key,) in self.env.cr.fetchall()}
        todo = [(key, value) for key, value in candidates.items() if key not in existing]
        if not todo:
            return 0
        partners = self.env["res.partner"].browse({v[0]["partner_id"] for _k, v in todo})
        partners.fetch(["name", "aftersales_preferred_call_time"])
        users = self.env["res.users"].browse(
            {v[0]["user_id"] for _k, v in todo if v[0]["user_id"]} | set(plan.user_id.ids)
        )
        users.fetch(["tz", "share", "active"])
        trigger_label = dict(TRIGGERS)[plan.trigger]
        vals_list = []
        for key, (row, step, occurrence, due) in todo:
            partner = partners.browse(row["partner_id"])
            user = users.browse(row["user_id"]) if row["user_id"] else plan.user_id
            if not user or user.share or not user.active:
                user = plan.user_id
            vals_list.append(
                {
                    "name": _(
                        "%(trigger)s: %(partner)s (%(step)s)",
                        trigger=trigger_label,
                        partner=partner.name,
                        step=step.name or "",
                    )
                    if not occurrence
                    else _(
                        "%(trigger)s: %(partner)s (yearly call %(n)s)",
                        trigger=trigger_label,
                        partner=partner.name,
                        n=occurrence,
                    ),
                    "source_key": key,
                    "plan_id": plan.id,
                    "step_id": step.id,
                    "occurrence": occurrence,
                    "trigger": plan.trigger,
                    "partner_id": partner.id,
                    "product_id": row["product_id"],
                    "lot_id": row["lot_id"],
                    "repair_id": row["repair_id"],
                    "user_id": user.id,
                    "company_id": row["company_id"] or plan.company_id.id or self.env.company.id,
                    "due_date": due,
                    "call_at": self._call_time(due, step, partner, user),
                }
            )
        callbacks = self.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True
        ).create(vals_list)
        self._schedule_activities(callbacks)
        return len(callbacks)

    @api.model
    def _call_time(self, due, step, partner, user):
        """The day the call falls due, at the time the customer prefers to be called."""
        preferred = partner.aftersales_preferred_call_time
        if step.offset_unit == "hours" or not preferred:
            return due
        tz = pytz.timezone(user.tz or "UTC")
        local_day = pytz.utc.localize(due).astimezone(tz).date()
        hours = int(preferred)
        minutes = int(round((preferred - hours) * 60)) % 60
        local = tz.localize(datetime.combine(local_day, time(hours, minutes)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _schedule_activities(self, callbacks):
        call_type = self.env.ref("mail.mail_activity_data_call")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for callback in callbacks:
            if not callback.user_id:
                continue
            local = fields.Datetime.context_timestamp(
                callback.with_context(tz=callback.user_id.tz or "UTC"), callback.call_at
            )
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": callback.id,
                    "activity_type_id": call_type.id,
                    "user_id": callback.user_id.id,
                    "date_deadline": local.date(),
                    # the caller's task in the caller's language
                    "summary": callback.with_context(
                        lang=callback.user_id.lang or self.env.lang
                    ).env._(
                        "Call %(partner)s at %(time)s",
                        partner=callback.partner_id.name,
                        time=local.strftime("%H:%M"),
                    ),
                    "note": callback.plan_id.script,
                }
            )
        # the scheduler creates activities for other users in one batch
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            vals_list
        )
