# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import date_in_range
from .vocabulary import FAILURE_CAUSES

RESPONSIBLE_AREAS = [
    ("design", "Design"),
    ("production", "Production"),
    ("supplier", "Supplier"),
    ("transport", "Transport"),
    ("installation", "Installation"),
    ("user", "User"),
]


class AftersalesFailureReport(models.Model):
    """FRACAS: the failure of a completed repair, its cause, the corrective action and the
    verification of its effect (readme/CONFIGURE.md, "Failure reports"). Kept per product for
    reliability (mean time between failures) and spare-parts planning."""

    _name = "aftersales.failure.report"
    _description = "Failure Report"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "failure_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    repair_id = fields.Many2one(
        "repair.order", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    product_id = fields.Many2one(related="repair_id.product_id", store=True, index=True)
    product_categ_id = fields.Many2one(
        related="repair_id.product_id.categ_id", string="Product Category", store=True
    )
    lot_id = fields.Many2one(related="repair_id.lot_id", store=True, string="Serial")
    partner_id = fields.Many2one(related="repair_id.partner_id", store=True, string="Customer")
    fault_code_id = fields.Many2one(
        "aftersales.fault.code",
        string="Failure Code",
        compute="_compute_from_repair",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    failure_cause = fields.Selection(
        FAILURE_CAUSES,
        string="Cause Category",
        compute="_compute_from_repair",
        store=True,
        readonly=False,
        precompute=True,
    )
    failed_part_id = fields.Many2one(
        "product.product",
        compute="_compute_from_repair",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    supplier_id = fields.Many2one(
        "res.partner",
        compute="_compute_supplier_id",
        store=True,
        readonly=False,
        help="Supplier of the failed part (its first vendor by default).",
    )
    root_cause = fields.Text()
    responsible_area = fields.Selection(RESPONSIBLE_AREAS, tracking=True)
    corrective_action = fields.Text()
    verification = fields.Text(string="Verification of the Effect")
    verification_date = fields.Date(string="Verified On", tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("action", "Corrective Action"), ("verified", "Verified")],
        compute="_compute_state",
        store=True,
    )
    is_major = fields.Boolean(
        string="Major Failure",
        compute="_compute_is_major",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Major failures are reported to the general manager at once.",
    )
    gm_notified = fields.Boolean(string="General Manager Notified", readonly=True, copy=False)
    failure_date = fields.Date(
        compute="_compute_dates", store=True, readonly=False, precompute=True
    )
    delivery_date = fields.Date(
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        help="Delivery of the serial to the customer (done stock move to a customer location).",
    )
    days_in_service = fields.Float(
        string="Days Since Last Failure",
        compute="_compute_days_in_service",
        store=True,
        aggregator="avg",
        help="Days from the delivery of the unit, or from its previous failure, to this "
        "failure. Its average per product is the mean time between failures (MTBF).",
    )
    failure_count = fields.Integer(default=1, aggregator="sum", readonly=True)

    _sql_constraints = [
        ("repair_uniq", "unique(repair_id)", "A repair has one failure report."),
    ]

    @api.constrains("delivery_date", "failure_date")
    def _check_dates(self):
        for report in self:
            if not (date_in_range(report.delivery_date) and date_in_range(report.failure_date)):
                raise ValidationError(
                    _(
                        "The dates of %(report)s must lie between 1900 and 2200.",
                        report=report.name,
                    )
                )
            if (
                report.delivery_date
                and report.failure_date
                and (report.delivery_date > report.failure_date)
            ):
                raise ValidationError(
                    _(
                        "%(report)s: the unit cannot have been delivered (%(delivery)s) after it "
                        "failed (%(failure)s); correct the delivery date.",
                        report=report.name,
                        delivery=report.delivery_date,
                        failure=report.failure_date,
                    )
                )

    @api.depends("repair_id.name")
    def _compute_name(self):
        for report in self:
            report.name = _("Failure of %(repair)s", repair=report.repair_id.name or "")

    @api.depends("repair_id")
    def _compute_from_repair(self):
        for report in self:
            repair = report.repair_id
            report.fault_code_id = repair.fault_code_id
            report.failure_cause = repair.failure_cause
            added = repair._aftersales_part_lines(active=False)
            report.failed_part_id = added[:1].product_id

    @api.depends("failed_part_id")
    def _compute_supplier_id(self):
        for report in self:
            report.supplier_id = report.failed_part_id.seller_ids[:1].partner_id

    @api.depends("fault_code_id")
    def _compute_is_major(self):
        for report in self:
            report.is_major = report.is_major or report.fault_code_id.is_major

    @api.depends("corrective_action", "verification_date")
    def _compute_state(self):
        for report in self:
            if report.verification_date:
                report.state = "verified"
            elif report.corrective_action:
                report.state = "action"
            else:
                report.state = "open"

    @api.depends("repair_id.intake_date")
    def _compute_dates(self):
        deliveries = self.repair_id._aftersales_find_delivery_lines()
        for report in self:
            repair = report.repair_id
            report.failure_date = fields.Date.to_date(
                repair.intake_date or repair.create_date or fields.Datetime.now()
            )
            delivery = deliveries[repair.lot_id] if repair.lot_id else False
            report.delivery_date = fields.Date.to_date(delivery.date) if delivery else False

    @api.depends("failure_date", "delivery_date", "lot_id")
    def _compute_days_in_service(self):
        # the earlier failures of the serials, in one search (the latest earlier one counts)
        dated = self.filtered(lambda r: r.lot_id and r.failure_date)
        earlier = self.browse()
        if dated:
            earlier = self.search(
                [
                    ("lot_id", "in", dated.lot_id.ids),
                    ("failure_date", "<", max(dated.mapped("failure_date"))),
                ],
                order="failure_date desc",
            )
        # per serial (latest first): each report scans its own serial's failures only
        earlier_by_lot = defaultdict(list)
        for failure in earlier:
            earlier_by_lot[failure.lot_id.id].append(failure)
        for report in self:
            start = report.delivery_date
            if report.lot_id and report.failure_date:
                previous = next(
                    (
                        r
                        for r in earlier_by_lot[report.lot_id.id]
                        if r.failure_date < report.failure_date and r.id != report._origin.id
                    ),
                    self.browse(),
                )
                if previous and (not start or previous.failure_date > start):
                    start = previous.failure_date
            if start and report.failure_date and report.failure_date >= start:
                report.days_in_service = (report.failure_date - start).days
            else:
                report.days_in_service = False

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        reports.filtered("is_major")._notify_general_manager()
        return reports

    def write(self, vals):
        res = super().write(vals)
        if vals.get("is_major") or "fault_code_id" in vals:
            self.filtered(lambda r: r.is_major and not r.gm_notified)._notify_general_manager()
        return res

    def _notify_general_manager(self):
        """Report major failures to the general manager at once (readme/CONFIGURE.md, "Fault codes
        and major failures"): a message addressed to every member of the General Manager group and
        an activity each."""
        group = self.env.ref("aftersales_repair.aftersales_group_general_manager")
        for report in self.filtered(lambda r: not r.gm_notified):
            users = self.env["res.users"].search(
                [
                    ("groups_id", "in", group.id),
                    ("share", "=", False),
                    ("company_ids", "in", report.company_id.id),
                ]
            )
            body = Markup("<p>%s</p>") % _(
                "Major failure on %(product)s (serial %(lot)s) of %(customer)s, repair "
                "%(repair)s: %(fault)s.",
                product=report.product_id.display_name,
                lot=report.lot_id.name or "-",
                customer=report.partner_id.display_name or "-",
                repair=report.repair_id.name,
                fault=report.fault_code_id.display_name or _("no failure code"),
            )
            report.message_post(
                body=body,
                subject=_("Major failure: %(name)s", name=report.name),
                partner_ids=users.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            for user in users:
                # each manager's task in their language
                user_report = report.with_context(lang=user.lang or self.env.lang)
                user_report.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=user_report.env._(
                        "Major failure to review: %(name)s", name=report.name
                    ),
                    user_id=user.id,
                )
            report.gm_notified = True
