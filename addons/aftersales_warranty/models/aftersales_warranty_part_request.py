# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, format_date

from odoo.addons.aftersales_repair.tools import check_number_bounds
from odoo.addons.aftersales_sla.tools import WorkTime

PART_TYPES = [("standard", "Standard"), ("non_standard", "Non-standard")]
URGENCIES = [("normal", "Normal"), ("urgent", "Urgent"), ("critical", "Unit down")]
DELIVERY_MODES = [
    ("hand", "Hand to the technician"),
    ("ship_dealer", "Ship to the dealer"),
    ("ship_customer", "Ship to the customer's address"),
]
RECIPIENT_TYPES = [("technician", "Technician"), ("dealer", "Dealer")]
SUPPLY_METHODS = [
    ("stock", "Issue from stock"),
    ("emergency_purchase", "Emergency local purchase"),
]


class AftersalesWarrantyPartRequest(models.Model):
    """A request for warranty spare parts issued free from stock (readme/CONFIGURE.md, "Warranty
    part requests").

    Flow: draft → to approve (the approval rules of the amount decide who signs) → approved
    (an outgoing transfer from the spare-parts location is created and confirmed; nothing is
    reserved or moved before) → issued (the transfer is done; one expected return of the
    defective part per line) → done (every return is closed).

    Destination: dealers receive the parts at their customer location; technicians receive
    them at the customer location too, as the part is fitted on the customer's unit (the
    warranty cost is booked at issue, and the returned defective part comes back from there).
    """

    _name = "aftersales.warranty.part.request"
    _description = "Warranty Part Request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "aftersales.approval.mixin",
        "aftersales.sla.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True

    _approval_document_types = ["warranty_part", "non_standard_part", "emergency_purchase"]
    _approval_amount_field = "amount_total"
    _approval_state_field = "state"
    _approval_start_states = ["draft"]
    _approval_under_review_fields = ["line_ids", "part_type", "supply_method"]

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default=lambda self: _("New")
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("issued", "Issued"),
            ("done", "Closed"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    requester_id = fields.Many2one(
        "res.users",
        string="Requested By",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    recipient_type = fields.Selection(
        RECIPIENT_TYPES, string="For", required=True, default="technician", tracking=True
    )
    technician_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        help="The technician who receives the parts and returns the defective ones.",
    )
    dealer_id = fields.Many2one(
        "res.partner",
        index=True,
        tracking=True,
        check_company=True,
        help="The dealer who receives the parts and returns the defective ones.",
    )
    delivery_mode = fields.Selection(
        DELIVERY_MODES, string="Delivery", required=True, default="hand", tracking=True
    )
    ship_partner_id = fields.Many2one(
        "res.partner",
        string="Ship To",
        compute="_compute_ship_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    repair_id = fields.Many2one("repair.order", index=True, check_company=True, tracking=True)
    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        compute="_compute_lot_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
        help="The serial of the unit the parts are for.",
    )
    unit_product_id = fields.Many2one(
        "product.product", string="Unit", related="lot_id.product_id", store=True
    )
    customer_id = fields.Many2one(
        "res.partner",
        compute="_compute_customer_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    part_type = fields.Selection(
        PART_TYPES,
        required=True,
        default="standard",
        tracking=True,
        help="Non-standard parts go beyond the warranty promise and need more approvers.",
    )
    urgency = fields.Selection(URGENCIES, required=True, default="normal", tracking=True)
    supply_method = fields.Selection(
        SUPPLY_METHODS,
        required=True,
        default="stock",
        tracking=True,
        help="Issue from stock: the parts leave the spare-parts location. Emergency local "
        "purchase: the parts are bought on site from a local supplier (approved by unit price) "
        "and received straight to the recipient; the purchase invoice is due for "
        "reimbursement within the days set on the company.",
    )
    vendor_id = fields.Many2one(
        "res.partner",
        string="Local Supplier",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="Where an emergency local purchase is bought.",
    )
    invoice_due_date = fields.Date(
        string="Purchase Invoice Due",
        readonly=True,
        copy=False,
        help="An emergency purchase is reimbursed against the supplier's invoice, to be handed "
        "in by this date.",
    )
    coverage_source = fields.Selection(
        [
            ("policy", "Warranty policy"),
            ("contract", "Maintenance contract"),
            ("goodwill", "Goodwill"),
        ],
        readonly=True,
        copy=False,
    )
    coverage_end_date = fields.Date(readonly=True, copy=False)
    coverage_reason = fields.Text(
        string="Coverage Justification",
        help="Why the parts are free: filled from the coverage of the serial, may be completed.",
    )
    line_ids = fields.One2many(
        "aftersales.warranty.part.request.line", "request_id", string="Parts", copy=True
    )
    amount_total = fields.Monetary(
        string="Amount",
        compute="_compute_amount_total",
        store=True,
        currency_field="currency_id",
        help="Quantity times cost of each part, in the company currency.",
    )
    max_unit_cost = fields.Monetary(
        string="Highest Unit Cost", compute="_compute_amount_total", store=True
    )
    scheduled_date = fields.Datetime(
        string="Due By",
        copy=False,
        help="When the parts must leave the warehouse (dealers: within the working days set "
        "on the company).",
    )
    picking_ids = fields.One2many(
        "stock.picking", "aftersales_part_request_id", string="Transfers"
    )
    picking_count = fields.Integer(compute="_compute_picking_count")
    return_ids = fields.One2many("aftersales.part.return", "request_id", string="Returns")
    return_count = fields.Integer(compute="_compute_return_count")
    date_issued = fields.Datetime(readonly=True, copy=False)
    note = fields.Html()
    weight_total = fields.Float(
        string="Weight (kg)",
        compute="_compute_freight_required",
        store=True,
        digits="Stock Weight",
    )
    freight_required = fields.Boolean(
        string="Ships by Freight",
        compute="_compute_freight_required",
        store=True,
        help="The parts are shipped and weigh more than the company's freight threshold: they "
        "go by freight, with the requester's consent recorded before they are issued.",
    )
    freight_consent_date = fields.Datetime(
        string="Freight Consent On", readonly=True, copy=False, tracking=True
    )
    freight_consent_user_id = fields.Many2one(
        "res.users", string="Freight Consent By", readonly=True, copy=False
    )
    parts_sale_order_id = fields.Many2one(
        "sale.order",
        string="Parts Sale",
        readonly=True,
        copy=False,
        check_company=True,
        help="The repair turned out to be paid: the issued warranty parts were sold to its "
        "customer with this order.",
    )

    @api.depends("recipient_type", "delivery_mode", "dealer_id", "customer_id", "technician_id")
    def _compute_ship_partner_id(self):
        for request in self:
            if request.delivery_mode == "ship_customer":
                request.ship_partner_id = request.customer_id
            elif request.delivery_mode == "ship_dealer":
                request.ship_partner_id = request.dealer_id
            else:
                request.ship_partner_id = request.technician_id.partner_id

    @api.depends("repair_id")
    def _compute_lot_id(self):
        for request in self:
            if request.repair_id.lot_id:
                request.lot_id = request.repair_id.lot_id

    @api.depends("repair_id", "lot_id")
    def _compute_customer_id(self):
        for request in self:
            if request.repair_id.partner_id:
                request.customer_id = request.repair_id.partner_id

    @api.depends("line_ids.price_subtotal", "line_ids.unit_cost")
    def _compute_amount_total(self):
        for request in self:
            request.amount_total = sum(request.line_ids.mapped("price_subtotal"))
            request.max_unit_cost = max(request.line_ids.mapped("unit_cost"), default=0.0)

    @api.depends(
        "line_ids.product_id.weight",
        "line_ids.quantity",
        "line_ids.product_uom_id",
        "delivery_mode",
        "company_id.aftersales_freight_weight",
    )
    def _compute_freight_required(self):
        for request in self:
            weight = sum(
                line.product_uom_id._compute_quantity(line.quantity, line.product_id.uom_id)
                * line.product_id.weight
                for line in request.line_ids
                if line.product_uom_id and line.product_id
            )
            threshold = request.company_id.aftersales_freight_weight
            request.weight_total = weight
            request.freight_required = bool(
                threshold
                and request.delivery_mode in ("ship_dealer", "ship_customer")
                and float_compare(weight, threshold, precision_digits=3) > 0
            )

    def _compute_picking_count(self):
        for request in self:
            request.picking_count = len(request.picking_ids)

    def _compute_return_count(self):
        for request in self:
            request.return_count = len(request.return_ids)

    @api.constrains("recipient_type", "dealer_id", "technician_id", "delivery_mode")
    def _check_recipient(self):
        for request in self:
            if request.recipient_type == "dealer" and not request.dealer_id:
                raise ValidationError(
                    _("Request %(name)s is for a dealer: choose the dealer.", name=request.name)
                )
            if request.recipient_type == "technician" and not request.technician_id:
                raise ValidationError(
                    _(
                        "Request %(name)s is for a technician: choose the technician.",
                        name=request.name,
                    )
                )
            if request.recipient_type == "technician" and request.delivery_mode == "ship_dealer":
                raise ValidationError(
                    _(
                        "Request %(name)s is for a technician: hand the parts over or ship "
                        "them to the customer, not to a dealer.",
                        name=request.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_owned_fields(vals)
            if vals.get("name", _("New")) == _("New"):
                company = (
                    self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                )
                vals["name"] = self.env["ir.sequence"].with_company(company).next_by_code(
                    "aftersales.warranty.part.request"
                ) or _("New")
        requests = super().create(vals_list)
        requests.filtered(lambda r: r.lot_id and not r.coverage_reason)._fill_coverage()
        return requests

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if any(request.state not in ("draft", "cancel") for request in self):
            raise UserError(
                _("Only draft or cancelled part requests can be deleted; cancel it first.")
            )

    def write(self, vals):
        self._check_owned_fields(vals)
        return super().write(vals)

    @api.model
    def _check_owned_fields(self, vals):
        """The freight consent is the requester's own act (action_record_freight_consent) and
        the parts sale the paid repair's (_convert_to_parts_sale): refused to create/write."""
        owned = {
            "freight_consent_date",
            "freight_consent_user_id",
            "parts_sale_order_id",
        } & set(vals)
        if owned and not self.env.su:
            raise UserError(
                _('The freight consent is recorded by the requester with "Consent to Freight".')
            )

    # ------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------

    def action_fill_coverage(self):
        self._fill_coverage()

    def action_submit(self):
        """Send the request for approval (after checking its parts). An amount that is not
        positive or that no approval rule covers is refused; a rule without approval steps
        approves the request at once."""
        self.check_access("write")
        for request in self:
            if request.state != "draft":
                raise UserError(_("Request %(name)s was already submitted.", name=request.name))
            request._check_parts()
        self._refresh_stock_costs()
        for request in self:
            request._approval_check_requestable()
            if request._approval_needed_steps():
                request.action_request_approval()
                request._approval_write_state({"state": "to_approve"})
            else:
                request._approval_write_state(
                    {"state": "to_approve", "approval_requested_by_id": self.env.uid}
                )
                request._aftersales_approved()
        return True

    def action_cancel(self):
        for request in self:
            if request.state in ("issued", "done"):
                raise UserError(
                    _(
                        "The parts of %(name)s were already issued: return them with a reverse "
                        "transfer instead of cancelling the request.",
                        name=request.name,
                    )
                )
        self.check_access("write")
        self._approval_supersede(_("Request cancelled: the approvals are withdrawn."))
        self.env["aftersales.sla.deadline"]._sla_cancel(self)
        self.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")).action_cancel()
        self._approval_write_state({"state": "cancel"})

    def action_draft(self):
        for request in self:
            if request.state not in ("cancel", "rejected"):
                raise UserError(
                    _(
                        "Only a cancelled or rejected request can be set back to draft "
                        "(%(name)s).",
                        name=request.name,
                    )
                )
        self.check_access("write")
        self._approval_write_state({"state": "draft"})

    def action_restart_approval(self):
        for request in self:
            if request.state in ("issued", "done", "cancel"):
                raise UserError(
                    _(
                        "The approval of %(name)s cannot be restarted any more (%(state)s): a "
                        "new need is a new request.",
                        name=request.name,
                        state=dict(request._fields["state"]._description_selection(self.env))[
                            request.state
                        ],
                    )
                )
        return super().action_restart_approval()

    def action_view_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("stock.action_picking_tree_all")
        action["domain"] = [("id", "in", self.picking_ids._filtered_access("read").ids)]
        action["context"] = {"create": False}
        return action

    def action_issue(self):
        """The warehouse's one click: the transfer of the approved parts, reserved and ready to
        validate."""
        self.ensure_one()
        picking = self.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))[:1]
        if not picking:
            raise UserError(_("%(name)s has no transfer waiting to be issued.", name=self.name))
        if picking.state in ("confirmed", "waiting"):
            picking.action_assign()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": picking.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_view_returns(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_warranty.aftersales_part_return_action"
        )
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------------------------

    def _check_parts(self):
        self.ensure_one()
        if self.supply_method == "emergency_purchase" and not self.vendor_id:
            raise UserError(
                _(
                    "Request %(name)s is an emergency local purchase: choose the local supplier "
                    "the parts are bought from.",
                    name=self.name,
                )
            )
        if not self.line_ids:
            raise UserError(
                _("Request %(name)s has no parts: add the parts you need.", name=self.name)
            )
        negative = self.line_ids.filtered(
            lambda line: line.currency_id.compare_amounts(line.unit_cost, 0.0) < 0
        )
        if negative:
            raise UserError(
                _(
                    "Enter the unit cost of %(parts)s on %(name)s: a cost cannot be negative.",
                    parts=", ".join(negative.product_id.mapped("display_name")),
                    name=self.name,
                )
            )
        zero = self.line_ids.filtered(
            lambda line: (
                float_compare(line.quantity, 0.0, precision_rounding=line.uom_rounding) <= 0
            )
        )
        if zero:
            raise UserError(
                _(
                    "Enter a positive quantity for %(parts)s on %(name)s, or remove the line.",
                    parts=", ".join(zero.product_id.mapped("display_name")),
                    name=self.name,
                )
            )

    def _refresh_stock_costs(self):
        """Parts issued from stock are valued at their cost when submitted: the amount that
        decides the approvers cannot be lowered by editing the unit cost (only an emergency
        local purchase states the price actually paid)."""
        for line in self.filtered(lambda r: r.supply_method == "stock").line_ids:
            cost = line.product_id.with_company(line.company_id).standard_price
            cost = line.product_id.uom_id._compute_price(cost, line.product_uom_id)
            if line.currency_id.compare_amounts(cost, line.unit_cost):
                line.unit_cost = cost

    def _fill_coverage(self):
        """Copy the coverage of the serial (from the warranty coverage service) as the
        justification of the request."""
        Warranty = self.env.get("aftersales.warranty")
        if Warranty is None or not hasattr(Warranty, "coverage_batch"):
            return
        requests = self.filtered("lot_id")
        queries = []
        for request in requests:
            cause = (
                request.repair_id.failure_cause if "failure_cause" in request.repair_id else None
            )
            part = request.line_ids[:1].product_id or request.lot_id.product_id
            queries.append(
                (request.lot_id, part, fields.Date.context_today(request), cause or None)
            )
        for request, coverage in zip(requests, Warranty.coverage_batch(queries), strict=True):
            request.write(
                {
                    "coverage_source": coverage.source or False,
                    "coverage_end_date": coverage.end_date or False,
                    "coverage_reason": coverage.reason,
                }
            )

    @api.model
    def _approval_owned_fields(self):
        # the request's state follows the approval (submitted, approved, issued, closed)
        return super()._approval_owned_fields() + ["state", "date_issued"]

    def _approval_is_requester(self, user):
        """Who created, submitted or is named as requester may not decide the request (even
        when someone else submitted it for them)."""
        return (
            super()._approval_is_requester(user)
            or self.requester_id == user
            or self.create_uid == user
        )

    def _get_approval_requirements(self):
        """Standard parts: by the amount (quantity x cost); non-standard parts: by the amount
        with the non-standard rules; emergency local purchases: by the highest unit price
        (readme/CONFIGURE.md, "Warranty part approval thresholds")."""
        self.ensure_one()
        if self.supply_method == "emergency_purchase":
            # an emergency local purchase is approved by its unit price (readme/CONFIGURE.md,
            # "Warranty part approval thresholds")
            document_type, amount = "emergency_purchase", self.max_unit_cost
        elif self.part_type == "non_standard":
            document_type, amount = "non_standard_part", self.amount_total
        else:
            document_type, amount = "warranty_part", self.amount_total
        return [
            {
                "document_type": document_type,
                "amount": amount,
            }
        ]

    def _on_approval_approved(self):
        res = super()._on_approval_approved()
        self._aftersales_approved()
        return res

    def _on_approval_rejected(self):
        res = super()._on_approval_rejected()
        self.filtered(lambda r: r.state == "to_approve")._approval_write_state(
            {"state": "rejected"}
        )
        return res

    def _approval_supersede(self, reason):
        """A change after a decision: cancel the transfer not yet done and start again."""
        res = super()._approval_supersede(reason)
        self.env["aftersales.sla.deadline"]._sla_cancel(
            self.filtered(lambda r: r.state in ("to_approve", "approved"))
        )
        for request in self:
            if request.state in ("to_approve", "approved", "rejected"):
                request.picking_ids.filtered(
                    lambda p: p.state not in ("done", "cancel")
                ).action_cancel()
                request._approval_write_state({"state": "draft"})
        return res

    def _lines_changed(self):
        """Lines are edited: refused while under review or once issued; after a decision the
        request goes back for approval."""
        for request in self:
            if request.state in ("issued", "done", "cancel"):
                raise UserError(
                    _(
                        "The parts of %(name)s cannot be changed any more (%(state)s).",
                        name=request.name,
                        state=dict(request._fields["state"]._description_selection(self.env))[
                            request.state
                        ],
                    )
                )
            if request.approval_request_state == "pending":
                raise UserError(
                    _(
                        "%(name)s is waiting for approval: its parts cannot be changed now. Ask "
                        "an approver to reject it, or restart the approval, then change them.",
                        name=request.name,
                    )
                )
        decided = self.filtered(lambda r: r.approval_request_state in ("approved", "rejected"))
        if decided:
            decided._approval_supersede(
                _("Approval reset: the parts or quantities changed after the decision.")
            )

    def _aftersales_approved(self):
        """Final approval: create and confirm the outgoing transfer."""
        for request in self.filtered(lambda r: r.state == "to_approve"):
            request._check_parts()
            request._create_issue_picking()
            request._approval_write_state({"state": "approved"})

    def _sla_values(self):
        """Service levels see the dealer as the customer and the requester as responsible."""
        values = super()._sla_values()
        for request in self:
            partner = request.dealer_id if request.recipient_type == "dealer" else False
            values[request.id].update(
                {
                    "partner_id": partner.id if partner else False,
                    "partner_category_ids": (
                        partner.category_id | partner.commercial_partner_id.category_id
                    ).ids
                    if partner
                    else [],
                    "user_id": request.requester_id.id,
                }
            )
        return values

    def _destination(self):
        self.ensure_one()
        if self.recipient_type == "dealer":
            partner = self.ship_partner_id or self.dealer_id
        else:
            partner = self.ship_partner_id or self.technician_id.partner_id
        location = partner.with_company(self.company_id).property_stock_customer
        return partner, location or self.env.ref("stock.stock_location_customers")

    def _scheduled_date(self):
        """Dealers: the shipping deadline, from the "Warranty Parts Shipping" service level
        (started at the final approval, met when the parts leave), else from the company
        setting in working days of the company calendar. Technicians: now."""
        self.ensure_one()
        now = fields.Datetime.now()
        if self.recipient_type != "dealer":
            return now
        Deadline = self.env["aftersales.sla.deadline"]
        deadline = Deadline._sla_start(self, "parts_shipping", start=now)
        if deadline:
            return deadline[:1].deadline_datetime
        days = self.company_id.aftersales_dealer_ship_days
        calendar = self.company_id.resource_calendar_id
        if not days:
            return now
        if not calendar:
            return now + timedelta(days=days)
        hours = days * (calendar.hours_per_day or 8.0)
        return WorkTime(calendar, now).add_hours(now, hours)

    def _create_issue_picking(self):
        self.ensure_one()
        if self.picking_ids.filtered(lambda p: p.state != "cancel"):
            raise UserError(_("The parts of %(name)s already have a transfer.", name=self.name))
        # sudo: the last approver may not read repairs; only their state is checked
        repair = self.sudo().repair_id
        if repair.state in ("done", "cancel"):
            raise UserError(
                _(
                    "Repair %(repair)s is %(state)s: no part can be issued for it any more. "
                    "Cancel request %(name)s.",
                    repair=repair.name,
                    state=dict(repair._fields["state"]._description_selection(self.env))[
                        repair.state
                    ],
                    name=self.name,
                )
            )
        if self.supply_method == "emergency_purchase":
            return self._create_emergency_receipt()
        source = self.company_id._aftersales_spare_location()
        if not source:
            raise UserError(
                _(
                    "Set the spare-parts location of %(company)s in the After-Sales settings.",
                    company=self.company_id.name,
                )
            )
        warehouse = source.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        partner, destination = self._destination()
        scheduled = self._scheduled_date()
        picking = (
            self.env["stock.picking"]
            .with_company(self.company_id)
            .create(
                {
                    "picking_type_id": warehouse.out_type_id.id,
                    "partner_id": partner.id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "origin": self.name,
                    "scheduled_date": scheduled,
                    "aftersales_part_request_id": self.id,
                    "company_id": self.company_id.id,
                    "move_ids": [
                        fields.Command.create(
                            {
                                "name": line.product_id.display_name,
                                "product_id": line.product_id.id,
                                "product_uom_qty": line.quantity,
                                "product_uom": line.product_uom_id.id,
                                "location_id": source.id,
                                "location_dest_id": destination.id,
                                "aftersales_request_line_id": line.id,
                                "company_id": self.company_id.id,
                            }
                        )
                        for line in self.line_ids
                    ],
                }
            )
        )
        picking.action_confirm()
        self.scheduled_date = scheduled
        self.message_post(
            body=_(
                "Approved: transfer %(picking)s created to issue the parts.",
                picking=picking.name,
            )
        )
        return picking

    def _create_emergency_receipt(self):
        """Emergency local purchase: the parts come from the local supplier straight to the
        recipient (a receipt from the vendor location, valued at the price paid), so that the
        part's movement, its cost and the expected return of the defective part are traced
        like any issue."""
        self.ensure_one()
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )
        if not warehouse:
            raise UserError(
                _(
                    "%(company)s has no warehouse to receive the emergency purchase in: create "
                    "one in Inventory first.",
                    company=self.company_id.name,
                )
            )
        source = self.vendor_id.with_company(
            self.company_id
        ).property_stock_supplier or self.env.ref("stock.stock_location_suppliers")
        partner, destination = self._destination()
        picking = (
            self.env["stock.picking"]
            .with_company(self.company_id)
            .create(
                {
                    "picking_type_id": warehouse.in_type_id.id,
                    "partner_id": self.vendor_id.id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "origin": self.name,
                    "scheduled_date": fields.Datetime.now(),
                    "aftersales_part_request_id": self.id,
                    "company_id": self.company_id.id,
                    "move_ids": [
                        fields.Command.create(
                            {
                                "name": self.env._(
                                    "Emergency purchase: %(part)s for %(partner)s",
                                    part=line.product_id.display_name,
                                    partner=partner.display_name,
                                ),
                                "product_id": line.product_id.id,
                                "product_uom_qty": line.quantity,
                                "product_uom": line.product_uom_id.id,
                                "price_unit": line.unit_cost,
                                "location_id": source.id,
                                "location_dest_id": destination.id,
                                "partner_id": partner.id,
                                "aftersales_request_line_id": line.id,
                                "company_id": self.company_id.id,
                            }
                        )
                        for line in self.line_ids
                    ],
                }
            )
        )
        picking.action_confirm()
        self.scheduled_date = picking.scheduled_date
        self.message_post(
            body=_(
                "Emergency purchase approved: receipt %(picking)s from %(vendor)s created.",
                picking=picking.name,
                vendor=self.vendor_id.display_name,
            )
        )
        return picking

    def _on_issue_done(self, moves):
        """The issue moves are done: record the issue and expect the defective parts back."""
        self.env["aftersales.part.return"]._create_from_issue_moves(moves)
        self._hand_over_repair_moves(moves)
        for request in self:
            open_moves = request.picking_ids.move_ids.filtered(
                lambda m: m.state not in ("done", "cancel")
            )
            if not open_moves and request.state == "approved":
                request._approval_write_state(
                    {"state": "issued", "date_issued": fields.Datetime.now()}
                )
                if request.supply_method == "emergency_purchase":
                    request._schedule_purchase_invoice()
        self.env["aftersales.sla.deadline"]._sla_meet(
            self.filtered(lambda r: r.state == "issued"), "parts_shipping"
        )

    def _hand_over_repair_moves(self, moves):
        """Parts issued for a repair line ARE the parts that repair consumes: the repair line
        now takes them from where the issue delivered them (the technician), so that one
        fitted part leaves the stock once, with the issue."""
        for move in moves:
            # sudo: the warehouse clerk validating the issue re-routes the repair line as a
            # consequence of the issue; they may not edit repairs (nor read their labour)
            repair_move = move.aftersales_request_line_id.repair_move_id.sudo()
            if not repair_move or repair_move.state in ("done", "cancel"):
                continue
            if repair_move.location_id == move.location_dest_id:
                continue
            repair_move._do_unreserve()
            repair_move.location_id = move.location_dest_id
            if repair_move.state in ("confirmed", "waiting", "partially_available"):
                # reserved again at its new source, or Odoo cancels it at the repair's end
                repair_move._action_assign()

    def _schedule_purchase_invoice(self):
        """(readme/CONFIGURE.md, "Emergency local purchases") An emergency purchase is reimbursed
        with the supplier's invoice within the company's delay (30 days): the requester gets an
        activity due that day."""
        self.ensure_one()
        days = self.company_id.aftersales_emergency_invoice_days
        due = fields.Date.context_today(self) + timedelta(days=days)
        self.invoice_due_date = due
        # the requester's task in the requester's language
        user_self = self.with_context(lang=self.requester_id.lang or self.env.lang)
        user_self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=due,
            user_id=self.requester_id.id,
            summary=user_self.env._("Hand in the purchase invoice"),
            note=user_self.env._(
                "Hand in the invoice of %(vendor)s for the emergency purchase %(name)s by "
                "%(date)s to be reimbursed.",
                vendor=self.vendor_id.display_name,
                name=self.name,
                date=format_date(self.env, due),
            ),
        )

    def _check_closed(self):
        """Requests whose every return is closed are done (in one write for the batch)."""
        to_close = self.filtered(
            lambda r: (
                r.state == "issued"
                and r.return_ids
                and all(
                    ret.state in ("accepted", "rejected", "not_returned", "cancel")
                    for ret in r.return_ids
                )
            )
        )
        if to_close:
            to_close._approval_write_state({"state": "done"})

    # ---- heavy parts by freight (readme/CONFIGURE.md, "Heavy parts by freight") ---------

    def action_record_freight_consent(self):
        """The requester agrees that the heavy parts go by freight (002 §4.2.2.3)."""
        self.ensure_one()
        if not self.freight_required:
            raise UserError(
                _(
                    "%(name)s does not ship by freight: no consent is needed.",
                    name=self.name,
                )
            )
        if self.env.user != self.requester_id:
            raise UserError(
                _(
                    "Only the requester, %(user)s, can consent to ship %(name)s by freight.",
                    user=self.requester_id.name,
                    name=self.name,
                )
            )
        if self.state in ("issued", "done", "cancel"):
            raise UserError(_("%(name)s is already closed.", name=self.name))
        # sudo: the consent fields are refused to plain writes; this is the requester's act
        self.sudo().write(
            {
                "freight_consent_date": fields.Datetime.now(),
                "freight_consent_user_id": self.env.uid,
            }
        )
        self.message_post(
            body=_(
                "%(user)s consents to ship the parts (%(weight)s kg) by freight.",
                user=self.env.user.name,
                weight=format(self.weight_total, "g"),
            )
        )

    def _check_freight_consent(self):
        """Heavy shipped parts leave only once the requester consented to freight."""
        for request in self.filtered(lambda r: r.freight_required and not r.freight_consent_date):
            raise UserError(
                _(
                    "The parts of %(name)s weigh %(weight)s kg, above %(limit)s kg: they ship "
                    "by freight, and %(user)s must first consent to it on the request "
                    '("Consent to Freight").',
                    name=request.name,
                    weight=format(request.weight_total, "g"),
                    limit=format(request.company_id.aftersales_freight_weight, "g"),
                    user=request.requester_id.name,
                )
            )

    # ---- issued warranty parts of a paid repair become a parts sale ----------------------
    # (readme/CONFIGURE.md, "Paid repair: parts sale")

    def _convert_to_parts_sale(self):
        """002 §4.3.2.1: the repair turned out to be paid (out of warranty, user damage...):
        the warranty parts already issued for it are sold to its customer (sale order,
        confirmed and invoiced through Odoo's sale flow), and their defective parts are no
        longer due back. Parts the repair itself charges on its own quotation are not sold
        twice."""
        requests = self.filtered(
            lambda r: (
                r.state in ("issued", "done")
                and not r.parts_sale_order_id
                and r.company_id.aftersales_paid_repair_parts_sale
                and r.sudo().repair_id.service_category == "paid"
            )
        )
        if not requests:
            return self.env["sale.order"]
        # sudo: whoever ends the repair (a technician) makes the sale the company's rule sets;
        # sales and accounting check the order and invoice afterwards (as for parts sales of
        # rejected returns)
        SaleOrder = self.env["sale.order"].sudo()
        orders = SaleOrder
        for request in requests.sudo():
            repair = request.repair_id
            lines = request.line_ids.filtered(
                lambda line: (
                    float_compare(
                        line.issued_qty, 0.0, precision_rounding=line.product_uom_id.rounding
                    )
                    > 0
                    # a part the repair charges itself is sold by the repair's quotation
                    and not line.repair_move_id.warranty_charged
                )
            )
            reason = self.env._(
                "Repair %(repair)s is paid: the warranty parts issued with %(request)s are sold "
                "to %(customer)s.",
                repair=repair.name,
                request=request.name,
                customer=repair.partner_id.display_name,
            )
            # the defective parts are the paying customer's: none is due back any more
            request.return_ids.filtered(lambda r: r.state == "expected").write(
                {"state": "cancel", "outcome_reason": reason}
            )
            if not lines:
                request.message_post(body=reason)
                continue
            order = SaleOrder.with_company(request.company_id).create(
                {
                    "partner_id": repair.partner_id.id,
                    "company_id": request.company_id.id,
                    "origin": request.name,
                    "client_order_ref": repair.name,
                    "note": reason,
                    "order_line": [
                        fields.Command.create(
                            {
                                "product_id": line.product_id.id,
                                "product_uom_qty": line.issued_qty,
                                "product_uom": line.product_uom_id.id,
                            }
                        )
                        for line in lines
                    ],
                }
            )
            # the parts already left with the issue transfer: the order is delivered by it
            for line, sale_line in zip(lines, order.order_line, strict=True):
                issue_moves = request.picking_ids.move_ids.filtered(
                    lambda m, line=line: (
                        m.aftersales_request_line_id == line
                        and m.state == "done"
                        and not m.sale_line_id
                    )
                )
                issue_moves.sale_line_id = sale_line
            order.action_confirm()
            if any(
                float_compare(sol.qty_to_invoice, 0.0, precision_rounding=sol.product_uom.rounding)
                > 0
                for sol in order.order_line
            ):
                order._create_invoices()
            request.write({"parts_sale_order_id": order.id})
            request.message_post(
                body=_(
                    "%(reason)s Parts sale %(order)s.",
                    reason=reason,
                    order=order.name,
                )
            )
            orders |= order
        requests._check_closed()
        return orders

    # ---- parts signed for by the technician --------------------------------------------
    # (readme/CONFIGURE.md, "Technician signs for parts")

    def _needs_technician_signature(self):
        self.ensure_one()
        return (
            self.company_id.aftersales_issue_signature
            and self.recipient_type == "technician"
            and self.delivery_mode == "hand"
            and self.supply_method == "stock"
        )


