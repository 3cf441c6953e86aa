# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from ..tools import check_text_not_blank


class AftersalesKbSolution(models.Model):
    """A known fault and how to fix it, per product or product category (readme/CONFIGURE.md,
    "Knowledge base"). Drafts are visible to their author and to managers; a manager's review
    publishes them to every technician (record rules)."""

    _name = "aftersales.kb.solution"
    _description = "Knowledge Base Solution"
    _inherit = ["mail.thread"]
    _order = "state desc, sequence, name"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    product_id = fields.Many2one("product.product", index="btree_not_null")
    product_categ_id = fields.Many2one(
        "product.category",
        help="The solution applies to products of this category and of its sub-categories.",
    )
    fault_code_id = fields.Many2one("aftersales.fault.code", index="btree_not_null")
    symptoms = fields.Text(translate=True)
    diagnosis_steps = fields.Html(translate=True)
    fix = fields.Html(translate=True)
    part_ids = fields.Many2many("product.product", string="Parts Usually Needed")
    attachment_ids = fields.Many2many("ir.attachment")
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    reviewed_by_id = fields.Many2one("res.users", readonly=True)
    review_date = fields.Datetime(string="Reviewed On", readonly=True)
    source_repair_id = fields.Many2one(
        "repair.order", string="From Repair", readonly=True, check_company=True
    )
    search_text = fields.Char(
        string="Search",
        compute="_compute_search_text",
        search="_search_search_text",
        help="Searches the title, symptoms, diagnosis steps and fix.",
    )
    use_count = fields.Integer(string="Used in Repairs", readonly=True, default=0)

    def _compute_search_text(self):
        self.search_text = False

    def _search_search_text(self, operator, value):
        if operator not in ("ilike", "like", "=", "=ilike"):
            operator = "ilike"
        domains = []
        for word in (value or "").split():
            domains.append(
                expression.OR(
                    [
                        [("name", "ilike", word)],
                        [("symptoms", "ilike", word)],
                        [("diagnosis_steps", "ilike", word)],
                        [("fix", "ilike", word)],
                        [("fault_code_id.code", "ilike", word)],
                    ]
                )
            )
        return expression.AND(domains) if domains else []

    @api.constrains("name")
    def _check_text_not_blank(self):
        check_text_not_blank(self, ["name"])

    def action_publish(self):
        """A manager reviews the solution and publishes it to every technician."""
        if not self.env.user.has_group("aftersales_repair.aftersales_group_manager"):
            raise AccessError(
                _("Only an After-Sales Manager reviews and publishes knowledge-base solutions.")
            )
        self.write(
            {
                "state": "published",
                "reviewed_by_id": self.env.user.id,
                "review_date": fields.Datetime.now(),
            }
        )
        return True

    def action_set_draft(self):
        if not self.env.user.has_group("aftersales_repair.aftersales_group_manager"):
            raise AccessError(_("Only an After-Sales Manager withdraws published solutions."))
        self.write({"state": "draft", "reviewed_by_id": False, "review_date": False})
        return True

    @api.model
    def _suggest_for(self, repairs):
        """{repair id: solutions} of the published solutions matching each repair: same fault
        code, or same product or category (parent categories included), best matches first
        (fault code and product, then fault code, then product)."""
        result = {repair.id: self.browse() for repair in repairs}
        repairs = repairs.filtered(lambda r: r.fault_code_id or r.product_id)
        if not repairs:
            return result
        categories = repairs.product_id.categ_id
        domain = [
            ("state", "=", "published"),
            "|",
            "|",
            ("fault_code_id", "in", repairs.fault_code_id.ids),
            ("product_id", "in", repairs.product_id.ids),
            ("product_categ_id", "parent_of", categories.ids),
        ]
        candidates = self.search(domain)
        for repair in repairs:
            scored = []
            for solution in candidates:
                if solution.company_id and solution.company_id != repair.company_id:
                    continue
                fault_ok = (
                    not solution.fault_code_id or solution.fault_code_id == repair.fault_code_id
                )
                if solution.product_id:
                    product_ok = solution.product_id == repair.product_id
                elif solution.product_categ_id:
                    product_ok = bool(
                        repair.product_id.categ_id
                        and repair.product_id.categ_id.parent_path.startswith(
                            solution.product_categ_id.parent_path
                        )
                    )
                else:
                    product_ok = True
                if not (fault_ok and product_ok):
                    continue
                score = (2 if solution.fault_code_id else 0) + (
                    1 if (solution.product_id or solution.product_categ_id) else 0
                )
                if score:
                    scored.append((score, solution))
            scored.sort(key=lambda item: (-item[0], item[1].sequence, item[1].id))
            result[repair.id] = self.browse([solution.id for _score, solution in scored])
        return result
