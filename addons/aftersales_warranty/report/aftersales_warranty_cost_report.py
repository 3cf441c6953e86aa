# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools
from odoo.tools import SQL


class AftersalesWarrantyCostReport(models.Model):
    """Warranty cost: the cost of parts consumed free of charge on repairs (covered by a
    warranty, a contract or goodwill), and of warranty parts issued outside a repair (to a
    dealer or a technician) whose defective part was accepted at inspection, by product, part,
    cause, supplier, customer, month;
    next to it what the suppliers gave back on the claims settled (vendor credit notes,
    replacements), dated when the claim was settled, so that the net cost reads per month,
    product and supplier."""

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
    recovered = fields.Float(
        string="Recovered from Suppliers",
        readonly=True,
        digits="Product Price",
        help="Settled supplier claims: the vendor's credit note or the replacement's cost.",
    )
    net_cost = fields.Float(
        readonly=True,
        digits="Product Price",
        help="Warranty cost less what the suppliers gave back.",
    )
    claim_id = fields.Many2one("aftersales.supplier.claim", string="Supplier Claim", readonly=True)

    @api.model
    def _selection_failure_cause(self):
        return self.env["repair.order"]._fields["failure_cause"]._description_selection(self.env)

    def _cause_sql(self):
        return SQL("ro.failure_cause")

    def _query(self):
        return SQL(
            """
            SELECT sm.id * 3 AS id,
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
                   sm.warranty_cost AS cost,
                   0.0 AS recovered,
                   sm.warranty_cost AS net_cost,
                   NULL::integer AS claim_id
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
             UNION ALL
            SELECT sc.id * 3 + 1 AS id,
                   sc.date_outcome AS date,
                   sc.company_id AS company_id,
                   pr.repair_id AS repair_id,
                   COALESCE(ro.product_id, lot.product_id) AS product_id,
                   pr.lot_id AS lot_id,
                   sc.product_id AS part_id,
                   pt.categ_id AS part_categ_id,
                   sc.partner_id AS supplier_id,
                   COALESCE(ro.partner_id, req.customer_id) AS partner_id,
                   %(cause)s AS failure_cause,
                   NULL AS source,
                   0.0 AS quantity,
                   0.0 AS cost,
                   sc.recovered_amount AS recovered,
                   -sc.recovered_amount AS net_cost,
                   sc.id AS claim_id
              FROM aftersales_supplier_claim sc
              JOIN product_product pp ON pp.id = sc.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
         LEFT JOIN aftersales_part_return pr ON pr.id = sc.return_id
         LEFT JOIN aftersales_warranty_part_request req ON req.id = pr.request_id
         LEFT JOIN repair_order ro ON ro.id = pr.repair_id
         LEFT JOIN stock_lot lot ON lot.id = pr.lot_id
             WHERE sc.state = 'done'
               AND sc.recovered_amount != 0
             UNION ALL
            SELECT ret.id * 3 + 2 AS id,
                   ret.date_issued AS date,
                   ret.company_id AS company_id,
                   NULL::integer AS repair_id,
                   lot.product_id AS product_id,
                   ret.lot_id AS lot_id,
                   ret.product_id AS part_id,
                   pt.categ_id AS part_categ_id,
                   seller.partner_id AS supplier_id,
                   COALESCE(req.customer_id, req.dealer_id) AS partner_id,
                   CASE WHEN ret.failure_cause IN %(return_causes)s
                        THEN ret.failure_cause END AS failure_cause,
                   req.coverage_source AS source,
                   ret.quantity AS quantity,
                   ret.warranty_cost AS cost,
                   0.0 AS recovered,
                   ret.warranty_cost AS net_cost,
                   NULL::integer AS claim_id
              FROM aftersales_part_return ret
              JOIN aftersales_warranty_part_request req ON req.id = ret.request_id
         LEFT JOIN aftersales_warranty_part_request_line rl ON rl.id = ret.request_line_id
              JOIN product_product pp ON pp.id = ret.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
         LEFT JOIN stock_lot lot ON lot.id = ret.lot_id
         LEFT JOIN LATERAL (
                    SELECT si.partner_id
                      FROM product_supplierinfo si
                     WHERE si.product_tmpl_id = pt.id
                  ORDER BY si.sequence, si.id
                     LIMIT 1
              ) seller ON TRUE
             WHERE ret.state = 'accepted'
               -- parts issued for a repair line are counted once, on that repair line
               AND rl.repair_move_id IS NULL
            """,
            cause=self._cause_sql(),
            return_causes=self._return_causes_sql(),
        )

    def _return_causes_sql(self):
        """The causes of a returned part that are also failure causes of a repair (the
        report's cause dimension); 'supplier' has no repair counterpart."""
        causes = tuple(key for key, __ in self._selection_failure_cause()) or ("",)
        return SQL("(%s)", SQL(", ").join(SQL("%s", cause) for cause in causes))

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
