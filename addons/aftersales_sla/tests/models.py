# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fake documents the engine is tested on (loaded by odoo-test-helper's FakeModelLoader)."""

from odoo import fields, models


class AftersalesSlaTestDocument(models.Model):
    _name = "aftersales.sla.test.document"
    _description = "Service Level Test Document"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.sla.mixin"]

    name = fields.Char()
    company_id = fields.Many2one("res.company", required=True)
    partner_id = fields.Many2one("res.partner")
    user_id = fields.Many2one("res.users")
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], default="0")
    waiting = fields.Boolean()
    received = fields.Datetime()

    def _sla_auto_kinds(self):
        return ("first_contact", "solution")

    def _sla_pause_fields(self):
        return ("waiting",)

    def _sla_is_waiting(self):
        self.ensure_one()
        return self.waiting

    def _sla_values(self):
        result = super()._sla_values()
        for document in self:
            if document.received:
                result[document.id]["start_datetime"] = document.received
        return result


class AftersalesOverdueTestDocument(models.Model):
    _name = "aftersales.overdue.test.document"
    _description = "Overdue Test Document"
    _inherit = ["aftersales.overdue.mixin"]
    _overdue_date_fields = ("date_promised", "date_requested")
    _overdue_open_domain = [("state", "=", "open")]

    state = fields.Selection([("open", "Open"), ("done", "Done")], default="open")
    date_promised = fields.Datetime()
    date_requested = fields.Datetime()


class AftersalesOverdueTestDateDocument(models.Model):
    _name = "aftersales.overdue.test.date.document"
    _description = "Overdue Test Document (date)"
    _inherit = ["aftersales.overdue.mixin"]
    _overdue_date_fields = ("date_due",)
    _overdue_open_domain = [("done", "=", False)]

    done = fields.Boolean()
    date_due = fields.Date()
