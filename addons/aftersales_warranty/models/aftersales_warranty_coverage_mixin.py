# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models

from .warranty_reason import prefetch_reason_records, render_reason


class AftersalesWarrantyCoverageMixin(models.AbstractModel):
    """Coverage of one line of a repair (a part or a labour line), priced from the coverage
    service: a covered line costs the customer nothing, and says why."""

    _name = "aftersales.warranty.coverage.mixin"
    _description = "Warranty Coverage of a Repair Line"

    warranty_charged = fields.Boolean(
        string="Charged",
        compute="_compute_warranty_coverage",
        store=True,
        precompute=True,
        help="Whether the customer pays this line (per its warranty, contract or goodwill).",
    )
    warranty_source = fields.Selection(
        [("policy", "Warranty"), ("contract", "Contract"), ("goodwill", "Goodwill")],
        string="Covered By",
        compute="_compute_warranty_coverage",
        store=True,
        precompute=True,
    )
    warranty_reason_data = fields.Json(
        string="Coverage (codes)",
        compute="_compute_warranty_coverage",
        store=True,
        precompute=True,
        help="Why the line is covered or charged, as codes and values: the sentence is built "
        "in the reader's language when read.",
    )
    warranty_reason = fields.Char(string="Coverage", compute="_compute_warranty_reason")
    warranty_end_date = fields.Date(
        string="Covered Until",
        compute="_compute_warranty_coverage",
        store=True,
        precompute=True,
    )
    warranty_line_id = fields.Many2one(
        "aftersales.warranty.line",
        string="Warranty Coverage",
        compute="_compute_warranty_coverage",
        store=True,
        precompute=True,
    )
    warranty_contract_id = fields.Many2one(
        "aftersales.warranty.contract",
        string="Maintenance Contract",
        compute="_compute_warranty_coverage",
        store=True,
        precompute=True,
        index="btree_not_null",
    )

    def _aftersales_coverage_depends(self):
        """Fields the coverage of a line depends on (by model)."""
        return []

    def _aftersales_repair(self):
        """The repair.order of this line (or an empty recordset)."""
        return self.env["repair.order"]

    def _aftersales_coverage_applies(self):
        return bool(self._aftersales_repair())

    def _aftersales_coverage_records(self):
        """The records among these that the coverage applies to (in one batch)."""
        return self.filtered(lambda rec: rec._aftersales_coverage_applies())

    def _aftersales_is_labour(self):
        return False

    def _aftersales_coverage_product(self):
        return self.env["product.product"]

    def _aftersales_recompute_coverage(self):
        fnames = [
            name
            for name, field in self._fields.items()
            if field.compute == "_compute_warranty_coverage"
        ]
        for fname in fnames:
            self.env.add_to_compute(self._fields[fname], self)
        # what depends on the coverage (prices, the repair's category) follows
        self.modified(fnames)
        self.env.flush_all()

    @api.depends("warranty_reason_data")
    @api.depends_context("lang")
    def _compute_warranty_reason(self):
        prefetch_reason_records(self.env, self.mapped("warranty_reason_data"))
        for rec in self:
            rec.warranty_reason = render_reason(self.env, rec.warranty_reason_data) or False

    @api.depends(lambda self: self._aftersales_coverage_depends())
    def _compute_warranty_coverage(self):
        # The lines of a batch mostly share their coverage: the values are assigned per
        # (field, value) group, not field by field on each line (each assignment costs the
        # ORM a cache update and its dependents' invalidation).
        groups = defaultdict(list)  # (field name, key of the value) -> [value, ids]

        def assign(rec, values):
            for fname, value in values.items():
                key = (fname, repr(value))
                group = groups.get(key)
                if group is None:
                    groups[key] = [value, [rec.id]]
                else:
                    group[1].append(rec.id)

        todo = self._aftersales_coverage_records()
        empty = {
            "warranty_charged": True,
            "warranty_source": False,
            "warranty_reason_data": False,
            "warranty_end_date": False,
            "warranty_line_id": False,
            "warranty_contract_id": False,
        }
        for rec in self - todo:
            assign(rec, empty)
        if todo:
            Warranty = self.env["aftersales.warranty"]
            # what the coverage reads on the repair, read once a repair (not once a line)
            by_repair = {}  # repair id -> None (goodwill) or (lot, date, cause)
            goodwill, others, requests = [], [], []
            for rec in todo:
                repair = rec._aftersales_repair()
                if repair.id not in by_repair:
                    by_repair[repair.id] = (
                        None
                        if repair.under_warranty
                        else (
                            repair.lot_id,
                            repair._aftersales_coverage_date(),
                            repair._aftersales_failure_cause(),
                        )
                    )
                request = by_repair[repair.id]
                if request is None:
                    goodwill.append(rec)
                else:
                    lot, date, cause = request
                    others.append(rec)
                    requests.append((lot, rec._aftersales_coverage_product(), date, cause))
            pairs = list(zip(others, Warranty.coverage_batch(requests), strict=True))
            goodwill_coverage = Warranty._goodwill_coverage()
            pairs += [(rec, goodwill_coverage) for rec in goodwill]
            for rec, coverage in pairs:
                charged = (
                    coverage.charge_labour
                    if rec._aftersales_is_labour()
                    else coverage.charge_parts
                )
                assign(
                    rec,
                    {
                        "warranty_charged": charged,
                        "warranty_source": (not charged and coverage.source) or False,
                        "warranty_reason_data": coverage.reason_data,
                        "warranty_end_date": coverage.end_date,
                        "warranty_line_id": coverage.warranty_line.id,
                        "warranty_contract_id": coverage.contract.id,
                    },
                )
        for (fname, __), (value, ids) in groups.items():
            self.browse(ids)[fname] = value
