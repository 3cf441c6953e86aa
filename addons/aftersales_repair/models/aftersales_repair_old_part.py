# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

OLD_PART_DISPOSITIONS = [
    ("return_customer", "Return to Customer"),
    ("scrap", "Scrap"),
    ("warranty_return", "Keep for Warranty Return"),
    ("supplier_return", "Return to Supplier"),
]
OLD_PART_STATES = [("pending", "To Process"), ("done", "Processed")]


class AftersalesRepairOldPart(models.Model):
    """A part taken out of the customer's unit (旧件), the new part that replaced it, and what
    happens to it, chosen with the customer (readme/CONFIGURE.md, "Old parts")."""

    _name = "aftersales.repair.old.part"
    _description = "Old Part of a Repair"
    _order = "repair_id, id"
    _check_company_auto = True

    repair_id = fields.Many2one(
        "repair.order",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="repair_id.company_id", string="Company", store=True, index=True
    )
    partner_id = fields.Many2one(related="repair_id.partner_id", string="Customer")
    replaced_by_move_id = fields.Many2one(
        "stock.move",
        string="Replaced By",
        check_company=True,
        index="btree_not_null",
        domain="[('repair_id', '=', repair_id), ('repair_line_type', '=', 'add')]",
        help="The new part (part line of the repair) that replaced this one.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Old Part",
        required=True,
        check_company=True,
        domain="[('type', '=', 'consu')]",
    )
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    serial_number = fields.Char(help="Serial of the part removed, if any.")
    disposition = fields.Selection(
        OLD_PART_DISPOSITIONS,
        help="What happens to the old part, as agreed with the customer.",
    )
    supplier_id = fields.Many2one(
        "res.partner", check_company=True, help="For a return to the supplier."
    )
    state = fields.Selection(
        OLD_PART_STATES, string="Status", default="pending", required=True, readonly=True
    )
    date_done = fields.Datetime(string="Processed On", readonly=True, copy=False)
    scrap_id = fields.Many2one(
        "stock.scrap", string="Scrap Order", readonly=True, copy=False, check_company=True
    )
    picking_id = fields.Many2one(
        "stock.picking",
        string="Transfer",
        readonly=True,
        copy=False,
        check_company=True,
        index="btree_not_null",
        help="The transfer the old part moves with: the delivery to the customer, or the "
        "receipt into the warranty quarantine.",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "aftersales_old_part_quantity_positive",
            "CHECK(quantity > 0)",
            "The quantity of an old part must be positive.",
        ),
    ]

    @api.depends("product_id", "serial_number")
    def _compute_display_name(self):
        for part in self:
            name = part.product_id.display_name or ""
            part.display_name = f"{name} ({part.serial_number})" if part.serial_number else name

    @api.onchange("replaced_by_move_id")
    def _onchange_replaced_by_move_id(self):
        move = self.replaced_by_move_id
        if move:
            self.product_id = move.product_id
            self.quantity = move.quantity or move.product_uom_qty

    @api.constrains("replaced_by_move_id", "repair_id")
    def _check_replaced_by_move(self):
        for part in self.filtered("replaced_by_move_id"):
            if part.replaced_by_move_id.repair_id != part.repair_id:
                raise ValidationError(
                    _(
                        "The replacing part of an old part must be a part line of the same "
                        "repair (%(repair)s).",
                        repair=part.repair_id.name,
                    )
                )

    def write(self, vals):
        locked = {"disposition", "product_id", "quantity", "serial_number", "supplier_id"}
        if locked & set(vals) and self.filtered(lambda p: p.state == "done"):
            raise UserError(
                _(
                    "The disposition of these old parts is already processed; it can no longer "
                    "be changed."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if self.filtered(lambda p: p.state == "done"):
            raise UserError(_("A processed old part cannot be deleted: it is a stock record."))

    def action_process(self):
        """Carry out the agreed disposition through stock (see
        _aftersales_process_disposition)."""
        for part in self:
            if part.state == "done":
                continue
            if not part.disposition:
                raise UserError(
                    _(
                        "Choose with the customer what happens to the old part %(part)s of "
                        "%(repair)s (return, scrap, keep for warranty return, return to "
                        "supplier) before processing it.",
                        part=part.product_id.display_name,
                        repair=part.repair_id.name,
                    )
                )
            if part.disposition == "supplier_return" and not part.supplier_id:
                raise UserError(
                    _(
                        "Set the supplier the old part %(part)s goes back to.",
                        part=part.product_id.display_name,
                    )
                )
            vals = {"state": "done", "date_done": fields.Datetime.now()}
            vals.update(part._aftersales_process_disposition())
            super(AftersalesRepairOldPart, part).write(vals)
            part.repair_id.message_post(
                body=_(
                    "Old part %(part)s: %(disposition)s.",
                    part=part.display_name,
                    disposition=dict(OLD_PART_DISPOSITIONS)[part.disposition].lower(),
                )
            )
        return True

    def _aftersales_process_disposition(self):
        """Move the old part as agreed; returns the values to write on it. Scrap: an Odoo scrap
        order; return to customer: a move on the customer's delivery of the repair. (The
        warranty module moves parts kept for a warranty return or returned to the supplier.)"""
        self.ensure_one()
        if self.disposition == "scrap":
            return {"scrap_id": self._create_scrap().id}
        if self.disposition == "return_customer":
            return {"picking_id": self._aftersales_add_to_customer_delivery().id}
        return {}

    def _aftersales_lot(self):
        """The serial/lot of the old part (created from its serial number when new); empty
        for an untracked part."""
        self.ensure_one()
        lot = self.env["stock.lot"]
        if self.product_id.tracking == "none":
            return lot
        if not self.serial_number:
            raise UserError(
                _(
                    "%(part)s is tracked by serial/lot: enter the serial number of the old "
                    "part before processing it.",
                    part=self.product_id.display_name,
                )
            )
        company = self.repair_id.company_id
        return lot.search(
            [
                ("product_id", "=", self.product_id.id),
                ("name", "=", self.serial_number),
                ("company_id", "in", [company.id, False]),
            ],
            limit=1,
        ) or lot.create(
            {
                "product_id": self.product_id.id,
                "name": self.serial_number,
                "company_id": company.id,
            }
        )

    def _aftersales_old_part_move_vals(self, destination):
        """A move of the old part out of the unit (the repair's production location, where
        the new parts were consumed) to ``destination``."""
        self.ensure_one()
        repair = self.repair_id
        return {
            "name": _(
                "Old part %(part)s of %(repair)s", part=self.display_name, repair=repair.name
            ),
            "product_id": self.product_id.id,
            "product_uom_qty": self.quantity,
            "product_uom": self.product_id.uom_id.id,
            "location_id": repair.location_dest_id.id,
            "location_dest_id": destination.id,
            "company_id": repair.company_id.id,
            "origin": repair.name,
        }

    def _aftersales_add_to_customer_delivery(self):
        """The old part goes back with the customer: a move on the open delivery of the repair
        to its customer (created when there is none), shipped by the warehouse."""
        self.ensure_one()
        repair = self.repair_id
        self._aftersales_lot()  # a tracked part needs its serial before it ships
        warehouse = repair.picking_type_id.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", repair.company_id.id)], limit=1
        )
        destination = repair.partner_id.with_company(
            repair.company_id
        ).property_stock_customer or self.env.ref("stock.stock_location_customers")
        Picking = self.env["stock.picking"]
        picking = Picking.search(
            [
                ("picking_type_id", "=", warehouse.out_type_id.id),
                ("partner_id", "=", repair.partner_id.id),
                ("origin", "=", repair.name),
                ("state", "not in", ("done", "cancel")),
            ],
            limit=1,
        )
        move_vals = self._aftersales_old_part_move_vals(destination)
        if picking:
            picking.write({"move_ids": [fields.Command.create(move_vals)]})
        else:
            picking = Picking.create(
                {
                    "picking_type_id": warehouse.out_type_id.id,
                    "partner_id": repair.partner_id.id,
                    "location_id": repair.location_dest_id.id,
                    "location_dest_id": destination.id,
                    "origin": repair.name,
                    "company_id": repair.company_id.id,
                    "move_ids": [fields.Command.create(move_vals)],
                }
            )
        picking.action_confirm()
        picking.action_assign()
        return picking

    def _create_scrap(self):
        """A validated Odoo scrap order for the old part. The part comes out of the unit, i.e.
        from the repair's production location where the new parts were consumed, so the scrap
        needs no stock of the company."""
        self.ensure_one()
        repair = self.repair_id
        if float_compare(self.quantity, 0.0, precision_digits=6) <= 0:
            raise UserError(_("The quantity of the old part to scrap must be positive."))
        lot = self._aftersales_lot()
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": self.product_id.id,
                "scrap_qty": self.quantity,
                "lot_id": lot.id,
                "location_id": repair.location_dest_id.id,
                "origin": repair.name,
                "company_id": repair.company_id.id,
            }
        )
        # do_scrap, not action_validate: the source is the virtual production location, which
        # holds no quants for the availability check.
        scrap.do_scrap()
        return scrap
