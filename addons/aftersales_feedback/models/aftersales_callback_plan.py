# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.aftersales_repair.tools import check_number_bounds, check_text_not_blank

TRIGGERS = [
    ("delivery", "Delivery of a unit"),
    ("repair", "Repair finished"),
    ("phone_guidance", "Phone guidance"),
]


class AftersalesCallbackPlan(models.Model):
    _name = "aftersales.callback.plan"
    _description = "Callback Plan"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    trigger = fields.Selection(TRIGGERS, required=True, default="delivery")
    product_categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Units of these categories (and their sub-categories); empty for every product.",
    )
    repeat_yearly = fields.Boolean(
        string="Then Every Year", help="After the last step, call again every year."
    )
    user_id = fields.Many2one(
        "res.users",
        string="Default Caller",
        help="Who calls when the unit's salesperson or the repair's technician is not known.",
    )
    script = fields.Html(string="Script Questions", translate=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    step_ids = fields.One2many("aftersales.callback.plan.step", "plan_id", string="Steps")
    catch_up_days = fields.Integer(
        default=30,
        help="A call that fell due longer ago than this (for units delivered before the plan "
        "existed) is not created any more.",
    )

    @api.constrains("name", "catch_up_days")
    def _check_bounds(self):
        check_text_not_blank(self, ["name"])
        check_number_bounds(self, ["catch_up_days"])

    @api.constrains("step_ids", "repeat_yearly")
    def _check_steps(self):
        for plan in self:
            if plan.repeat_yearly and not plan.step_ids:
                raise ValidationError(
                    _("Plan %(name)s repeats yearly: add at least one step.", name=plan.name)
                )


class AftersalesCallbackPlanStep(models.Model):
    _name = "aftersales.callback.plan.step"
    _description = "Callback Plan Step"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one("aftersales.callback.plan", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    offset_value = fields.Integer(string="After", required=True, default=1)
    offset_unit = fields.Selection(
        [("hours", "Hours"), ("days", "Days"), ("months", "Months"), ("years", "Years")],
        string="Unit",
        required=True,
        default="days",
    )
    name = fields.Char(string="Purpose", translate=True)

    @api.constrains("offset_value")
    def _check_offset_value(self):
        for step in self:
            if step.offset_value <= 0:
                raise ValidationError(
                    _(
                        "A callback interval must be positive (plan %(plan)s): enter a number "
                        "of hours, days, months or years greater than zero.",
                        plan=step.plan_id.name,
                    )
                )

    def _delta(self):
        self.ensure_one()
        if self.offset_unit == "hours":
            return timedelta(hours=self.offset_value)
        if self.offset_unit == "days":
            return timedelta(days=self.offset_value)
        if self.offset_unit == "months":
            return relativedelta(months=self.offset_value)
        return relativedelta(years=self.offset_value)
