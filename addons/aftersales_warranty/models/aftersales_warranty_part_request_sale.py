# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models
from odoo.tools import float_compare


class AftersalesWarrantyPartRequestSale(models.Model):
    """Closing of a request: done once every expected return is closed; and the issued
    warranty parts of a repair that turned out to be paid are sold to its customer."""

    # one class per concern of aftersales.warranty.part.request, one file each
    _inherit = "aftersales.warranty.part.request"  # pylint: disable=consider-merging-classes-inherited

    parts_sale_order_id = fields.Many2one(
        "sale.order",
        string="Parts Sale",
        readonly=True,
        copy=False,
        check_company=True,
        help="The repair turned out to be paid: the issued warranty parts were sold to its "
        "customer with this order.",
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
