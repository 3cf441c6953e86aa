# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from odoo.addons.aftersales_repair.tools import (
    check_text_not_blank,
    date_in_range,
    months_in_range,
)

CLOCK_STARTS = [
    ("delivery", "Delivery to the customer"),
    ("invoice", "Customer invoice date"),
    ("installation", "Installation acceptance date"),
]
WEAR_RULES = [
    ("free", "Free (parts and labour)"),
    ("materials", "Materials charged, labour free"),
    ("all", "Materials and labour charged"),
]


class AftersalesWarrantyPolicy(models.Model):
    """What a product (or every product of a category) is warranted for: a default period for the
    whole unit, one period per part, what starts the clock, an optional usage limit and who pays
    what inside and after the warranty (readme/CONFIGURE.md, "Who pays inside and after the
    warranty")."""

    _name = "aftersales.warranty.policy"
    _description = "Warranty Policy"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "product_tmpl_id, categ_id, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    product_tmpl_id = fields.Many2one(
        "product.template",
        string="Product",
        index=True,
        ondelete="cascade",
        check_company=True,
        help="The policy of a product wins over the policy of its category.",
    )
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        index=True,
        ondelete="cascade",
        help="Applies to every product of this category (and its sub-categories) that has no "
        "policy of its own.",
    )
    period_months = fields.Integer(
        string="Default Period (months)",
        default=12,
        required=True,
        help="Warranty of the whole unit, and of every part without a period of its own.",
    )
    clock_start = fields.Selection(
        CLOCK_STARTS,
        string="Warranty Starts On",
        default="delivery",
        required=True,
    )
    usage_limit = fields.Float(
        help="The warranty also ends when the usage reading entered at intake exceeds this "
        "limit. Zero means no usage limit.",
    )
    usage_uom = fields.Selection(
        [("hours", "Operating hours"), ("km", "Kilometres")],
        string="Usage Unit",
        default="hours",
    )
    damage_labour_charged = fields.Boolean(
        string="Charge Labour on User Damage",
        help="Inside the warranty, damage by the user, misuse or force majeure is charged for "
        "materials only; tick to charge the labour too.",
    )
    wear_rule = fields.Selection(
        WEAR_RULES,
        string="Wear and Tear",
        default="all",
        required=True,
        help="Who pays for normal wear inside the warranty.",
    )
    damage_parts_discount = fields.Float(
        string="Parts Discount on User Damage (%)",
        default=lambda self: self.env.company.aftersales_damage_parts_discount,
        help="Inside the warranty, parts replaced after damage by the user, misuse or force "
        "majeure are charged at their price less this discount.",
    )
    after_warranty_labour_charged = fields.Boolean(
        string="Charge Labour After Warranty",
        help="After the warranty, materials are always charged; labour is free unless this is "
        "ticked.",
    )
    line_ids = fields.One2many(
        "aftersales.warranty.policy.line", "policy_id", string="Part Periods", copy=True
    )
    promotion_ids = fields.One2many(
        "aftersales.warranty.promotion", "policy_id", string="Promotions", copy=True
    )

    _sql_constraints = [
        (
            "product_or_category",
            "CHECK((product_tmpl_id IS NULL) != (categ_id IS NULL))",
            "A warranty policy applies to either a product or a product category.",
        ),
        (
            "usage_limit_positive",
            "CHECK(usage_limit >= 0)",
            "The usage limit cannot be negative.",
        ),
        (
            "damage_parts_discount_range",
            "CHECK(damage_parts_discount >= 0 AND damage_parts_discount <= 100)",
            "The parts discount on user damage is a percentage between 0 and 100.",
        ),
    ]

    @api.constrains("name")
    def _check_text_not_blank(self):
        check_text_not_blank(self, ["name"])

    @api.constrains("damage_parts_discount")
    def _check_damage_parts_discount(self):
        for policy in self:
            if not 0.0 <= policy.damage_parts_discount <= 100.0:
                raise ValidationError(
                    _(
                        "The parts discount on user damage of %(policy)s is %(rate)s %%: enter "
                        "a percentage between 0 and 100.",
                        policy=policy.name,
                        rate=policy.damage_parts_discount,
                    )
                )

    @api.constrains("period_months")
    def _check_period_months(self):
        for policy in self:
            if not months_in_range(policy.period_months):
                raise ValidationError(
                    _(
                        "The warranty period of policy %(policy)s must be between 1 and 1,200 "
                        "months, not %(months)s.",
                        policy=policy.name,
                        months=policy.period_months,
                    )
                )

    @api.constrains("product_tmpl_id", "categ_id", "active", "company_id")
    def _check_unique_target(self):
        for policy in self.filtered("active"):
            domain = [
                ("id", "!=", policy.id),
                ("company_id", "=", policy.company_id.id),
                ("product_tmpl_id", "=", policy.product_tmpl_id.id),
                ("categ_id", "=", policy.categ_id.id),
            ]
            if self.search_count(domain, limit=1):
                raise ValidationError(
                    _(
                        "%(target)s already has an active warranty policy; edit it or archive "
                        "it first.",
                        target=(policy.product_tmpl_id or policy.categ_id).display_name,
                    )
                )

    def _get_part_products(self):
        """The products that are parts of what this policy warrants: the parts listed on the
        product (``warranty_part_ids``), or on the products of the category."""
        self.ensure_one()
        if self.product_tmpl_id:
            return self.product_tmpl_id.warranty_part_ids
        templates = self.env["product.template"].search(
            [("categ_id", "child_of", self.categ_id.id)]
        )
        return templates.warranty_part_ids

    @api.model
    def _for_products(self, products, companies):
        """{(product id, company id): policy} for each product: the product's own policy,
        else the policy of its nearest category. Two queries whatever the number of
        products."""
        categ_ids = {
            int(cid)
            for path in products.categ_id.mapped("parent_path")
            for cid in path.split("/")
            if cid
        }
        policies = self.search(
            [
                ("company_id", "in", companies.ids),
                "|",
                ("product_tmpl_id", "in", products.product_tmpl_id.ids),
                ("categ_id", "in", list(categ_ids)),
            ]
        )
        by_tmpl = {
            (p.product_tmpl_id.id, p.company_id.id): p for p in policies if p.product_tmpl_id
        }
        by_categ = {(p.categ_id.id, p.company_id.id): p for p in policies if p.categ_id}
        result = {}
        for product in products:
            for company in companies:
                policy = by_tmpl.get((product.product_tmpl_id.id, company.id))
                if not policy:
                    path = [
                        int(cid) for cid in (product.categ_id.parent_path or "").split("/") if cid
                    ]
                    for categ_id in reversed(path):
                        policy = by_categ.get((categ_id, company.id))
                        if policy:
                            break
                if policy:
                    result[(product.id, company.id)] = policy
        return result


