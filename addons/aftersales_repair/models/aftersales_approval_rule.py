# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, format_amount, ormcache

from ..tools import check_text_not_blank


class AftersalesApprovalRule(models.Model):
    """Who must approve a document of a type, for an amount band (DOMAIN.md §4).

    The band is explicit about its boundaries: "up to 500" is `amount_to = 500` with
    `amount_to_included = True`; "above 2,000" is `amount_from = 2000` with
    `amount_from_included = False` and `no_upper_limit = True`. Every step of a rule must
    approve; when several rules match the same document, all their steps are required.
    Other modules add document types with `selection_add` (see the mixin's docstring).
    """

    _name = "aftersales.approval.rule"
    _description = "After-Sales Approval Rule"
    _order = "company_id, document_type, sequence, amount_from, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    document_type = fields.Selection(
        [
            ("repair_price", "Repair Service Price"),
            ("repair_waiver", "Repair Charge Waiver"),
        ],
        required=True,
        index=True,
    )
    amount_from = fields.Monetary(
        string="From Amount",
        currency_field="currency_id",
        help="Lower boundary of the band, in the company currency.",
    )
    amount_from_included = fields.Boolean(
        string="From Included",
        default=False,
        help="Ticked: the band starts AT this amount (>=). Unticked: ABOVE it (>).",
    )
    amount_to = fields.Monetary(
        string="To Amount",
        currency_field="currency_id",
        help="Upper boundary of the band, in the company currency.",
    )
    amount_to_included = fields.Boolean(
        string="To Included",
        default=True,
        help="Ticked: 'up to' includes this amount (<=). Unticked: BELOW it (<).",
    )
    no_upper_limit = fields.Boolean(help="The band has no upper boundary (e.g. 'above 5,000').")
    band_description = fields.Char(string="Amount Band", compute="_compute_band_description")
    product_categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Only for documents about products of these categories (or their children). "
        "Empty: any product.",
    )
    part_type = fields.Selection(
        [("standard", "Standard"), ("non_standard", "Non-Standard")],
        help="Only for standard or non-standard parts. Empty: any part.",
    )
    team_ids = fields.Many2many(
        "crm.team",
        string="Requester's Teams",
        check_company=True,
        help="Only when the requester belongs to one of these sales teams. Empty: anyone.",
    )
    step_ids = fields.One2many(
        "aftersales.approval.rule.step", "rule_id", string="Approval Steps", copy=True
    )
    note = fields.Text(string="Notes")

    @api.depends(
        "amount_from",
        "amount_from_included",
        "amount_to",
        "amount_to_included",
        "no_upper_limit",
        "currency_id",
    )
    def _compute_band_description(self):
        for rule in self:
            low = format_amount(self.env, rule.amount_from, rule.currency_id)
            high = format_amount(self.env, rule.amount_to, rule.currency_id)
            low_part = (">= %s" if rule.amount_from_included else "> %s") % low
            if rule.no_upper_limit:
                rule.band_description = low_part
            else:
                high_part = ("<= %s" if rule.amount_to_included else "< %s") % high
                rule.band_description = f"{low_part} and {high_part}"

    @api.constrains("name")
    def _check_text_not_blank(self):
        check_text_not_blank(self, ["name"])

    @api.constrains("amount_from", "amount_to", "no_upper_limit", "step_ids")
    def _check_band(self):
        for rule in self:
            if float_compare(rule.amount_from, 0.0, precision_digits=2) < 0:
                raise ValidationError(
                    _(
                        "Approval rule %(rule)s: the From amount cannot be negative.",
                        rule=rule.name,
                    )
                )
            if not rule.no_upper_limit and (
                float_compare(rule.amount_to, rule.amount_from, precision_digits=2) < 0
            ):
                raise ValidationError(
                    _(
                        "Approval rule %(rule)s: the To amount must not be below the From "
                        "amount; tick 'No Upper Limit' for an open band.",
                        rule=rule.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        # the applicable-rule lookup (_get_rule_ids) is cached per company and document type
        self.env.registry.clear_cache()
        return rules

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    def _matches_amount(self, amount):
        self.ensure_one()
        rounding = self.currency_id.rounding or 0.01
        low = float_compare(amount, self.amount_from, precision_rounding=rounding)
        if low < 0 or (low == 0 and not self.amount_from_included):
            return False
        if self.no_upper_limit:
            return True
        high = float_compare(amount, self.amount_to, precision_rounding=rounding)
        return high < 0 or (high == 0 and self.amount_to_included)

    def _matches_filters(self, product_categories=None, part_type=None, team=None, **_kw):
        self.ensure_one()
        if self.product_categ_ids:
            categories = product_categories or self.env["product.category"]
            wanted = self.env["product.category"].search(
                [("id", "child_of", self.product_categ_ids.ids)]
            )
            if not categories & wanted:
                return False
        if self.part_type and self.part_type != part_type:
            return False
        return not (self.team_ids and (not team or team not in self.team_ids))

    @api.model
    def _get_applicable_rules(self, document_type, amount, company, **filters):
        """The active rules of `company` for `document_type` whose band contains `amount`
        (company currency) and whose optional filters match: `product_categories`
        (product.category records), `part_type` ('standard'/'non_standard'), `team`
        (crm.team of the requester)."""
        active_test = self.env.context.get("active_test", True)
        # sudo: rules are configuration every requester must be able to evaluate, even a
        # technician without read access to the approval configuration.
        rules = self.sudo().browse(self._get_rule_ids(company.id, document_type, active_test))
        return rules.filtered(
            lambda r: r._matches_amount(amount) and r._matches_filters(**filters)
        ).with_env(self.env)

    @api.model
    @ormcache("company_id", "document_type", "active_test")
    def _get_rule_ids(self, company_id, document_type, active_test=True):
        """Ids of the rules of a company for a document type, in rule order. Cached: every
        approval state, request and decision looks them up; create, write and unlink of a
        rule clear the cache."""
        # sudo: see _get_applicable_rules; the result does not depend on the user.
        return tuple(
            self.sudo()
            .with_context(active_test=active_test)
            .search([("company_id", "=", company_id), ("document_type", "=", document_type)])
            .ids
        )

    @api.model
    def _aftersales_seed_default_rules(self, module, companies=None):
        """Give each of ``companies`` (default: all) a copy of the default rules that
        ``module`` ships as data for the main company (as the manager may have edited them),
        for each document type the company has no rule of yet. Idempotent; called at install
        for the existing companies and when a company is created. Returns the new rules."""
        # sudo: rules are configuration created with the company by whoever may create
        # companies (an administrator), whatever their After-Sales rights.
        Rule = self.sudo().with_context(active_test=False)
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search([("module", "=", module), ("model", "=", self._name)])
        )
        defaults = Rule.browse(data.mapped("res_id")).exists()
        if not defaults:
            return Rule
        companies = companies or self.env["res.company"].sudo().search([])
        existing = {
            (company.id, document_type)
            for company, document_type in Rule._read_group(
                [
                    ("company_id", "in", companies.ids),
                    ("document_type", "in", list(set(defaults.mapped("document_type")))),
                ],
                ["company_id", "document_type"],
            )
        }
        created = Rule
        for company in companies:
            for rule in defaults:
                if (company.id, rule.document_type) not in existing:
                    created |= rule.copy({"company_id": company.id, "name": rule.name})
        return created


class AftersalesApprovalRuleStep(models.Model):
    _name = "aftersales.approval.rule.step"
    _description = "After-Sales Approval Rule Step"
    _order = "rule_id, sequence, id"

    rule_id = fields.Many2one(
        "aftersales.approval.rule", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="rule_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    reviewer_type = fields.Selection(
        [("group", "Any User of a Group"), ("user", "A Specific User")],
        string="Approved By",
        default="group",
        required=True,
    )
    group_id = fields.Many2one("res.groups", string="Approver Group")
    user_id = fields.Many2one("res.users", string="Approver", domain=[("share", "=", False)])
    mode = fields.Selection(
        [
            ("sequential", "After the previous step"),
            ("parallel", "Together with the previous step"),
        ],
        default="sequential",
        required=True,
        help="Sequential: this step starts when every earlier step is approved. Parallel: "
        "it is open at the same time as the step before it.",
    )
    name = fields.Char(string="Step", compute="_compute_name")

    _sql_constraints = [
        (
            "reviewer_set",
            "CHECK(group_id IS NOT NULL OR user_id IS NOT NULL)",
            "Each approval step needs an approver group or an approver.",
        ),
    ]

    @api.depends("reviewer_type", "group_id", "user_id")
    def _compute_name(self):
        for step in self:
            step.name = (
                step.user_id.name if step.reviewer_type == "user" else step.group_id.name
            ) or ""

    @api.onchange("reviewer_type")
    def _onchange_reviewer_type(self):
        if self.reviewer_type == "user":
            self.group_id = False
        else:
            self.user_id = False

    @api.constrains("reviewer_type", "group_id", "user_id")
    def _check_reviewer(self):
        for step in self:
            if step.reviewer_type == "group" and not step.group_id:
                raise ValidationError(_("Choose the approver group of each group step."))
            if step.reviewer_type == "user" and not step.user_id:
                raise ValidationError(_("Choose the approver of each user step."))
