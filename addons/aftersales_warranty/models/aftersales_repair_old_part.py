# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models


class AftersalesRepairOldPart(models.Model):
    """Old parts kept for a warranty return or returned to the supplier go into the warranty
    quarantine through a receipt: the first feeds the defective-part return of the warranty part
    request it came from, the second opens or joins a supplier claim (readme/CONFIGURE.md,
    "Supplier claims")."""

    _inherit = "aftersales.repair.old.part"

    part_return_id = fields.Many2one(
        "aftersales.part.return",
        string="Defective Part Return",
        readonly=True,
        copy=False,
        check_company=True,
        index="btree_not_null",
    )
    claim_id = fields.Many2one(
        "aftersales.supplier.claim",
        string="Supplier Claim",
        readonly=True,
        copy=False,
        check_company=True,
        index="btree_not_null",
    )

    def _aftersales_process_disposition(self):
        vals = super()._aftersales_process_disposition()
        if self.disposition == "warranty_return":
            part_return = self._aftersales_find_part_return()
            picking = self._aftersales_receive_in_quarantine(part_return)
            vals.update(picking_id=picking.id, part_return_id=part_return.id)
        elif self.disposition == "supplier_return":
            picking = self._aftersales_receive_in_quarantine()
            vals.update(picking_id=picking.id, claim_id=self._aftersales_open_or_join_claim().id)
        return vals

    def _aftersales_find_part_return(self):
        """The expected defective-part return of the warranty part issued for this repair
        that this old part comes from: same repair, same part (empty when the new part came
        from stock: the old part is then only kept in the quarantine)."""
        self.ensure_one()
        # sudo: a technician hands the old part in; the return is the warranty desk's record
        part_return = (
            self.env["aftersales.part.return"]
            .sudo()
            .search(
                [
                    ("repair_id", "=", self.repair_id.id),
                    ("product_id", "=", self.product_id.id),
                    ("state", "=", "expected"),
                ],
                order="date_issued, id",
                limit=1,
            )
        )
        return part_return

    def _aftersales_receive_in_quarantine(self, part_return=None):
        """A done receipt of the old part, out of the unit into the warranty quarantine (of
        the defective-part return when given)."""
        self.ensure_one()
        repair = self.repair_id
        company = repair.company_id
        quarantine = company.sudo()._aftersales_quarantine_location()
        warehouse = quarantine.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )
        lot = self._aftersales_lot()
        move_vals = self._aftersales_old_part_move_vals(quarantine)
        if part_return:
            move_vals["aftersales_part_return_id"] = part_return.id
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": warehouse.in_type_id.id,
                "partner_id": repair.partner_id.id,
                "location_id": repair.location_dest_id.id,
                "location_dest_id": quarantine.id,
                "origin": part_return.name if part_return else repair.name,
                "aftersales_part_return_id": part_return.id if part_return else False,
                "company_id": company.id,
                "move_ids": [fields.Command.create(move_vals)],
            }
        )
        picking.action_confirm()
        move = picking.move_ids
        move.move_line_ids.unlink()
        self.env["stock.move.line"].create(
            move._prepare_move_line_vals(quantity=move.product_uom_qty) | {"lot_id": lot.id}
        )
        move.picked = True
        picking._action_done()
        return picking

    def _aftersales_open_or_join_claim(self):
        """The draft claim of the same vendor and part (without a return) takes the old part;
        else a new claim is opened."""
        self.ensure_one()
        company = self.repair_id.company_id
        vendor = self.supplier_id.commercial_partner_id
        # sudo: the claim follows from the disposition agreed with the customer; Quality
        # works it from there (technicians may not create claims)
        Claim = self.env["aftersales.supplier.claim"].sudo()
        claim = Claim.search(
            [
                ("company_id", "=", company.id),
                ("partner_id", "=", vendor.id),
                ("product_id", "=", self.product_id.id),
                ("state", "=", "draft"),
                ("return_id", "=", False),
            ],
            limit=1,
        )
        if claim:
            claim.quantity += self.quantity
            claim.message_post(
                body=_(
                    "Old part %(part)s of %(repair)s joined the claim (%(qty)s).",
                    part=self.display_name,
                    repair=self.repair_id.name,
                    qty=self.quantity,
                )
            )
            return claim
        claim = Claim.create(
            {
                "company_id": company.id,
                "partner_id": vendor.id,
                "product_id": self.product_id.id,
                "part_lot_id": self._aftersales_lot().id,
                "quantity": self.quantity,
                "unit_cost": self.product_id.with_company(company).standard_price,
            }
        )
        claim.message_post(
            body=_(
                "Claim opened for old part %(part)s of %(repair)s, kept in the quarantine.",
                part=self.display_name,
                repair=self.repair_id.name,
            )
        )
        return claim
