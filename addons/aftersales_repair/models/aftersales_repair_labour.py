# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_round, format_amount


class AftersalesRepairLabour(models.Model):
    _name = "aftersales.repair.labour"
    _description = "Repair Labour Line"
    _order = "repair_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(
        related="repair_id.company_id", store=True, index=True, string="Company"
    )
    currency_id = fields.Many2one(related="repair_id.currency_id", string="Currency")
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        required=True,
        check_company=True,
        domain="[('type', '=', 'service')]",
    )
    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    technician_id = fields.Many2one("res.users", check_company=True)
    hours = fields.Float(default=1.0, digits="Product Unit of Measure")
    price_unit = fields.Float(
        string="Rate",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        precompute=True,
        digits="Product Price",
        help="Price of one hour of this service.",
    )
    price_subtotal = fields.Monetary(
        string="Amount", compute="_compute_price_subtotal", store=True
    )
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Sale Order Line", copy=False, readonly=True, index=True
    )
    is_declined = fields.Boolean(
        string="Declined by Customer",
        copy=False,
        help="Recommended work the customer declined: kept on the order, not done, not charged, "
        "printed on the settlement.",
    )
    is_safety_relevant = fields.Boolean(string="Safety Relevant")

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name or line.name

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.product_id.lst_price

    @api.depends("hours", "price_unit", "is_declined")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = (
                0.0
                if line.is_declined
                else float_round(line.hours * line.price_unit, precision_digits=2)
            )

    @api.constrains("hours", "price_unit")
    def _check_not_negative(self):
        for line in self:
            if float_compare(line.hours, 0.0, precision_digits=6) < 0:
                raise ValidationError(
                    _(
                        "Labour '%(name)s' on repair %(repair)s has negative hours. Enter the "
                        "hours worked or estimated (zero or more).",
                        name=line.name,
                        repair=line.repair_id.name,
                    )
                )
            if float_compare(line.price_unit, 0.0, precision_digits=6) < 0:
                raise ValidationError(
                    _(
                        "Labour '%(name)s' on repair %(repair)s has a negative rate. Enter a "
                        "rate of zero or more.",
                        name=line.name,
                        repair=line.repair_id.name,
                    )
                )

    @api.constrains("product_id")
    def _check_service_product(self):
        for line in self:
            if line.product_id.type != "service":
                raise ValidationError(
                    _(
                        "%(product)s is not a service: labour lines take service products; "
                        "add parts on the Parts tab.",
                        product=line.product_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # labour is logged only on a repair the user may work on (a technician: the repairs
        # they are responsible for or work on), not used to open someone else's repair
        repair_ids = {vals["repair_id"] for vals in vals_list if vals.get("repair_id")}
        self.env["repair.order"].browse(repair_ids).check_access("write")
        lines = super().create(vals_list)
        lines._aftersales_check_repair_open()
        lines._aftersales_sync_sale_order_line()
        by_repair = lines.filtered(lambda line: not line.is_declined).grouped("repair_id")
        for repair in lines.repair_id._aftersales_accepted_estimates():
            added = by_repair.get(repair)
            if added:
                repair._aftersales_check_acceptance_still_valid(
                    [
                        self.env._(
                            "Labour added: %(hours)s h %(name)s", hours=line.hours, name=line.name
                        )
                        for line in added
                    ]
                )
        return lines

    def write(self, vals):
        before = {}
        if {"hours", "price_unit"} & set(vals):
            before = {
                line.id: (line.hours, line.price_unit) for line in self if not line.is_declined
            }
        res = super().write(vals)
        if {"hours", "price_unit", "product_id", "name", "is_declined"} & set(vals):
            self._aftersales_sync_sale_order_line()
        if {"hours", "price_unit", "product_id"} & set(vals):
            self.repair_id._aftersales_check_acceptance_still_valid(
                details=self._aftersales_change_details(before)
            )
        return res

    def unlink(self):
        self.sale_line_id.filtered(lambda sol: sol.state != "cancel").write(
            {"product_uom_qty": 0.0}
        )
        return super().unlink()

    def _aftersales_change_details(self, before):
        """{repair id: [what changed]} of the labour lines, from their former (hours, rate),
        to tell the customer when the estimate needs a new approval."""
        details = defaultdict(list)
        for line in self.filtered(lambda rec: rec.id in before):
            hours, rate = before[line.id]
            if float_compare(hours, line.hours, precision_digits=6):
                details[line.repair_id.id].append(
                    self.env._(
                        "%(name)s: %(old)s h → %(new)s h",
                        name=line.name,
                        old=format(hours, "g"),
                        new=format(line.hours, "g"),
                    )
                )
            if float_compare(rate, line.price_unit, precision_digits=6):
                currency = line.repair_id.currency_id
                details[line.repair_id.id].append(
                    self.env._(
                        "%(name)s: rate %(old)s → %(new)s",
                        name=line.name,
                        old=format_amount(self.env, rate, currency),
                        new=format_amount(self.env, line.price_unit, currency),
                    )
                )
        return details

    def _aftersales_check_repair_open(self):
        for line in self:
            if line.repair_id.state in ("done", "cancel"):
                raise UserError(
                    _(
                        "Repair %(name)s is closed: labour can no longer be added.",
                        name=line.repair_id.name,
                    )
                )

    def _aftersales_sale_line_values(self):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "name": self.name,
            "product_uom_qty": 0.0 if self.is_declined else self.hours,
            "price_unit": 0.0 if self.repair_id.under_warranty else self.price_unit,
        }

    def _aftersales_sync_sale_order_line(self):
        """One sale order line per labour line on the repair's sale order."""
        create_vals = []
        to_link = self.browse()
        for line in self:
            order = line.repair_id.sale_order_id
            if not order or order.state == "cancel":
                continue
            vals = line._aftersales_sale_line_values()
            if line.sale_line_id:
                line.sale_line_id.write(vals)
            else:
                create_vals.append(dict(vals, order_id=order.id))
                to_link |= line
        if create_vals:
            sale_lines = self.env["sale.order.line"].create(create_vals)
            for line, sale_line in zip(to_link, sale_lines, strict=True):
                line.sale_line_id = sale_line

    def _aftersales_decline(self):
        self.is_declined = True
