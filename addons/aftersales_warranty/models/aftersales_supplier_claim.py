# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


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
