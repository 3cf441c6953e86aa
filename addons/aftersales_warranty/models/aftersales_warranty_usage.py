# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesWarrantyUsage(models.Model):
    """A usage reading (operating hours or kilometres) of a serial, entered at intake. A
    reading can never be lower than an earlier reading of the same serial."""

    _name = "aftersales.warranty.usage"
    _description = "Usage Reading"
    _order = "date desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    reading = fields.Float(required=True)
    repair_id = fields.Many2one(
        "repair.order", index=True, ondelete="restrict", check_company=True
    )

    _sql_constraints = [
        ("reading_positive", "CHECK(reading >= 0)", "A usage reading cannot be negative."),
    ]

    @api.constrains("reading", "date", "lot_id")
    def _check_monotonic(self):
        for usage in self:
            previous = self.search(
                [
                    ("lot_id", "=", usage.lot_id.id),
                    ("id", "!=", usage.id),
                    ("date", "<=", usage.date),
                    ("reading", ">", usage.reading),
                ],
                limit=1,
            )
            later = self.search(
                [
                    ("lot_id", "=", usage.lot_id.id),
                    ("id", "!=", usage.id),
                    ("date", ">", usage.date),
                    ("reading", "<", usage.reading),
                ],
                limit=1,
            )
            if previous or later:
                other = previous or later
                raise ValidationError(
                    _(
                        "The usage reading %(reading)s of serial %(lot)s on %(date)s is "
                        "inconsistent with the reading %(other)s of %(other_date)s: readings "
                        "cannot go down. Check the meter and enter the correct reading.",
                        reading=usage.reading,
                        lot=usage.lot_id.name,
                        date=usage.date,
                        other=other.reading,
                        other_date=other.date,
                    )
                )
