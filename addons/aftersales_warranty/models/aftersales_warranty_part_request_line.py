# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from odoo.addons.aftersales_repair.tools import check_number_bounds


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