class AftersalesWarrantyPartRequestLine(models.Model):
    _name = "aftersales.warranty.part.request.line"
    _description = "Warranty Part Request Line"
    _order = "request_id, sequence, id"
    _check_company_auto = True

    request_id = fields.Many2one(
        "aftersales.warranty.part.request", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="request_id.currency_id")
    state = fields.Selection(related="request_id.state")
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        index=True,
        check_company=True,
        domain="[('type', '=', 'consu')]",
    )
    quantity = fields.Float(default=1.0, required=True, digits="Product Unit of Measure")
    product_uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        compute="_compute_product_uom_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    uom_rounding = fields.Float(related="product_uom_id.rounding")
    unit_cost = fields.Monetary(
        compute="_compute_unit_cost",
        store=True,
        readonly=False,
        precompute=True,
        currency_field="currency_id",
        help="Cost of the part when requested (its standard cost).",
    )
    price_subtotal = fields.Monetary(
        string="Subtotal", compute="_compute_price_subtotal", store=True
    )
    free_qty = fields.Float(
        string="Available",
        compute="_compute_free_qty",
        digits="Product Unit of Measure",
        help="Free quantity in the spare-parts location now; the request can be approved "
        "without stock, its transfer then waits for the parts.",
    )
    is_available = fields.Boolean(compute="_compute_free_qty")
    repair_move_id = fields.Many2one(
        "stock.move", string="Repair Line", index=True, help="The repair part line it covers."
    )
    issued_qty = fields.Float(
        compute="_compute_issued_qty", digits="Product Unit of Measure", string="Issued"
    )

    @api.model_create_multi
    def create(self, vals_list):
        requests = self.env["aftersales.warranty.part.request"].browse(
            {vals["request_id"] for vals in vals_list if vals.get("request_id")}
        )
        requests._lines_changed()
        return super().create(vals_list)

    def write(self, vals):
        if {"product_id", "quantity", "unit_cost", "product_uom_id"} & set(vals):
            self.request_id._lines_changed()
        return super().write(vals)

    def unlink(self):
        self.request_id._lines_changed()
        return super().unlink()

    @api.depends("product_id")
    def _compute_product_uom_id(self):
        for line in self:
            line.product_uom_id = line.product_id.uom_id

    @api.depends("product_id", "product_uom_id", "request_id.company_id")
    def _compute_unit_cost(self):
        for line in self:
            company = line.request_id.company_id or self.env.company
            cost = line.product_id.with_company(company).standard_price
            if line.product_uom_id and line.product_id:
                cost = line.product_id.uom_id._compute_price(cost, line.product_uom_id)
            line.unit_cost = cost

    @api.depends("quantity", "unit_cost")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.quantity * line.unit_cost

    @api.depends("product_id", "quantity", "request_id.company_id")
    def _compute_free_qty(self):
        for line in self:
            company = line.company_id or self.env.company
            location = company._aftersales_spare_location()
            free = line.product_id.with_context(location=location.id).free_qty if location else 0
            line.free_qty = free
            line.is_available = (
                float_compare(
                    free, line.quantity, precision_rounding=line.product_id.uom_id.rounding or 0.01
                )
                >= 0
            )

    def _compute_issued_qty(self):
        moves = self.env["stock.move"].search(
            [("aftersales_request_line_id", "in", self.ids), ("state", "=", "done")]
        )
        for line in self:
            line.issued_qty = sum(
                m.quantity for m in moves if m.aftersales_request_line_id == line
            )

    @api.constrains("unit_cost")
    def _check_unit_cost_not_negative(self):
        check_number_bounds(self, ["unit_cost"])

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            rounding = line.uom_rounding or 0.01
            if float_compare(line.quantity, 0.0, precision_rounding=rounding) <= 0:
                raise ValidationError(
                    _(
                        "Enter a positive quantity for %(part)s or remove the line.",
                        part=line.product_id.display_name,
                    )
                )
