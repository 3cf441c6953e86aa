# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime

ONSITE_FIELDS = (
    "onsite_requested_date",
    "onsite_reply_date",
    "onsite_done_date",
    "onsite_report_date",
)


class AftersalesSupplierClaim(models.Model):
    """The cost of a part that failed by the supplier's fault, claimed from its vendor
    (readme/CONFIGURE.md, "Supplier claims"): evidence in the chatter, the part returned to the
    vendor with an outgoing transfer from the quarantine, and an outcome: a vendor credit note
    (draft vendor refund), a replacement received, or rejected. The recovered amount reduces the
    warranty cost."""

    _name = "aftersales.supplier.claim"
    _description = "Supplier Claim"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("claimed", "Claimed"),
            ("done", "Settled"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    return_id = fields.Many2one(
        "aftersales.part.return",
        string="Defective Part Return",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Vendor",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    product_id = fields.Many2one(
        "product.product", string="Part", required=True, index=True, ondelete="restrict"
    )
    part_lot_id = fields.Many2one("stock.lot", string="Part Serial", check_company=True)
    lot_id = fields.Many2one(related="return_id.lot_id", string="Unit Serial")
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    unit_cost = fields.Monetary()
    amount = fields.Monetary(string="Claimed", compute="_compute_amount", store=True)
    outcome = fields.Selection(
        [
            ("refund", "Vendor credit note"),
            ("replacement", "Replacement received"),
            ("rejected", "Rejected by the vendor"),
        ],
        readonly=True,
        copy=False,
        tracking=True,
    )
    date_claim = fields.Date(string="Claimed On", readonly=True, copy=False)
    date_outcome = fields.Date(string="Settled On", readonly=True, copy=False, index=True)
    picking_ids = fields.One2many(
        "stock.picking", "aftersales_supplier_claim_id", string="Transfers"
    )
    refund_id = fields.Many2one(
        "account.move",
        string="Vendor Refund",
        readonly=True,
        copy=False,
        ondelete="restrict",
        check_company=True,
    )
    recovered_amount = fields.Monetary(
        compute="_compute_recovered_amount",
        store=True,
        help="What the vendor gave back (credit note amount or the replacement's cost); it "
        "reduces the warranty cost.",
    )
    note = fields.Html()
    # (readme/CONFIGURE.md, "Supplier repairing on site"): the supplier asked to repair on site
    # replies within 24 hours and reports within 5 working days of the work
    onsite_requested_date = fields.Datetime(
        string="On-Site Repair Asked On", readonly=True, copy=False, tracking=True
    )
    onsite_reply_deadline = fields.Datetime(
        string="Reply Due", compute="_compute_onsite_deadlines", store=True
    )
    onsite_reply_date = fields.Datetime(
        string="Supplier Replied On", readonly=True, copy=False, tracking=True
    )
    onsite_done_date = fields.Datetime(
        string="Repaired On Site On", readonly=True, copy=False, tracking=True
    )
    onsite_report_deadline = fields.Datetime(
        string="Report Due", compute="_compute_onsite_deadlines", store=True
    )
    onsite_report_date = fields.Datetime(
        string="Report Received On", readonly=True, copy=False, tracking=True
    )
    onsite_reply_late = fields.Boolean(
        string="Reply Late", compute="_compute_onsite_deadlines", store=True
    )
    onsite_report_late = fields.Boolean(
        string="Report Late", compute="_compute_onsite_deadlines", store=True
    )

    @api.depends(
        "onsite_requested_date",
        "onsite_reply_date",
        "onsite_done_date",
        "onsite_report_date",
        "company_id.aftersales_supplier_reply_hours",
        "company_id.aftersales_supplier_report_days",
        "company_id.resource_calendar_id",
    )
    def _compute_onsite_deadlines(self):
        for claim in self:
            company = claim.company_id
            reply = report = False
            if claim.onsite_requested_date:
                # "the same day, never beyond 24 hours": elapsed hours, not working hours
                reply = claim.onsite_requested_date + timedelta(
                    hours=company.aftersales_supplier_reply_hours
                )
            if claim.onsite_done_date:
                report = claim._onsite_working_days_after(
                    claim.onsite_done_date, company.aftersales_supplier_report_days
                )
            claim.onsite_reply_deadline = reply
            claim.onsite_report_deadline = report
            claim.onsite_reply_late = bool(
                reply and claim.onsite_reply_date and claim.onsite_reply_date > reply
            )
            claim.onsite_report_late = bool(
                report and claim.onsite_report_date and claim.onsite_report_date > report
            )

    @api.depends("quantity", "unit_cost")
    def _compute_amount(self):
        for claim in self:
            claim.amount = claim.quantity * claim.unit_cost

    @api.depends("outcome", "amount", "refund_id.amount_untaxed", "refund_id.state")
    def _compute_recovered_amount(self):
        for claim in self:
            if claim.outcome == "refund":
                refund = claim.refund_id
                claim.recovered_amount = (
                    0.0 if refund.state == "cancel" else refund.amount_untaxed or claim.amount
                )
            elif claim.outcome == "replacement":
                claim.recovered_amount = claim.amount
            else:
                claim.recovered_amount = 0.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_onsite_fields(vals)
            if not vals.get("partner_id"):
                product = self.env["product.product"].browse(vals.get("product_id"))
                raise UserError(
                    _(
                        "%(part)s has no vendor: add its vendor in the product's vendor list, "
                        "then create the claim again.",
                        part=product.display_name,
                    )
                )
            if vals.get("name", _("New")) == _("New"):
                company = (
                    self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                )
                vals["name"] = self.env["ir.sequence"].with_company(company).next_by_code(
                    "aftersales.supplier.claim"
                ) or _("New")
        claims = super().create(vals_list)
        for claim in claims.filtered("return_id"):
            claim.message_post(
                body=_(
                    "Claim opened from return %(name)s: attach the inspection evidence here.",
                    name=claim.return_id.name,
                )
            )
        return claims

    @api.constrains("quantity", "unit_cost")
    def _check_amounts(self):
        for claim in self:
            if claim.quantity <= 0 or claim.unit_cost < 0:
                raise ValidationError(
                    _(
                        "A supplier claim needs a positive quantity and a unit cost that is "
                        "not negative."
                    )
                )

    def write(self, vals):
        self._check_onsite_fields(vals)
        return super().write(vals)

    @api.model
    def _check_onsite_fields(self, vals):
        if set(ONSITE_FIELDS) & set(vals) and not self.env.su:
            raise UserError(
                _(
                    "The dates of a supplier's on-site repair are recorded with the buttons of "
                    "the claim (Ask On-Site Repair, Supplier Replied, Repaired On Site, Report "
                    "Received)."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_claimed(self):
        if any(claim.state != "draft" for claim in self):
            raise UserError(
                _("Only a draft supplier claim can be deleted; cancel a sent claim instead.")
            )

    def action_claim(self):
        for claim in self:
            if claim.state != "draft":
                raise UserError(_("Claim %(name)s was already sent.", name=claim.name))
        self.write({"state": "claimed", "date_claim": fields.Date.context_today(self)})

    def action_return_to_vendor(self):
        """Outgoing transfer of the defective part from the quarantine to the vendor."""
        self.ensure_one()
        if self.state not in ("draft", "claimed"):
            raise UserError(_("Claim %(name)s is closed.", name=self.name))
        open_pickings = self.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking = open_pickings[:1] or self._create_return_picking()
        if self.state == "draft":
            self.action_claim()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": picking.id,
            "view_mode": "form",
        }

    def action_vendor_refund(self):
        """Outcome: the vendor credits the cost; a draft vendor refund is created for
        accounting to check and post."""
        self.ensure_one()
        self._check_open()
        # quality staff record the outcome; accounting checks and posts the draft refund
        refund = (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .create(
                {
                    "move_type": "in_refund",
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "ref": self.name,
                    "invoice_origin": self.name,
                    "invoice_line_ids": [
                        fields.Command.create(
                            {
                                "product_id": self.product_id.id,
                                "name": _(
                                    "Warranty claim %(name)s: %(part)s",
                                    name=self.name,
                                    part=self.product_id.display_name,
                                ),
                                "quantity": self.quantity,
                                "price_unit": self.unit_cost,
                                "tax_ids": [fields.Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        self._settle("refund", refund=refund)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": refund.id,
            "view_mode": "form",
        }

    def action_replacement_received(self):
        self.ensure_one()
        self._check_open()
        self._settle("replacement")

    def action_vendor_rejected(self):
        self.ensure_one()
        self._check_open()
        self._settle("rejected")

    def action_cancel(self):
        self.write({"state": "cancel"})

    def action_request_onsite(self):
        """Quality asks the supplier to repair on site: its reply is due within the company's
        delay (24 hours); a to-do for the requester reminds them."""
        self.ensure_one()
        self._check_open()
        if self.onsite_requested_date:
            raise UserError(
                _("The on-site repair of %(name)s was already asked for.", name=self.name)
            )
        self._onsite_record("onsite_requested_date")
        if self.state == "draft":
            self.action_claim()
        self.activity_schedule(
            "aftersales_warranty.mail_activity_type_supplier_reply",
            date_deadline=fields.Date.context_today(self, self.onsite_reply_deadline),
            user_id=self.env.uid,
            note=_(
                "%(vendor)s must reply to the on-site repair request by %(deadline)s.",
                vendor=self.partner_id.display_name,
                deadline=format_datetime(self.env, self.onsite_reply_deadline),
            ),
        )

    def action_onsite_replied(self):
        self.ensure_one()
        self._onsite_check_step("onsite_requested_date", "onsite_reply_date")
        self._onsite_record("onsite_reply_date")
        self.activity_feedback(["aftersales_warranty.mail_activity_type_supplier_reply"])

    def action_onsite_done(self):
        """The supplier repaired on site: its signed report is due within the company's
        working days (5)."""
        self.ensure_one()
        self._onsite_check_step("onsite_requested_date", "onsite_done_date")
        if not self.onsite_reply_date:
            self._onsite_record("onsite_reply_date")
            self.activity_feedback(["aftersales_warranty.mail_activity_type_supplier_reply"])
        self._onsite_record("onsite_done_date")
        self.activity_schedule(
            "aftersales_warranty.mail_activity_type_supplier_report",
            date_deadline=fields.Date.context_today(self, self.onsite_report_deadline),
            user_id=self.env.uid,
            note=_(
                "%(vendor)s must send the service report signed by the customer by %(deadline)s.",
                vendor=self.partner_id.display_name,
                deadline=format_datetime(self.env, self.onsite_report_deadline),
            ),
        )

    def action_onsite_report(self):
        self.ensure_one()
        self._onsite_check_step("onsite_done_date", "onsite_report_date")
        self._onsite_record("onsite_report_date")
        self.activity_feedback(["aftersales_warranty.mail_activity_type_supplier_report"])

    def _onsite_check_step(self, previous, current):
        if not self[previous] or self[current]:
            raise UserError(
                _(
                    "%(name)s: record the supplier's on-site repair in order (asked, replied, "
                    "repaired on site, report received), each once.",
                    name=self.name,
                )
            )

    def _onsite_record(self, fname):
        # sudo: the on-site dates are refused to plain writes; the buttons record them
        self.sudo().write({fname: fields.Datetime.now()})
        labels = {
            "onsite_requested_date": _("On-site repair asked of the supplier"),
            "onsite_reply_date": _("Supplier replied"),
            "onsite_done_date": _("Supplier repaired on site"),
            "onsite_report_date": _("Supplier's report received"),
        }
        late = (fname == "onsite_reply_date" and self.onsite_reply_late) or (
            fname == "onsite_report_date" and self.onsite_report_late
        )
        self.message_post(body=late and _("%(step)s (late).", step=labels[fname]) or labels[fname])

    def _onsite_working_days_after(self, start, days):
        """``days`` working days of the company calendar after ``start`` (the working-time
        rule of resource.calendar; 8 hours a day without a calendar)."""
        calendar = self.company_id.resource_calendar_id
        if not calendar:
            return start + timedelta(days=days)
        hours = days * (calendar.hours_per_day or 8.0)
        return calendar.plan_hours(hours, start, compute_leaves=True) or start + timedelta(
            days=days
        )

    def _check_open(self):
        if self.state not in ("draft", "claimed"):
            raise UserError(
                _("Claim %(name)s is already settled; its outcome cannot change.", name=self.name)
            )

    def _settle(self, outcome, refund=None):
        vals = {
            "outcome": outcome,
            "state": "rejected" if outcome == "rejected" else "done",
            "date_outcome": fields.Date.context_today(self),
            "date_claim": self.date_claim or fields.Date.context_today(self),
        }
        if refund:
            vals["refund_id"] = refund.id
        self.write(vals)
        self.message_post(
            body=_(
                "Outcome: %(outcome)s; recovered %(amount)s.",
                outcome=dict(self._fields["outcome"]._description_selection(self.env))[outcome],
                amount=self.recovered_amount,
            )
        )

    def _create_return_picking(self):
        self.ensure_one()
        source = self.return_id.location_id or self.company_id._aftersales_quarantine_location()
        destination = self.partner_id.with_company(
            self.company_id
        ).property_stock_supplier or self.env.ref("stock.stock_location_suppliers")
        warehouse = source.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": warehouse.out_type_id.id,
                "partner_id": self.partner_id.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "origin": self.name,
                "aftersales_supplier_claim_id": self.id,
                "company_id": self.company_id.id,
                "move_ids": [
                    fields.Command.create(
                        {
                            "name": _(
                                "Return to vendor: %(part)s", part=self.product_id.display_name
                            ),
                            "product_id": self.product_id.id,
                            "product_uom_qty": self.quantity,
                            "product_uom": self.product_id.uom_id.id,
                            "location_id": source.id,
                            "location_dest_id": destination.id,
                            "company_id": self.company_id.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        return picking
