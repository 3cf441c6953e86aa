# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, format_amount, ormcache
from odoo.tools.safe_eval import safe_eval


class AftersalesApprovalRule(models.Model):
    """Who must approve a document of a type, for an amount band
    (readme/CONFIGURE.md, "Approval rules and bands").

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
        [],
        help="What the rule approves; each product add-on adds its document types.",
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
    domain = fields.Char(
        string="Condition",
        default="[]",
        help="Only for the documents matching this domain (evaluated on the document). "
        "Empty: every document of the type.",
    )
    res_model = fields.Char(
        string="Document Model",
        compute="_compute_res_model",
        help="Technical: the model of the documents of this type (for the condition editor).",
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

    @api.depends("document_type")
    def _compute_res_model(self):
        models_by_type = self._get_document_models()
        for rule in self:
            rule.res_model = models_by_type.get(rule.document_type, False)

    @api.model
    def _get_document_models(self):
        """{document type: model name} of the documents that use the approval mixin."""
        result = {}
        for name in self.env.registry.descendants(["aftersales.approval.mixin"], "_inherit"):
            model = self.env[name]
            if model._abstract:
                continue
            for document_type in model._approval_document_types or [model._approval_document_type]:
                if document_type:
                    result[document_type] = name
        return result

    @api.constrains("name")
    def _check_text_not_blank(self):
        for rule in self:
            if not (rule.name or "").strip():
                raise ValidationError(
                    _(
                        "%(model)s: %(field)s cannot be blank. Enter a text.",
                        model=rule._description,
                        field=rule._fields["name"]._description_string(rule.env),
                    )
                )

    @api.constrains("domain", "document_type")
    def _check_domain(self):
        for rule in self:
            try:
                domain = rule._get_condition()
                if rule.res_model:
                    # a condition on fields the documents do not have is refused here, not
                    # when a document is submitted
                    rule._check_condition_fields(self.env[rule.res_model], domain)
            except Exception as error:
                raise ValidationError(
                    _(
                        "Approval rule %(rule)s: the condition is not a valid domain of its "
                        "documents (%(error)s).",
                        rule=rule.name,
                        error=error,
                    )
                ) from error

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

    @api.model
    def _check_condition_fields(self, model, domain):
        """Raise a ValueError when a leaf of `domain` names a field path `model` lacks (the
        condition is evaluated with filtered_domain, so non-stored fields are allowed)."""
        for leaf in domain:
            if leaf in ("&", "|", "!") or not isinstance(leaf, list | tuple):
                continue
            if len(leaf) != 3:
                raise ValueError(_("a domain is a list of conditions"))
            current = model
            path = str(leaf[0]).split(".")
            for index, fname in enumerate(path):
                field = current._fields.get(fname)
                if field is None:
                    raise ValueError(fname)
                if field.relational:
                    current = self.env[field.comodel_name]
                elif index < len(path) - 1 and path[index + 1] != "id":
                    raise ValueError(".".join(path))

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

    def _get_condition(self):
        """The rule's condition as a domain (a list)."""
        self.ensure_one()
        domain = safe_eval(self.domain or "[]")
        if not isinstance(domain, list | tuple):
            raise ValueError(_("a domain is a list of conditions"))
        return list(domain)

    def _matches_document(self, document):
        """Whether `document` meets the rule's condition (always, without a condition)."""
        self.ensure_one()
        domain = self._get_condition()
        if not domain:
            return True
        return bool(document) and bool(document.filtered_domain(domain))

    @api.model
    def _get_applicable_rules(self, document_type, amount, company, document=None):
        """The active rules of `company` for `document_type` whose band contains `amount`
        (company currency) and whose condition `document` meets (a rule with a condition
        never applies without a document)."""
        active_test = self.env.context.get("active_test", True)
        # sudo: rules are configuration every requester must be able to evaluate, even a
        # technician without read access to the approval configuration.
        rules = self.sudo().browse(self._get_rule_ids(company.id, document_type, active_test))
        return rules.filtered(
            lambda r: r._matches_amount(amount) and r._matches_document(document)
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
