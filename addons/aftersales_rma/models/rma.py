# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, format_date, plaintext2html

OUTCOMES = [("refund", "Refund"), ("exchange", "Exchange"), ("repair", "Repair")]


class Rma(models.Model):
    """A customer return or exchange (OCA RMA) joined to the unit's warranty: the serial must
    have been delivered to the customer, its coverage per part proposes the outcome, an
    exchange carries the remaining warranty over to the replacement serial, a repair outcome
    opens the suite's repair. Every field of the return register (000 §11) is on the record."""

    _inherit = "rma"
    _check_company_auto = True

    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        domain="[('product_id', '=?', product_id)]",
        help="The serial returned; it must have been delivered to this customer.",
    )
    aftersales_warranty_id = fields.Many2one(
        "aftersales.warranty",
        string="Unit Warranty",
        compute="_compute_aftersales_warranty_id",
        store=True,
        index="btree_not_null",
        help="The customer's registration of the serial (sold-units register).",
    )
    maker_id = fields.Many2one(
        "res.partner",
        compute="_compute_maker_id",
        store=True,
        readonly=False,
    )
    supplier_id = fields.Many2one(
        "res.partner",
        compute="_compute_supplier_id",
        store=True,
        readonly=False,
        help="Who supplied the unit to the company: the product's first vendor, or the "
        "company for units it makes.",
    )
    product_default_code = fields.Char(string="Model", related="product_id.default_code")
    production_date = fields.Date(related="lot_id.production_date")
    return_reason = fields.Char(
        string="Reason", tracking=True, help="Why the customer returns the unit."
    )
    aftersales_proposed_outcome = fields.Selection(
        OUTCOMES,
        string="Proposed Outcome",
        compute="_compute_aftersales_proposed_outcome",
        store=True,
    )
    aftersales_coverage_note = fields.Text(
        string="Coverage", compute="_compute_aftersales_proposed_outcome", store=True
    )
    aftersales_outcome = fields.Selection(
        OUTCOMES,
        string="Outcome",
        compute="_compute_aftersales_outcome",
        store=True,
        readonly=False,
        tracking=True,
        help="Proposed from the unit's warranty coverage per part; may be changed.",
    )
    aftersales_repair_id = fields.Many2one(
        "repair.order", string="Repair", readonly=True, copy=False, index="btree_not_null"
    )
    replacement_lot_id = fields.Many2one(
        "stock.lot",
        string="Replacement Serial",
        readonly=True,
        copy=False,
        help="The serial delivered in exchange; it carries the remaining warranty.",
    )

    # ------------------------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------------------------
    @api.depends("lot_id", "partner_id")
    def _compute_aftersales_warranty_id(self):
        with_lot = self.filtered("lot_id")
        (self - with_lot).aftersales_warranty_id = False
        if not with_lot:
            return
        warranties = (
            self.env["aftersales.warranty"]
            .sudo()
            .search(
                [("lot_id", "in", with_lot.lot_id.ids), ("state", "in", ("active", "suspended"))],
                order="state, id desc",
            )
        )
        for rma in with_lot:
            rma.aftersales_warranty_id = warranties.filtered(
                lambda w, r=rma: (
                    w.lot_id == r.lot_id
                    and w.commercial_partner_id == r.partner_id.commercial_partner_id
                )
            )[:1].id

    @api.depends("product_id", "company_id", "aftersales_warranty_id")
    def _compute_maker_id(self):
        for rma in self:
            rma.maker_id = (
                rma.aftersales_warranty_id.sudo().maker_id
                or rma.product_id.product_tmpl_id.aftersales_maker_id
                or rma.company_id.partner_id
            )

    @api.depends("product_id", "company_id")
    def _compute_supplier_id(self):
        for rma in self:
            sellers = rma.product_id.seller_ids.filtered(
                lambda s, r=rma: s.company_id in (r.company_id, self.env["res.company"])
            )
            rma.supplier_id = sellers[:1].partner_id or rma.company_id.partner_id

    @api.depends("aftersales_warranty_id", "date", "company_id")
    def _compute_aftersales_proposed_outcome(self):
        today = fields.Date.context_today(self)
        for rma in self:
            outcome, note = rma._aftersales_propose(today)
            rma.aftersales_proposed_outcome = outcome
            rma.aftersales_coverage_note = note

    @api.depends("aftersales_proposed_outcome")
    def _compute_aftersales_outcome(self):
        for rma in self:
            rma.aftersales_outcome = rma.aftersales_proposed_outcome

    @api.depends("state", "operation_id", "operation_id.action_create_refund")
    def _compute_can_be_refunded(self):
        res = super()._compute_can_be_refunded()
        for rma in self.filtered("lot_id"):
            rma.can_be_refunded = rma.can_be_refunded and rma.aftersales_outcome == "refund"
        return res

    def _aftersales_propose(self, today):
        """(outcome, note) from the coverage of each part of the unit on the return date:
        a part out of warranty means a repair (that part charged), a unit entirely in
        warranty is refunded, exchanged or repaired free by how long ago its warranty
        started (company settings)."""
        self.ensure_one()
        if not self.lot_id:
            return False, False
        warranty = self.aftersales_warranty_id.sudo()
        day = self.date.date() if self.date else today
        if not warranty or not warranty.line_ids:
            return "repair", _(
                "No warranty registered for serial %(lot)s with this customer: paid repair.",
                lot=self.lot_id.name,
            )
        lines = []
        expired = []
        for line in warranty.line_ids:
            covered = bool(line.start_date and line.start_date <= day <= line.end_date)
            if not covered:
                expired.append(line)
            lines.append(
                _(
                    "%(part)s: %(state)s until %(date)s",
                    part=line.name,
                    state=covered and _("covered") or _("not covered"),
                    date=format_date(self.env, line.end_date),
                )
            )
        unit_expired = any(line.is_unit for line in expired)
        company = self.company_id or self.env.company
        days = (day - warranty.start_date).days if warranty.start_date else 0
        if unit_expired:
            outcome, why = "repair", _("The unit is out of warranty: paid repair.")
        elif expired:
            outcome, why = (
                "repair",
                _(
                    "Parts out of warranty (%(parts)s): repair, these parts charged.",
                    parts=", ".join(line.name for line in expired),
                ),
            )
        elif days <= company.aftersales_rma_refund_days:
            outcome, why = (
                "refund",
                _(
                    "In warranty, returned %(days)s days after the warranty started (refund "
                    "within %(limit)s days): refund.",
                    days=days,
                    limit=company.aftersales_rma_refund_days,
                ),
            )
        elif days <= company.aftersales_rma_exchange_days:
            outcome, why = (
                "exchange",
                _(
                    "In warranty, returned %(days)s days after the warranty started (exchange "
                    "within %(limit)s days): exchange.",
                    days=days,
                    limit=company.aftersales_rma_exchange_days,
                ),
            )
        else:
            outcome, why = "repair", _("In warranty: free repair.")
        return outcome, "\n".join([why] + lines)

    # ------------------------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------------------------
    @api.constrains("lot_id", "product_id", "partner_id", "product_uom_qty")
    def _check_lot_delivered(self):
        with_lot = self.filtered("lot_id")
        if not with_lot:
            return
        for rma in with_lot:
            if rma.product_id and rma.lot_id.product_id != rma.product_id:
                raise ValidationError(
                    _(
                        "Serial %(lot)s belongs to %(product)s, not to %(other)s.",
                        lot=rma.lot_id.name,
                        product=rma.lot_id.product_id.display_name,
                        other=rma.product_id.display_name,
                    )
                )
            if (
                rma.lot_id.product_id.tracking == "serial"
                and float_compare(rma.product_uom_qty, 1.0, precision_digits=3) != 0
            ):
                raise ValidationError(
                    _("A return of serial %(lot)s is for a quantity of 1.", lot=rma.lot_id.name)
                )
        delivered = with_lot._aftersales_delivery_lines()
        for rma in with_lot:
            if not delivered.get(rma.id):
                raise ValidationError(
                    _(
                        "Serial %(lot)s was never delivered to %(partner)s. Check the serial "
                        "number, or record the return under the customer it was delivered to.",
                        lot=rma.lot_id.name,
                        partner=rma.partner_id.commercial_partner_id.display_name,
                    )
                )

    def _aftersales_delivery_lines(self):
        """{rma id: the latest done delivery move line of its serial to its customer}."""
        move_lines = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", self.lot_id.ids),
                    ("state", "=", "done"),
                    ("location_dest_id.usage", "=", "customer"),
                    ("location_id.usage", "!=", "customer"),
                ],
                order="date desc, id desc",
            )
        )
        result = {}
        for rma in self:
            customer = rma.partner_id.commercial_partner_id
            for ml in move_lines:
                if ml.lot_id != rma.lot_id:
                    continue
                order = ml.move_id.sale_line_id.order_id
                parties = (
                    ml.picking_partner_id | ml.move_id.partner_id | order.partner_id
                ).commercial_partner_id
                if customer in parties:
                    result[rma.id] = ml
                    break
        return result

    # ------------------------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        Lot = self.env["stock.lot"]
        for vals in vals_list:
            if vals.get("lot_id"):
                lot = Lot.browse(vals["lot_id"])
                vals.setdefault("product_id", lot.product_id.id)
                if lot.product_id.tracking == "serial":
                    vals.setdefault("product_uom_qty", 1.0)
        rmas = super().create(vals_list)
        rmas.filtered(lambda r: r.lot_id and not r.picking_id)._aftersales_set_origin()
        return rmas

    def write(self, vals):
        if not self.env.su and set(vals) & {"aftersales_repair_id", "replacement_lot_id"}:
            raise UserError(
                _(
                    "The repair and the replacement serial of a return are set by the return "
                    "itself (Create Repair, delivery of the replacement)."
                )
            )
        return super().write(vals)

    def _aftersales_set_origin(self):
        """The origin delivery and move of the serial (sudo: a return desk user records the
        return of a delivery they may not read in the warehouse)."""
        delivered = self._aftersales_delivery_lines()
        for rma in self:
            ml = delivered.get(rma.id)
            if ml:
                qty = rma.product_uom_qty
                rma.write({"picking_id": ml.picking_id.id})
                rma.write({"move_id": ml.move_id.id, "product_uom_qty": qty})

    # ------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------
    def action_confirm(self):
        missing = self.filtered(lambda r: r.state == "draft" and r.lot_id and not r.return_reason)
        if missing:
            raise UserError(
                _(
                    "Enter the reason of return %(names)s before confirming it: the return "
                    "register records it.",
                    names=", ".join(missing.mapped("name")),
                )
            )
        return super().action_confirm()

    def _ensure_can_be_replaced(self):
        for rma in self.filtered("lot_id"):
            if rma.aftersales_outcome != "exchange":
                raise UserError(
                    _(
                        "Return %(name)s has the outcome %(outcome)s: set the outcome to "
                        "Exchange before replacing the unit.",
                        name=rma.name,
                        outcome=dict(
                            self._fields["aftersales_outcome"]._description_selection(self.env)
                        ).get(rma.aftersales_outcome, ""),
                    )
                )
        return super()._ensure_can_be_replaced()

    def _prepare_refund_line_vals(self):
        vals = super()._prepare_refund_line_vals()
        sale_line = self.move_id.sale_line_id
        if sale_line and sale_line.product_id == self.product_id:
            vals["price_unit"] = sale_line.price_unit
            vals["discount"] = sale_line.discount
            vals["tax_ids"] = [fields.Command.set(sale_line.tax_id.ids)]
        return vals

    def _create_receipt(self):
        res = super()._create_receipt()
        # the receipt brings back the serial of the return
        for rma in self.filtered("lot_id"):
            move = rma.sudo().reception_move_id
            if move.state in ("done", "cancel") or move.move_line_ids.lot_id:
                continue
            move.move_line_ids.unlink()
            self.env["stock.move.line"].sudo().create(
                move._prepare_move_line_vals(quantity=move.product_uom_qty)
                | {"lot_id": rma.lot_id.id}
            )
        return res

    def action_aftersales_create_repair(self):
        """Open the suite's repair of the returned unit (repair outcome)."""
        self.ensure_one()
        if self.aftersales_outcome != "repair":
            raise UserError(
                _("Set the outcome of return %(name)s to Repair first.", name=self.name)
            )
        if self.state in ("draft", "cancelled", "locked", "finished"):
            raise UserError(_("Confirm return %(name)s before repairing it.", name=self.name))
        if not self.aftersales_repair_id:
            self.check_access("write")
            repair = self.env["repair.order"].create(self._aftersales_prepare_repair_vals())
            # sudo: the link belongs to this step (see write())
            self.sudo().aftersales_repair_id = repair
            self.message_post(
                body=_("Repair %(repair)s created.", repair=repair.name),
                subtype_xmlid="mail.mt_note",
            )
        return self.action_view_aftersales_repair()

    def _aftersales_prepare_repair_vals(self):
        self.ensure_one()
        vals = {
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "product_id": self.product_id.id,
            "lot_id": self.lot_id.id,
            "aftersales_rma_id": self.id,
            "internal_notes": plaintext2html(
                "\n".join(filter(None, [self.return_reason, self.aftersales_coverage_note]))
            ),
        }
        if self.state != "confirmed" and self.location_id:
            vals["location_id"] = self.location_id.id
        return vals

    def action_view_aftersales_repair(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "view_mode": "form",
            "res_id": self.aftersales_repair_id.id,
            "name": _("Repair"),
        }

    def action_view_aftersales_warranty(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.warranty",
            "view_mode": "form",
            "res_id": self.aftersales_warranty_id.id,
            "name": _("Unit Warranty"),
        }

    # ------------------------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------------------------
    def _aftersales_transfer_warranty(self, move_lines):
        """The serials delivered in exchange by ``move_lines`` take over the remaining
        warranty of each part of the returned unit: same start, same period per part; the
        returned unit's registration ends. Run after the delivery registered them."""
        Warranty = self.env["aftersales.warranty"].sudo()
        Line = self.env["aftersales.warranty.line"].sudo()
        for rma in self:
            old = rma.aftersales_warranty_id.sudo()
            lots = move_lines.filtered(lambda ml, r=rma: ml.move_id.rma_id == r).lot_id
            if not old or not lots:
                continue
            new = Warranty.search([("lot_id", "in", lots.ids), ("state", "=", "active")])
            for warranty in new:
                warranty.line_ids.unlink()
                warranty.write(
                    {
                        "clock_start": "delivery",
                        "delivery_date": old.start_date,
                        "policy_id": old.policy_id.id,
                        "replaced_warranty_id": old.id,
                    }
                )
                Line.create(
                    [
                        {
                            "warranty_id": warranty.id,
                            "sequence": line.sequence,
                            "is_unit": line.is_unit,
                            "name": line.name,
                            "policy_line_id": line.policy_line_id.id,
                            "part_product_id": line.part_product_id.id,
                            "part_categ_id": line.part_categ_id.id,
                            "period_months": line.period_months,
                        }
                        for line in old.line_ids
                    ]
                )
            old.action_end()
            rma.sudo().replacement_lot_id = lots[:1]
            rma.message_post(
                body=_(
                    "Warranty of serial %(old)s moved to serial %(new)s (until %(date)s).",
                    old=rma.lot_id.name,
                    new=", ".join(lots.mapped("name")),
                    date=format_date(self.env, new[:1].end_date),
                ),
                subtype_xmlid="mail.mt_note",
            )
