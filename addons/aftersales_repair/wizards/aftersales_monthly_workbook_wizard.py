# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

MONTHS = [
    ("1", "January"),
    ("2", "February"),
    ("3", "March"),
    ("4", "April"),
    ("5", "May"),
    ("6", "June"),
    ("7", "July"),
    ("8", "August"),
    ("9", "September"),
    ("10", "October"),
    ("11", "November"),
    ("12", "December"),
]


class AftersalesMonthlyWorkbookWizard(models.TransientModel):
    """Make the monthly after-sales workbook of a month and a company, to download."""

    _name = "aftersales.monthly.workbook.wizard"
    _description = "Monthly After-Sales Workbook Wizard"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    month = fields.Selection(MONTHS, required=True, default=lambda self: self._default_month())
    year = fields.Integer(required=True, default=lambda self: self._default_last_month().year)
    service_centre_id = fields.Many2one(
        "aftersales.service.centre",
        domain="[('company_id', '=', company_id)]",
        help="Only the records of this service centre (branch); empty: the whole company, with "
        "a sheet per service centre when the company's settings say so.",
    )
    file_data = fields.Binary(string="Workbook", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.model
    def _default_last_month(self):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)

    @api.model
    def _default_month(self):
        return str(self._default_last_month().month)

    def action_generate(self):
        self.ensure_one()
        if not 2000 <= self.year <= 2999:
            raise UserError(_("Enter a year with four digits, for example 2026."))
        if self.company_id not in self.env.companies:
            raise AccessError(
                _(
                    "You may only make the workbook of a company you work in: %(company)s.",
                    company=", ".join(self.env.companies.mapped("name")),
                )
            )
        first_day = date(self.year, int(self.month), 1)
        # sudo: the workbook is the month's summary of one of the user's companies, which the
        # roles allowed to open this wizard (managers, accountants) are entitled to in full;
        # accountants cannot read deadlines or complaints record by record.
        workbook = self.env["aftersales.monthly.workbook"].sudo()
        if self.service_centre_id:
            if self.service_centre_id.company_id != self.company_id:
                raise UserError(
                    _(
                        "Service centre %(centre)s is not one of %(company)s.",
                        centre=self.service_centre_id.name,
                        company=self.company_id.name,
                    )
                )
            filename, data = workbook._aftersales_workbook_generate_centre(
                first_day, self.company_id, self.service_centre_id
            )
        else:
            filename, data = workbook._aftersales_workbook_generate(first_day, self.company_id)
        self.write({"file_data": base64.b64encode(data), "file_name": filename})
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": f"/web/content/{self._name}/{self.id}/file_data/{filename}?download=true",
        }
