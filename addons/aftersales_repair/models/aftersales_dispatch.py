# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class AftersalesDispatch(models.Model):
    """A planned trip of technicians to the customer's site (on-site repair) or to collect or
    return a unit (factory return). Planning it meets the repair's visit-planned target,
    checking in its arrival target; checking out starts the trip-report target of the visit
    (3 working days) and the manager's cost and satisfaction review of the trip
    (5 working days): (readme/CONFIGURE.md, "Response times")."""

    _name = "aftersales.dispatch"
    _description = "Technician Dispatch"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.sla.mixin"]
    _order = "planned_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    repair_id = fields.Many2one(
        "repair.order", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="repair_id.partner_id", string="Customer")
    site_partner_id = fields.Many2one(related="repair_id.site_partner_id", string="Site")
    service_mode = fields.Selection(related="repair_id.service_mode")
    service_centre_id = fields.Many2one(related="repair_id.service_centre_id", store=True)
    technician_ids = fields.Many2many(
        "res.users",
        string="Technicians",
        required=True,
        default=lambda self: self.env.user,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("aftersales_repair.aftersales_group_technician").id)
        ],
    )
    planned_start = fields.Datetime(required=True, tracking=True)
    planned_end = fields.Datetime(required=True, tracking=True)
    planned_hours = fields.Float(compute="_compute_planned_hours", store=True, aggregator="sum")
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("on_site", "On Site"),
            ("returned", "Returned"),
            ("reported", "Reported"),
            ("reviewed", "Reviewed"),
            ("cancel", "Cancelled"),
        ],
        default="planned",
        required=True,
        tracking=True,
    )
    checkin_datetime = fields.Datetime(string="Checked In", tracking=True, copy=False)
    checkout_datetime = fields.Datetime(string="Checked Out", tracking=True, copy=False)
    has_conflict = fields.Boolean(
        string="Conflict",
        compute="_compute_has_conflict",
        help="A technician of this trip is planned on another trip at the same time.",
    )
    conflict_ids = fields.Many2many(
        "aftersales.dispatch", string="Conflicting Trips", compute="_compute_has_conflict"
    )
    trip_report = fields.Html(copy=False)
    currency_id = fields.Many2one(related="company_id.currency_id")
    expense_amount = fields.Monetary(string="Expenses", currency_field="currency_id", copy=False)
    report_date = fields.Datetime(string="Report Submitted", readonly=True, copy=False)
    review_note = fields.Text(
        string="Cost and Satisfaction Review",
        copy=False,
        help="The manager's review of the trip's cost (time, expenses) and of the customer's "
        "satisfaction.",
    )
    reviewed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    review_datetime = fields.Datetime(string="Reviewed On", readonly=True, copy=False)

    @api.depends("repair_id.name", "planned_start")
    def _compute_name(self):
        for dispatch in self:
            dispatch.name = _(
                "%(repair)s trip %(date)s",
                repair=dispatch.repair_id.name or "",
                date=fields.Date.to_string(dispatch.planned_start) or "",
            )

    @api.depends("planned_start", "planned_end")
    def _compute_planned_hours(self):
        for dispatch in self:
            if dispatch.planned_start and dispatch.planned_end:
                delta = dispatch.planned_end - dispatch.planned_start
                dispatch.planned_hours = max(delta.total_seconds() / 3600, 0.0)
            else:
                dispatch.planned_hours = 0.0

    @api.depends("planned_start", "planned_end", "technician_ids", "state")
    def _compute_has_conflict(self):
        planned = self.filtered(
            lambda d: d.planned_start and d.planned_end and d.state != "cancel"
        )
        others = self.browse()
        if planned:
            others = self.search(
                [
                    ("state", "!=", "cancel"),
                    ("planned_start", "<", max(planned.mapped("planned_end"))),
                    ("planned_end", ">", min(planned.mapped("planned_start"))),
                    ("technician_ids", "in", planned.technician_ids.ids),
                ]
            )
        for dispatch in self:
            conflicts = self.browse()
            if dispatch in planned:
                conflicts = others.filtered(
                    lambda o, d=dispatch: (
                        o.id != d._origin.id
                        and o.planned_start < d.planned_end
                        and o.planned_end > d.planned_start
                        and o.technician_ids & d.technician_ids
                    )
                )
            dispatch.conflict_ids = conflicts
            dispatch.has_conflict = bool(conflicts)

    @api.constrains("expense_amount")
    def _check_expense_amount(self):
        if any(trip.expense_amount < 0 for trip in self):
            raise ValidationError(_("The expenses of a trip cannot be negative."))

    @api.constrains("planned_start", "planned_end")
    def _check_planned_dates(self):
        for dispatch in self:
            if dispatch.planned_end <= dispatch.planned_start:
                raise ValidationError(
                    _(
                        "The planned end of %(name)s must be after its planned start.",
                        name=dispatch.name,
                    )
                )

    @api.constrains("checkin_datetime", "checkout_datetime")
    def _check_checkout_after_checkin(self):
        for dispatch in self:
            if dispatch.checkout_datetime and not dispatch.checkin_datetime:
                raise ValidationError(
                    _("Check in on %(name)s before checking out.", name=dispatch.name)
                )
            if (
                dispatch.checkout_datetime
                and dispatch.checkout_datetime < dispatch.checkin_datetime
            ):
                raise ValidationError(
                    _(
                        "The check-out of %(name)s (%(checkout)s) is before its check-in "
                        "(%(checkin)s); correct the check-out time.",
                        name=dispatch.name,
                        checkout=dispatch.checkout_datetime,
                        checkin=dispatch.checkin_datetime,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        dispatches = super().create(vals_list)
        # planning the trip (technicians and time agreed) meets the repair's visit-planned
        # target (same-day dispatch, never beyond 24 h:
        # readme/CONFIGURE.md, "Response times")
        self.env["aftersales.sla.deadline"]._sla_meet(dispatches.repair_id, "dispatch")
        return dispatches

    def action_check_in(self, when=None):
        """Record the arrival on site; meets the repair's arrival target."""
        when = when or fields.Datetime.now()
        if self.filtered(lambda d: d.state != "planned"):
            raise UserError(_("Only a planned trip can be checked in."))
        self.write({"checkin_datetime": when, "state": "on_site"})
        self.env["aftersales.sla.deadline"]._sla_meet(self.repair_id, "arrival", when=when)
        return True

    def action_check_out(self, when=None):
        """Record the departure from site; starts the trip-report target of the trip."""
        when = when or fields.Datetime.now()
        if self.filtered(lambda d: d.state != "on_site"):
            raise UserError(_("Check in on the trip before checking out."))
        self.write({"checkout_datetime": when, "state": "returned"})
        self.env["aftersales.sla.deadline"]._sla_start(
            self, ["trip_report", "trip_review"], start=when
        )
        return True

    def action_submit_report(self):
        """The trip report and expenses are attached: meets the trip-report target."""
        for dispatch in self:
            if dispatch.state != "returned":
                raise UserError(
                    _(
                        "Check out of %(name)s before submitting its trip report.",
                        name=dispatch.name,
                    )
                )
            has_attachment = self.env["ir.attachment"].search_count(
                [("res_model", "=", self._name), ("res_id", "=", dispatch.id)], limit=1
            )
            if not dispatch.trip_report and not has_attachment:
                raise UserError(
                    _(
                        "Write the trip report of %(name)s or attach it before submitting.",
                        name=dispatch.name,
                    )
                )
        now = fields.Datetime.now()
        self.write({"state": "reported", "report_date": now})
        self.env["aftersales.sla.deadline"]._sla_meet(self, "trip_report", when=now)
        return True

    def action_review(self):
        """The manager reviewed the trip's cost and the customer's satisfaction: meets the
        review target (5 working days after the return:
        readme/CONFIGURE.md, "Response times")."""
        if not self.env.user.has_group("aftersales_repair.aftersales_group_manager"):
            raise AccessError(
                _("Only an After-Sales Manager reviews the cost and satisfaction of a trip.")
            )
        for dispatch in self:
            if dispatch.state != "reported":
                raise UserError(
                    _(
                        "Submit the trip report of %(name)s before reviewing its cost and "
                        "satisfaction.",
                        name=dispatch.name,
                    )
                )
            if not (dispatch.review_note or "").strip():
                raise UserError(
                    _(
                        "Write the cost and satisfaction review of %(name)s before marking it "
                        "reviewed.",
                        name=dispatch.name,
                    )
                )
        now = fields.Datetime.now()
        self.write(
            {"state": "reviewed", "reviewed_by_id": self.env.user.id, "review_datetime": now}
        )
        self.env["aftersales.sla.deadline"]._sla_meet(self, "trip_review", when=now)
        return True

    def action_cancel(self):
        self.write({"state": "cancel"})
        self.env["aftersales.sla.deadline"]._sla_cancel(self)
        return True

    def _sla_values(self):
        result = super()._sla_values()
        repair_values = self.repair_id._sla_values()
        for dispatch in self:
            vals = dict(repair_values.get(dispatch.repair_id.id, {}))
            vals.update(
                user_id=dispatch.technician_ids[:1].id,
                waiting=False,
                partner_id=dispatch.partner_id.id,
            )
            result[dispatch.id].update(vals)
        return result

    def _sla_trigger_fields(self):
        return ()
