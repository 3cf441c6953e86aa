# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

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
    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # the approvers the approval engine already subscribed in one batch
        if self._approval_followers_cover(partner_ids, subtype_ids):
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

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
