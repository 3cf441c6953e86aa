# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_round, format_amount

SUPPLY_TYPES = [("company", "Company-supplied"), ("customer", "Customer-supplied")]


# the fields of a repair's part line its user edits (stock's own writes on reservation and
# validation do not touch them)
REPAIR_LINE_USER_FIELDS = {
    "product_id",
    "product_uom_qty",
    "repair_line_type",
    "repair_price_unit",
    "supply_type",
    "is_declined",
}


class StockMove(models.Model):
    _inherit = "stock.move"

    supply_type = fields.Selection(
        SUPPLY_TYPES,
        string="Supplied By",
        default="company",
        help="Customer-supplied parts carry no quality guarantee.",
    )
    is_original = fields.Boolean(
        string="Original Part",
        default=True,
        help="Untick for a non-original part the customer insists on: it carries no quality "
        "guarantee.",
    )
    no_quality_guarantee = fields.Boolean(
        compute="_compute_no_quality_guarantee",
        store=True,
        help="Customer-supplied or non-original part: printed on the quotation and settlement.",
    )
    is_declined = fields.Boolean(
        string="Declined by Customer",
        copy=False,
        help="Recommended work the customer declined: kept on the order, not done, not charged, "
        "printed on the settlement.",
    )
    is_safety_relevant = fields.Boolean(
        string="Safety Relevant",
        help="Highlighted when the customer declines it.",
    )
    repair_price_unit = fields.Float(
        string="Repair Unit Price",
        compute="_compute_repair_price_unit",
        store=True,
        readonly=False,
        precompute=True,
        digits="Product Price",
        help="Sales price of the part on the repair estimate.",
    )
    repair_price_subtotal = fields.Float(
        string="Repair Subtotal",
        compute="_compute_repair_price_subtotal",
        store=True,
        digits="Product Price",
    )

    @api.depends("supply_type", "is_original")
    def _compute_no_quality_guarantee(self):
        for move in self:
            move.no_quality_guarantee = bool(
                move.repair_id and (move.supply_type == "customer" or not move.is_original)
            )

    @api.depends("product_id", "supply_type", "repair_line_type")
    def _compute_repair_price_unit(self):
        for move in self:
            if not move.repair_id and not move.repair_line_type:
                move.repair_price_unit = 0.0
            elif move.supply_type == "customer" or move.repair_line_type != "add":
                move.repair_price_unit = 0.0
            else:
                move.repair_price_unit = move.product_id.lst_price

    @api.depends("repair_price_unit", "product_uom_qty", "is_declined", "state")
    def _compute_repair_price_subtotal(self):
        for move in self:
            if move.is_declined or move.repair_line_type != "add":
                move.repair_price_subtotal = 0.0
            else:
                move.repair_price_subtotal = float_round(
                    move.repair_price_unit * move.product_uom_qty, precision_digits=2
                )

    @api.constrains("product_uom_qty", "repair_price_unit", "repair_id")
    def _check_repair_line_not_negative(self):
        for move in self.filtered("repair_id"):
            if float_compare(move.product_uom_qty, 0.0, precision_digits=6) < 0:
                raise ValidationError(
                    _(
                        "The quantity of %(product)s on repair %(repair)s is negative. Enter a "
                        "positive quantity; use a 'Remove' line to take a part out.",
                        product=move.product_id.display_name,
                        repair=move.repair_id.name,
                    )
                )
            if float_compare(move.repair_price_unit, 0.0, precision_digits=6) < 0:
                raise ValidationError(
                    _(
                        "The price of %(product)s on repair %(repair)s is negative. Enter a "
                        "price of zero or more; a discount is waived through the price approval.",
                        product=move.product_id.display_name,
                        repair=move.repair_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # part lines are added only to a repair the user may work on (a technician: the
        # repairs they are responsible for or work on), as labour is
        repair_ids = {vals["repair_id"] for vals in vals_list if vals.get("repair_id")}
        self.env["repair.order"].browse(repair_ids).check_access("write")
        moves = super().create(vals_list)
        repair_moves = moves._aftersales_part_lines()
        repair_moves._aftersales_sync_sale_order_line_price()
        # (grouped once: a batch of a thousand repairs is not scanned once per repair)
        by_repair = repair_moves.grouped("repair_id")
        for repair in repair_moves.repair_id._aftersales_accepted_estimates():
            added = by_repair[repair]
            repair._aftersales_check_acceptance_still_valid(
                [
                    self.env._(
                        "Part added: %(qty)s x %(product)s",
                        qty=move.product_uom_qty,
                        product=move.product_id.display_name,
                    )
                    for move in added
                ]
            )
        return moves

    def write(self, vals):
        if REPAIR_LINE_USER_FIELDS & set(vals):
            # what the user edits on a part line (not what stock writes when it reserves or
            # moves the part): only on a repair the user may work on
            self.repair_id.check_access("write")
        before = {}
        if {"product_uom_qty", "repair_price_unit"} & set(vals):
            before = {
                move.id: (move.product_uom_qty, move.repair_price_unit)
                for move in self._aftersales_part_lines()
            }
        res = super().write(vals)
        if {"repair_price_unit", "supply_type"} & set(vals):
            self._aftersales_sync_sale_order_line_price()
        if {"product_uom_qty", "repair_price_unit", "repair_line_type", "supply_type"} & set(vals):
            self.repair_id._aftersales_check_acceptance_still_valid(
                details=self._aftersales_change_details(before)
            )
        return res

    def _aftersales_part_lines(self, active=True):
        """The repair part lines among these moves: the parts a repair adds (Odoo's 'add'
        lines) and, when ``active``, only those neither cancelled nor declined by the
        customer. The one place that says what a repair's part line is."""
        return self.filtered(
            lambda m: (
                m.repair_id
                and m.repair_line_type == "add"
                and not (active and (m.state == "cancel" or m.is_declined))
            )
        )

    def _aftersales_change_details(self, before):
        """{repair id: [what changed]} of the part lines, from their former (quantity, price),
        to tell the customer when the estimate needs a new approval."""
        details = defaultdict(list)
        for move in self.filtered(lambda m: m.id in before):
            qty, price = before[move.id]
            product = move.product_id.display_name
            if float_compare(qty, move.product_uom_qty, precision_digits=6):
                details[move.repair_id.id].append(
                    self.env._(
                        "%(product)s: quantity %(old)s → %(new)s",
                        product=product,
                        old=format(qty, "g"),
                        new=format(move.product_uom_qty, "g"),
                    )
                )
            if float_compare(price, move.repair_price_unit, precision_digits=6):
                currency = move.repair_id.currency_id
                details[move.repair_id.id].append(
                    self.env._(
                        "%(product)s: unit price %(old)s → %(new)s",
                        product=product,
                        old=format_amount(self.env, price, currency),
                        new=format_amount(self.env, move.repair_price_unit, currency),
                    )
                )
        return details

    def _aftersales_sync_sale_order_line_price(self):
        """Carry the estimate price of added parts to the repair's sale order lines."""
        for move in self:
            line = move.sale_line_id
            if not line or not move.repair_id or move.repair_id.under_warranty:
                continue
            if line.state != "cancel" and line.price_unit != move.repair_price_unit:
                line.price_unit = move.repair_price_unit

    def _aftersales_decline(self):
        """The customer declines these recommended parts: keep them on the order, flagged, and
        cancel their stock moves (and so their sale order quantities)."""
        self.is_declined = True
        self.filtered(lambda m: m.state not in ("done", "cancel"))._action_cancel()