class AftersalesWarrantyPolicyLine(models.Model):
    _name = "aftersales.warranty.policy.line"
    _description = "Warranty Period of a Part"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one(
        "aftersales.warranty.policy", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Part",
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        translate=True,
    )
    part_product_id = fields.Many2one(
        "product.product",
        index=True,
        help="A component of the product (listed in its Warranty Parts).",
    )
    part_categ_id = fields.Many2one(
        "product.category",
        string="Part Category",
        index=True,
        help="Every listed part of the product that belongs to this category.",
    )
    period_months = fields.Integer(string="Period (months)", required=True, default=12)

    _sql_constraints = [
        (
            "part_or_category",
            "CHECK((part_product_id IS NULL) != (part_categ_id IS NULL))",
            "A part period applies to either a part product or a part category.",
        ),
    ]

    @api.depends("part_product_id", "part_categ_id")
    def _compute_name(self):
        for line in self:
            if not line.name:
                line.name = (line.part_product_id or line.part_categ_id).display_name or False

    @api.constrains("period_months")
    def _check_period_months(self):
        for line in self:
            if not months_in_range(line.period_months):
                raise ValidationError(
                    _(
                        "The warranty period of %(part)s must be between 1 and 1,200 months, "
                        "not %(months)s.",
                        part=line.name or line.policy_id.name,
                        months=line.period_months,
                    )
                )

    @api.constrains("part_product_id", "part_categ_id", "policy_id")
    def _check_part_of_product(self):
        for line in self:
            parts = line.policy_id._get_part_products()
            if line.part_product_id and line.part_product_id.product_tmpl_id not in parts:
                raise ValidationError(
                    _(
                        "%(part)s is not a part of %(target)s. Add it to the Warranty Parts of "
                        "the product first.",
                        part=line.part_product_id.display_name,
                        target=(
                            line.policy_id.product_tmpl_id or line.policy_id.categ_id
                        ).display_name,
                    )
                )
            if line.part_categ_id and not parts.filtered(
                lambda p, categ=line.part_categ_id: p.categ_id.parent_path.startswith(
                    categ.parent_path
                )
            ):
                raise ValidationError(
                    _(
                        "No part of %(target)s belongs to the category %(categ)s. Add the parts "
                        "to the Warranty Parts of the product first.",
                        target=(
                            line.policy_id.product_tmpl_id or line.policy_id.categ_id
                        ).display_name,
                        categ=line.part_categ_id.display_name,
                    )
                )


