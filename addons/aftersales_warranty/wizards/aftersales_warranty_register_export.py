# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from odoo import _, api, fields, models

from odoo.addons.aftersales_repair.tools.workbook import build_workbook

from ..tools.registers import register_sheet


class AftersalesWarrantyRegisterExport(models.TransientModel):
    """Server-side XLSX export of the warranty registers for the warehouse and quality staff
    (formatted headers, totals, frozen header row), built by pure functions."""

    _name = "aftersales.warranty.register.export"
    _description = "Export a Warranty Register to XLSX"

    register = fields.Selection(
        [
            ("open_requests", "Open requests by approver"),
            ("awaiting_return", "Issued parts awaiting return"),
            ("inspections_pending", "Inspections pending"),
            ("claims_by_vendor", "Claims by vendor"),
        ],
        required=True,
        default="awaiting_return",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    file_data = fields.Binary(string="Workbook", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    def action_export(self):
        self.ensure_one()
        content = self._build_xlsx()
        label = dict(self._fields["register"]._description_selection(self.env))[self.register]
        filename = "%s - %s.xlsx" % (label, fields.Date.context_today(self))
        self.write({"file_data": base64.b64encode(content), "file_name": filename})
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": f"/web/content/{self._name}/{self.id}/file_data/{filename}?download=true",
        }

    def _build_xlsx(self):
        self.ensure_one()
        rows = getattr(self, f"_rows_{self.register}")()
        subtitle = _(
            "%(company)s, %(date)s, amounts in %(currency)s",
            company=self.company_id.name,
            date=fields.Date.context_today(self),
            currency=self.company_id.currency_id.name,
        )
        spec = register_sheet(self.register, rows, subtitle=subtitle, labels=self._labels())
        return build_workbook([spec], properties={"title": spec["title"]})

    @api.model
    def _labels(self):
        """Translations of the fixed texts of the registers."""
        texts = [
            _("Open requests"),
            _("Open warranty part requests by approver"),
            _("No request is waiting for this approver."),
            _("Awaiting return"),
            _("Issued warranty parts awaiting their defective part"),
            _("No defective part is expected back."),
            _("Inspections pending"),
            _("Returned parts waiting for their inspections"),
            _("No returned part waits for an inspection."),
            _("Claims by vendor"),
            _("Supplier claims by vendor"),
            _("No claim for this vendor."),
            _("Request"),
            _("Requested by"),
            _("For"),
            _("Serial"),
            _("Urgency"),
            _("Requested on"),
            _("Days waiting"),
            _("Amount"),
            _("Return"),
            _("Part"),
            _("Returned by"),
            _("Quantity"),
            _("Cost"),
            _("Issued on"),
            _("Due on"),
            _("Days left"),
            _("Status"),
            _("Received on"),
            _("Service"),
            _("Quality"),
            _("Claim"),
            _("Part serial"),
            _("Outcome"),
            _("Claimed"),
            _("Recovered"),
            _("Total"),
        ]
        english = [
            "Open requests",
            "Open warranty part requests by approver",
            "No request is waiting for this approver.",
            "Awaiting return",
            "Issued warranty parts awaiting their defective part",
            "No defective part is expected back.",
            "Inspections pending",
            "Returned parts waiting for their inspections",
            "No returned part waits for an inspection.",
            "Claims by vendor",
            "Supplier claims by vendor",
            "No claim for this vendor.",
            "Request",
            "Requested by",
            "For",
            "Serial",
            "Urgency",
            "Requested on",
            "Days waiting",
            "Amount",
            "Return",
            "Part",
            "Returned by",
            "Quantity",
            "Cost",
            "Issued on",
            "Due on",
            "Days left",
            "Status",
            "Received on",
            "Service",
            "Quality",
            "Claim",
            "Part serial",
            "Outcome",
            "Claimed",
            "Recovered",
            "Total",
        ]
        return dict(zip(english, texts, strict=True))

    def _selection_label(self, record, field_name):
        value = record[field_name]
        if not value:
            return ""
        return dict(record._fields[field_name]._description_selection(self.env))[value]

    def _rows_open_requests(self):
        reviews = self.env["aftersales.approval.review"].search(
            [
                ("res_model", "=", "aftersales.warranty.part.request"),
                ("status", "in", ("pending", "waiting")),
                ("company_id", "=", self.company_id.id),
            ]
        )
        requests = (
            self.env["aftersales.warranty.part.request"]
            .browse(set(reviews.mapped("res_id")))
            .exists()
        )
        by_id = {request.id: request for request in requests}
        today = fields.Date.context_today(self)
        groups = {}
        for review in reviews.sorted(lambda r: (r.name or "", r.res_id)):
            request = by_id.get(review.res_id)
            if not request:
                continue
            requested = (
                fields.Date.to_date(review.requested_date) if review.requested_date else None
            )
            recipient = (
                request.dealer_id.display_name
                if request.recipient_type == "dealer"
                else request.technician_id.name
            )
            groups.setdefault(review.name or _("Approver"), []).append(
                (
                    request.name,
                    request.requester_id.name,
                    recipient,
                    request.lot_id.name or "",
                    self._selection_label(request, "urgency"),
                    requested,
                    (today - requested).days if requested else None,
                    request.amount_total,
                )
            )
        return list(groups.items())

    def _rows_awaiting_return(self):
        returns = self.env["aftersales.part.return"].search(
            [("state", "=", "expected"), ("company_id", "=", self.company_id.id)],
            order="date_due, id",
        )
        return [
            (
                ret.name,
                ret.request_id.name,
                ret.product_id.display_name,
                ret.partner_id.display_name,
                ret.quantity,
                ret.amount,
                ret.date_issued,
                ret.date_due,
                ret.days_left,
                self.env._("Overdue") if ret.days_left < 0 else self.env._("Due"),
            )
            for ret in returns
        ]

    def _rows_inspections_pending(self):
        returns = self.env["aftersales.part.return"].search(
            [("state", "=", "received"), ("company_id", "=", self.company_id.id)],
            order="date_received, id",
        )
        today = fields.Date.context_today(self)
        return [
            (
                ret.name,
                ret.product_id.display_name,
                ret.partner_id.display_name,
                ret.received_qty,
                ret.amount,
                ret.date_received,
                ret.service_user_id.name or self.env._("to sign"),
                ret.quality_user_id.name or self.env._("to sign"),
                (today - ret.date_received).days if ret.date_received else None,
            )
            for ret in returns
        ]

    def _rows_claims_by_vendor(self):
        claims = self.env["aftersales.supplier.claim"].search(
            [("company_id", "=", self.company_id.id), ("state", "!=", "cancel")]
        )
        groups = {}
        for claim in claims.sorted(lambda c: (c.partner_id.display_name or "", c.id)):
            groups.setdefault(claim.partner_id.display_name, []).append(
                (
                    claim.name,
                    claim.product_id.display_name,
                    claim.part_lot_id.name or "",
                    claim.quantity,
                    self._selection_label(claim, "state"),
                    self._selection_label(claim, "outcome"),
                    claim.amount,
                    claim.recovered_amount,
                )
            )
        return list(groups.items())
