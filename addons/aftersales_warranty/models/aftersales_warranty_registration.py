# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class AftersalesWarrantyRegistration(models.Model):
    """Registration from deliveries: the serials delivered to customers are registered
    (or their registration moves to the new customer), and those that come back from the
    customer have their warranty suspended."""

    # one class per concern of aftersales.warranty, one file each
    _inherit = "aftersales.warranty"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _register_move_lines(self, move_lines, skip_existing=False):
        """Register the serials delivered to customers by the done ``move_lines``.

        Batched: a constant number of queries whatever the number of lines. A serial already
        registered for the same customer is left as is (a suspended one is reactivated); for
        another customer the old registration ends and a new one starts. With
        ``skip_existing`` (history wizard), serials with a registration are skipped.
        """
        move_lines = move_lines.filtered(
            lambda ml: (
                ml.lot_id
                and ml.product_id.tracking == "serial"
                and ml.quantity > 0
                and ml.location_dest_id.usage == "customer"
                and ml.location_id.usage != "customer"
            )
        )
        # a loan unit lent to a customer stays the company's: its delivery is no sale
        loans = self.env["aftersales.loan"].search(
            [("out_picking_id", "in", move_lines.picking_id.ids)]
        )
        if loans:
            move_lines = move_lines.filtered(lambda ml: ml.picking_id not in loans.out_picking_id)
        if not move_lines:
            return self.browse()
        existing = self.search(
            [("lot_id", "in", move_lines.lot_id.ids), ("state", "in", ("active", "suspended"))]
        )
        existing_by_lot = {}
        for warranty in existing:
            existing_by_lot.setdefault(warranty.lot_id.id, self.browse())
            existing_by_lot[warranty.lot_id.id] |= warranty
        policies = self.env["aftersales.warranty.policy"]._for_products(
            move_lines.product_id, move_lines.company_id
        )
        to_end = to_reactivate = self.browse()
        vals_list = []
        seen = set()
        for ml in move_lines:
            if ml.lot_id.id in seen:
                continue
            seen.add(ml.lot_id.id)
            move = ml.move_id
            order = move.sale_line_id.order_id
            # the customer is who the unit was delivered to; a sale order to another party
            # (a dealer shipping straight to its customer) makes that party the selling unit
            partner = (
                ml.picking_partner_id
                or move.partner_id
                or order.partner_shipping_id
                or order.partner_id
            ).commercial_partner_id
            if not partner:
                continue
            buyer = order.partner_id.commercial_partner_id
            seller = buyer if buyer and buyer != partner else ml.company_id.partner_id
            previous = existing_by_lot.get(ml.lot_id.id, self.browse())
            if previous and skip_existing:
                continue
            same = previous.filtered(lambda w, p=partner: w.commercial_partner_id == p)
            if same:
                to_reactivate |= same.filtered(lambda w: w.state == "suspended")[:1]
                to_end |= previous - same[:1]
                continue
            to_end |= previous
            policy = policies.get((ml.product_id.id, ml.company_id.id))
            invoices = order.invoice_ids.filtered(
                lambda m: m.state == "posted" and m.move_type == "out_invoice"
            )
            vals_list.append(
                {
                    "company_id": ml.company_id.id,
                    "lot_id": ml.lot_id.id,
                    "product_id": ml.product_id.id,
                    "partner_id": partner.id,
                    "selling_partner_id": seller.id,
                    "user_id": order.user_id.id,
                    "sale_order_id": order.id,
                    "sale_date": order.date_order and order.date_order.date(),
                    "quantity": 1.0,
                    "picking_id": ml.picking_id.id,
                    "move_id": move.id,
                    "delivery_date": (ml.date or move.date or fields.Datetime.now()).date(),
                    "invoice_date": min(invoices.mapped("invoice_date"), default=False),
                    "policy_id": policy.id if policy else False,
                    "clock_start": policy.clock_start if policy else "delivery",
                }
            )
        to_end.action_end()
        to_reactivate.action_reactivate()
        return self.create(vals_list)

    @api.model
    def _suspend_returned_move_lines(self, move_lines):
        """Suspend the running warranty of serials that came back from the customer.

        A unit received with its customer as owner (the receipt's "Assign Owner", as Odoo's
        repair expects a customer's unit in the workshop) is in for service, not returned:
        it stays the customer's property and its warranty runs on."""
        move_lines = move_lines.filtered(
            lambda ml: (
                ml.lot_id
                and ml.location_id.usage == "customer"
                and ml.location_dest_id.usage != "customer"
                and not ml.owner_id
            )
        )
        if not move_lines:
            return self.browse()
        warranties = self.search(
            [("lot_id", "in", move_lines.lot_id.ids), ("state", "=", "active")]
        )
        warranties.action_suspend()
        return warranties
