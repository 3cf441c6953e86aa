# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import plaintext2html


class RepairOrderServiceLevel(models.Model):
    """Service deadlines, dispatch, technician time and the quality loop of a repair, through
    the suite's service-level engine (`aftersales.sla.mixin`)."""

    _name = "repair.order"
    _inherit = ["repair.order", "aftersales.sla.mixin"]

    service_centre_id = fields.Many2one(
        "aftersales.service.centre",
        check_company=True,
        tracking=True,
        compute="_compute_service_centre_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The centre that serves the repair: its coordinates give the site distance, its "
        "calendar the working time of the deadlines. Default: the company's first centre.",
    )
    site_distance_km = fields.Float(
        string="Site Distance (km)",
        compute="_compute_site_distance_km",
        store=True,
        readonly=False,
        digits=(16, 1),
        help="Distance from the service centre to the site: computed (great circle) when both "
        "have coordinates, else entered. An unknown distance counts as 0 km.",
    )
    site_zone = fields.Selection(
        [("urban", "Urban"), ("suburban", "Suburban")],
        help="When set, the urban/suburban arrival targets apply instead of the distance bands.",
    )
    customer_unreachable = fields.Boolean(
        tracking=True,
        help="The service clock pauses while the customer cannot be reached.",
    )
    first_contact_date = fields.Datetime(string="First Contact", readonly=True, copy=False)
    factory_shipped_date = fields.Datetime(string="Shipped to Factory", readonly=True, copy=False)
    factory_received_date = fields.Datetime(string="Back from Factory", readonly=True, copy=False)
    customer_notified_date = fields.Datetime(string="Customer Notified", readonly=True, copy=False)
    can_log_first_contact = fields.Boolean(
        compute="_compute_can_service_steps",
        help="The first contact with the customer can be logged: not logged yet, repair open.",
    )
    can_ship_to_factory = fields.Boolean(
        compute="_compute_can_service_steps",
        help="A factory return can be marked shipped: confirmed, open, not shipped yet.",
    )
    can_receive_from_factory = fields.Boolean(
        compute="_compute_can_service_steps",
        help="A factory return can be marked back: shipped and not back yet.",
    )
    can_notify_customer = fields.Boolean(
        compute="_compute_can_service_steps",
        help="The customer can be marked notified: back from the factory, not notified yet.",
    )
    can_share_fix = fields.Boolean(
        compute="_compute_can_service_steps",
        help="The fix can be offered to the knowledge base: the repair is repaired.",
    )
    dispatch_ids = fields.One2many("aftersales.dispatch", "repair_id", string="Trips")
    dispatch_count = fields.Integer(string="Trip Count", compute="_compute_dispatch_count")
    work_log_ids = fields.One2many("aftersales.work.log", "repair_id", string="Work Logs")
    work_hours = fields.Float(string="Hours Logged", compute="_compute_work_hours")
    failure_report_ids = fields.One2many(
        "aftersales.failure.report", "repair_id", string="Failure Reports"
    )
    kb_solution_ids = fields.Many2many(
        "aftersales.kb.solution",
        string="Suggested Solutions",
        compute="_compute_kb_solution_ids",
    )
    kb_solution_count = fields.Integer(string="Solution Count", compute="_compute_kb_solution_ids")

    @api.depends("company_id")
    def _compute_service_centre_id(self):
        centres = {}
        for repair in self:
            company = repair.company_id
            if repair.service_centre_id.company_id == company:
                continue
            if company not in centres:
                centres[company] = self.env["aftersales.service.centre"].search(
                    [("company_id", "=", company.id)], limit=1
                )
            repair.service_centre_id = centres[company]

    @api.depends(
        "site_partner_id.partner_latitude",
        "site_partner_id.partner_longitude",
        "partner_id.partner_latitude",
        "partner_id.partner_longitude",
        "service_centre_id.latitude",
        "service_centre_id.longitude",
    )
    def _compute_site_distance_km(self):
        for repair in self:
            centre = repair.service_centre_id
            if not centre:
                continue
            site = repair.site_partner_id
            if not (site.partner_latitude or site.partner_longitude):
                site = repair.partner_id
            distance = centre._distance_to(site)
            if distance is not None:
                repair.site_distance_km = round(distance, 1)

    def _compute_dispatch_count(self):
        counts = dict(
            self.env["aftersales.dispatch"]._read_group(
                [("repair_id", "in", self.ids)], ["repair_id"], ["__count"]
            )
        )
        for repair in self:
            repair.dispatch_count = counts.get(repair, 0)

    def _compute_work_hours(self):
        hours = dict(
            self.env["aftersales.work.log"]._read_group(
                [("repair_id", "in", self.ids)], ["repair_id"], ["hours:sum"]
            )
        )
        for repair in self:
            repair.work_hours = hours.get(repair, 0.0)

    @api.depends("fault_code_id", "product_id")
    def _compute_kb_solution_ids(self):
        suggestions = self.env["aftersales.kb.solution"]._suggest_for(self)
        for repair in self:
            solutions = suggestions.get(repair.id, self.env["aftersales.kb.solution"])
            repair.kb_solution_ids = solutions
            repair.kb_solution_count = len(solutions)

    @api.depends(
        "state",
        "service_mode",
        "first_contact_date",
        "factory_shipped_date",
        "factory_received_date",
        "customer_notified_date",
    )
    def _compute_can_service_steps(self):
        for repair in self:
            is_open = repair.state not in ("done", "cancel")
            factory = repair.service_mode == "factory_return"
            repair.can_log_first_contact = is_open and not repair.first_contact_date
            repair.can_ship_to_factory = (
                factory and is_open and repair.state != "draft" and not repair.factory_shipped_date
            )
            repair.can_receive_from_factory = (
                factory and bool(repair.factory_shipped_date) and not repair.factory_received_date
            )
            repair.can_notify_customer = bool(repair.factory_received_date) and not (
                repair.customer_notified_date
            )
            repair.can_share_fix = repair.state == "done"

    @api.constrains("site_distance_km")
    def _check_site_distance_km(self):
        for repair in self:
            if repair.site_distance_km < 0:
                raise ValidationError(_("The site distance cannot be negative."))

    def _aftersales_on_validate(self):
        res = super()._aftersales_on_validate()
        factory = self.filtered(
            lambda r: r.service_mode == "factory_return" and r.state != "draft"
        )
        self.env["aftersales.sla.deadline"]._sla_start(factory, "factory_shipping")
        return res

    def _aftersales_on_start(self):
        res = super()._aftersales_on_start()
        deadline_model = self.env["aftersales.sla.deadline"]
        deadline_model._sla_meet(self, "first_contact")
        deadline_model._sla_meet(self, "solution")
        return res

    def _aftersales_on_done(self):
        res = super()._aftersales_on_done()
        self.env["aftersales.sla.deadline"]._sla_meet(self, "completion")
        missing = self.filtered(lambda r: not r.failure_report_ids)
        if missing:
            self.env["aftersales.failure.report"].create(
                [{"repair_id": repair.id} for repair in missing]
            )
        return res

    def _aftersales_on_cancel(self):
        res = super()._aftersales_on_cancel()
        self.env["aftersales.sla.deadline"]._sla_cancel(self)
        return res

    def action_log_first_contact(self):
        """The customer was contacted: meets the first-contact target."""
        self._aftersales_check_capability(
            "can_log_first_contact",
            _("The first contact of %(names)s is logged already, or the repair is closed."),
        )
        now = fields.Datetime.now()
        for repair in self:
            repair.first_contact_date = now
            repair.message_post(body=_("First contact with the customer logged."))
        self.env["aftersales.sla.deadline"]._sla_meet(self, "first_contact", when=now)
        return True

    def action_factory_shipped(self):
        """The critical part or unit left for the factory: meets the shipping target."""
        self._aftersales_check_capability(
            "can_ship_to_factory",
            _(
                "%(names)s cannot be marked shipped to the factory: only a confirmed, open "
                "factory-return repair not shipped yet can."
            ),
        )
        now = fields.Datetime.now()
        self.write({"factory_shipped_date": now})
        self.env["aftersales.sla.deadline"]._sla_meet(self, "factory_shipping", when=now)
        return True

    def action_factory_received(self):
        """Back from the factory: starts the customer-notification target."""
        self._aftersales_check_capability(
            "can_receive_from_factory",
            _(
                "%(names)s cannot be marked back from the factory: mark it shipped to the "
                "factory first (once back, it is recorded)."
            ),
        )
        now = fields.Datetime.now()
        self.write({"factory_received_date": now})
        self.env["aftersales.sla.deadline"]._sla_start(self, "customer_notification", start=now)
        return True

    def action_customer_notified(self):
        self._aftersales_check_capability(
            "can_notify_customer",
            _(
                "The customer of %(names)s cannot be marked notified: mark the unit back from "
                "the factory first (once notified, it is recorded)."
            ),
        )
        now = fields.Datetime.now()
        self.write({"customer_notified_date": now})
        self.env["aftersales.sla.deadline"]._sla_meet(self, "customer_notification", when=now)
        return True

    def action_view_dispatches(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_repair.aftersales_dispatch_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action

    def action_view_work_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_repair.aftersales_work_log_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action

    def action_view_failure_report(self):
        self.ensure_one()
        report = self.failure_report_ids[:1] or self.env["aftersales.failure.report"].create(
            {"repair_id": self.id}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.failure.report",
            "res_id": report.id,
            "view_mode": "form",
        }

    def action_view_kb_solutions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_repair.aftersales_kb_solution_action"
        )
        action["domain"] = [("id", "in", self.kb_solution_ids.ids)]
        return action

    def action_share_fix(self):
        """Offer the fix of a closed repair to the knowledge base as a draft solution, which
        a manager reviews before technicians see it."""
        self.ensure_one()
        self._aftersales_check_capability(
            "can_share_fix",
            _("%(names)s is not repaired yet: share its fix once its final inspection passed."),
        )
        report = self.failure_report_ids[:1]
        parts = self._aftersales_part_lines(active=False).product_id
        solution = self.env["aftersales.kb.solution"].create(
            {
                "name": _(
                    "%(fault)s on %(product)s",
                    fault=self.fault_code_id.name or _("Fault"),
                    product=self.product_id.display_name or "",
                ),
                "product_id": self.product_id.id,
                "fault_code_id": self.fault_code_id.id,
                "symptoms": self.fault_description,
                "diagnosis_steps": self.diagnosis_notes,
                "fix": plaintext2html(report.corrective_action)
                if report.corrective_action
                else self.diagnosis_notes,
                "part_ids": [fields.Command.set(parts.ids)],
                "source_repair_id": self.id,
                "company_id": self.company_id.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.kb.solution",
            "res_id": solution.id,
            "view_mode": "form",
        }

    def _aftersales_mark_sent(self):
        res = super()._aftersales_mark_sent()
        deadline_model = self.env["aftersales.sla.deadline"]
        deadline_model._sla_meet(self, "first_contact")
        deadline_model._sla_meet(self, "solution")
        return res

    def _sla_auto_kinds(self):
        return ("first_contact", "solution", "dispatch", "arrival", "completion")

    def _sla_trigger_fields(self):
        return (
            "service_mode",
            "intake_channel",
            "priority",
            "partner_id",
            "site_partner_id",
            "site_distance_km",
            "site_zone",
            "service_centre_id",
            "company_id",
            "user_id",
        )

    def _sla_pause_fields(self):
        return ("customer_acceptance_state", "customer_unreachable", "quotation_sent_date")

    def _sla_is_waiting(self):
        """Waiting on the customer: unreachable, or the quotation was sent and the customer
        has not decided yet."""
        self.ensure_one()
        return self.customer_unreachable or (
            self.customer_acceptance_state == "pending" and bool(self.quotation_sent_date)
        )

    def _sla_values(self):
        result = super()._sla_values()
        for repair in self:
            centre = repair.service_centre_id
            result[repair.id].update(
                service_mode=repair.service_mode,
                intake_channel=repair.intake_channel,
                distance_km=repair.site_distance_km or 0.0,
                zone=repair.site_zone or False,
                calendar=centre.resource_calendar_id or repair.company_id.resource_calendar_id,
                team_id=centre.team_id.id,
                service_centre_id=centre.id,
            )
        return result
