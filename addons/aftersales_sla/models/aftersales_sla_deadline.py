# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Service-level deadlines and the API other modules use to track their own targets.

API (works on any model inheriting ``aftersales.sla.mixin``; the deadlines point at the record
with res_model/res_id)::

    Deadline = self.env["aftersales.sla.deadline"]
    Deadline._sla_start(records, "customer_notification")   # start the clock
    Deadline._sla_meet(records, "customer_notification")    # target met now
    Deadline._sla_refresh(records)       # re-plan after mode/priority/distance changed
    Deadline._sla_sync_pause(records)    # pause/resume from records._sla_is_waiting()

All of them are batched: a handful of queries per call whatever the number of records.
"""

from datetime import timedelta

from odoo import api, fields, models

from ..tools import WorkTime
from .aftersales_sla_policy import TARGET_KINDS

OPEN_STATES = ("on_track", "at_risk", "breached")


class AftersalesSlaDeadline(models.Model):
    _name = "aftersales.sla.deadline"
    _description = "Service Level Deadline"
    _order = "deadline_datetime, id"
    _rec_name = "policy_id"
    _check_company_auto = True

    res_model = fields.Char(string="Document Model", required=True, index=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", required=True, index=True
    )
    policy_id = fields.Many2one(
        "aftersales.sla.policy", required=True, ondelete="restrict", index=True
    )
    target_kind = fields.Selection(TARGET_KINDS, required=True, index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    user_id = fields.Many2one("res.users", string="Responsible", index=True)
    partner_id = fields.Many2one("res.partner", string="Customer")
    calendar_id = fields.Many2one("resource.calendar", string="Working Time")
    start_datetime = fields.Datetime(string="Started", required=True)
    deadline_datetime = fields.Datetime(string="Deadline", required=True, index=True)
    met_datetime = fields.Datetime(string="Met On")
    state = fields.Selection(
        [
            ("on_track", "On Track"),
            ("at_risk", "At Risk"),
            ("breached", "Breached"),
            ("met", "Met"),
            ("met_late", "Met Late"),
        ],
        required=True,
        default="on_track",
        index=True,
    )
    was_breached = fields.Boolean(readonly=True)
    paused_since = fields.Datetime(readonly=True)
    paused_hours = fields.Float(
        readonly=True,
        help="Time the clock was stopped while waiting on the customer, in the policy's "
        "hours (working or calendar); the deadline is extended by it.",
    )
    is_paused = fields.Boolean(compute="_compute_is_paused")
    risk_notified = fields.Boolean(readonly=True)
    breach_notified = fields.Boolean(readonly=True)
    on_time_score = fields.Float(
        string="On-Time Rate (%)",
        compute="_compute_on_time_score",
        store=True,
        aggregator="avg",
    )

    @api.depends("paused_since")
    def _compute_is_paused(self):
        for deadline in self:
            deadline.is_paused = bool(deadline.paused_since)

    @api.depends("state")
    def _compute_on_time_score(self):
        for deadline in self:
            deadline.on_time_score = 100.0 if deadline.state == "met" else 0.0

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Planning
    # ------------------------------------------------------------------
    @api.model
    def _sla_worktimes(self, calendars, start, end):
        return {cal.id: WorkTime(cal, start, end) for cal in calendars}

    @api.model
    def _sla_document_fields(self):
        """Deadline fields copied from the document's _sla_values (modules adding such a
        field add its name)."""
        return ("user_id", "partner_id")

    def _sla_plan(self, worktimes, policy, calendar, start, paused_hours=0.0):
        if policy.duration_unit == "calendar_hours":
            return start + timedelta(hours=policy.duration + paused_hours)
        worktime = worktimes[calendar.id]
        deadline = worktime.plan(start, policy.duration, policy.duration_unit)
        if paused_hours:
            deadline = worktime.add_hours(deadline, paused_hours)
        return deadline

    def _sla_replan(self):
        """Recompute the deadline of self from start, duration and paused time."""
        if not self:
            return
        starts = self.mapped("start_datetime")
        worktimes = self._sla_worktimes(
            self.calendar_id, min(starts) - timedelta(days=1), max(starts) + timedelta(days=60)
        )
        for deadline in self:
            new = self._sla_plan(
                worktimes,
                deadline.policy_id,
                deadline.calendar_id,
                deadline.start_datetime,
                deadline.paused_hours,
            )
            if new != deadline.deadline_datetime:
                deadline.deadline_datetime = new

    @api.model
    def _sla_select_policies(self, records, kinds):
        """{(record id, kind): policy} of the most specific policy of each kind per record."""
        values = records._sla_values()
        policies = self.env["aftersales.sla.policy"].search(
            [("target_kind", "in", list(kinds)), ("company_id", "in", records.company_id.ids)]
        )
        by_kind = policies.grouped("target_kind")
        # a policy matches on the values only: records described alike (a batch of repairs of
        # one customer and mode) share their choice, made once per kind
        chosen = {}
        result = {}
        for record in records:
            vals = values[record.id]
            allowed = vals.get("target_kinds")
            signature = self._sla_values_signature(vals)
            for kind in kinds:
                if allowed is not None and kind not in allowed:
                    continue
                key = (kind, signature)
                if key not in chosen:
                    candidates = [
                        p for p in by_kind.get(kind, policies.browse()) if p._matches(vals)
                    ]
                    chosen[key] = (
                        max(candidates, key=lambda p: p._specificity()) if candidates else None
                    )
                if chosen[key]:
                    result[(record.id, kind)] = chosen[key]
        return result, values

    @api.model
    def _sla_values_signature(self, vals):
        """A hashable copy of a record's _sla_values (lists as tuples); a value that cannot
        be hashed makes the record's signature its own."""
        signature = tuple(
            sorted(
                (name, tuple(value) if isinstance(value, (list, set)) else value)
                for name, value in vals.items()
            )
        )
        try:
            hash(signature)
        except TypeError:
            return ("unshared", id(vals))
        return signature

    @api.model
    def _sla_start(self, records, target_kinds=None, start=None):
        """Start the clock of the given target kinds (default: the model's automatic kinds)
        on records, once per record and kind. Returns the created deadlines."""
        if not records:
            return self.browse()
        records = records.sudo()  # deadlines are system records; rights are the caller's
        if isinstance(target_kinds, str):
            target_kinds = [target_kinds]
        kinds = list(target_kinds or records._sla_auto_kinds())
        now = fields.Datetime.now()
        existing = self.sudo().search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("target_kind", "in", kinds),
            ]
        )
        done = {(d.res_id, d.target_kind) for d in existing}
        selection, values = self._sla_select_policies(records, kinds)
        todo = [(key, policy) for key, policy in selection.items() if key not in done]
        if not todo:
            return self.browse()
        # the clock starts at start, else when the document says (its start_datetime value:
        # e.g. the date a complaint was received), else now
        starts = {
            res_id: start or values[res_id].get("start_datetime") or now
            for (res_id, _k), _p in todo
        }
        calendars = self.env["resource.calendar"]
        for (res_id, _kind), policy in todo:
            calendars |= policy.calendar_id or values[res_id]["calendar"]
        worktimes = self._sla_worktimes(
            calendars,
            min(starts.values()) - timedelta(days=1),
            max(starts.values()) + timedelta(days=60),
        )
        vals_list = []
        # the same policy, calendar and start give the same deadline: planned once
        planned = {}
        for (res_id, kind), policy in todo:
            vals = values[res_id]
            start = starts[res_id]
            calendar = policy.calendar_id or vals["calendar"]
            plan_key = (policy, calendar, start)
            if plan_key not in planned:
                planned[plan_key] = self._sla_plan(worktimes, policy, calendar, start)
            vals_list.append(
                {
                    "res_model": records._name,
                    "res_id": res_id,
                    "policy_id": policy.id,
                    "target_kind": kind,
                    "company_id": vals["company_id"],
                    **{name: vals.get(name) or False for name in self._sla_document_fields()},
                    "calendar_id": calendar.id,
                    "start_datetime": start,
                    "deadline_datetime": planned[plan_key],
                    "paused_since": start
                    if policy.pause_on_customer and vals.get("waiting")
                    else False,
                }
            )
        return self.sudo().create(vals_list)

    @api.model
    def _sla_refresh(self, records):
        """Re-plan the open deadlines of records after their mode, priority, customer,
        distance or zone changed: a target whose policy changed is re-planned from its start
        with the new policy; a target no longer applicable is dropped (unless breached); an
        automatic target newly applicable is started."""
        if not records:
            return
        records = records.sudo()
        open_deadlines = self.sudo().search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("met_datetime", "=", False),
                ("was_breached", "=", False),
            ]
        )
        kinds = set(records._sla_auto_kinds()) | set(open_deadlines.mapped("target_kind"))
        selection, values = self._sla_select_policies(records, kinds)
        to_drop = self.browse()
        to_replan = self.browse()
        for deadline in open_deadlines:
            policy = selection.get((deadline.res_id, deadline.target_kind))
            vals = values[deadline.res_id]
            if not policy:
                to_drop |= deadline
                continue
            calendar = policy.calendar_id or vals["calendar"]
            update = {name: vals.get(name) or False for name in self._sla_document_fields()}
            if policy != deadline.policy_id or calendar != deadline.calendar_id:
                update.update(policy_id=policy.id, calendar_id=calendar.id)
                to_replan |= deadline
            deadline.write(update)
        to_drop.unlink()
        to_replan._sla_replan()
        to_replan.filtered(lambda d: d.state == "at_risk").write(
            {"state": "on_track", "risk_notified": False}
        )
        self._sla_start(records, list(records._sla_auto_kinds()))

    @api.model
    def _sla_meet(self, records, target_kind, when=None):
        """Record that target_kind was met on records (now by default). A target breached
        before stays counted as late."""
        if not records:
            return self.browse()
        when = when or fields.Datetime.now()
        deadlines = self.sudo().search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("target_kind", "=", target_kind),
                ("met_datetime", "=", False),
            ]
        )
        deadlines.filtered("paused_since")._sla_resume(when)
        # one write for the targets met late (breached before, or past their deadline), one
        # for those met in time
        late = deadlines.filtered(lambda d: d.was_breached or when > d.deadline_datetime)
        late.write({"met_datetime": when, "state": "met_late", "was_breached": True})
        (deadlines - late).write({"met_datetime": when, "state": "met", "was_breached": False})
        return deadlines

    @api.model
    def _sla_cancel(self, records):
        """Drop the open, never breached targets of records (e.g. repair cancelled)."""
        self.sudo().search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("met_datetime", "=", False),
                ("was_breached", "=", False),
            ]
        ).unlink()

    @api.model
    def _sla_sync_pause(self, records, when=None):
        """Pause the open targets of records waiting on the customer (policies that pause),
        resume the others."""
        when = when or fields.Datetime.now()
        waiting = records.filtered(lambda r: r._sla_is_waiting())
        deadlines = self.sudo().search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("met_datetime", "=", False),
                ("policy_id.pause_on_customer", "=", True),
            ]
        )
        waiting_ids = set(waiting.ids)
        to_pause = deadlines.filtered(
            lambda d: d.res_id in waiting_ids and not d.paused_since and d.state != "breached"
        )
        to_pause.write({"paused_since": when})
        deadlines.filtered(lambda d: d.res_id not in waiting_ids and d.paused_since)._sla_resume(
            when
        )

    def _sla_resume(self, when=None):
        """Close the pause of self and extend the deadlines by the time paused."""
        when = when or fields.Datetime.now()
        paused = self.filtered("paused_since")
        if not paused:
            return
        worktimes = self._sla_worktimes(
            paused.calendar_id,
            min(paused.mapped("paused_since")) - timedelta(days=1),
            when + timedelta(days=60),
        )
        for deadline in paused:
            if deadline.policy_id.duration_unit == "calendar_hours":
                hours = (when - deadline.paused_since).total_seconds() / 3600
            else:
                hours = worktimes[deadline.calendar_id.id].hours_between(
                    deadline.paused_since, when
                )
            deadline.write(
                {"paused_hours": deadline.paused_hours + max(hours, 0.0), "paused_since": False}
            )
        paused._sla_replan()

    # ------------------------------------------------------------------
    # Escalation
    # ------------------------------------------------------------------
    @api.model
    def _cron_check_deadlines(self):
        """Mark open targets at risk (the company's percentage of the allowed time elapsed)
        or breached, and schedule one activity per event: for the responsible, and when
        breached also for every After-Sales Manager of the company."""
        now = fields.Datetime.now()
        deadlines = self.sudo().search(
            [("state", "in", ("on_track", "at_risk")), ("paused_since", "=", False)]
        )
        if not deadlines:
            return
        worktimes = self._sla_worktimes(
            deadlines.calendar_id,
            min(deadlines.mapped("start_datetime")) - timedelta(days=1),
            now + timedelta(days=60),
        )
        breached = deadlines.filtered(lambda d: d.deadline_datetime < now)
        breached.write({"state": "breached", "was_breached": True})
        at_risk = self.browse()
        for deadline in (deadlines - breached).filtered(lambda d: d.state == "on_track"):
            if deadline.policy_id.duration_unit == "calendar_hours":
                total = (deadline.deadline_datetime - deadline.start_datetime).total_seconds()
                elapsed = (now - deadline.start_datetime).total_seconds()
            else:
                worktime = worktimes[deadline.calendar_id.id]
                total = worktime.hours_between(deadline.start_datetime, deadline.deadline_datetime)
                elapsed = worktime.hours_between(deadline.start_datetime, now)
            risk = deadline.company_id.aftersales_sla_risk_percent or 75.0
            if total > 0 and elapsed * 100.0 / total >= risk:
                at_risk |= deadline
        at_risk.write({"state": "at_risk"})
        (at_risk.filtered(lambda d: not d.risk_notified))._sla_notify(breach=False)
        (breached.filtered(lambda d: not d.breach_notified))._sla_notify(breach=True)

    def _sla_manager_users(self, company):
        """Users warned of every breach of the company besides the responsible (the product
        add-ons name their managers)."""
        return self.env["res.users"]

    def _sla_notify(self, breach):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        models_ids = {}
        for deadline in self:
            models_ids.setdefault(deadline.res_model, []).append(deadline.res_id)
        model_ids = {model: self.env["ir.model"]._get_id(model) for model in models_ids}
        managers = {}
        vals_list = []
        today = fields.Date.context_today(self)
        for deadline in self:
            record = self.env[deadline.res_model].browse(deadline.res_id)
            users = deadline.user_id
            if breach:
                if deadline.company_id not in managers:
                    managers[deadline.company_id] = self._sla_manager_users(deadline.company_id)
                users |= managers[deadline.company_id]
            deadline_str = fields.Datetime.to_string(deadline.deadline_datetime)
            for user in users:
                # each task in its user's language
                env = self.with_context(lang=user.lang or self.env.lang).env
                if breach:
                    summary = env._(
                        "Breached: %(target)s of %(document)s",
                        target=deadline.policy_id.with_env(env).name,
                        document=record.display_name,
                    )
                else:
                    summary = env._(
                        "At risk: %(target)s of %(document)s",
                        target=deadline.policy_id.with_env(env).name,
                        document=record.display_name,
                    )
                vals_list.append(
                    {
                        "res_model_id": model_ids[deadline.res_model],
                        "res_id": deadline.res_id,
                        "activity_type_id": activity_type.id,
                        "summary": summary,
                        "note": env._("Deadline %(deadline)s (UTC).", deadline=deadline_str),
                        "user_id": user.id,
                        "date_deadline": today,
                        "automated": True,
                    }
                )
        if vals_list:
            self.env["mail.activity"].sudo().create(vals_list)
        self.write({"breach_notified": True} if breach else {"risk_notified": True})
