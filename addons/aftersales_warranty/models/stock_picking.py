# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    aftersales_part_request_id = fields.Many2one(
        "aftersales.warranty.part.request",
        string="Warranty Part Request",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
    aftersales_part_return_id = fields.Many2one(
        "aftersales.part.return",
        string="Defective Part Return",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
    aftersales_supplier_claim_id = fields.Many2one(
        "aftersales.supplier.claim",
        string="Supplier Claim",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )

    def _aftersales_check_issue_handover(self):
        """Before a warranty part request's issue transfer is validated: heavy shipped parts
        need the requester's freight consent (readme/CONFIGURE.md, "Heavy parts by freight"),
        and parts handed to a technician need the technician's signature on the transfer
        (readme/CONFIGURE.md, "Technician signs for parts")."""
        # sudo: the warehouse clerk validating the issue may not read the request
        for picking in self.sudo().filtered("aftersales_part_request_id"):
            request = picking.aftersales_part_request_id
            request._check_freight_consent()
            if (
                picking.picking_type_code == "outgoing"
                and request._needs_technician_signature()
                and not picking.signature
            ):
                raise UserError(
                    _(
                        "%(technician)s signs for the parts of %(request)s before they are "
                        'issued: click "Sign" on transfer %(picking)s, then validate.',
                        technician=request.technician_id.name,
                        request=request.name,
                        picking=picking.name,
                    )
                )

    def _aftersales_warranty_lines(self):
        """(readme/CONFIGURE.md, "Warranty periods on the customer's documents"): the warranty
        period of each part of the units this delivery brought to the customer, printed on the
        delivery slip."""
        self.ensure_one()
        if not self.company_id.aftersales_print_warranty_periods:
            return self.env["aftersales.warranty.line"]
        # sudo: the customer's own document states what the customer was promised; the
        # warehouse clerk printing it need not read warranties
        return (
            self.env["aftersales.warranty"]
            .sudo()
            .search([("picking_id", "=", self.id), ("state", "=", "active")])
            .line_ids
        )
