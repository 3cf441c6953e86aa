# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools
from odoo.tools import SQL


class AftersalesWarrantyCostReport(models.Model):
    """Warranty cost: the cost of parts consumed free of charge on repairs (covered by a
    warranty, a contract or goodwill), by product, part, cause, supplier, customer, month."""

    _name = "aftersales.warranty.cost.report"
    _description = "Warranty Cost Analysis"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    repair_id = fields.Many2one("repair.order", readonly=True)
    product_id = fields.Many2one("product.product", string="Product Repaired", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Serial Number", readonly=True)
    part_id = fields.Many2one("product.product", readonly=True)
    part_categ_id = fields.Many2one("product.category", string="Part Category", readonly=True)
    supplier_id = fields.Many2one("res.partner", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    failure_cause = fields.Selection(selection="_selection_failure_cause", readonly=True)
    source = fields.Selection(
        [("policy", "Warranty"), ("contract", "Contract"), ("goodwill", "Goodwill")],
        string="Covered By",
        readonly=True,
    )
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    cost = fields.Float(readonly=True, digits="Product Price")

    @api.model
    def _selection_failure_cause(self):
        field = self.env["repair.order"]._fields.get("failure_cause")
        return field._description_selection(self.env) if field else []

    def _cause_sql(self):
        if "failure_cause" in self.env["repair.order"]._fields:
            return SQL("ro.failure_cause")
        return SQL("NULL::varchar")

    def _query(self):
        return SQL(
            """
            SELECT sm.id AS id,
                   sm.date::date AS date,
                   sm.company_id AS company_id,
                   ro.id AS repair_id,
                   ro.product_id AS product_id,
                   ro.lot_id AS lot_id,
                   sm.product_id AS part_id,
                   pt.categ_id AS part_categ_id,
                   seller.partner_id AS supplier_id,
                   ro.partner_id AS partner_id,
                   %(cause)s AS failure_cause,
                   sm.warranty_source AS source,
                   sm.quantity AS quantity,
                   sm.warranty_cost AS cost
              FROM stock_move sm
              JOIN repair_order ro ON ro.id = sm.repair_id
              JOIN product_product pp ON pp.id = sm.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              LEFT JOIN LATERAL (
                    SELECT si.partner_id
                      FROM product_supplierinfo si
                     WHERE si.product_tmpl_id = pt.id
                  ORDER BY si.sequence, si.id
                     LIMIT 1
              ) seller ON TRUE
             WHERE sm.repair_line_type = 'add'
               AND sm.state = 'done'
               AND sm.warranty_charged IS NOT TRUE
            """,
            cause=self._cause_sql(),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