class AftersalesWarrantyPromotion(models.Model):
    _name = "aftersales.warranty.promotion"
    _description = "Warranty Promotion"
    _order = "date_from desc, id"

    policy_id = fields.Many2one(
        "aftersales.warranty.policy", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    name = fields.Char(required=True, translate=True)
    date_from = fields.Date(string="Sales From", required=True)
    date_to = fields.Date(string="Sales Until", required=True)
    policy_line_id = fields.Many2one(
        "aftersales.warranty.policy.line",
        string="Only for Part",
        domain="[('policy_id', '=', policy_id)]",
        help="Leave empty to extend the unit and every part.",
    )
    extra_months = fields.Integer(required=True, default=12)

    _sql_constraints = [
        (
            "extra_months_positive",
            "CHECK(extra_months > 0)",
            "A promotion must extend the warranty by a positive number of months.",
        ),
        (
            "dates_ordered",
            "CHECK(date_to >= date_from)",
            "A promotion cannot end before it starts.",
        ),
    ]

    @api.constrains("name")
    def _check_text_not_blank(self):
        check_text_not_blank(self, ["name"])

    @api.constrains("extra_months", "date_from", "date_to")
    def _check_bounds(self):
        for promotion in self:
            if not months_in_range(promotion.extra_months):
                raise ValidationError(
                    _(
                        "Promotion %(promotion)s must extend the warranty by 1 to 1,200 months, "
                        "not %(months)s.",
                        promotion=promotion.name,
                        months=promotion.extra_months,
                    )
                )
            if not (date_in_range(promotion.date_from) and date_in_range(promotion.date_to)):
                raise ValidationError(
                    _(
                        "The dates of promotion %(promotion)s must lie between 1900 and 2200.",
                        promotion=promotion.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        promotions = super().create(vals_list)
        promotions._notify_service_team()
        return promotions

    def write(self, vals):
        res = super().write(vals)
        if {"extra_months", "date_from", "date_to", "policy_line_id", "policy_id"} & set(vals):
            self._notify_service_team()
        return res

    def _notify_service_team(self):
        """(readme/CONFIGURE.md, "Promotions told to the service team"): a promotion changes a
        warranty period and the service team must be told: a note on the policy and a to-do for
        each member of the company's service team (the group set in the After-Sales settings)."""
        activity_type_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "mail.mail_activity_data_todo"
        )
        model_id = self.env["ir.model"]._get_id("aftersales.warranty.policy")
        activity_vals = []
        for promotion in self:
            policy = promotion.policy_id
            company = policy.company_id
            text = self.env._(
                "Promotion %(promotion)s extends the warranty of %(part)s under %(policy)s by "
                "%(months)s months for units sold from %(date_from)s to %(date_to)s.",
                promotion=promotion.name,
                part=promotion.policy_line_id.name or self.env._("the unit and every part"),
                policy=policy.name,
                months=promotion.extra_months,
                date_from=format_date(self.env, promotion.date_from),
                date_to=format_date(self.env, promotion.date_to),
            )
            policy.message_post(body=text)
            group = company.aftersales_promotion_group_id
            users = group.users.filtered(
                lambda u, company=company: company in u.company_ids and not u.share
            )
            activity_vals += [
                {
                    "activity_type_id": activity_type_id,
                    "res_model_id": model_id,
                    "res_id": policy.id,
                    "user_id": user.id,
                    "summary": self.env._("Warranty period extended by a promotion"),
                    "note": text,
                    "date_deadline": fields.Date.context_today(self),
                }
                for user in users
            ]
        if activity_vals:
            # sudo: the team members are told whatever their rights on the policy
            self.env["mail.activity"].sudo().create(activity_vals)

    def _extra_months(self, sale_date, policy_line=None):
        """Months added for a unit sold on ``sale_date`` (to ``policy_line``, or to the unit's
        default period when ``policy_line`` is empty)."""
        extra = 0
        for promo in self:
            if not sale_date or not promo.date_from <= sale_date <= promo.date_to:
                continue
            if promo.policy_line_id and promo.policy_line_id != policy_line:
                continue
            extra += promo.extra_months
        return extra
