# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


class AftersalesFaultCode(models.Model):
    _name = "aftersales.fault.code"
    _description = "Fault Code"
    _order = "code, name"
    _rec_names_search = ["code", "name"]
    _check_company_auto = True

    name = fields.Char(string="Fault", required=True, translate=True)
    code = fields.Char(required=True, index=True)
    description = fields.Text(translate=True)
    product_category_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Categories of products this fault applies to (their sub-categories included). "
        "Leave empty for a fault that applies to every product.",
    )
    is_major = fields.Boolean(
        string="Major Failure",
        help="A major failure is reported to the general manager at once.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A fault code must be unique per company.",
        ),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for fault in self:
            fault.display_name = f"[{fault.code}] {fault.name}" if fault.code else fault.name

    @api.constrains("code", "name")
    def _check_text(self):
        if any(not (fault.code or "").strip() or not (fault.name or "").strip() for fault in self):
            raise ValidationError(_("A fault code needs a code and a name that are not blank."))

    @api.model
    def _domain_for_product(self, product):
        """Fault codes applicable to a product: those of its category or of a parent category,
        and those without category."""
        domain = [("product_category_ids", "=", False)]
        if product and product.categ_id:
            categ_ids = [int(cid) for cid in product.categ_id.parent_path.split("/") if cid]
            domain = expression.OR([domain, [("product_category_ids", "in", categ_ids)]])
        return domain
